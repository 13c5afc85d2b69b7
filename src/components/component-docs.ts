import { type AnyBindingComponentType, directionsOf } from './binding-component.js';
import type { MetadataField } from './metadata-fields.js';

/**
 * The reference block of a component type in docs/bindings.md, written from its own
 * declarations (directions, operations, fields), so the docs cannot drift from the code.
 * `scripts/bindings-doc.ts` rewrites every block; a test checks they are current.
 */
export function componentReference(type: AnyBindingComponentType): string {
  const operations =
    type.operations.length === 0 ? 'none' : type.operations.map((op) => `\`${op}\``).join(', ');
  const aliases = (type.aliases ?? []).map((a) => `\`${a}\``).join(', ');
  const lines = [
    `Directions: ${directionsOf(type).join(', ')}. Operations: ${operations}.${aliases === '' ? '' : ` Also named ${aliases}.`}`,
    '',
    '| Field | Type | Default | Direction | Description |',
    '|---|---|---|---|---|',
  ];
  for (const [name, field] of Object.entries(type.metadata)) {
    const direction = type.fieldDirections?.[name] ?? directionsOf(type).join(', ');
    const names = [
      `\`${name}\`${field.required === true ? '*' : ''}`,
      ...(field.aliases ?? []).map((a) => `\`${a}\``),
    ];
    lines.push(
      `| ${names.join(', ')} | ${typeText(field)} | ${defaultText(field)} | ${direction} | ${cellText(descriptionText(field))} |`,
    );
  }
  return lines.join('\n');
}

function typeText(field: MetadataField): string {
  if (field.type === 'string' && field.oneOf !== undefined)
    return field.oneOf.map((v) => `\`${v}\``).join(' \\| ');
  const grammar =
    field.grammar === 'milliseconds'
      ? ' (a bare integer is milliseconds)'
      : field.grammar === 'go'
        ? " (Go's ParseBool)"
        : '';
  return `${field.type}${grammar}${field.sensitive === true ? ' (sensitive)' : ''}`;
}

function descriptionText(field: MetadataField): string {
  return field.unsupported === undefined
    ? field.description
    : `${field.description} **Not supported**: setting it stops the component at load (${field.unsupported}).`;
}

function defaultText(field: MetadataField): string {
  if (field.default === undefined) return '';
  if (field.type === 'duration') return `\`${durationText(field.default)}\``;
  return `\`${String(field.default)}\``;
}

function durationText(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function cellText(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The markers around a type's block in the docs. */
export function referenceMarkers(type: string): { start: string; end: string } {
  return { start: `<!-- reference:${type}:start -->`, end: `<!-- reference:${type}:end -->` };
}

/** `doc` with every marked block replaced by the current reference of its type. */
export function updateReferences(doc: string, types: readonly AnyBindingComponentType[]): string {
  let out = doc;
  for (const type of types) {
    const { start, end } = referenceMarkers(type.type);
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from === -1 || to === -1) continue;
    out = `${out.slice(0, from + start.length)}\n${componentReference(type)}\n${out.slice(to)}`;
  }
  return out;
}
