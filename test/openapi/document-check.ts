import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import spectralRulesets from '@stoplight/spectral-rulesets';
import type { OpenApiDocument } from '../../src/index.js';

const { Spectral, Document } = spectralCore;
const { Json } = spectralParsers;
const { oas } = spectralRulesets;
/** Severity 0 is an error in Spectral's scale (1 warning, 2 information, 3 hint). */
const ERROR = 0;

let linter: InstanceType<typeof Spectral> | undefined;

/** Spectral with its `spectral:oas` ruleset, as `extends: "spectral:oas"` configures it. */
function spectral(): InstanceType<typeof Spectral> {
  if (linter === undefined) {
    linter = new Spectral();
    linter.setRuleset({ extends: [oas] } as Parameters<typeof linter.setRuleset>[0]);
  }
  return linter;
}

/** Fails unless the OpenAPI 3.1 schema validator accepts the document and Spectral finds no error. */
export async function assertValidDocument(document: OpenApiDocument): Promise<void> {
  assert.equal(document.openapi.slice(0, 4), '3.1.');
  const validator = new Validator();
  const result = await validator.validate(
    structuredClone(document) as unknown as Parameters<Validator['validate']>[0],
  );
  assert.ok(result.valid, `OpenAPI 3.1 schema validation failed: ${JSON.stringify(result.errors, null, 2)}`);
  const findings = await spectral().run(new Document(JSON.stringify(document), Json));
  const errors = findings.filter((finding) => finding.severity === ERROR);
  assert.deepEqual(
    errors.map((e) => `${e.code} at ${e.path.join('.')}: ${e.message}`),
    [],
    'spectral:oas reports errors',
  );
}
