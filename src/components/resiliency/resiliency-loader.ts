import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { parseAllDocuments } from 'yaml';
import { type ResiliencyDocument, readResiliencyDocument } from './resiliency-document.js';

export interface ResiliencyFileResult {
  readonly documents: ResiliencyDocument[];
  /** One line per Resiliency document that was skipped, naming the file and the document. */
  readonly problems: string[];
}

/**
 * Reads every `dapr.io/v1alpha1` `Resiliency` document of one file; other kinds are left to
 * their own loaders. A document with a problem is reported and skipped as a whole.
 */
export function parseResiliencyFile(text: string, source: string): ResiliencyFileResult {
  const documents: ResiliencyDocument[] = [];
  const problems: string[] = [];
  const all = parseAllDocuments(text);
  if (!Array.isArray(all)) return { documents, problems };
  all.forEach((doc, index) => {
    if (doc.errors.length > 0) return;
    const value: unknown = doc.toJS();
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const fields = value as Record<string, unknown>;
    if (fields.kind !== 'Resiliency' || fields.apiVersion !== 'dapr.io/v1alpha1') return;
    const where = all.length > 1 ? `${source} (document ${index + 1})` : source;
    const result = readResiliencyDocument(fields, source);
    if (Array.isArray(result)) {
      const name = (fields.metadata as { name?: unknown } | undefined)?.name;
      const label = typeof name === 'string' ? `resiliency "${name}"` : 'resiliency';
      problems.push(`${where}: ${label}: ${result.join('; ')}`);
    } else documents.push(result);
  });
  return { documents, problems };
}

/**
 * The Resiliency documents of the resources paths that apply to this app: the `.yaml`/`.yml`
 * files directly inside each path, in name order, keeping documents whose `scopes` are empty
 * or name the app id (Dapr's LoadLocalResiliency). Problems are logged at error and skipped,
 * as bad component documents are.
 */
export async function loadResiliency(
  paths: readonly string[],
  appId: string | undefined,
  logger: Logger,
): Promise<ResiliencyDocument[]> {
  const documents: ResiliencyDocument[] = [];
  for (const dir of paths) {
    let names: string[];
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      names = entries
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/i.test(e.name))
        .map((e) => e.name)
        .sort();
    } catch {
      // The component loader already reports an unreadable resources path.
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined || !/\bResiliency\b/.test(text)) continue;
      const result = parseResiliencyFile(text, file);
      for (const problem of result.problems) logger.error({ file }, `skipped resiliency: ${problem}`);
      for (const doc of result.documents) {
        if (doc.scopes.length === 0 || (appId !== undefined && doc.scopes.includes(appId)))
          documents.push(doc);
        else logger.debug(`resiliency "${doc.name}" in ${file} skipped: scoped to ${doc.scopes.join(', ')}`);
      }
    }
  }
  return documents;
}
