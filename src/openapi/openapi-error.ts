import { StartupError } from '../http/startup-error.js';

/**
 * The route table cannot be described exactly: a schema with no JSON form, two schemas or
 * security schemes under one name, one operation id declared twice, two routes on one OpenAPI
 * path and method. Every problem is listed, each naming its route, so one run shows them all.
 */
export class OpenApiDocumentError extends StartupError {
  constructor(readonly issues: readonly string[]) {
    super(
      'BND_ERR_OPENAPI_DOCUMENT',
      `the OpenAPI document cannot be built (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
        .map((issue) => `  - ${issue}`)
        .join('\n')}`,
    );
    this.name = 'OpenApiDocumentError';
  }
}
