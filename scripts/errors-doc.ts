// Regenerates the two code tables of docs/errors.md from the registries:
// `npx tsx scripts/errors-doc.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { builtInErrorCodes } from '../src/http/error-codes.js';
import { startupErrorCodes } from '../src/http/startup-codes.js';

const path = new URL('../docs/errors.md', import.meta.url);
const anchor = (code: string) => `<a id="${code.toLowerCase().replaceAll('_', '-')}"></a>`;

function replaceBetween(doc: string, marker: string, table: string): string {
  const start = doc.indexOf(`<!-- ${marker}:start -->`);
  const end = doc.indexOf(`<!-- ${marker}:end -->`);
  if (start === -1 || end === -1) throw new Error(`docs/errors.md lacks the ${marker} markers`);
  return `${doc.slice(0, start)}<!-- ${marker}:start -->\n${table}\n${doc.slice(end)}`;
}

const answers = Object.entries(builtInErrorCodes).map(
  ([code, info]) => `| \`${code}\` | ${info.status} | ${info.title} | ${anchor(code)}${info.description} |`,
);
const startup = Object.entries(startupErrorCodes).map(
  ([code, info]) => `| \`${code}\` | ${info.title} | ${anchor(code)}${info.description} |`,
);
let doc = readFileSync(path, 'utf8');
doc = replaceBetween(
  doc,
  'codes',
  ['| code | status | title | when |', '|---|---|---|---|', ...answers].join('\n'),
);
doc = replaceBetween(doc, 'startup', ['| code | title | when |', '|---|---|---|', ...startup].join('\n'));
writeFileSync(path, doc);
