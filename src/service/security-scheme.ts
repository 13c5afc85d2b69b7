import { withCode } from '../http/startup-error.js';

/**
 * How a client proves who it is, as OpenAPI names it. Bindery does not enforce security
 * (filters do that); these declarations document it, so generated clients and the docs page know
 * which credentials each operation needs.
 */
export type SecuritySchemeDefinition =
  | {
      readonly type: 'apiKey';
      readonly name: string;
      readonly in: 'query' | 'header' | 'cookie';
      readonly description?: string;
    }
  | {
      readonly type: 'http';
      /** `bearer`, `basic`, or another IANA-registered scheme. */
      readonly scheme: string;
      readonly bearerFormat?: string;
      readonly description?: string;
    }
  | { readonly type: 'mutualTLS'; readonly description?: string }
  | { readonly type: 'openIdConnect'; readonly openIdConnectUrl: string; readonly description?: string }
  | { readonly type: 'oauth2'; readonly flows: OAuthFlows; readonly description?: string };

export interface OAuthFlow {
  readonly authorizationUrl?: string;
  readonly tokenUrl?: string;
  readonly refreshUrl?: string;
  /** Scope name → what it allows. */
  readonly scopes: Readonly<Record<string, string>>;
}

export interface OAuthFlows {
  readonly implicit?: OAuthFlow;
  readonly password?: OAuthFlow;
  readonly clientCredentials?: OAuthFlow;
  readonly authorizationCode?: OAuthFlow;
}

/** A named security scheme; the name is its key under `components/securitySchemes`. */
export interface SecurityScheme {
  readonly kind: 'security-scheme';
  readonly name: string;
  readonly definition: SecuritySchemeDefinition;
}

/** A scheme together with the scopes an operation needs from it (OAuth 2 / OpenID Connect). */
export interface ScopedScheme {
  readonly kind: 'scoped-scheme';
  readonly scheme: SecurityScheme;
  readonly scopes: readonly string[];
}

/** What `.security(...)` takes: a scheme, or a scheme with scopes. */
export type SecurityUse = SecurityScheme | ScopedScheme;

/**
 * One way to be authorized: every scheme of the list at once. A route or service with several
 * requirements accepts any one of them; an empty list means no credentials are needed.
 */
export type SecurityRequirement = readonly SecurityUse[];

const NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Declares a security scheme once, to pass to `.security()` on routes and services:
 *
 * `const bearer = securityScheme('bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })`
 */
export function securityScheme(name: string, definition: SecuritySchemeDefinition): SecurityScheme {
  if (!NAME.test(name)) {
    throw withCode(
      new TypeError(`security scheme name "${name}" may only hold letters, digits, ".", "_" and "-"`),
      'BND_ERR_INVALID_OPTION',
    );
  }
  return Object.freeze({ kind: 'security-scheme', name, definition });
}

/** The scheme with the scopes an operation needs from it: `.security(scopes(oauth, 'orders:write'))`. */
export function scopes(scheme: SecurityScheme, ...names: string[]): ScopedScheme {
  return Object.freeze({ kind: 'scoped-scheme', scheme, scopes: Object.freeze([...names]) });
}
