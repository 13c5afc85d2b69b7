import type { StandardJSONSchemaV1, StandardSchemaV1 } from '@standard-schema/spec';
import { isTypeBoxSchema, type SchemaLike } from '../binding/index.js';
import { componentName, type SchemaComponents, type SchemaUse } from './components.js';
import type { JsonSchema } from './openapi-types.js';
import { typeBoxToJsonSchema, UnrepresentableSchema } from './typebox-json.js';

interface ValibotConverter {
  toJsonSchema(schema: unknown, config: Record<string, unknown>): Record<string, unknown>;
}

const VALIBOT_CONVERTER = '@valibot/to-json-schema';

/**
 * Turns every schema a route declares into JSON Schema 2020-12, adding named schemas to the
 * document's components. TypeBox schemas are JSON Schema already; Standard Schemas convert
 * through Standard JSON Schema (`~standard.jsonSchema`, which zod 4 implements), and valibot
 * through `@valibot/to-json-schema`, an optional peer loaded on the first valibot schema. What
 * cannot be converted is collected in `issues`, naming the route and source, so the document
 * is refused as a whole instead of quietly leaving a schema out.
 */
export class SchemaConverter {
  readonly issues: string[] = [];
  private valibot: Promise<ValibotConverter | undefined> | undefined;

  constructor(readonly components: SchemaComponents) {}

  async convert(schema: SchemaLike, use: SchemaUse, where: string): Promise<JsonSchema> {
    try {
      if (isTypeBoxSchema(schema)) return typeBoxToJsonSchema(schema, this.components, where, use);
      return await this.fromStandard(schema, use, where);
    } catch (error) {
      const reason = error instanceof UnrepresentableSchema ? error.message : (error as Error).message;
      this.issues.push(`${where}: cannot be described in JSON Schema (${reason})`);
      return {};
    }
  }

  private async fromStandard(schema: StandardSchemaV1, use: SchemaUse, where: string): Promise<JsonSchema> {
    const props = schema['~standard'] as StandardSchemaV1.Props & {
      jsonSchema?: StandardJSONSchemaV1.Converter;
    };
    let converted: Record<string, unknown>;
    if (typeof props.jsonSchema?.[use] === 'function') {
      converted = props.jsonSchema[use]({ target: 'draft-2020-12' });
    } else if (props.vendor === 'valibot') {
      const valibot = await this.loadValibot();
      if (valibot === undefined) {
        this.issues.push(
          `${where}: valibot schemas are described by ${VALIBOT_CONVERTER}, which is not installed: npm install ${VALIBOT_CONVERTER}`,
        );
        return {};
      }
      converted = valibot.toJsonSchema(schema, {
        target: 'draft-2020-12',
        typeMode: use,
        errorMode: 'throw',
      });
    } else {
      this.issues.push(
        `${where}: a ${props.vendor} schema offers no JSON Schema (~standard.jsonSchema); use a version of ${props.vendor} that implements Standard JSON Schema, or a TypeBox schema`,
      );
      return {};
    }
    return this.lift(converted, where, use);
  }

  /** Moves `$defs` (or draft-07 `definitions`) into components and points references at them. */
  private lift(converted: Record<string, unknown>, where: string, use: SchemaUse): JsonSchema {
    const { $schema: _dialect, $defs, definitions, ...root } = converted;
    const defs = { ...(definitions as Record<string, unknown>), ...($defs as Record<string, unknown>) };
    for (const [name, def] of Object.entries(defs)) {
      this.components.add(componentName(name), this.rewriteRefs(def, use) as JsonSchema, where, use);
    }
    return this.rewriteRefs(root, use) as JsonSchema;
  }

  /** Rewrites `#/$defs/X` references in place of new objects tracked by the components. */
  private rewriteRefs(node: unknown, use: SchemaUse): unknown {
    if (Array.isArray(node)) return node.map((item) => this.rewriteRefs(item, use));
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    const local = typeof record.$ref === 'string' ? LOCAL_DEF.exec(record.$ref) : null;
    // The reference object itself is kept, so the components can retarget it later.
    const out: Record<string, unknown> =
      local === null ? {} : this.components.ref(componentName(pointerToken(local[1]!)), use);
    for (const [key, value] of Object.entries(record)) {
      if (local === null || key !== '$ref') out[key] = this.rewriteRefs(value, use);
    }
    return out;
  }

  private loadValibot(): Promise<ValibotConverter | undefined> {
    this.valibot ??= import(VALIBOT_CONVERTER).then(
      (module: ValibotConverter) => module,
      () => undefined,
    );
    return this.valibot;
  }
}

const LOCAL_DEF = /^#\/(?:\$defs|definitions)\/(.+)$/;

/** A JSON pointer token as written in a reference (`~1` is `/`, `~0` is `~`). */
function pointerToken(token: string): string {
  return decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
}
