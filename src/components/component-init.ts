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

/** Ready; not wanted here (input-only); or the problems that stopped it, one line each. */
export type InitOutcome =
  | { readonly status: 'ready' }
  | { readonly status: 'skipped' }
  | { readonly status: 'failed'; readonly problems: string[] };

/**
 * Brings one declared component up: checks the version, resolves its metadata (secrets, env,
 * templates), validates it against the type's fields, then runs `init` within the component's
 * `initTimeout`. Every problem names the file, the component and the field.
 */
export async function initComponent(
  spec: ComponentSpec,
  fields: MetadataFields,
  component: Initializable,
  context: InitContext,
): Promise<InitOutcome> {
  const where = describeComponent(spec);
  const failed = (problems: string[]): InitOutcome => ({ status: 'failed', problems });
  if (!isInitialVersion(spec.version))
    return failed([`${where}: version ${spec.version} is not supported (use v1)`]);

  const resolved = await resolveMetadata(spec, context);
  const direction = readDirection(resolved.properties);
  if (direction === 'invalid')
    return failed([`${where}: metadata "direction" must be input, output or input,output`]);
  if (!direction.output) {
    context.logger.info(`${where} skipped: input bindings are not served by Bindery`);
    return { status: 'skipped' };
  }
  const parsed = parseMetadata(fields, resolved.properties);
  // A field whose reference failed to resolve would also read as missing; report it once.
  const unresolved = new Set(resolved.issues.map((i) => i.field.toLowerCase()));
  const issues = [...resolved.issues, ...parsed.issues.filter((i) => !unresolved.has(i.field.toLowerCase()))];
  if (issues.length > 0) return failed(issues.map((i) => `${where}: metadata "${i.field}" ${i.message}`));
  for (const key of parsed.unknown) {
    const known = Object.keys(fields).join(', ');
    context.logger.warn(`${where}: metadata "${key}" is not a field of ${spec.type} (known: ${known})`);
  }

  try {
    const init = component.init(parsed.values as never);
    await withTimeout(init, spec.initTimeoutMs, `init timed out after ${spec.initTimeoutMs}ms`);
    context.logger.debug(`${where} initialized`);
    return { status: 'ready' };
  } catch (error) {
    // A half-initialized component may hold a connection or a timer; release it.
    await component.close().catch(() => undefined);
    return failed([`${where}: init failed: ${(error as Error).message}`]);
  }
}

/** Dapr's `direction` metadata: absent means both. */
function readDirection(properties: Record<string, string>): { output: boolean } | 'invalid' {
  const entry = Object.entries(properties).find(([k]) => k.toLowerCase() === 'direction');
  if (entry === undefined || entry[1].trim() === '') return { output: true };
  const parts = entry[1].split(',').map((p) => p.trim().toLowerCase());
  if (!parts.every((p) => p === 'input' || p === 'output')) return 'invalid';
  return { output: parts.includes('output') };
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
