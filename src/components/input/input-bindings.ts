import type { Logger } from 'pino';
import { StartupError } from '../../http/startup-error.js';
import { type WorkerSlot, workerSlot } from '../../service/index.js';
import type { TraceContext } from '../../tracing/index.js';
import type { InputBinding, InputEvent, InputHandler } from '../binding-component.js';
import { type ComponentSpec, describeComponent } from '../component-spec.js';
import { type AppChannel, eventHeaders, routePath } from './app-channel.js';
import { FlowLimiter } from './flow-limiter.js';

/** The default number of events in flight per input binding. */
export const DEFAULT_MAX_IN_FLIGHT = 32;
/** How long the start-up probe of a binding's route may take: daprd's default. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3000;

/**
 * Runs delivery attempts under the inbound resiliency policy of a binding (retries, timeout,
 * circuit breaker), in the trace the event's metadata continues (or a new one); the signal
 * aborts an attempt past its timeout, the trace context goes to the app with the event.
 */
export type InboundPolicy = (
  binding: string,
  event: InputEvent,
  attempt: (signal: AbortSignal, trace: TraceContext) => Promise<Uint8Array>,
) => Promise<Uint8Array>;

export interface InputDeliveryOptions {
  /** Events in flight per binding: one limit for every binding, or limits by binding name. */
  readonly maxInFlight?: number | Readonly<Record<string, number>>;
  /** Time allowed for each start-up `OPTIONS` probe (default 3s, as daprd). */
  readonly probeTimeoutMs?: number;
  /** This process's worker slot (default: what `bindery serve` set, else a lone leader). */
  readonly slot?: WorkerSlot;
}

/** An input binding that loaded: its instance and where its events go. */
export interface LoadedInput {
  readonly spec: ComponentSpec;
  readonly instance: InputBinding;
  /** The app route: `/<name>`, or the component's `route` metadata. */
  readonly route: string;
  /** `direction` names input: the app is taken to listen, without a probe. */
  readonly explicitInput: boolean;
  /** The type's `inputScope`: read in the leader worker only (`app`), or in every worker. */
  readonly scope: 'app' | 'worker';
}

interface ActiveInput extends LoadedInput {
  readonly limiter: FlowLimiter;
}

/** The app refused an event (a status other than 2xx), in daprd's words. */
export class EventRefusedError extends Error {
  constructor(
    readonly binding: string,
    readonly status: number,
    readonly body: Uint8Array,
  ) {
    super(
      `fails to send binding event to http app channel, status code: ${status} body: ${Buffer.from(body).toString()}`,
    );
    this.name = 'EventRefusedError';
  }
}

/**
 * Delivers the events of every loaded input binding to the app, the way daprd does: a start-up
 * probe decides which bindings the app listens to, then each event is one `POST` through
 * `deliver`, under a per-binding in-flight limit. `stop` stops the components reading and waits
 * for the events in flight.
 */
export class InputBindings {
  private readonly active = new Map<string, ActiveInput>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private channel: AppChannel | undefined;
  private stopping = false;

  constructor(
    private readonly logger: Logger,
    private readonly inbound: InboundPolicy,
  ) {}

  /** Names of the bindings whose events are being delivered. */
  names(): string[] {
    return [...this.active.keys()];
  }

