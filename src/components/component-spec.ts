/** One `spec.metadata` entry of a component file, in one of Dapr's three forms. */
export type MetadataEntry =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly secretKeyRef: { readonly name: string; readonly key: string } }
  | { readonly name: string; readonly envRef: string };

/** A component declaration, read from a Dapr component file or added in code. */
export interface ComponentSpec {
  readonly name: string;
  /** Lowercased `spec.type`, e.g. `bindings.redis`. */
  readonly type: string;
  /** `v1`; an empty version or `v0` counts as the initial one, as in Dapr. */
  readonly version: string;
  readonly metadata: readonly MetadataEntry[];
  /** `metadata.namespace`; honoured only when the NAMESPACE environment variable is set. */
  readonly namespace: string | undefined;
  /** App ids allowed to load it; empty means every app. */
  readonly scopes: readonly string[];
  /** `auth.secretStore`: where `secretKeyRef` entries are resolved. */
  readonly secretStore: string | undefined;
  readonly initTimeoutMs: number;
  readonly ignoreErrors: boolean;
  /** Where it came from, for messages: a file path, or `code` for programmatic components. */
  readonly source: string;
}

/** A component added in code: the same fields as a file, with plain values. */
export interface ComponentDeclaration {
  readonly name: string;
  readonly type: string;
  readonly version?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly scopes?: readonly string[];
  readonly initTimeoutMs?: number;
  readonly ignoreErrors?: boolean;
}

export const DEFAULT_INIT_TIMEOUT_MS = 5000;

export function specFromDeclaration(declaration: ComponentDeclaration, source = 'code'): ComponentSpec {
  return {
    name: declaration.name,
    type: declaration.type.toLowerCase(),
    version: declaration.version ?? 'v1',
    metadata: Object.entries(declaration.metadata ?? {}).map(([name, value]) => ({ name, value })),
    namespace: undefined,
    scopes: declaration.scopes ?? [],
    secretStore: undefined,
    initTimeoutMs: declaration.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS,
    ignoreErrors: declaration.ignoreErrors ?? false,
    source,
  };
}

/** `bindings.redis` → `bindings`: Dapr's component category. */
export function categoryOf(type: string): string {
  const dot = type.indexOf('.');
  return dot === -1 ? type : type.slice(0, dot);
}

/** "", v0 and v1 (in any case, `V1` too) are the initial version every component type accepts. */
export function isInitialVersion(version: string): boolean {
  const v = version.toLowerCase();
  return v === '' || v === 'v0' || v === 'v1';
}

/** How messages name a component: `component "orders" (bindings.redis) in components/orders.yaml`. */
export function describeComponent(spec: Pick<ComponentSpec, 'name' | 'type' | 'source'>): string {
  const where = spec.source === 'code' ? 'added in code' : `in ${spec.source}`;
  return `component "${spec.name}" (${spec.type}) ${where}`;
}
