// Compile-time checks for the type tests: `tsc --noEmit` fails when an inferred type drifts.

/** True when A and B are the same type (not merely assignable either way). */
export type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** A type-level assertion, for lists of checks: `Expect<Equal<A, B>>`. */
export type Expect<T extends true> = T;

/** A statement-level assertion: `expectType<Equal<A, B>>()`. */
export function expectType<_T extends true>(): void {}
