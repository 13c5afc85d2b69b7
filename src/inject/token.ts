/**
 * A typed key for the dependency graph. The phantom `type` member carries T through inference;
 * it never holds a value at run time.
 */
export interface Token<T> {
  readonly kind: 'token';
  readonly name: string;
  readonly id: symbol;
  /** Phantom: only for inference. */
  readonly type?: T;
}

export function token<T>(name: string): Token<T> {
  return Object.freeze({ kind: 'token', name, id: Symbol(name) }) as Token<T>;
}

export function isToken(value: unknown): value is Token<unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'token';
}
