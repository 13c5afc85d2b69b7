import type { MacroTypes } from './macros.js';

/** The type a parameter spec (the text after `name:`) gives; regexes and tails are strings. */
type SpecType<Spec extends string> =
  FirstWord<Spec> extends keyof MacroTypes ? MacroTypes[FirstWord<Spec>] : string;

type FirstWord<S extends string> = S extends `${infer Word} ${string}`
  ? FirstWord<Word>
  : S extends `${infer Word}(${string}`
    ? Word
    : S;

/** Drops text up to the `}` that closes the current parameter, counting nested braces. */
type AfterClose<S extends string, Depth extends unknown[] = []> = S extends `${infer Head}}${infer Rest}`
  ? Head extends `${string}{${infer Inner}`
    ? AfterClose<`${Inner}}${Rest}`, [...Depth, unknown]>
    : Depth extends [unknown, ...infer Outer]
      ? AfterClose<Rest, Outer>
      : Rest
  : '';

/** One parameter's entry: `{id?}` and `{id?:int}` are optional keys. */
type Entry<Name extends string, Value> = Name extends `${infer Bare}?`
  ? { [K in Bare]?: Value }
  : { [K in Name]: Value };

/** Reads the parameter whose text (after `{`) is `S`, then the rest of the template. */
type Param<S extends string> = S extends `${infer Head}}${string}`
  ? Head extends `${infer Name}:${infer Spec}`
    ? Entry<Name, SpecType<Spec>> & Collect<AfterClose<S>>
    : Entry<Head, string> & Collect<AfterClose<S>>
  : {};

type Collect<S extends string> = S extends `${string}{${infer Rest}` ? Param<Rest> : {};

type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * The params object of a template, inferred from its text: `Params<'/u/{id:int}/{slug}'>` is
 * `{ id: number; slug: string }`. Macros map through `MacroTypes` (`int` → number, `int64` →
 * bigint, `bool` → boolean, `date` → Date); plain, regex and tail parameters are strings. Every
 * parameter of a segment counts (`/{lat}-{lng}`), and an optional one (`{id?}`, `{id?:int}`) is an
 * optional key; an optional tail (`{rest:*?}`) is always there, '' when empty.
 */
export type Params<Template extends string> = string extends Template
  ? Record<string, MacroTypes[keyof MacroTypes]>
  : Flatten<Collect<Template>>;
