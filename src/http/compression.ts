import type { ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import Negotiator from 'negotiator';

export type Encoding = 'br' | 'gzip';

export interface CompressionSettings {
  /** Encodings in order of preference when the client weighs them equally. */
  readonly encodings: readonly Encoding[];
  /** Bodies smaller than this many bytes are sent as they are. */
  readonly threshold: number;
  /** Whether a media type is worth compressing. */
  readonly compressible: (mediaType: string) => boolean;
  /** zlib/brotli levels: speed matters more than the last percent on a request path. */
  readonly gzipLevel: number;
  readonly brotliQuality: number;
}

type EncodingChooser = (available: string[], options: { preferred: string[] }) => string | undefined;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** The encoding to use for this request, or undefined for identity. */
function chooseEncoding(
  acceptEncoding: string | undefined,
  settings: CompressionSettings,
): Encoding | undefined {
  if (acceptEncoding === undefined || acceptEncoding === '') return undefined;
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
  // negotiator 1.x breaks ties between equally weighted encodings by `preferred`; its published
  // types predate that option.
  const encoding = negotiator.encoding as unknown as EncodingChooser;
  const choice = encoding.call(negotiator, [...settings.encodings, 'identity'], {
    preferred: [...settings.encodings],
  });
  return choice === 'br' || choice === 'gzip' ? choice : undefined;
}

function addVary(res: ServerResponse): void {
  const vary = res.getHeader('vary');
  if (vary === undefined) res.setHeader('vary', 'Accept-Encoding');
  else if (!String(vary).toLowerCase().includes('accept-encoding'))
    res.setHeader('vary', `${vary}, Accept-Encoding`);
}

/** Compresses a whole payload when it is large enough and the client accepts an encoding. */
export async function compressPayload(
  res: ServerResponse,
  payload: string | Buffer,
  mediaType: string,
  acceptEncoding: string | undefined,
  settings: CompressionSettings,
): Promise<Buffer | string> {
  if (res.hasHeader('content-encoding') || !settings.compressible(mediaType)) return payload;
  addVary(res);
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (size < settings.threshold) return payload;
  const encoding = chooseEncoding(acceptEncoding, settings);
  if (encoding === undefined) return payload;
  const out =
    encoding === 'br'
      ? await brotli(payload, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: settings.brotliQuality,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
          },
        })
      : await gzip(payload, { level: settings.gzipLevel });
  res.setHeader('content-encoding', encoding);
  return out;
}

/** A compressing transform for streamed bodies, or undefined when the answer stays identity. */
export function compressStream(
  res: ServerResponse,
  mediaType: string,
  acceptEncoding: string | undefined,
  settings: CompressionSettings,
): Transform | undefined {
  if (res.hasHeader('content-encoding') || !settings.compressible(mediaType)) return undefined;
  addVary(res);
  const encoding = chooseEncoding(acceptEncoding, settings);
  if (encoding === undefined) return undefined;
  res.setHeader('content-encoding', encoding);
  res.removeHeader('content-length');
  return encoding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: settings.brotliQuality } })
    : zlib.createGzip({ level: settings.gzipLevel });
}

const compressibleType =
  /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded|graphql)|application\/[\w.+-]+\+(json|xml)|image\/svg\+xml)/;

export function isCompressible(mediaType: string): boolean {
  return compressibleType.test(mediaType);
}
