import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compileTrip } from '../../src/components/resiliency/cel-trip.js';
import {
  BreakerOpenError,
  CircuitBreaker,
  loadResiliency,
  parseResiliencyFile,
  Resiliency,
  retryPolicy,
} from '../../src/components/resiliency/index.js';
import { backoff, statusCodeWorthRetry } from '../../src/components/resiliency/retry-policy.js';
import { captureLogger, tempDir } from './support.js';

function documents(yaml: string) {
  const result = parseResiliencyFile(yaml, 'resiliency.yaml');
  assert.deepEqual(result.problems, []);
  return result.documents;
}

describe('Resiliency documents', () => {
  test('every field Dapr defines is read, with its defaults', () => {
    const [doc] = documents(`apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: myresiliency
scopes: [app1]
spec:
  policies:
    timeouts:
      general: 5s
      inMs: 1500
    retries:
      retryForever:
        policy: exponential
        maxInterval: 15s
        maxRetries: -1
      retry5xxOnly:
        policy: constant
        duration: 5s
        maxRetries: 3
        matching:
          httpStatusCodes: "429,500-599"
          gRPCStatusCodes: "1-4,8-11,13,14"
      plain: {}
    circuitBreakers:
      simpleCB:
        maxRequests: 1
        interval: 8s
        timeout: 45s
        trip: consecutiveFailures > 8
      defaults: {}
  targets:
    components:
      myOutputBinding:
        outbound: { timeout: general, retry: retryForever, circuitBreaker: simpleCB }
`);
    assert.ok(doc);
    assert.deepEqual(doc.scopes, ['app1']);
    assert.equal(doc.timeouts.get('general'), 5000);
    assert.equal(doc.timeouts.get('inMs'), 1500, 'a bare number is milliseconds, as in Dapr');
    const forever = doc.retries.get('retryForever')!;
    assert.equal(forever.policy, 'exponential');
    assert.equal(forever.maxIntervalMs, 15_000);
    assert.equal(forever.maxRetries, -1);
    assert.equal(forever.initialIntervalMs, 500);
    const only5xx = doc.retries.get('retry5xxOnly')!;
    assert.equal(String(only5xx.httpStatusCodes), '429,500-599');
    assert.equal(String(only5xx.grpcStatusCodes), '1-4,8-11,13,14');
    const plain = doc.retries.get('plain')!;
    assert.equal(plain.policy, 'constant');
    assert.equal(plain.durationMs, 5000);
    assert.equal(plain.maxRetries, -1);
    const cb = doc.circuitBreakers.get('simpleCB')!;
    assert.deepEqual(
      [cb.maxRequests, cb.intervalMs, cb.timeoutMs, cb.trip],
      [1, 8000, 45_000, 'consecutiveFailures > 8'],
    );
    const d = doc.circuitBreakers.get('defaults')!;
    assert.deepEqual(
      [d.maxRequests, d.intervalMs, d.timeoutMs, d.trip],
      [1, 0, 60_000, 'consecutiveFailures > 5'],
    );
    assert.deepEqual(doc.components.get('myOutputBinding')?.outbound, {
      timeout: 'general',
      retry: 'retryForever',
      circuitBreaker: 'simpleCB',
    });
  });

  test("a bad document is reported with every problem and skipped; the file's other documents load", () => {
    const result = parseResiliencyFile(
      `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: broken
spec:
  policies:
    timeouts:
      general: soon
    retries:
      odd:
        policy: fibonacci
        matching:
          httpStatusCodes: "500-700"
    circuitBreakers:
      cb:
        trip: consecutiveFailures >
      typed:
        trip: consecutiveFailures + 1
---
apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: fine
spec:
  policies:
    timeouts:
      general: 1s
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: not-mine
spec:
  type: bindings.http
`,
      'res.yaml',
    );
    assert.deepEqual(
      result.documents.map((d) => d.name),
      ['fine'],
    );
    assert.equal(result.problems.length, 1);
    const problem = result.problems[0]!;
    assert.match(problem, /^res\.yaml \(document 1\): resiliency "broken": /);
    assert.match(problem, /timeout general: "soon" is not a duration/);
    assert.match(problem, /retry odd: policy "fibonacci" is not constant or exponential/);
    assert.match(problem, /circuit breaker cb: trip "consecutiveFailures >" is not a valid CEL expression/);
    assert.match(
      problem,
      /circuit breaker typed: trip "consecutiveFailures \+ 1" must be a boolean expression, not int/,
    );
  });

  test("bad matching ranges use Dapr's words", () => {
    const result = parseResiliencyFile(
      `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: { name: r }
spec:
  policies:
    retries:
      a: { matching: { httpStatusCodes: "500-700" } }
`,
      'r.yaml',
    );
    assert.match(
      result.problems[0]!,
      /retry a: matching: invalid pattern 500-700, end code 700 is not valid/,
    );
  });

  test('scopes keep a document to the app ids it names; problems are logged like bad components', async () => {
    const dir = await tempDir();
    const doc = (name: string, scopes: string) => `apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata:
  name: ${name}
${scopes}
spec:
  policies:
    timeouts:
      general: 1s
`;
    await writeFile(join(dir, 'a.yaml'), doc('everyone', ''));
    await writeFile(join(dir, 'b.yaml'), doc('orders-only', 'scopes: [orders]'));
    await writeFile(join(dir, 'c.yml'), doc('billing-only', 'scopes: [billing]'));
    await writeFile(join(dir, 'd.yaml'), doc('bad', 'scopes: orders'));
    const log = captureLogger();
    const loaded = await loadResiliency([dir], 'orders', log.logger);
    assert.deepEqual(
      loaded.map((d) => d.name),
      ['everyone', 'orders-only'],
    );
    const error = log.lines.find((l) => l.level === 50);
    assert.match(
      error?.msg ?? '',
      /^skipped resiliency: .*d\.yaml: resiliency "bad": scopes must be a list of app ids$/,
    );
  });
});

