/**
 * The route table cannot be described exactly: a schema with no JSON form, two schemas or
 * security schemes under one name, one operation id declared twice, two routes on one OpenAPI
 * path and method. Every problem is listed, each naming its route, so one run shows them all.
 */
export class OpenApiDocumentError extends Error {
  readonly code = 'BND_ERR_OPENAPI_DOCUMENT';

  constructor(readonly issues: readonly string[]) {
    super(
      `the OpenAPI document cannot be built (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
        .map((issue) => `  - ${issue}`)
        .join('\n')}`,
    );
    this.name = 'OpenApiDocumentError';
  }
}
