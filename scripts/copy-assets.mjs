// Copies the non-TypeScript files the build needs at run time (the gRPC service definition)
// from src/ into dist/, keeping their paths.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const assets = ['components/api/dapr.proto'];
for (const asset of assets) {
  const target = `dist/${asset}`;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(`src/${asset}`, target);
}
