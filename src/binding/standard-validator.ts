import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ProblemLocation } from '../http/http-error.js';
import { type PathSegment, type Problems, wireName } from './problems.js';
import type { Validate } from './typebox-validator.js';

/**
 * Runs a Standard Schema (zod, valibot, arktype…). The schema is opaque, so it gets the raw
 * strings and produces its own output (transforms included); its issues become problems with
 * the wire names of their paths. An async schema makes the bind async; a sync one keeps it sync.
 */
export function standardValidator(schema: StandardSchemaV1, location: ProblemLocation): Validate {
  const validate = schema['~standard'].validate;
  const settle = (result: StandardSchemaV1.Result<unknown>, value: unknown, problems: Problems): unknown => {
    if (result.issues === undefined) return result.value;
    for (const issue of result.issues) {
      problems.add({
        in: location,
        name: wireName(location, issue.path === undefined ? [] : issue.path.map(segment)),
        message: issue.message,
        code: issueCode(issue),
      });
    }
    return value;
  };
  return (value, problems) => {
    const result = validate(value);
    return result instanceof Promise
      ? result.then((settled) => settle(settled, value, problems))
      : settle(result, value, problems);
  };
}

function segment(part: PropertyKey | StandardSchemaV1.PathSegment): PathSegment {
  const key = typeof part === 'object' ? part.key : part;
  return typeof key === 'number' ? key : String(key);
}

/** Libraries put a machine code on their issues under different names; `invalid` when none. */
function issueCode(issue: StandardSchemaV1.Issue): string {
  const extra = issue as { code?: unknown; type?: unknown };
  if (typeof extra.code === 'string') return extra.code;
  if (typeof extra.type === 'string') return extra.type;
  return 'invalid';
}
