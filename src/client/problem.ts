import type { ProblemItem } from '../http/http-error.js';

/**
 * The `application/problem+json` document of an error answer with status `S`: RFC 9457 members
 * plus Bindery's registry `code`, and `errors` when the request's inputs were at fault.
 */
export interface Problem<S extends number = number> {
  type: string;
  title: string;
  status: S;
  detail: string;
  code: string;
  instance?: string;
  errors?: ProblemItem[];
  [extension: string]: unknown;
}

/** A 400 answer from the binder: every input problem, each naming its source and field. */
export interface ValidationProblem extends Problem<400> {
  errors: ProblemItem[];
}

export type { ProblemItem };
