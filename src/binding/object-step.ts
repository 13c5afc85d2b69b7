import { setOwn, UploadedFile } from '../http/readers/index.js';
import type { PathSegment, Problems } from './problems.js';

/** Converts one value; failures are reported to `problems` and leave the value as it was. */
export type Step = (value: unknown, problems: Problems) => unknown;

/** One declared property of an object, compiled. */
export interface ObjectField {
  /** The name in the bound object. */
  readonly key: string;
  /** The name it is read under (headers: lower-case). */
  readonly from: string;
  readonly step: Step | undefined;
  readonly hasDefault: boolean;
  readonly fallback: unknown;
  /** An empty value counts as absent. */
  readonly emptyAsMissing: boolean;
}

export interface ObjectShape {
  readonly fields: readonly ObjectField[];
  /** Copy properties the schema does not name (policy `keep` or `reject`, or a schema that allows them). */
  readonly keepUnknown: boolean;
  /** Converts those properties, when the schema types them (`additionalProperties: t.Integer()`). */
  readonly extraStep: Step | undefined;
  /**
   * Build the object without a prototype: a property named like an Object.prototype member
   * (`constructor`, `toString`) would otherwise read as present when absent, to the validator too.
   */
  readonly bare: boolean;
}

function isEmpty(value: unknown): boolean {
  return value === '' || (Array.isArray(value) && value.length === 1 && value[0] === '');
}

/** Defaults are shared by every request, so a mutable one is copied before a handler gets it. */
function copyDefault(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/** Up to this many declared properties, unknown keys are told apart by a switch, not a set. */
const FEW_FIELDS = 8;

/**
 * Builds an object's step as generated code, one statement per declared property with its name
 * as a literal. A shared loop over the fields would read and write through keys that change on
 * every iteration, which V8 can only do generically; literal names give every access its own
 * inline cache, and that loop was most of a bind's cost.
 */
export function buildObjectStep(shape: ObjectShape, path: PathSegment[]): Step {
  const lines: string[] = [
    'if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof UploadedFile) return value;',
    shape.bare ? 'const out = Object.create(null);' : 'const out = {};',
    'let item;',
  ];
  shape.fields.forEach((field, i) => {
    const key = JSON.stringify(field.key);
    const from = JSON.stringify(field.from);
    const read =
      field.from in Object.prototype
        ? `Object.hasOwn(value, ${from}) ? value[${from}] : undefined`
        : `value[${from}]`;
    const write = (expression: string) =>
      field.key === '__proto__' ? `setOwn(out, ${key}, ${expression});` : `out[${key}] = ${expression};`;
    const fallback =
      typeof field.fallback === 'object' && field.fallback !== null
        ? `copyDefault(defaults[${i}])`
        : `defaults[${i}]`;
    lines.push(`item = ${read};`);
    lines.push(`if (item === undefined${field.emptyAsMissing ? ' || isEmpty(item)' : ''}) {`);
    if (field.hasDefault) lines.push(write(fallback));
    lines.push('} else {');
    if (field.step !== undefined)
      lines.push(`path.push(${key}); item = steps[${i}](item, problems); path.pop();`);
    lines.push(write('item'), '}');
  });
  if (shape.keepUnknown) {
    // A few declared names are compared as literal cases, cheaper than hashing the key for the set.
    const cases = shape.fields.map((field) => `case ${JSON.stringify(field.from)}:`).join(' ');
    lines.push(
      'for (const key in value) {',
      shape.fields.length <= FEW_FIELDS
        ? `switch (key) { ${cases} case "__proto__": continue; }`
        : 'if (known.has(key) || key === "__proto__") continue;',
      shape.extraStep === undefined
        ? 'out[key] = value[key];'
        : 'path.push(key); out[key] = extraStep(value[key], problems); path.pop();',
      '}',
    );
  }
  lines.push('return out;');
  const factory = new Function(
    'UploadedFile',
    'setOwn',
    'isEmpty',
    'copyDefault',
    'path',
    'steps',
    'defaults',
    'known',
    'extraStep',
    `"use strict";\nreturn function objectStep(value, problems) {\n${lines.join('\n')}\n};`,
  );
  return factory(
    UploadedFile,
    setOwn,
    isEmpty,
    copyDefault,
    path,
    shape.fields.map((field) => field.step),
    shape.fields.map((field) => field.fallback),
    new Set(shape.fields.map((field) => field.from)),
    shape.extraStep,
  ) as Step;
}
