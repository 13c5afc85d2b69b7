import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from './openapi-types.js';

const COMPONENT_NAME = /[^A-Za-z0-9._-]/g;

/** Whether a schema describes what a client sends (`input`) or what it receives (`output`). */
export type SchemaUse = 'input' | 'output';

/**
 * The component name a schema identifier gives: its last path segment without a `.json`
 * extension, with characters OpenAPI does not allow in names replaced by `_`
 * (`https://example.com/schemas/order.json` → `order`).
 */
export function componentName(id: string): string {
  const tail = id.slice(Math.max(id.lastIndexOf('/'), id.lastIndexOf('#')) + 1).replace(/\.json$/, '');
  const name = (tail === '' ? id : tail).replace(COMPONENT_NAME, '_');
  return name === '' ? '_' : name;
}

const PREFIX = '#/components/schemas/';

interface Variant {
  readonly schema: JsonSchema;
  readonly where: string;
}

/**
 * The named schemas of one document: each is defined once under `components/schemas` and used
 * through `$ref`. A schema library may describe one named schema differently as a request and as
 * a response (zod closes output objects); then the response form is named `<Name>Output`,
 * whatever order routes were declared in. Two different schemas under one name are a document
 * error naming both users, since either `$ref` would silently describe the wrong one.
 */
export class SchemaComponents {
  private readonly variants = new Map<string, Partial<Record<SchemaUse, Variant>>>();
  private readonly outputRefs: { readonly name: string; readonly ref: { $ref: string } }[] = [];
  /** The declared schema objects already added, per use: used again, they need no conversion. */
  private readonly sources: Record<SchemaUse, WeakSet<object>> = {
    input: new WeakSet(),
    output: new WeakSet(),
  };
  readonly conflicts: string[] = [];

  /**
   * Whether this very schema object (as declared, before conversion) was added for this use. A
   * named schema shared by many routes is then converted and compared once, not once per route.
   */
  has(source: object, use: SchemaUse): boolean {
    return this.sources[use].has(source);
  }

  /** Adds a named schema as one use sees it; `source` is the declared object it came from. */
  add(name: string, schema: JsonSchema, where: string, use: SchemaUse, source?: object): void {
    let entry = this.variants.get(name);
    if (entry === undefined) {
      entry = {};
      this.variants.set(name, entry);
    }
    const known = entry[use];
    if (known === undefined) {
      entry[use] = { schema, where };
      if (source !== undefined) this.sources[use].add(source);
    } else if (!isDeepStrictEqual(known.schema, schema)) {
      this.conflicts.push(
        `two different schemas are named "${name}" (${known.where} and ${where}); give one another name`,
      );
    }
  }

  /** A reference to a named schema; an output reference is retargeted by `finish()` if needed. */
  ref(name: string, use: SchemaUse): { $ref: string } {
    const ref = { $ref: `${PREFIX}${name}` };
    if (use === 'output') this.outputRefs.push({ name, ref });
    return ref;
  }

  /** The schema a `$ref` to a component points at, or the schema itself. */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith(PREFIX)) return schema;
    const entry = this.variants.get(ref.slice(PREFIX.length));
    return entry?.input?.schema ?? entry?.output?.schema ?? schema;
  }

  /** Every component, sorted by name so the document does not depend on route order. */
  finish(): Record<string, JsonSchema> {
    const schemas = new Map<string, JsonSchema>();
    const split = new Set<string>();
    for (const [name, { input, output }] of this.variants) {
      if (input !== undefined) schemas.set(name, input.schema);
      if (output === undefined) continue;
      if (input === undefined || isDeepStrictEqual(input.schema, output.schema)) {
        schemas.set(name, output.schema);
      } else {
        split.add(name);
        schemas.set(`${name}Output`, output.schema);
      }
    }
    for (const { name, ref } of this.outputRefs) if (split.has(name)) ref.$ref = `${PREFIX}${name}Output`;
    const names = [...schemas.keys()].sort();
    return Object.fromEntries(names.map((name) => [name, schemas.get(name)!]));
  }
}
