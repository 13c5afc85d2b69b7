/** One part of a test multipart body: a field, or a file when `filename` is set. */
export interface Part {
  name: string;
  value?: string | Buffer;
  filename?: string;
  type?: string;
}

export const boundary = '----bindery-test-boundary';
export const multipartType = `multipart/form-data; boundary=${boundary}`;

/** Writes a multipart/form-data body the way a browser would. */
export function multipartBody(parts: readonly Part[], options: { end?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.filename !== undefined) head += `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.value ?? ''), Buffer.from('\r\n'));
  }
  if (options.end !== false) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
