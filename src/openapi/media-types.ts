/** JSON and its structured-syntax suffix (`application/problem+json`): where schemas describe the bytes. */
export function isJsonType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** Types whose body the binder reads into a record the schema describes (JSON and forms). */
export function isStructuredType(mediaType: string): boolean {
  return (
    isJsonType(mediaType) ||
    mediaType === 'application/x-www-form-urlencoded' ||
    mediaType === 'multipart/form-data'
  );
}
