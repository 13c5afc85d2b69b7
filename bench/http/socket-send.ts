import { request as httpRequest } from 'node:http';
import type { Send } from './check.js';

/** The socket transport as the correctness check sees it: one plain node:http request per case. */
export function socketSend(port: number, host = '127.0.0.1'): Send {
  return (spec) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host, port, method: spec.method, path: spec.url, headers: spec.headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'],
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(spec.body);
    });
}
