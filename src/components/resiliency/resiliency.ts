import type { Logger } from 'pino';
import { type BreakerPolicy, type BreakerSnapshot, CircuitBreaker } from './circuit-breaker.js';
import type { ComponentTargets, PolicyNames, ResiliencyDocument } from './resiliency-document.js';
import { type PolicyEvents, ResiliencyPolicy } from './resiliency-policy.js';
import type { RetryPolicy } from './retry-policy.js';

/** Which way a call goes: to the component (`outbound`) or from it into the app (`inbound`). */
export type Direction = 'inbound' | 'outbound';

/** Exhausted retries of one target, as the metadata endpoint reports them. */
export interface RetrySummary {
  readonly target: string;
  readonly exhausted: number;
  readonly lastError: string;
  readonly lastAt: string;
}

/** What `GET /v1.0/metadata` shows under `resiliency`. */
export interface ResiliencySnapshot {
  readonly documents: readonly string[];
  readonly circuitBreakers: readonly BreakerSnapshot[];
  readonly retries: readonly RetrySummary[];
}

const DIRECTION_WORD: Readonly<Record<Direction, 'Inbound' | 'Outbound'>> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
};

/**
 * The resiliency policies of one process, from the Resiliency documents that apply to it.
 * `outbound(name)` and `inbound(name)` give a component's policy, resolved as Dapr resolves it:
 * the component's named target when it has one, else per kind the first default that exists
 * among `Default<Type>ComponentOutbound…Policy`, `DefaultComponentOutbound…Policy`,
 * `DefaultComponent…Policy` and `Default…Policy`. One circuit breaker per component name,
 * shared by both directions, as in Dapr.
 */
export class Resiliency {
  private readonly timeouts = new Map<string, number>();
  private readonly retries = new Map<string, RetryPolicy>();
  private readonly breakerPolicies = new Map<string, BreakerPolicy>();
  private readonly components = new Map<string, ComponentTargets>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly policies = new Map<string, ResiliencyPolicy>();
  private readonly exhausted = new Map<string, RetrySummary>();
  private readonly documentNames: string[] = [];
  private readonly events: PolicyEvents;

  constructor(
    documents: readonly ResiliencyDocument[] = [],
    private readonly logger?: Logger,
  ) {
    // Later documents override earlier ones name by name, as Dapr merges them.
    for (const doc of documents) {
      this.documentNames.push(doc.name);
      for (const [name, ms] of doc.timeouts) this.timeouts.set(name, ms);
      for (const [name, retry] of doc.retries) this.retries.set(name, retry);
      for (const [name, breaker] of doc.circuitBreakers) this.breakerPolicies.set(name, breaker);
      for (const [name, targets] of doc.components) this.components.set(name, targets);
    }
    this.checkReferences(documents);
    this.events = {
      retrying: (target, attempt, delayMs, error) =>
        this.logger?.warn(
          { target, attempt, delayMs: Math.round(delayMs) },
          `error processing operation ${target}: ${message(error)}; retrying in ${Math.round(delayMs)}ms`,
        ),
      recovered: (target, attempts) =>
        this.logger?.info(
          { target, attempts },
          `recovered processing operation ${target} after ${attempts} attempts`,
        ),
      exhausted: (target, attempts, error) => {
        const previous = this.exhausted.get(target);
        this.exhausted.set(target, {
          target,
          exhausted: (previous?.exhausted ?? 0) + 1,
          lastError: message(error),
          lastAt: new Date().toISOString(),
        });
        this.logger?.warn(
          { target, attempts },
          `retries exhausted for operation ${target} after ${attempts} attempts: ${message(error)}`,
        );
      },
    };
  }

  /** The policy around calls of a component (an output binding invoke). */
  outbound(name: string, componentType = 'Binding'): ResiliencyPolicy {
    return this.policyOf(name, 'outbound', componentType);
  }

  /** The policy around deliveries from a component into the app (an input binding event). */
  inbound(name: string, componentType = 'Binding'): ResiliencyPolicy {
    return this.policyOf(name, 'inbound', componentType);
  }

  /** Loaded documents, breaker states and exhausted retries, for the metadata endpoint. */
  snapshot(): ResiliencySnapshot {
    return {
      documents: [...this.documentNames],
      circuitBreakers: [...this.breakers.values()].map((b) => b.snapshot()),
      retries: [...this.exhausted.values()],
    };
  }

  /** Whether any document applies (the metadata endpoint omits the section otherwise). */
  get loaded(): boolean {
    return this.documentNames.length > 0;
  }

  private policyOf(name: string, direction: Direction, componentType: string): ResiliencyPolicy {
    const key = `${direction}\u0000${componentType}\u0000${name}`;
    let policy = this.policies.get(key);
    if (policy === undefined) {
      const names = this.namesFor(name, direction, componentType);
      const breakerPolicy =
        names.circuitBreaker === undefined ? undefined : this.breakerPolicies.get(names.circuitBreaker);
      policy = new ResiliencyPolicy(
        {
          target: `component[${name}] ${direction === 'outbound' ? 'output' : 'input'}`,
          timeoutMs: names.timeout === undefined ? undefined : this.timeouts.get(names.timeout),
          retry: names.retry === undefined ? undefined : this.retries.get(names.retry),
          breaker: breakerPolicy === undefined ? undefined : this.breakerFor(name, breakerPolicy),
        },
        this.events,
      );
      this.policies.set(key, policy);
    }
    return policy;
  }

  private namesFor(name: string, direction: Direction, componentType: string): PolicyNames {
    const target = this.components.get(name);
    if (target !== undefined) return target[direction];
    const word = DIRECTION_WORD[direction];
    const levels = [`${componentType}Component${word}`, `Component${word}`, 'Component', ''];
    const first = (kind: string, known: ReadonlyMap<string, unknown>) =>
      levels.map((level) => `Default${level}${kind}Policy`).find((n) => known.has(n));
    return {
      timeout: first('Timeout', this.timeouts),
      retry: first('Retry', this.retries),
      circuitBreaker: first('CircuitBreaker', this.breakerPolicies),
    };
  }

  private breakerFor(component: string, policy: BreakerPolicy): CircuitBreaker {
    let breaker = this.breakers.get(component);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(`${policy.name}-${component}`, policy, (b, from, to) => {
        const line = `circuit breaker "${b.name}" changed state from ${from} to ${to}`;
        if (to === 'open') this.logger?.warn({ breaker: b.name, from, to }, line);
        else this.logger?.info({ breaker: b.name, from, to }, line);
      });
      this.breakers.set(component, breaker);
    }
    return breaker;
  }

  /** A target naming a policy no document defines is reported; that part is then absent. */
  private checkReferences(documents: readonly ResiliencyDocument[]): void {
    for (const doc of documents) {
      for (const [component, targets] of doc.components) {
        for (const direction of ['inbound', 'outbound'] as const) {
          const names = targets[direction];
          const missing = [
            names.timeout !== undefined && !this.timeouts.has(names.timeout)
              ? `timeout "${names.timeout}"`
              : '',
            names.retry !== undefined && !this.retries.has(names.retry) ? `retry "${names.retry}"` : '',
            names.circuitBreaker !== undefined && !this.breakerPolicies.has(names.circuitBreaker)
              ? `circuitBreaker "${names.circuitBreaker}"`
              : '',
          ].filter((m) => m !== '');
          for (const m of missing) {
            this.logger?.error(
              { file: doc.source },
              `resiliency "${doc.name}" in ${doc.source}: target components.${component}.${direction} names ${m}, which no policy defines`,
            );
          }
        }
      }
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
