import { type ComponentSpec, DEFAULT_INIT_TIMEOUT_MS, type MetadataEntry } from './component-spec.js';
import { goJsonMarshal } from './go-json.js';
import { type GoYamlObject, type GoYamlValue, goStringField, parseGoYamlDocuments } from './go-yaml.js';
import { parseGoDuration } from './metadata-values.js';

export interface ComponentFileResult {
  readonly specs: ComponentSpec[];
  /** One line per document that was skipped, naming the file and the document. */
  readonly problems: string[];
}

/**
 * Reads every `dapr.io/v1alpha1` `Component` document of one file. Other kinds (Configuration,
 * Subscription, Resiliency…) are skipped silently, as Dapr's loader does. A malformed document
 * is reported and skipped; the file's other documents still load. Scalars are read with
 * daprd's YAML 1.1 rules (`010` is 8, `yes` is true) and field names match case-insensitively,
 * as its JSON decoding of the document does.
 */
export function parseComponentFile(text: string, source: string): ComponentFileResult {
  const specs: ComponentSpec[] = [];
  const problems: string[] = [];
  const documents = parseGoYamlDocuments(text);
  documents.forEach((doc, index) => {
    const where = documents.length > 1 ? `${source} (document ${index + 1})` : source;
    if (doc.error !== undefined) {
      problems.push(`${where}: invalid YAML: ${doc.error}`);
      return;
    }
    const value = doc.value;
    if (value === null) return;
    if (!isRecord(value)) {
      problems.push(`${where}: expected a mapping at the top level`);
      return;
    }
    if (str(field(value, 'apiVersion')) !== 'dapr.io/v1alpha1' || str(field(value, 'kind')) !== 'Component')
      return;
    let result: ComponentSpec | string;
    try {
      result = readComponent(value, source);
    } catch (error) {
      result = (error as Error).message;
    }
    if (typeof result === 'string') problems.push(`${where}: ${result}`);
    else specs.push(result);
  });
  return { specs, problems };
}

function readComponent(doc: GoYamlObject, source: string): ComponentSpec | string {
  const meta = record(field(doc, 'metadata')) ?? {};
  const name = str(field(meta, 'name'));
  if (name === undefined || name === '') return 'metadata.name is missing';
  const nameProblem = checkName(name);
  if (nameProblem !== undefined) return `metadata.name ${JSON.stringify(name)} ${nameProblem}`;
  const at = `component "${name}"`;

  const spec = record(field(doc, 'spec'));
  if (spec === undefined) return `${at}: spec is missing`;
  const type = str(field(spec, 'type'));
  if (type === undefined || type === '') return `${at}: spec.type is missing`;
  const version = str(field(spec, 'version')) ?? '';

  const metadata: MetadataEntry[] = [];
  const rawEntries = field(spec, 'metadata') ?? [];
  if (!Array.isArray(rawEntries)) return `${at}: spec.metadata must be a list`;
  for (const [i, raw] of rawEntries.entries()) {
    const entry = readEntry(raw);
    if (typeof entry === 'string') return `${at}: spec.metadata[${i}] ${entry}`;
    metadata.push(entry);
  }

  let initTimeoutMs = DEFAULT_INIT_TIMEOUT_MS;
  const initTimeout = str(field(spec, 'initTimeout')) ?? '';
  if (initTimeout !== '') {
    // Dapr falls back to its 5 s default for a value it cannot parse; so does Bindery.
    const parsed = parseGoDuration(initTimeout);
    if (parsed !== undefined && parsed > 0) initTimeoutMs = parsed;
  }

  // A Go bool field: YAML 1.1 booleans (`true`, `yes`, `on`…); a quoted "true" does not decode.
  const ignoreErrors = field(spec, 'ignoreErrors') ?? false;
  if (typeof ignoreErrors !== 'boolean')
    return `${at}: spec.ignoreErrors must be a boolean (true or false, unquoted)`;

  const scopes = (field(doc, 'scopes') ?? []) as GoYamlValue;
  const scopeNames = Array.isArray(scopes) ? scopes.map(str) : undefined;
  if (scopeNames === undefined || !scopeNames.every((s): s is string => s !== undefined))
    return `${at}: scopes must be a list of app ids`;

  const namespace = str(field(meta, 'namespace'));
  return {
    name,
    type: type.toLowerCase(),
    version,
    metadata,
    namespace: namespace !== undefined && namespace !== '' ? namespace : undefined,
    scopes: scopeNames,
    secretStore: readSecretStore(field(doc, 'auth')),
    initTimeoutMs,
    ignoreErrors,
    source,
  };
}

/**
 * One `spec.metadata` entry, in Dapr's order of precedence: a value (even an empty string) wins
 * over an `envRef`; a `secretKeyRef` without a name is no reference at all.
 */
function readEntry(raw: GoYamlValue): MetadataEntry | string {
  const entry = record(raw);
  if (entry === undefined) return 'must be a mapping with name and value, secretKeyRef or envRef';
  const name = str(field(entry, 'name'));
  if (name === undefined || name === '') return 'has no name';
  const rawValue = field(entry, 'value');
  const hasValue = rawValue !== undefined && rawValue !== null;
  const envRef = str(field(entry, 'envRef')) ?? '';
  if (!hasValue && envRef !== '') return { name, envRef };
  const ref = record(field(entry, 'secretKeyRef'));
  const secretName = ref === undefined ? '' : (str(field(ref, 'name')) ?? '');
  if (secretName !== '') {
    const key = str(field(ref!, 'key')) ?? '';
    return { name, secretKeyRef: { name: secretName, key: key !== '' ? key : secretName } };
  }
  return { name, value: dynamicValueText(rawValue ?? null) };
}

/** Dapr's DynamicValue: a string as written, any other value as Go's JSON text of it. */
function dynamicValueText(value: GoYamlValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`json: unsupported value: ${value}`);
  return goJsonMarshal(value);
}

/** `auth.secretStore` (`secretstore` works too, as every field name here). */
function readSecretStore(auth: GoYamlValue | undefined): string | undefined {
  const store = str(field(record(auth) ?? {}, 'secretStore'));
  return store === undefined || store === '' ? undefined : store;
}

/**
 * A field of a mapping as Go's JSON decoder finds it: the exact name first, else any spelling
 * that differs only in case.
 */
function field(object: GoYamlObject, name: string): GoYamlValue | undefined {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

/** A scalar decoded into a Go string field; undefined for a mapping or a list. */
function str(value: GoYamlValue | undefined): string | undefined {
  return value === undefined ? undefined : goStringField(value);
}

function record(value: GoYamlValue | undefined): GoYamlObject | undefined {
  return value !== undefined && isRecord(value) ? value : undefined;
}

/** A name becomes a URL path segment (`/v1.0/bindings/{name}`), so it must be one. */
function checkName(name: string): string | undefined {
  if (name === '.' || name === '..') return 'is not a valid path segment';
  if (/[/\\?#%\s]/.test(name)) return 'must be a valid path segment (no /, \\, ?, #, % or spaces)';
  return undefined;
}

function isRecord(value: GoYamlValue): value is GoYamlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
