import type { Logger } from 'pino';
import { type ComponentSpec, describeComponent, isInitialVersion } from './component-spec.js';
import { type MetadataFields, parseMetadata } from './metadata-fields.js';
import { resolveMetadata } from './metadata-resolver.js';
import type { SecretStore } from './secrets/secret-store.js';

export interface InitContext {
  readonly appId: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secretStores: ReadonlyMap<string, SecretStore>;
  readonly logger: Logger;
}

/** What a component instance needs to be brought up (and torn down when that fails). */
export interface Initializable {
  init(values: never): Promise<void>;
  close(): Promise<void>;
}

/**
 * Dapr's `direction` metadata. Absent means both; `explicitInput` is true only when it names
 * input, which spares the app Dapr's start-up probe of the binding's route.
 */
export interface Direction {
  readonly input: boolean;
  readonly output: boolean;
  readonly explicitInput: boolean;
}

/** Ready (with its instances and resolved metadata); nothing to start; or the problems, one line each. */
export type InitOutcome<T> =
  | {
      readonly status: 'ready';
      readonly instances: T;
      readonly direction: Direction;
      readonly properties: Readonly<Record<string, string>>;
    }
  | { readonly status: 'skipped' }
  | { readonly status: 'failed'; readonly problems: string[] };

/**
 * Brings one declared component up: checks the version, resolves its metadata (secrets, env,
 * templates), validates it against the type's fields, then builds its instances for the
 * direction it serves and runs each `init` within the component's `initTimeout`. Every problem
 * names the file, the component and the field.
 */
export async function initComponent<T extends readonly Initializable[]>(
  spec: ComponentSpec,
  fields: MetadataFields,
  context: InitContext,
  build: (direction: Direction) => T,
): Promise<InitOutcome<T>> {
  const where = describeComponent(spec);
  const failed = (problems: string[]): InitOutcome<T> => ({ status: 'failed', problems });
  if (!isInitialVersion(spec.version))
    return failed([`${where}: version ${spec.version} is not supported (use v1)`]);

  const resolved = await resolveMetadata(spec, context);
  if (resolved.parkedOn !== undefined) {
    // daprd keeps such a component waiting for its store and starts without it; so does Bindery.
    const store =
      resolved.parkedOn === ''
        ? 'a secret store, but auth.secretStore is not set'
        : `secret store ${resolved.parkedOn}, which is not loaded`;
    context.logger.warn(`${where} not loaded: a secretKeyRef needs ${store}`);
    return { status: 'skipped' };
  }
  const direction = readDirection(resolved.properties);
  const instances = build(direction);
  if (instances.length === 0) {
    context.logger.warn(`${where} skipped: its direction leaves nothing this type serves`);
    return { status: 'skipped' };
  }
  const parsed = parseMetadata(fields, resolved.properties);
  // A field whose reference failed to resolve would also read as missing; report it once.
  const unresolved = new Set(resolved.issues.map((i) => i.field.toLowerCase()));
  const issues = [...resolved.issues, ...parsed.issues.filter((i) => !unresolved.has(i.field.toLowerCase()))];
  if (issues.length > 0) return failed(issues.map((i) => `${where}: metadata "${i.field}" ${i.message}`));
  for (const note of parsed.notes) context.logger.warn(`${where}: metadata "${note.field}" ${note.message}`);
  for (const key of parsed.unknown) {
    const known = Object.keys(fields).join(', ');
    context.logger.warn(`${where}: metadata "${key}" is not a field of ${spec.type} (known: ${known})`);
  }

  const results = await Promise.allSettled(
    instances.map((instance) =>
      withTimeout(
        instance.init(parsed.values as never),
        spec.initTimeoutMs,
        `init timed out after ${spec.initTimeoutMs}ms`,
      ),
    ),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure !== undefined) {
    // A half-initialized component may hold a connection or a timer; release every instance.
    await Promise.all(instances.map((instance) => instance.close().catch(() => undefined)));
    return failed([`${where}: init failed: ${(failure.reason as Error).message}`]);
  }
  context.logger.debug(`${where} initialized`);
  return { status: 'ready', instances, direction, properties: resolved.properties };
}

/**
 * Dapr's reading of `direction`: comma-separated, case-insensitive; absent means both. Words
 * other than input and output count for nothing, so `direction: inbound` serves neither.
 */
function readDirection(properties: Record<string, string>): Direction {
  const entry = Object.entries(properties).find(([k]) => k.toLowerCase() === 'direction');
  if (entry === undefined) return { input: true, output: true, explicitInput: false };
  const parts = entry[1].split(',').map((p) => p.trim().toLowerCase());
  const input = parts.includes('input');
  return { input, output: parts.includes('output'), explicitInput: input };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
