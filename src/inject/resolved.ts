import type { InjectionKey, Instance } from './token.js';

/** A named set of dependencies, as `.inject({ orders: Orders, clock: Clock })` declares it. */
export type DepsRecord = Record<string, InjectionKey<unknown>>;

/** The values a deps record resolves to: each key's instance type under the same name. */
export type Resolved<D extends DepsRecord> = { readonly [K in keyof D]: Instance<D[K]> };

/** Positional dependencies (a constructor's), as a tuple of keys. */
export type DepsTuple = readonly InjectionKey<unknown>[];

/** The values a tuple of keys resolves to, position by position. */
export type ResolvedTuple<K extends DepsTuple> = { -readonly [I in keyof K]: Instance<K[I]> };
