import { stringify } from 'yaml';
import { bytesWriter, httpError, Result } from '../http/index.js';
import { type Container, WebService } from '../service/index.js';
import { docsPage, initScript, UI_FILES, UiAssets, type UiFile, uiFolder } from './docs-assets.js';
import { OpenApiDocumentError } from './openapi-error.js';
import type { OpenApiOptions } from './openapi-options.js';
import type { OpenApiDocument } from './openapi-types.js';

export interface ServeOpenApiOptions {
  /** What the document says beyond the routes (info, servers, tags, security). */
  document?: OpenApiOptions;
  /** Path of the JSON document (default `/openapi.json`). */
  jsonPath?: string;
  /** Path of the YAML document (default `/openapi.yaml`); false for none. */
  yamlPath?: string | false;
  /** Path of the docs page (default `/docs`); false for none, which also needs no UI package. */
  docsPath?: string | false;
}

/** Where a service's routes are added, and the paths they answer. */
export interface ServedOpenApi {
  readonly service: WebService;
  readonly jsonPath: string;
  readonly yamlPath: string | undefined;
  readonly docsPath: string | undefined;
}

// The page loads only its own files, styles inline as Swagger UI sets them, and the document.
const DOCS_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * Where a container keeps the document options it is served with, so `bindery openapi` writes
 * the same document. A registered symbol, because the command may run another copy of Bindery
 * than the one the app imported.
 */
const SERVED_OPTIONS = Symbol.for('binderyjs.openapi.served-options');

/** The document options the container's `serveOpenApi` was given, if it serves its document. */
export function servedDocumentOptions(container: Container): OpenApiOptions | undefined {
  return (container as unknown as Record<symbol, OpenApiOptions | undefined>)[SERVED_OPTIONS];
}

const texts = new WeakMap<OpenApiDocument, { json?: Buffer; yaml?: Buffer }>();

/** The document as bytes, written once per built document and format. */
function documentText(document: OpenApiDocument, format: 'json' | 'yaml'): Buffer {
  let entry = texts.get(document);
  if (entry === undefined) {
    entry = {};
    texts.set(document, entry);
  }
  entry[format] ??= Buffer.from(
    format === 'json' ? JSON.stringify(document) : stringify(document, { aliasDuplicateObjects: false }),
  );
  return entry[format];
}

/** The container's service at `/` without a host, so the routes live beside the app's own. */
function rootService(container: Container): WebService {
  const existing = container.webServices().find((ws) => ws.root === '/' && ws.hostPattern === undefined);
  if (existing !== undefined) return existing;
  const ws = new WebService('/');
  container.add(ws);
  return ws;
}

/**
 * Serves the container's OpenAPI document as JSON (`/openapi.json`) and YAML (`/openapi.yaml`),
 * and an API docs page (`/docs`) made of Swagger UI's files from the installed `swagger-ui-dist`
 * package: the page needs no CDN and asks no other host for anything. The routes join the
 * container's root service (created when there is none) and stay out of the document. The
 * document is built on the first request after the route table changes; every other request
 * reuses the built bytes.
 */
export function serveOpenApi(container: Container, options: ServeOpenApiOptions = {}): ServedOpenApi {
  const documentOptions = options.document ?? {};
  const jsonPath = options.jsonPath ?? '/openapi.json';
  const yamlPath = options.yamlPath === false ? undefined : (options.yamlPath ?? '/openapi.yaml');
  const docsPath = options.docsPath === false ? undefined : (options.docsPath ?? '/docs');
  // Resolved before any route exists: a missing UI package is a startup error with its install line.
  const assets = docsPath === undefined ? undefined : new UiAssets(uiFolder());
  const ws = rootService(container);
  Object.defineProperty(container, SERVED_OPTIONS, { value: documentOptions, configurable: true });

  const load = async (): Promise<OpenApiDocument> => {
    try {
      return await container.openapi(documentOptions);
    } catch (error) {
      if (!(error instanceof OpenApiDocumentError)) throw error;
      throw httpError('BND_ERR_OPENAPI_DOCUMENT', error.message, { cause: error });
    }
  };
  // These routes answer bytes only; types no writer knows get a pass-through one, unless the
  // application registered its own.
  for (const type of ['application/yaml', 'image/png']) {
    if (container.writers.find(type) === undefined) container.writers.register(bytesWriter(type));
  }
  const bytes = (body: Buffer | string, type: string, cache = 'no-cache') =>
    new Result(200, typeof body === 'string' ? Buffer.from(body) : body, { 'cache-control': cache }, type);

  ws.get(jsonPath)
    .metadata('openapi', false)
    .produces('application/json')
    .to(async () => bytes(documentText(await load(), 'json'), 'application/json; charset=utf-8'));
  if (yamlPath !== undefined) {
    ws.get(yamlPath)
      .metadata('openapi', false)
      .produces('application/yaml', 'text/yaml', 'text/plain')
      .to(async () => bytes(documentText(await load(), 'yaml'), 'application/yaml; charset=utf-8'));
  }
  if (docsPath !== undefined && assets !== undefined) {
    const base = `${docsPath}/assets`;
    const page = Buffer.from(docsPage(documentOptions.info?.title ?? 'API documentation', base));
    ws.get(docsPath)
      .metadata('openapi', false)
      .produces('text/html')
      .to(
        () =>
          new Result(
            200,
            page,
            { 'content-security-policy': DOCS_POLICY, 'cache-control': 'no-cache' },
            'text/html; charset=utf-8',
          ),
      );
    const init = initScript(jsonPath);
    ws.get(`${base}/init.js`)
      .metadata('openapi', false)
      .produces('text/javascript')
      .to(() => bytes(init, 'text/javascript; charset=utf-8'));
    for (const [file, type] of Object.entries(UI_FILES) as [UiFile, string][]) {
      ws.get(`${base}/${file}`)
        .metadata('openapi', false)
        .produces(type.split(';')[0]!)
        .to(async () => bytes(await assets.read(file), type, 'public, max-age=86400'));
    }
  }
  return { service: ws, jsonPath, yamlPath, docsPath };
}
