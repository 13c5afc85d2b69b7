import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { buildOpenApiDocument, OpenApiDocumentError, servedDocumentOptions } from '../openapi/index.js';
import type { Container } from '../service/index.js';
import { AppModuleError, loadAppContainer } from './app-module.js';
import { type CliIo, CliUsageError } from './cli-io.js';

export const openapiUsage = `Usage: bindery openapi <app-module> [options]

Prints the OpenAPI 3.1 document of an application's routes.

The app module's default export is a Container, or a function returning one (or a promise of
one). When the app serves its document (serveOpenApi), the same document options are used.

Options:
  --out FILE               Write the document to FILE instead of standard output
  --format json|yaml       Output format (default: yaml for a .yaml/.yml FILE, else json)
  -h, --help               Show this help
`;

type Format = 'json' | 'yaml';

export interface OpenapiSettings {
  readonly module: string;
  readonly out: string | undefined;
  readonly format: Format;
}

export function parseOpenapiArgs(args: readonly string[]): OpenapiSettings | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (parsed.values.help === true) return 'help';
  const [module, extra] = parsed.positionals;
  if (module === undefined) throw new CliUsageError('the app module is required');
  if (extra !== undefined) throw new CliUsageError(`unexpected argument ${extra}`);
  const out = parsed.values.out;
  const format = parsed.values.format ?? (out !== undefined && /\.ya?ml$/i.test(out) ? 'yaml' : 'json');
  if (format !== 'json' && format !== 'yaml')
    throw new CliUsageError(`--format must be json or yaml, not ${format}`);
  return { module, out, format };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}

/** The container's document, built by the app's own copy of Bindery when it has one. */
function documentOf(container: Container) {
  const options = servedDocumentOptions(container) ?? {};
  return typeof container.openapi === 'function'
    ? container.openapi(options)
    : buildOpenApiDocument(container, options);
}

/** `bindery openapi`: loads the app, writes its document, closes the app. */
export async function runOpenapi(args: readonly string[], io: CliIo): Promise<number> {
  const settings = parseOpenapiArgs(args);
  if (settings === 'help') {
    io.stdout(openapiUsage);
    return 0;
  }
  let container: Container;
  try {
    container = await loadAppContainer(settings.module, { quiet: true });
  } catch (error) {
    if (!(error instanceof AppModuleError)) throw error;
    io.stderr(`bindery openapi: ${error.message}\n`);
    return 1;
  }
  try {
    const document = await documentOf(container);
    const text =
      settings.format === 'json'
        ? `${JSON.stringify(document, null, 2)}\n`
        : stringify(document, { aliasDuplicateObjects: false });
    if (settings.out === undefined) io.stdout(text);
    else await writeFile(settings.out, text);
    return 0;
  } catch (error) {
    if (
      !(error instanceof OpenApiDocumentError) &&
      (error as { code?: unknown }).code !== 'BND_ERR_OPENAPI_DOCUMENT'
    ) {
      throw error;
    }
    io.stderr(`bindery openapi: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await container.close();
  }
}
