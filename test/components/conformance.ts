import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DaprHttpCore } from '../../src/components/api/dapr-http-core.js';
import type { AnyBindingComponentType } from '../../src/components/binding-component.js';
import type { BindingError } from '../../src/components/binding-error.js';
import { BindingsRuntime, ComponentLoadError } from '../../src/components/bindings-runtime.js';
import { silentLogger } from './support.js';

/** What one step must answer. */
export type Expectation =
  | { readonly nothing: true }
  | { readonly empty: true }
  | { readonly json: unknown }
  | { readonly text: string }
  | { readonly error: string | RegExp };

export interface ConformanceStep {
  readonly operation: string;
  /** A JSON object with sorted keys, so the HTTP API's re-encoding leaves its bytes unchanged. */
  readonly data?: Readonly<Record<string, unknown>>;
  // `| undefined` lets literal step lists infer without annotations (TS widens missing keys to undefined).
  readonly metadata?: Readonly<Record<string, string | undefined>>;
  readonly expect: Expectation;
  /** Response metadata keys that must be present (and, when given, equal). */
  readonly responseMetadata?: Readonly<Record<string, string | RegExp | true | undefined>>;
}

export interface ConformanceScenario {
  readonly name: string;
  readonly steps: readonly ConformanceStep[];
}

export interface ConformanceOptions {
  readonly type: AnyBindingComponentType;
  /** The component's metadata; read when the suite starts (after the file's `before` hooks). */
  readonly metadata: () => Record<string, string>;
  /** Scenarios for one pass; `key` is unique per pass, for keys, files and tables. */
  readonly scenarios: (key: string) => readonly ConformanceScenario[];
  /** Skip message (a service is down), or false. */
  readonly skip?: string | false;
}

/**
 * The one suite every binding component passes for the operations it claims. It checks the
 * declarations (operations, required fields), then runs the component's scenarios twice: in
 * process through `runtime.invoke`, and through Dapr's HTTP API (200 vs 204, error bodies),
 * each pass with a fresh component, so `close`-like operations may end a scenario.
 */
export function conformance(options: ConformanceOptions): void {
  const { type } = options;
  describe(`conformance: ${type.type}`, { skip: options.skip ?? false }, () => {
    test('declares its operations, the same at run time', async () => {
      assert.ok(type.operations.length > 0, 'a binding must claim at least one operation');
      assert.equal(new Set(type.operations).size, type.operations.length, 'operations must be unique');
      const runtime = await startRuntime(options);
      try {
        assert.deepEqual(runtime.operationsOf('subject'), [...type.operations]);
      } finally {
        await runtime.close();
      }
    });

    test('every declared field has a type and a description', () => {
      for (const [name, field] of Object.entries(type.metadata)) {
        assert.ok(field.description.length > 0, `${name} needs a description`);
        if (field.required === true)
          assert.equal(field.default, undefined, `${name} is required and has a default`);
      }
    });

    test('the scenarios exercise every claimed operation', () => {
      const used = new Set(
        options.scenarios('coverage').flatMap((s) => s.steps.map((step) => step.operation)),
      );
      const missing = type.operations.filter((op) => !used.has(op));
      assert.deepEqual(missing, [], `operations without a scenario: ${missing.join(', ')}`);
    });

    test('a missing required field stops start-up, naming the component and the field', async () => {
      const required = Object.entries(type.metadata).filter(([, f]) => f.required === true);
      for (const [name] of required) {
        const metadata = Object.fromEntries(
          Object.entries(options.metadata()).filter(([k]) => k.toLowerCase() !== name.toLowerCase()),
        );
        const runtime = new BindingsRuntime({ logger: silentLogger(), types: [] });
        runtime.add({ name: 'subject', type: type.type, metadata });
        const error = await runtime.start().then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof ComponentLoadError, `${name}: start() must fail`);
        assert.match(
          error.message,
          new RegExp(
            `component "subject" \\(${type.type.replace('.', '\\.')}\\).*metadata "${name}" is required`,
          ),
        );
      }
    });

    test('refuses an operation it does not claim, listing the ones it does', async () => {
      const runtime = await startRuntime(options);
      try {
        await assert.rejects(runtime.invoke('subject', 'no-such-op'), {
          message: `binding subject does not support operation no-such-op. supported operations:${type.operations.join(' ')}`,
        });
      } finally {
        await runtime.close();
      }
    });

    describe('in process', () => {
      let runtime: BindingsRuntime;
      const key = uniquePassKey('inproc');
      before(async () => {
        runtime = await startRuntime(options);
      });
      after(() => runtime.close());
      // Names are read now; steps when the test runs, after the file's `before` hooks set things up.
      options.scenarios(key).forEach(({ name }, index) => {
        test(name, async () => {
          const { steps } = options.scenarios(key)[index]!;
          for (const [i, step] of steps.entries()) await inProcessStep(runtime, step, `${name} #${i + 1}`);
        });
      });
    });

    describe("through Dapr's HTTP API", () => {
      let runtime: BindingsRuntime;
      let core: DaprHttpCore;
      const key = uniquePassKey('http');
      before(async () => {
        runtime = await startRuntime(options);
        core = new DaprHttpCore(runtime, { apiToken: '' });
      });
      after(() => runtime.close());
      options.scenarios(key).forEach(({ name }, index) => {
        test(name, async () => {
          const { steps } = options.scenarios(key)[index]!;
          for (const [i, step] of steps.entries()) await httpStep(core, step, `${name} #${i + 1}`);
        });
      });
    });

    test('close is idempotent and later calls find nothing', async () => {
      const runtime = await startRuntime(options);
      await runtime.close();
      await runtime.close();
      await assert.rejects(runtime.invoke('subject', type.operations[0]!), {
        message: "couldn't find output binding subject",
      });
    });
  });
}

