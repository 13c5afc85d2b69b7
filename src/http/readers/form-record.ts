import type { UploadedFile } from './uploaded-file.js';

/** One value of a form: a text field or an uploaded file. */
export type FormValue = string | UploadedFile;

/**
 * A form as read from the wire: one entry per name; a repeated name holds an array of its values
 * in order. Names are the client's, so `__proto__` or `constructor` must be plain entries: they
 * are read and written as own properties only (see `ownValue`, `setOwn`). Records are ordinary
 * objects because V8 makes every write to a prototype-less object many times slower.
 */
export type FormRecord = Record<string, FormValue | FormValue[]>;

export function emptyFormRecord<V = FormValue>(): Record<string, V | V[]> {
  return {};
}

/**
 * The record's own value for a name; an Object.prototype member is never mistaken for one. Form
 * values are never functions, so a function found is inherited, and only `__proto__` needs the
 * slower own-property check.
 */
export function ownValue<V>(record: Record<string, V>, name: string): V | undefined {
  const value = record[name];
  if (typeof value === 'function') return undefined;
  if (name === '__proto__' && !Object.hasOwn(record, name)) return undefined;
  return value;
}

/** Sets an own property; `__proto__` becomes a property instead of replacing the prototype. */
export function setOwn<V>(record: Record<string, V>, name: string, value: V): void {
  if (name === '__proto__') {
    Object.defineProperty(record, name, { value, writable: true, enumerable: true, configurable: true });
  } else {
    record[name] = value;
  }
}

/** Adds a value under a name, turning a repeated name into an array. */
export function addFormValue<V>(record: Record<string, V | V[]>, name: string, value: V): void {
  const seen = ownValue(record, name);
  if (seen === undefined) setOwn(record, name, value);
  else if (Array.isArray(seen)) seen.push(value);
  else setOwn<V | V[]>(record, name, [seen, value]);
}