describe('policy resolution', () => {
  const all = documents(`apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: { name: defaults }
spec:
  policies:
    timeouts:
      DefaultTimeoutPolicy: 9s
      DefaultComponentTimeoutPolicy: 8s
      DefaultBindingComponentOutboundTimeoutPolicy: 7s
      general: 1s
    retries:
      DefaultRetryPolicy: { maxRetries: 1 }
      DefaultComponentInboundRetryPolicy: { maxRetries: 2 }
    circuitBreakers:
      DefaultComponentCircuitBreakerPolicy: { trip: consecutiveFailures > 1 }
  targets:
    components:
      named:
        outbound: { timeout: general }
`);

  test('a named target takes exactly its own policies, nothing from the defaults', () => {
    const policy = new Resiliency(all).outbound('named');
    assert.equal(policy.target, 'component[named] output');
    assert.equal(policy.timeoutMs, 1000);
    assert.equal(policy.retry, undefined);
    assert.equal(policy.breaker, undefined);
  });

  test('otherwise each kind takes the most specific default that exists', () => {
    const resiliency = new Resiliency(all);
    const out = resiliency.outbound('other');
    const into = resiliency.inbound('other');
    assert.equal(out.timeoutMs, 7000, 'DefaultBindingComponentOutboundTimeoutPolicy');
    assert.equal(into.timeoutMs, 8000, 'DefaultComponentTimeoutPolicy');
    assert.equal(resiliency.outbound('other', 'State').timeoutMs, 8000, 'another component type');
    assert.equal(out.retry?.name, 'DefaultRetryPolicy');
    assert.equal(into.retry?.name, 'DefaultComponentInboundRetryPolicy');
    assert.equal(out.breaker?.name, 'DefaultComponentCircuitBreakerPolicy-other');
    assert.equal(into.breaker, out.breaker, 'one breaker per component, both directions');
    assert.equal(new Resiliency().outbound('other').empty, true);
  });

  test('retries run the first attempt plus maxRetries', async () => {
    const attempts = async (policy: ReturnType<Resiliency['outbound']>) => {
      let n = 0;
      await policy
        .run(async () => {
          n++;
          throw Object.assign(new Error('no'), { statusCode: 503 });
        })
        .catch(() => undefined);
      return n;
    };
    const fresh = new Resiliency(
      documents(`apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: { name: retries }
spec:
  policies:
    retries:
      DefaultRetryPolicy: { maxRetries: 1, duration: 1ms }
      DefaultComponentInboundRetryPolicy: { maxRetries: 2, duration: 1ms }
`),
    );
    assert.equal(await attempts(fresh.outbound('x')), 2);
    assert.equal(await attempts(fresh.inbound('x')), 3);
  });

  test('a timeout policy aborts the attempt signal at its deadline', async () => {
    const policy = new Resiliency(
      documents(`apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: { name: t }
spec:
  policies:
    timeouts:
      DefaultTimeoutPolicy: 50ms
`),
    ).outbound('x');
    let seen: AbortSignal | undefined;
    const stuck = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    };
    await assert.rejects(policy.run(stuck), { message: 'context deadline exceeded' });
    assert.equal(seen?.aborted, true);
  });

  test('a target naming an unknown policy is reported', () => {
    const log = captureLogger();
    new Resiliency(
      documents(`apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: { name: typo }
spec:
  targets:
    components:
      orders:
        outbound: { retry: retryForevr }
`),
      log.logger,
    );
    assert.match(
      log.text(),
      /target components\.orders\.outbound names retry "retryForevr", which no policy defines/,
    );
  });
});

