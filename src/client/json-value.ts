/**
 * What a value becomes after a JSON round trip, as a client reads it: `toJSON` applies (a Date
 * arrives as a string), functions and symbols disappear. `undefined` stays: a property that may
 * be undefined may be absent, and an answer without a body reads as undefined.
 */
export type Jsonify<T> = T extends { toJSON(): infer J }
  ? Jsonify<J>
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends symbol | bigint | ((...args: never[]) => unknown)
      ? never
      : T extends readonly (infer E)[]
        ? Jsonify<E>[]
        : T extends object
          ? { [K in keyof T as JsonKey<T, K>]: Jsonify<T[K]> }
          : T;

type JsonKey<T, K extends keyof T> = K extends string
  ? T[K] extends symbol | ((...args: never[]) => unknown)
    ? never
    : K
  : never;
