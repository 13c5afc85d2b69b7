import type { BodyLimits, ReaderRegistry } from '../http/readers/index.js';
import type { UnknownPolicy } from './coercion-plan.js';

/** Sources whose unknown properties follow a policy (path parameters are fixed by the template). */
export type PolicySource = 'query' | 'headers' | 'cookies' | 'body';

/** The default policies: the body refuses what its schema does not name; the rest ignore it. */
export const defaultUnknownPolicies: Readonly<Record<PolicySource, UnknownPolicy>> = Object.freeze({
  query: 'strip',
  headers: 'strip',
  cookies: 'strip',
  body: 'reject',
});

export interface BinderOptions {
  /** The route in messages: `POST /shops/{shopId:int}/orders`. */
  route: string;
  method: string;
  /** Parameter names of the route's template. */
  pathParams: readonly string[];
  readers: ReaderRegistry;
  limits?: Partial<BodyLimits>;
  /** Accepts a body declaration on GET, HEAD, DELETE, OPTIONS and TRACE. */
  allowBodyOn?: boolean;
  /** Unknown-property policy per source; see `defaultUnknownPolicies`. */
  unknown?: Partial<Record<PolicySource, UnknownPolicy>>;
}
