export { type BodyLimits, defaultBodyLimits, formatBytes, resolveBodyLimits } from './body-limits.js';
export { BodyState } from './body-state.js';
export { type ContentType, parseContentType } from './content-type.js';
export { type DecodedBody, decodedBody } from './decoded-stream.js';
export { defaultReaders } from './default-readers.js';
export type { EntityReader, ReaderContext } from './entity-reader.js';
export {
  addFormValue,
  emptyFormRecord,
  type FormRecord,
  type FormValue,
  ownValue,
  setOwn,
} from './form-record.js';
export { jsonReader, parseJson } from './json-reader.js';
export { type MultipartOptions, multipartReader } from './multipart-reader.js';
export { octetStreamReader } from './octet-stream-reader.js';
export { readRawBody } from './raw-body.js';
export { ReaderRegistry } from './reader-registry.js';
export { textReader } from './text-reader.js';
export { type FileContent, UploadedFile } from './uploaded-file.js';
export { decodeFormComponent, parseUrlEncoded } from './url-encoded.js';
export { urlencodedReader } from './urlencoded-reader.js';