function uniquePassKey(pass: string): string {
  return `conf_${pass}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
}

async function startRuntime(options: ConformanceOptions): Promise<BindingsRuntime> {
  const runtime = new BindingsRuntime({ logger: silentLogger() });
  runtime.add({ name: 'subject', type: options.type.type, metadata: options.metadata() });
  await runtime.start();
  return runtime;
}

async function inProcessStep(runtime: BindingsRuntime, step: ConformanceStep, where: string): Promise<void> {
  const expect = step.expect;
  if ('error' in expect) {
    const error = (await runtime.invoke('subject', step.operation, step.data, requestMetadata(step)).then(
      () => assert.fail(`${where}: expected an error`),
      (e: unknown) => e,
    )) as BindingError;
    matches(error.message, expect.error, where);
    assert.equal(error.reason, 'component', where);
    return;
  }
  const result = await runtime.invoke('subject', step.operation, step.data, requestMetadata(step));
  if ('nothing' in expect) assert.equal(result.hasResponse, false, `${where}: expected no response`);
  else assert.equal(result.hasResponse, true, `${where}: expected a response`);
  checkData(result.data, expect, where);
  checkMetadata(result.metadata, step, where);
}

async function httpStep(core: DaprHttpCore, step: ConformanceStep, where: string): Promise<void> {
  const body = new TextEncoder().encode(
    JSON.stringify({ operation: step.operation, data: step.data, metadata: requestMetadata(step) }),
  );
  const answer = await core.handleInvoke('subject', body, {});
  const bytes = typeof answer.body === 'string' ? new TextEncoder().encode(answer.body) : answer.body;
  const expect = step.expect;
  if ('error' in expect) {
    assert.equal(answer.status, 500, where);
    const parsed = JSON.parse(Buffer.from(bytes).toString()) as { errorCode: string; message: string };
    assert.equal(parsed.errorCode, 'ERR_INVOKE_OUTPUT_BINDING', where);
    assert.ok(parsed.message.startsWith('error invoking output binding subject: '), where);
    matches(parsed.message.slice('error invoking output binding subject: '.length), expect.error, where);
    return;
  }
  assert.equal(answer.status, 'nothing' in expect ? 204 : 200, where);
  checkData(bytes, expect, where);
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (name.startsWith('metadata.'))
      metadata[name.slice('metadata.'.length)] = Buffer.from(value, 'latin1').toString();
  }
  checkMetadata(metadata, step, where);
}

function requestMetadata(step: ConformanceStep): Record<string, string> {
  return Object.fromEntries(
    Object.entries(step.metadata ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

function checkData(data: Uint8Array, expect: Expectation, where: string): void {
  const text = Buffer.from(data).toString();
  if ('nothing' in expect || 'empty' in expect) assert.equal(text, '', `${where}: expected no data`);
  else if ('json' in expect) assert.deepEqual(JSON.parse(text), expect.json, where);
  else if ('text' in expect) assert.equal(text, expect.text, where);
}

function checkMetadata(metadata: Record<string, string>, step: ConformanceStep, where: string): void {
  for (const [key, want] of Object.entries(step.responseMetadata ?? {})) {
    if (want === undefined) continue;
    const got = metadata[key];
    assert.notEqual(got, undefined, `${where}: response metadata ${key} is missing`);
    if (want !== true) matches(got!, want, `${where}: metadata ${key}`);
  }
}

function matches(actual: string, expected: string | RegExp, where: string): void {
  if (typeof expected === 'string') assert.equal(actual, expected, where);
  else assert.match(actual, expected, where);
}
