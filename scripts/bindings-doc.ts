// Rewrites the generated reference blocks of docs/bindings.md from the components' own
// declarations: `npx tsx scripts/bindings-doc.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { builtInBindings } from '../src/components/bindings/index.js';
import { updateReferences } from '../src/components/component-docs.js';

const path = new URL('../docs/bindings.md', import.meta.url);
writeFileSync(path, updateReferences(readFileSync(path, 'utf8'), builtInBindings));
