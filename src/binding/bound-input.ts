import type { IncomingHttpHeaders } from 'node:http';
import type { TOptional, TSchema } from '@sinclair/typebox';
import type { SchemaLike, SchemaOutput } from './schema-like.js';

/** The request sources a route may declare, each with its own schema. */
export interface BindDeclaration {
  /** Constraints on top of the template's typed parameters; names must be parameters of the template. */
  path?: SchemaLike;
  query?: SchemaLike;
  /** Header names are matched case-insensitively. */
  headers?: SchemaLike;
  cookies?: SchemaLike;
  /** Read by Content-Type through the entity readers. */
  body?: SchemaLike;
}

/** The names of the declaration's sources. */
export type BindSourceName = keyof BindDeclaration;

/** An undeclared query: one string per key, an array for a repeated key. */
export type RawQuery = Record<string, string | string[]>;
/** Undeclared cookies, as parsed from the Cookie header. */
export type RawCookies = Record<string, string | undefined>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Override<A, B> = Simplify<{ [K in keyof A as K extends keyof B ? never : K]: A[K] } & B>;
type BodyOutput<S> = S extends TOptional<TSchema> ? SchemaOutput<S> | undefined : SchemaOutput<S>;

/**
 * The handler's first argument, typed from the declaration and the template's parameters `P`.
 * A declared source has its schema's output type; an undeclared one arrives raw: the path as
 * the router typed it, the query as `RawQuery`, headers as Node gives them, cookies as
 * `RawCookies`, and no body (`undefined`) — a route that wants a body declares it.
 */
export interface BoundInput<D extends BindDeclaration, P = Record<string, string>> {
  path: D extends { path: infer S } ? Override<P, SchemaOutput<S>> : P;
  query: D extends { query: infer S } ? SchemaOutput<S> : RawQuery;
  headers: D extends { headers: infer S } ? SchemaOutput<S> : IncomingHttpHeaders;
  cookies: D extends { cookies: infer S } ? SchemaOutput<S> : RawCookies;
  body: D extends { body: infer S } ? BodyOutput<S> : undefined;
}
