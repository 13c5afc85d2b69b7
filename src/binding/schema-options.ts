/**
 * How an array travels in one string: `multi` repeats the key (`?id=1&id=2`), the others join
 * the items in one value with `,` (csv), a space (ssv), a tab (tsv) or `|` (pipes).
 */
export type CollectionFormat = 'multi' | 'csv' | 'ssv' | 'tsv' | 'pipes';

/** How a `t.Date()` is written in a string or a JSON number. */
export type TimeFormat = 'iso8601' | 'unix' | 'unixmilli';

/**
 * Options Bindery reads from TypeBox schemas, beyond JSON Schema. Pass them like any option:
 * `t.Array(t.Integer(), { collectionFormat: 'csv' })`.
 */
export interface BindingSchemaOptions {
  /** On an array in the path, query, headers, cookies or a form body; `multi` by default (`csv` for headers). */
  collectionFormat?: CollectionFormat;
  /**
   * On a property, or on a source's object schema for all its properties: an empty value
   * (`?page=`) counts as absent, so the default applies (or `required` reports it).
   */
  emptyAsMissing?: boolean;
  /** On `t.Date()`: ISO 8601 text (default), or a number of seconds / milliseconds since the epoch. */
  timeFormat?: TimeFormat;
}

export const collectionFormats: readonly CollectionFormat[] = ['multi', 'csv', 'ssv', 'tsv', 'pipes'];
export const timeFormats: readonly TimeFormat[] = ['iso8601', 'unix', 'unixmilli'];

const separators: Record<Exclude<CollectionFormat, 'multi'>, string> = {
  csv: ',',
  ssv: ' ',
  tsv: '\t',
  pipes: '|',
};

/** Splits one delimited value into its items; an empty value is an empty list. */
export function splitCollection(value: string, format: Exclude<CollectionFormat, 'multi'>): string[] {
  if (value === '') return [];
  const parts = value.split(separators[format]);
  // Comma lists come from people and from HTTP list headers, both of which put spaces after commas.
  if (format === 'csv') for (let i = 0; i < parts.length; i++) parts[i] = parts[i]!.trim();
  return parts;
}
