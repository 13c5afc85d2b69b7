/**
 * A typed key for the dependency graph. The phantom `type` member carries T through inference;
 * it never holds a value at run time.
 */
export interface Token<T> {
  readonly kind: 'token';
  readonly name: string;
  readonly id: symbol;
  /** True for tokens whose value is handed to each request scope instead of being provided. */
  readonly seeded?: boolean;
  /** Phantom: only for inference. */
  readonly type?: T;
}

/** A token with no provider: its value is supplied when a request scope is created. */
export interface SeededToken<T> extends Token<T> {
  readonly seeded: true;
}

/**
 * What a dependency is named by: a token, or a class standing for its own instances. Abstract
 * classes are accepted so an interface-like base class can be the key of its implementations.
 */
export type InjectionKey<T> = Token<T> | (abstract new (...args: never[]) => T);

/** The instance type a key stands for. */
export type Instance<K> =
  K extends Token<infer T> ? T : K extends abstract new (...args: never[]) => infer T ? T : never;

export function token<T>(name: string): Token<T> {
  return Object.freeze({ kind: 'token', name, id: Symbol(name) }) as Token<T>;
}

/**
 * A token whose value comes with each request (the pipeline seeds the request Context this
 * way). It can never be provided, and only request-scoped or transient providers may need it.
 */
export function seeded<T>(name: string): SeededToken<T> {
  return Object.freeze({ kind: 'token', name, id: Symbol(name), seeded: true }) as SeededToken<T>;
}

export function isToken(value: unknown): value is Token<unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'token';
}

export function isSeeded(value: unknown): value is SeededToken<unknown> {
  return isToken(value) && value.seeded === true;
}

export function isInjectionKey(value: unknown): value is InjectionKey<unknown> {
  return typeof value === 'function' || isToken(value);
}

/** How errors name a key: the token's name or the class name. */
export function keyName(key: InjectionKey<unknown>): string {
  if (isToken(key)) return key.name;
  return key.name === '' ? '(anonymous class)' : key.name;
}
