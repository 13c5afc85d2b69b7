import { jsonReader } from './json-reader.js';
import { type MultipartOptions, multipartReader } from './multipart-reader.js';
import { octetStreamReader } from './octet-stream-reader.js';
import { ReaderRegistry } from './reader-registry.js';
import { textReader } from './text-reader.js';
import { urlencodedReader } from './urlencoded-reader.js';

/** A registry with the built-in readers: JSON (+json), text, urlencoded, octet-stream, multipart. */
export function defaultReaders(options: { multipart?: MultipartOptions } = {}): ReaderRegistry {
  return new ReaderRegistry()
    .register(jsonReader())
    .register(textReader())
    .register(urlencodedReader())
    .register(octetStreamReader())
    .register(multipartReader(options.multipart));
}
