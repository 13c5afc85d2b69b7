import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';
import type { ProblemLocation } from '../http/http-error.js';
import { explain } from './error-messages.js';
import { type Problems, segmentsOf, wireName } from './problems.js';

/** Checks a bound value, reports its problems, and resolves to the value the handler receives. */
export type Validate = (value: unknown, problems: Problems) => unknown;

/**
 * A validator compiled once, at startup. The fast path is one compiled check; the error walk
 * runs only for an invalid request. A missing property is reported once (`required`), not
 * again for the type its absent value also fails.
 */
export function typeBoxValidator(schema: TSchema, location: ProblemLocation): Validate {
  const check = TypeCompiler.Compile(schema);
  return (value, problems) => {
    if (check.Check(value)) return value;
    let missing: Set<string> | undefined;
    for (const error of check.Errors(value)) {
      if (problems.covered(location, error.path)) continue;
      if (missing?.has(error.path)) continue;
      if (error.type === ValueErrorType.ObjectRequiredProperty) {
        missing ??= new Set();
        missing.add(error.path);
      }
      const { code, message } = explain(error);
      problems.add({ in: location, name: wireName(location, segmentsOf(error.path)), message, code });
    }
    return value;
  };
}