  /**
   * Probes the app for each binding (unless its direction says input), then starts every
   * subscribed one reading. Rejects, after stopping what had started, when a probe cannot reach
   * the app or a component cannot start reading.
   */
  async start(
    inputs: readonly LoadedInput[],
    channel: AppChannel,
    options: InputDeliveryOptions,
  ): Promise<void> {
    if (this.channel !== undefined)
      throw new StartupError('BND_ERR_LIFECYCLE', 'input bindings are already being delivered');
    this.channel = channel;
    const probeTimeout = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    const slot = options.slot ?? workerSlot();
    try {
      for (const input of inputs) {
        const name = input.spec.name;
        if (input.scope === 'app' && !slot.leader) {
          this.logger.info(`input binding ${name} is read by worker 0 only: its events reach the app once`);
          continue;
        }
        if (!input.explicitInput && !(await this.subscribed(channel, input.route, probeTimeout, name))) {
          this.logger.info(`app has not subscribed to binding ${name}.`);
          continue;
        }
        const limiter = new FlowLimiter(limitFor(options.maxInFlight, name));
        const active: ActiveInput = { ...input, limiter };
        this.active.set(name, active);
        try {
          await input.instance.read(this.handlerFor(active), { maxInFlight: limiter.limit });
        } catch (error) {
          throw new StartupError(
            'BND_ERR_COMPONENT_LOAD',
            `error reading from input binding ${name} (${describeComponent(input.spec)}): ${(error as Error).message}`,
            { cause: error },
          );
        }
        this.logger.info(
          { binding: name, route: input.route, maxInFlight: limiter.limit },
          `input binding ${name} delivers to ${channel.description} ${input.route}`,
        );
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Delivers one event to the app: the single step every event goes through, under the inbound
   * policy. Resolves with the app's answer on a 2xx; rejects otherwise, which the component
   * reads as a refusal.
   */
  deliver(binding: string, event: InputEvent): Promise<Uint8Array> {
    const channel = this.channel;
    const input = this.active.get(binding);
    if (channel === undefined || input === undefined)
      return Promise.reject(new Error(`input binding ${binding} is not delivering`));
    const attempt = async (signal: AbortSignal, trace: TraceContext): Promise<Uint8Array> => {
      let answer: Awaited<ReturnType<AppChannel['post']>>;
      // The app's request is a child of the delivery's context, not the event's copied verbatim.
      const headers = { ...eventHeaders(event.metadata), ...trace.toMetadata() };
      try {
        answer = await channel.post(input.route, event.data, headers, signal);
      } catch (error) {
        throw new Error(`error invoking app: ${(error as Error).message}`, { cause: error });
      }
      if (answer.status < 200 || answer.status > 299)
        throw new EventRefusedError(binding, answer.status, answer.body);
      return answer.body;
    };
    return this.inbound(binding, event, attempt);
  }

  /** Stops every component reading, then waits for the events in flight to be answered. */
  async stop(): Promise<void> {
    this.stopping = true;
    const inputs = [...this.active.values()];
    const results = await Promise.allSettled(inputs.map((input) => input.instance.stop()));
    results.forEach((result, i) => {
      if (result.status === 'rejected')
        this.logger.warn({ err: result.reason }, `${describeComponent(inputs[i]!.spec)}: stop failed`);
    });
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private handlerFor(input: ActiveInput): InputHandler {
    const name = input.spec.name;
    return async (event) => {
      if (this.stopping) throw new Error('input binding is closed');
      await input.limiter.acquire();
      if (this.stopping) {
        input.limiter.release();
        throw new Error('input binding is closed');
      }
      const delivery = this.deliver(name, event);
      this.inFlight.add(delivery);
      try {
        return await delivery;
      } catch (error) {
        this.logger.debug({ err: error, binding: name }, `error from app consumer for binding [${name}]`);
        throw error;
      } finally {
        this.inFlight.delete(delivery);
        input.limiter.release();
      }
    };
  }

  /** daprd's probe: a 2xx or a 405 to `OPTIONS /<route>` means the app listens. */
  private async subscribed(
    channel: AppChannel,
    route: string,
    timeoutMs: number,
    name: string,
  ): Promise<boolean> {
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    try {
      status = await Promise.race([
        channel.options(route, signal),
        new Promise<never>((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs}ms`))),
        ),
      ]);
    } catch (error) {
      throw new StartupError(
        'BND_ERR_COMPONENT_LOAD',
        `could not invoke OPTIONS method on input binding subscription endpoint "${route}" of binding ${name}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return (status >= 200 && status <= 299) || status === 405;
  }
}

function limitFor(option: InputDeliveryOptions['maxInFlight'], name: string): number {
  if (option === undefined) return DEFAULT_MAX_IN_FLIGHT;
  if (typeof option === 'number') return option;
  return option[name] ?? DEFAULT_MAX_IN_FLIGHT;
}

/** The route an input binding delivers to: its `route` metadata, else its name. */
export function inputRoute(name: string, properties: Readonly<Record<string, string>>): string {
  // daprd matches `route` exactly (it reads the raw metadata list, not the decoded struct).
  const route = properties.route;
  return routePath(route === undefined || route.trim() === '' ? name : route);
}
