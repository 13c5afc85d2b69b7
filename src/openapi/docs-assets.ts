import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MissingPeerError } from './missing-peer-error.js';

export const UI_PACKAGE = 'swagger-ui-dist';

/** The files of the docs page taken from the UI package, with their media types. */
export const UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
} as const;

export type UiFile = keyof typeof UI_FILES;

/**
 * The folder of the installed Swagger UI distribution. Resolved when the docs are set up, so a
 * missing package fails at startup with the install line rather than on the first page view.
 */
export function uiFolder(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${UI_PACKAGE}/package.json`));
  } catch {
    throw new MissingPeerError('The API docs page', UI_PACKAGE);
  }
}

/** Reads each UI file once, on its first request, and keeps it in memory. */
export class UiAssets {
  private readonly loaded = new Map<UiFile, Promise<Buffer>>();

  constructor(private readonly folder: string) {}

  read(file: UiFile): Promise<Buffer> {
    let content = this.loaded.get(file);
    if (content === undefined) {
      content = readFile(join(this.folder, file));
      this.loaded.set(file, content);
      content.catch(() => this.loaded.delete(file));
    }
    return content;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The docs page: Swagger UI's own files, all from this server; the document URL is relative. */
export function docsPage(title: string, assets: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assets}/swagger-ui.css">
<link rel="icon" type="image/png" href="${assets}/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="${assets}/favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${assets}/swagger-ui-bundle.js"></script>
<script src="${assets}/init.js"></script>
</body>
</html>
`;
}

/**
 * Starts Swagger UI on the document. `validatorUrl: null` keeps it from sending the document to
 * the public validator (the page asks nothing of any other host).
 */
export function initScript(documentUrl: string): string {
  return `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(documentUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
`;
}
