import { parseAllDocuments } from 'yaml';
import { type ComponentSpec, DEFAULT_INIT_TIMEOUT_MS, type MetadataEntry } from './component-spec.js';
import { parseGoDuration } from './metadata-values.js';

export interface ComponentFileResult {
  readonly specs: ComponentSpec[];
  /** One line per document that was skipped, naming the file and the document. */
  readonly problems: string[];
}

/**
 * Reads every `dapr.io/v1alpha1` `Component` document of one file. Other kinds (Configuration,
 * Subscription, Resiliency…) are skipped silently, as Dapr's loader does. A malformed document
 * is reported and skipped; the file's other documents still load.
 */
export function parseComponentFile(text: string, source: string): ComponentFileResult {
  const specs: ComponentSpec[] = [];
  const problems: string[] = [];
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return { specs, problems };
  documents.forEach((doc, index) => {
    const where = documents.length > 1 ? `${source} (document ${index + 1})` : source;
    if (doc.errors.length > 0) {
      problems.push(`${where}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    if (!isRecord(value)) {
      problems.push(`${where}: expected a mapping at the top level`);
      return;
    }
    if (value.apiVersion !== 'dapr.io/v1alpha1' || value.kind !== 'Component') return;
    const result = readComponent(value, source);
    if (typeof result === 'string') problems.push(`${where}: ${result}`);
    else specs.push(result);
  });
  return { specs, problems };
}

function readComponent(doc: Record<string, unknown>, source: string): ComponentSpec | string {
  const meta = isRecord(doc.metadata) ? doc.metadata : {};
  const name = meta.name;
  if (typeof name !== 'string' || name === '') return 'metadata.name is missing';
  const nameProblem = checkName(name);
  if (nameProblem !== undefined) return `metadata.name ${JSON.stringify(name)} ${nameProblem}`;
  const at = `component "${name}"`;

  const spec = isRecord(doc.spec) ? doc.spec : undefined;
  if (spec === undefined) return `${at}: spec is missing`;
  if (typeof spec.type !== 'string' || spec.type === '') return `${at}: spec.type is missing`;
  const version = spec.version === undefined || spec.version === null ? '' : String(spec.version);

  const metadata: MetadataEntry[] = [];
  const rawEntries = spec.metadata ?? [];
  if (!Array.isArray(rawEntries)) return `${at}: spec.metadata must be a list`;
  for (const [i, raw] of rawEntries.entries()) {
    const entry = readEntry(raw);
    if (typeof entry === 'string') return `${at}: spec.metadata[${i}] ${entry}`;
    metadata.push(entry);
  }

  let initTimeoutMs = DEFAULT_INIT_TIMEOUT_MS;
  if (spec.initTimeout !== undefined && spec.initTimeout !== null && spec.initTimeout !== '') {
    // Dapr falls back to its 5 s default for a value it cannot parse; so does Bindery.
    const parsed = parseGoDuration(String(spec.initTimeout));
    if (parsed !== undefined && parsed > 0) initTimeoutMs = parsed;
  }

  const scopes = doc.scopes ?? [];
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string'))
    return `${at}: scopes must be a list of app ids`;

  return {
    name,
    type: spec.type.toLowerCase(),
    version,
    metadata,
    namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined,
    scopes,
    secretStore: readSecretStore(doc.auth),
    initTimeoutMs,
    ignoreErrors: spec.ignoreErrors === true || spec.ignoreErrors === 'true',
    source,
  };
}

function readEntry(raw: unknown): MetadataEntry | string {
  if (!isRecord(raw)) return 'must be a mapping with name and value, secretKeyRef or envRef';
  const name = raw.name;
  if (typeof name !== 'string' || name === '') return 'has no name';
  if (isRecord(raw.secretKeyRef)) {
    const secretName = raw.secretKeyRef.name;
    if (typeof secretName !== 'string' || secretName === '')
      return `("${name}"): secretKeyRef.name is missing`;
    const key = raw.secretKeyRef.key;
    return {
      name,
      secretKeyRef: { name: secretName, key: typeof key === 'string' && key !== '' ? key : secretName },
    };
  }
  // A value wins over an envRef in the same entry, as in Dapr.
  const hasValue = raw.value !== undefined && raw.value !== null && raw.value !== '';
  if (!hasValue && raw.envRef !== undefined && raw.envRef !== null && raw.envRef !== '') {
    if (typeof raw.envRef !== 'string') return `("${name}"): envRef must be a variable name`;
    return { name, envRef: raw.envRef };
  }
  return { name, value: scalarText(raw.value) };
}

/** Dapr's DynamicValue: strings as written, any other JSON value as its JSON text. */
function scalarText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** `auth.secretStore`, with JSON-style case-insensitive keys (`secretstore` works too). */
function readSecretStore(auth: unknown): string | undefined {
  if (!isRecord(auth)) return undefined;
  for (const [key, value] of Object.entries(auth)) {
    if (key.toLowerCase() === 'secretstore' && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** A name becomes a URL path segment (`/v1.0/bindings/{name}`), so it must be one. */
function checkName(name: string): string | undefined {
  if (name === '.' || name === '..') return 'is not a valid path segment';
  if (/[/\\?#%\s]/.test(name)) return 'must be a valid path segment (no /, \\, ?, #, % or spaces)';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
