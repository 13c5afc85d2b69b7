import { OptionalKind, type TSchema } from '@sinclair/typebox';
import { httpError } from '../http/http-error.js';
import { requestHasBody } from '../http/methods.js';
import {
  type BodyLimits,
  parseContentType,
  type ReaderContext,
  type ReaderRegistry,
} from '../http/readers/index.js';
import type { BindSource } from './bind-source.js';
import { nestBrackets } from './bracket-keys.js';
import { closeObjects } from './closed-schema.js';
import { compileValuePlan, type Step, type UnknownPolicy } from './coercion-plan.js';
import type { Problems } from './problems.js';
import { isTypeBoxSchema, type SchemaLike } from './schema-like.js';
import { standardValidator } from './standard-validator.js';
import { typeBoxValidator, type Validate } from './typebox-validator.js';

/** A body as read: the reader's value (undefined when absent) and whether it is a form. */
export interface ReadBody {
  readonly value: unknown;
  readonly form: boolean;
}

const absent: ReadBody = Object.freeze({ value: undefined, form: false });

/**
 * The body source, compiled: which reader reads it (by Content-Type), how its value is coerced
 * (typed formats only for what JSON cannot carry, forms like a query string), and how it is
 * validated. An absent body (no bytes) is `undefined`: a required body schema reports it.
 */
export class BodyPart {
  private readonly jsonPlan: Step | undefined;
  private readonly formPlan: Step | undefined;
  private readonly check: Validate;
  private readonly optional: boolean;
  private readonly typed: boolean;

  constructor(
    schema: SchemaLike,
    policy: UnknownPolicy,
    private readonly readers: ReaderRegistry,
    private readonly limits: Readonly<BodyLimits>,
  ) {
    if (isTypeBoxSchema(schema)) {
      const target: TSchema = policy === 'reject' ? closeObjects(schema) : schema;
      this.typed = true;
      this.jsonPlan = compileValuePlan(target, { mode: 'json', policy, collectionFormat: 'multi' });
      this.formPlan = compileValuePlan(target, { mode: 'string', policy, collectionFormat: 'multi' });
      this.check = typeBoxValidator(target, 'body');
      this.optional = schema[OptionalKind] === 'Optional';
    } else {
      this.typed = false;
      this.jsonPlan = undefined;
      this.formPlan = undefined;
      this.check = standardValidator(schema, 'body');
      this.optional = false;
    }
  }

  /** Reads the body; `absent` right away when there is none. */
  read(src: BindSource): ReadBody | Promise<ReadBody> {
    const headers = src.headers;
    if (!requestHasBody(headers)) return absent;
    // Route selection answered 415 already for a body without a type, of a type the route does
    // not consume, or of one no reader reads: here both are known to exist.
    const header = headers['content-type'];
    const contentType = header === undefined ? undefined : parseContentType(header);
    const reader = contentType === undefined ? undefined : this.readers.find(contentType.type);
    if (contentType === undefined || reader === undefined) {
      throw httpError('BND_ERR_INTERNAL', `No entity reader for Content-Type ${header ?? '(none)'}`);
    }
    const ctx: ReaderContext = {
      contentType: contentType.type,
      params: contentType.params,
      limits: this.limits,
      body: src.body,
      defer: (cleanup) => src.defer(cleanup),
    };
    const form = reader.form === true;
    return reader.read(src.req, ctx).then((value) => {
      src.body.parsed = value;
      src.body.mediaType = contentType.type;
      return value === undefined ? absent : { value, form };
    });
  }

  /** The read value, coerced by the schema (before validation). */
  coerce(read: ReadBody, problems: Problems): unknown {
    if (read.value === undefined) return undefined;
    const value = read.form ? nestBrackets(read.value as Record<string, unknown>) : read.value;
    const plan = read.form ? this.formPlan : this.jsonPlan;
    if (plan === undefined) return value;
    problems.location = 'body';
    return plan(value, problems);
  }

  validate(value: unknown, problems: Problems): unknown {
    if (value === undefined && this.typed) {
      if (!this.optional) problems.add({ in: 'body', name: '', message: 'is required', code: 'required' });
      return undefined;
    }
    return this.check(value, problems);
  }
}
