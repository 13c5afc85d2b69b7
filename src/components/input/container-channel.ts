import type { InjectOptions, InjectResponse } from '../../service/index.js';
import type { AppAnswer, AppChannel } from './app-channel.js';

/** The one method of a Container the in-process channel uses. */
export interface InjectTarget {
  inject(options: InjectOptions): Promise<InjectResponse>;
}

/**
 * Delivers events to the app's own Container without a socket: each event is an in-process
 * request through the whole pipeline (filters, binding, injection), exactly as daprd's POST.
 */
export function containerChannel(container: InjectTarget): AppChannel {
  return {
    description: 'in process',
    async post(path, body, headers): Promise<AppAnswer> {
      const answer = await container.inject({
        method: 'POST',
        url: path,
        headers: { ...headers },
        body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      });
      return { status: answer.status, body: answer.rawBody };
    },
    async options(path): Promise<number> {
      const answer = await container.inject({ method: 'OPTIONS', url: path });
      return answer.status;
    },
  };
}
