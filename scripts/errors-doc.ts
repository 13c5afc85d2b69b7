// Regenerates the table of docs/errors.md from the registry: `npx tsx scripts/errors-doc.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { builtInErrorCodes } from '../src/http/error-codes.js';

const path = new URL('../docs/errors.md', import.meta.url);
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf('<!-- codes:start -->');
const end = doc.indexOf('<!-- codes:end -->');
if (start === -1 || end === -1) throw new Error('docs/errors.md lacks the codes markers');
const rows = Object.entries(builtInErrorCodes).map(
  ([code, info]) =>
    `| \`${code}\` | ${info.status} | ${info.title} | <a id="${code.toLowerCase().replaceAll('_', '-')}"></a>${info.description} |`,
);
const table = ['| code | status | title | when |', '|---|---|---|---|', ...rows].join('\n');
writeFileSync(path, `${doc.slice(0, start)}<!-- codes:start -->\n${table}\n${doc.slice(end)}`);