describe('retries', () => {
  test('matching: gRPC codes 0–16 against gRPCStatusCodes, HTTP codes against httpStatusCodes, others never', () => {
    const policy = retryPolicy('r', { httpStatusCodes: '429,500-599', grpcStatusCodes: '14' });
    assert.equal(statusCodeWorthRetry(policy, 503), true);
    assert.equal(statusCodeWorthRetry(policy, 429), true);
    assert.equal(statusCodeWorthRetry(policy, 404), false);
    assert.equal(statusCodeWorthRetry(policy, 14), true);
    assert.equal(statusCodeWorthRetry(policy, 13), false);
    assert.equal(statusCodeWorthRetry(policy, 700), false);
    assert.equal(statusCodeWorthRetry(retryPolicy('any'), 404), true, 'no matching: every code');
  });

  test('exponential pauses grow by the multiplier with randomization, capped at maxInterval', () => {
    const policy = retryPolicy('e', { policy: 'exponential', maxIntervalMs: 2000, maxRetries: 6 });
    const low = backoff(policy, () => 0);
    assert.deepEqual(
      Array.from({ length: 7 }, () => low()),
      [250, 375, 562.5, 843.75, 1000, 1000, undefined],
    );
    const high = backoff(policy, () => 1);
    assert.deepEqual(
      Array.from({ length: 6 }, () => high()),
      [750, 1125, 1687.5, 2000, 2000, 2000],
    );
  });

  test('constant pauses; maxRetries 0 means one attempt; -1 never gives up on its own', () => {
    const once = backoff(retryPolicy('c', { maxRetries: 0 }));
    assert.equal(once(), undefined);
    const forever = backoff(retryPolicy('f', { durationMs: 10 }));
    for (let i = 0; i < 1000; i++) assert.equal(forever(), 10);
  });
});

describe('circuit breakers', () => {
  const policy = (
    trip: string,
    extra: { maxRequests?: number; timeoutMs?: number; intervalMs?: number } = {},
  ) => ({
    name: 'cb',
    maxRequests: extra.maxRequests ?? 1,
    intervalMs: extra.intervalMs ?? 0,
    timeoutMs: extra.timeoutMs ?? 60_000,
    trip,
    shouldTrip: compileTrip(trip),
  });
  const fail = () => Promise.reject(new Error('down'));
  const ok = () => Promise.resolve('up');

  test('trip sees every counter', async () => {
    const changes: string[] = [];
    const breaker = new CircuitBreaker(
      'cb-x',
      policy('requests >= 4 && totalFailures * 2 >= requests'),
      (_, from, to) => changes.push(`${from}>${to}`),
    );
    await breaker.execute(ok);
    await breaker.execute(fail).catch(() => undefined);
    await breaker.execute(ok);
    assert.equal(breaker.state, 'closed');
    await breaker.execute(fail).catch(() => undefined);
    assert.equal(breaker.state, 'open');
    assert.deepEqual(changes, ['closed>open']);
    await assert.rejects(breaker.execute(ok), BreakerOpenError);
  });

  test('half-open lets maxRequests probes through and refuses more with "too many requests"; a failed probe reopens', async () => {
    const breaker = new CircuitBreaker(
      'cb-y',
      policy('consecutiveFailures > 0', { maxRequests: 2, timeoutMs: 30 }),
      () => undefined,
    );
    await breaker.execute(fail).catch(() => undefined);
    assert.equal(breaker.state, 'open');
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(breaker.state, 'half-open');
    let release: () => void = () => undefined;
    const slow = breaker.execute(() => new Promise<string>((r) => (release = () => r('late'))));
    const second = breaker.execute(ok);
    await assert.rejects(breaker.execute(ok), { message: 'too many requests' });
    release();
    await slow;
    await second;
    assert.equal(breaker.state, 'closed', 'two successes in a row close it');
    await breaker.execute(fail).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 40));
    await breaker.execute(fail).catch(() => undefined);
    assert.equal(breaker.state, 'open');
  });

  test('interval clears the counts of a closed breaker', async () => {
    const breaker = new CircuitBreaker(
      'cb-z',
      policy('consecutiveFailures > 1', { intervalMs: 30 }),
      () => undefined,
    );
    await breaker.execute(fail).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 40));
    await breaker.execute(fail).catch(() => undefined);
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.snapshot().counts.consecutiveFailures, 1);
  });
});
