/** Where one property of a built record comes from: an index into the first or the second array. */
export interface RecordField {
  readonly name: string;
  readonly from: 'args' | 'slots';
  readonly index: number;
}

export type RecordBuilder = (args: readonly unknown[], slots: readonly unknown[]) => Record<string, unknown>;

/**
 * Compiles a function that builds a record of known keys as one object literal. Objects built
 * key by key (or by spreading a template) are several times slower to make, and a deps object
 * is made on every request. The source holds only JSON-quoted names and integer indexes.
 */
export function recordBuilder(fields: readonly RecordField[]): RecordBuilder {
  const body = fields
    .map(
      (field) =>
        `${JSON.stringify(field.name)}: ${field.from === 'args' ? 'a' : 's'}[${Number(field.index)}]`,
    )
    .join(', ');
  return new Function('a', 's', `return { ${body} };`) as RecordBuilder;
}
