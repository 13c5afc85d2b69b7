import assert from 'node:assert/strict';
import { type HttpError, isHttpError } from '../../../src/http/http-error.js';

/** An `assert.rejects`/`assert.throws` matcher for an HttpError with this status and code. */
export function httpErrorWith(status: number, code: string, detail?: RegExp): (error: unknown) => true {
  return (error: unknown) => {
    assert.ok(isHttpError(error), `expected an HttpError, got ${String(error)}`);
    assert.equal(error.status, status, error.detail);
    assert.equal(error.code, code);
    if (detail !== undefined) assert.match(error.detail, detail);
    return true;
  };
}

/** The HttpError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function rejection(promise: Promise<unknown> | unknown): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isHttpError(error), `expected an HttpError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}
