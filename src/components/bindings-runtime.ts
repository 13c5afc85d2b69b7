import { type Logger, pino } from 'pino';
import { StartupError } from '../http/startup-error.js';
import { TraceContext } from '../tracing/index.js';
import type { BindingClient } from './binding-client.js';
import type {
  AnyBindingComponentType,
  BindingMetadata,
  ComponentContext,
  InputBinding,
  InvokeResponse,
  OutboundRequest,
  OutputBinding,
} from './binding-component.js';
import { type BindingResult, bindingResult, encodeBindingData } from './binding-data.js';
import { BindingError, type BindingErrorReason, bindingMessages, ComponentError } from './binding-error.js';
import { BindingTracer } from './binding-tracer.js';
import {
  CallCanceledError,
  DEFAULT_CALL_TIMEOUT_MS,
  DeadlineExceededError,
  withDeadline,
} from './call-deadline.js';
import { type Clock, systemClock } from './clock.js';
import { type Direction, type Initializable, initComponent } from './component-init.js';
import { selectSpecs } from './component-selection.js';
import {
  type ComponentDeclaration,
  type ComponentSpec,
  categoryOf,
  describeComponent,
  specFromDeclaration,
} from './component-spec.js';
import { ComponentTypes } from './component-types.js';
import type { AppChannel } from './input/app-channel.js';
import { containerChannel, type InjectTarget } from './input/container-channel.js';
import {
  EventRefusedError,
  InputBindings,
  type InputDeliveryOptions,
  inputRoute,
  type LoadedInput,
} from './input/input-bindings.js';
import type { MetadataFields } from './metadata-fields.js';
import { BreakerOpenError, loadResiliency, Resiliency, type ResiliencyPolicy } from './resiliency/index.js';
import { loadResources } from './resources-loader.js';
import type { AnySecretStoreType, SecretStore } from './secrets/index.js';

export interface BindingsRuntimeOptions {
  /** Folders of Dapr component files (`--resources-path`); read once at `start()`. */
  readonly resourcesPaths?: readonly string[];
  /** This app's id: components whose `scopes` leave it out are skipped. */
  readonly appId?: string;
  readonly logger?: Logger;
  /** Extra component types beside the built-in ones. */
  readonly types?: readonly AnyBindingComponentType[];
  readonly secretStoreTypes?: readonly AnySecretStoreType[];
  /** The environment `envRef` and `secretstores.local.env` read; process.env by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A Configuration's `spec.components.deny`: `type` or `type/version` entries not to load. */
  readonly deniedComponents?: readonly string[];
  /**
   * Milliseconds a component call may take when the component's metadata sets no limit of its
   * own (30 s by default; `Infinity` for none). Past it the call fails with `context deadline
   * exceeded` (504 in the app) and the component's signal aborts.
   */
  readonly callTimeout?: number;
  /**
   * OpenTelemetry spans for binding calls when the application registered an SDK before
   * `start()` (default true); trace context is passed to components either way.
   */
  readonly tracing?: boolean;
  /** The clock components schedule with (cron ticks, retry and reconnect waits); the system's by default. */
  readonly clock?: Clock;
}

/**
 * Where `deliverTo` sends input events: a Container (in process; one that has `beforeClose`
 * stops the events first when it closes) or any AppChannel, such as `httpAppChannel`.
 */
export type InputTarget = (InjectTarget & { beforeClose?(hook: () => unknown): unknown }) | AppChannel;

/** One finished binding call or input event, as observers (metrics) see it. */
export interface BindingCallEvent {
  /** `output`: the app invoked the binding; `input`: the binding delivered an event to the app. */
  readonly direction: 'output' | 'input';
  readonly binding: string;
  /** The output operation; `deliver` for an input event. */
  readonly operation: string;
  /**
   * `success`, or why it failed: an output call's reason (`not-found`, `unsupported-operation`,
   * `component`, …); for an input event `refused` (the app answered other than 2xx) or `failed`
   * (the app could not be reached, or its policy gave up).
   */
  readonly outcome: 'success' | BindingErrorReason | 'refused' | 'failed';
  readonly durationSeconds: number;
}

/** Told of every finished call and event; must not throw (a throw is logged and dropped). */
export type BindingCallObserver = (event: BindingCallEvent) => void;

/** A loaded component as `/v1.0/metadata` reports it. */
export interface ComponentInfo {
  readonly name: string;
  readonly type: string;
  readonly version: string;
  readonly capabilities: readonly string[];
}

/** Every component that could not start, listed together (file, component, field). */
export class ComponentLoadError extends StartupError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      'BND_ERR_COMPONENT_LOAD',
      `${problems.length} component problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ComponentLoadError';
    this.problems = problems;
  }
}

interface LoadedBinding {
  readonly spec: ComponentSpec;
  readonly instance: OutputBinding;
  readonly operations: readonly string[];
  readonly operationSet: ReadonlySet<string>;
  /** Per-call deadline in milliseconds, and which setting gave it (for the timeout log line). */
  readonly timeoutMs: number;
  readonly timeoutSource: string;
}

interface LoadedStore {
  readonly spec: ComponentSpec;
  readonly store: SecretStore;
}

type State = 'new' | 'starting' | 'started' | 'closing' | 'closed';

/**
 * Output bindings inside the app: loads Dapr component files (and components added in code),
 * checks every declaration at start-up, and invokes bindings with Dapr's semantics and error
 * texts. The Dapr HTTP and gRPC APIs, and injected binding clients, all go through `send`.
 */
export class BindingsRuntime {
  readonly appId: string | undefined;
  readonly logger: Logger;
  readonly types: ComponentTypes;
  private readonly resourcesPaths: readonly string[];
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly deniedComponents: readonly string[];
  private readonly clock: Clock;
  private readonly callTimeout: number;
  private readonly declared: ComponentSpec[] = [];
  private readonly defaults: ComponentSpec[] = [];
  private readonly bindingsByName = new Map<string, LoadedBinding>();
  private readonly stores = new Map<string, LoadedStore>();
  private readonly inputsByName = new Map<string, LoadedInput>();
  private readonly inputs: InputBindings;
  private readonly inFlight = new Set<Promise<unknown>>();
  private state: State = 'new';
  private readonly observers: BindingCallObserver[] = [];
  private starting: Promise<void> | undefined;
  private resiliency = new Resiliency();
  private tracer = BindingTracer.plain;
  private readonly tracingEnabled: boolean;

  constructor(options: BindingsRuntimeOptions = {}) {
    this.appId = options.appId;
    this.logger = options.logger ?? pino({ name: 'bindery-bindings' });
    this.resourcesPaths = options.resourcesPaths ?? [];
    this.env = options.env ?? process.env;
    this.deniedComponents = options.deniedComponents ?? [];
    this.clock = options.clock ?? systemClock;
    // Each delivery continues the trace of its event (a CONSUMER span with an OpenTelemetry
    // SDK) and runs under the binding's inbound policy of the loaded resiliency documents.
    this.inputs = new InputBindings(this.logger, (binding, event, attempt) =>
      this.observed(
        'input',
        binding,
        'deliver',
        () =>
          this.tracer.enter(
            `bindings/${binding}`,
            'consumer',
            TraceContext.parse(event.metadata.traceparent, event.metadata.tracestate),
            { 'bindery.binding.name': binding },
            (trace) => this.resiliency.inbound(binding).run((signal) => attempt(signal, trace)),
          ),
        (error) => (error instanceof EventRefusedError ? 'refused' : 'failed'),
      ),
    );
    this.callTimeout = options.callTimeout ?? DEFAULT_CALL_TIMEOUT_MS;
    this.tracingEnabled = options.tracing ?? true;
    this.types = new ComponentTypes();
    for (const type of options.types ?? []) this.types.addBinding(type);
    for (const type of options.secretStoreTypes ?? []) this.types.addSecretStore(type);
  }

  /** Adds a component in code, exactly as if a file declared it; a file with the same name is a conflict. */
  add(declaration: ComponentDeclaration): this {
    this.assertNotStarted('add');
    this.declared.push(specFromDeclaration(declaration));
    return this;
  }

  /**
   * Adds a component that applies only when no file (or `add`) declares the same name: the
   * embedded default an app runs with when nobody configured anything.
   */
  addDefault(declaration: ComponentDeclaration): this {
    this.assertNotStarted('addDefault');
    this.defaults.push(specFromDeclaration(declaration, 'code (default)'));
    return this;
  }

  get started(): boolean {
    return this.state === 'started';
  }

  /**
   * The resiliency policies loaded from the `kind: Resiliency` documents of the resources
   * paths (none before `start()`): `policies.outbound(name).run(fn)` around a call to a
   * component, `policies.inbound(name).run(fn)` around a delivery from one.
   */
  get policies(): Resiliency {
    return this.resiliency;
  }

  /** Loads and initializes every component; rejects with a ComponentLoadError listing all problems. */
  start(): Promise<void> {
    if (this.starting === undefined) {
      this.state = 'starting';
      this.starting = this.load().then(
        () => {
          this.state = 'started';
        },
        async (error: unknown) => {
          await this.closeComponents();
          this.state = 'closed';
          throw error;
        },
      );
    }
    return this.starting;
  }

  /**
   * Invokes a binding in process: data as bytes, text or a JSON value; never answers null.
   * `trace` is the caller's context (a request's `ctx.trace`).
   */
  async invoke(
    name: string,
    operation: string,
    data?: unknown,
    metadata: Readonly<BindingMetadata> = {},
    trace?: TraceContext,
  ): Promise<BindingResult> {
    const response = await this.send(name, {
      operation,
      data: encodeBindingData(data),
      metadata: { ...metadata },
      trace,
    });
    return bindingResult(name, response);
  }

  /** Adds an observer told of every finished output call and input event (metrics). */
  observe(observer: BindingCallObserver): this {
    this.observers.push(observer);
    return this;
  }

  /** Dapr's SendToOutputBinding, told to the observers when there are any. */
  send(name: string, request: OutboundRequest): Promise<InvokeResponse | null> {
    return this.observed(
      'output',
      name,
      request.operation,
      () => this.dispatch(name, request),
      (error) => (error instanceof BindingError ? error.reason : 'component'),
    );
  }

  /** Runs `work`, telling the observers how it ended; with none, just runs it. */
  private observed<T>(
    direction: BindingCallEvent['direction'],
    binding: string,
    operation: string,
    work: () => Promise<T>,
    failure: (error: unknown) => BindingCallEvent['outcome'],
  ): Promise<T> {
    if (this.observers.length === 0) return work();
    const started = performance.now();
    const tell = (outcome: BindingCallEvent['outcome']) => {
      const event = {
        direction,
        binding,
        operation,
        outcome,
        durationSeconds: (performance.now() - started) / 1000,
      };
      for (const observer of this.observers) {
        try {
          observer(event);
        } catch (error) {
          this.logger.warn({ err: error }, 'a binding call observer threw');
        }
      }
    };
    return work().then(
      (result) => {
        tell('success');
        return result;
      },
      (error: unknown) => {
        tell(failure(error));
        throw error;
      },
    );
  }

  /**
   * Runs work that enters from outside (a Dapr API request, an input binding event) under the
   * context it came with (`incoming`, when valid) or a new trace; with an OpenTelemetry SDK as a
   * SERVER or CONSUMER span. Input deliveries pass `TraceContext.parse(event.traceparent, …)`.
   */
  enterTrace<T>(
    spanName: string,
    kind: 'server' | 'consumer',
    incoming: TraceContext | undefined,
    work: (trace: TraceContext) => Promise<T>,
  ): Promise<T> {
    return this.tracer.enter(spanName, kind, incoming, {}, work);
  }

  /**
   * Dapr's SendToOutputBinding: the three checks in Dapr's order, then the component under its
   * deadline. The component gets a signal that aborts at the deadline or when `request.signal`
   * does.
   */
  private async dispatch(name: string, request: OutboundRequest): Promise<InvokeResponse | null> {
    if (this.state === 'starting') await this.starting;
    const { operation } = request;
    if (operation === '')
      throw new BindingError(name, operation, 'missing-operation', bindingMessages.missingOperation());
    const binding = this.state === 'started' ? this.bindingsByName.get(name) : undefined;
    if (binding === undefined)
      throw new BindingError(name, operation, 'not-found', bindingMessages.notFound(name));
    if (!binding.operationSet.has(operation)) {
      const text = bindingMessages.unsupportedOperation(name, operation, binding.operations);
      throw new BindingError(name, operation, 'unsupported-operation', text);
    }
    const parent =
      request.trace ?? TraceContext.parse(request.metadata.traceparent, request.metadata.tracestate);
    const info = { name, operation, type: binding.spec.type };
    const call = this.tracer.call(info, parent, (trace) => {
      // The component sees the call's own context, as daprd hands a component its span's.
      const traced = { ...request, metadata: { ...request.metadata, ...trace.toMetadata() } };
      const policy = this.resiliency.outbound(name);
      return policy.empty
        ? this.callComponent(name, binding, traced)
        : this.callUnderPolicy(name, binding, traced, policy);
    });
    this.inFlight.add(call);
    try {
      return await call;
    } finally {
      this.inFlight.delete(call);
    }
  }

  /** Retry ∘ breaker ∘ timeout around the component call; each attempt gets its own signal. */
  private async callUnderPolicy(
    name: string,
    binding: LoadedBinding,
    request: OutboundRequest,
    policy: ResiliencyPolicy,
  ): Promise<InvokeResponse | null> {
    try {
      return await policy.run(
        (signal) => this.callComponent(name, binding, { ...request, signal }),
        request.signal,
      );
    } catch (error) {
      if (error instanceof BindingError) throw error;
      const { operation } = request;
      if (error instanceof DeadlineExceededError)
        throw new BindingError(name, operation, 'timeout', error.message, { cause: error });
      if (error instanceof BreakerOpenError)
        throw new BindingError(name, operation, 'circuit-open', error.message, { cause: error });
      if (error instanceof CallCanceledError)
        throw new BindingError(name, operation, 'canceled', error.message, { cause: error });
      throw new BindingError(name, operation, 'component', String(error), { cause: error });
    }
  }

  /** One call of the component under its deadline; every failure comes out as a BindingError. */
  private async callComponent(
    name: string,
    binding: LoadedBinding,
    request: OutboundRequest,
  ): Promise<InvokeResponse | null> {
    const { operation, data, metadata } = request;
    const { instance, timeoutMs, timeoutSource } = binding;
    try {
      return await withDeadline(
        (signal) => instance.invoke({ operation, data, metadata, signal }),
        timeoutMs,
        timeoutSource,
        request.signal,
      );
    } catch (error) {
      if (error instanceof DeadlineExceededError) {
        this.logger.warn(
          { binding: name, operation, timeoutMs: error.timeoutMs, deadline: error.source },
          `output binding ${name} ${operation}: ${error.message}`,
        );
        throw new BindingError(name, operation, 'timeout', error.message, { cause: error });
      }
      if (error instanceof CallCanceledError)
        throw new BindingError(name, operation, 'canceled', error.message, { cause: error });
      const response = error instanceof ComponentError ? error.response : undefined;
      const text = error instanceof Error ? error.message : String(error);
      throw new BindingError(name, operation, 'component', text, { response, cause: error });
    }
  }

  /**
   * A client bound to one binding name; the operation type narrows what `invoke` accepts.
   * `trace` gives the context its calls are children of (see `BindingClient.withTrace`).
   */
  client<Op extends string = string>(name: string, trace?: TraceContext): BindingClient<Op> {
    return {
      name,
      invoke: (operation, data, metadata) => this.invoke(name, operation, data, metadata, trace),
      withTrace: (parent) => this.client<Op>(name, parent),
    };
  }

  /** Whether `start()` has finished loading (`started`), and where it is otherwise. */
  get status(): 'new' | 'starting' | 'started' | 'closing' | 'closed' {
    return this.state;
  }

  /**
   * Checks that a loaded binding's external system answers, through the component's own ping
   * when it has one; rejects when the binding is not loaded, the runtime is not started, or the
   * ping fails.
   */
  async ping(name: string, signal: AbortSignal): Promise<void> {
    if (this.state !== 'started') throw new Error(`the bindings runtime is ${this.state}`);
    const binding = this.bindingsByName.get(name);
    if (binding === undefined) throw new Error(bindingMessages.notFound(name));
    await binding.instance.ping?.(signal);
  }

  /** Names of the output bindings that loaded. */
  bindingNames(): string[] {
    return [...this.bindingsByName.keys()];
  }

  /** The operations a loaded binding supports, or undefined when there is no such binding. */
  operationsOf(name: string): readonly string[] | undefined {
    return this.bindingsByName.get(name)?.operations;
  }

  /** Every loaded component (secret stores first), as `/v1.0/metadata` lists them. */
  components(): ComponentInfo[] {
    const stores = [...this.stores.values()].map(({ spec, store }) => info(spec, store.features()));
    const specs = new Map<string, ComponentSpec>();
    for (const { spec } of [...this.inputsByName.values(), ...this.bindingsByName.values()])
      specs.set(spec.name, spec);
    const bindings = [...specs.values()].map((spec) =>
      info(spec, [
        ...(this.inputsByName.has(spec.name) ? ['INPUT_BINDING'] : []),
        ...(this.bindingsByName.has(spec.name) ? ['OUTPUT_BINDING'] : []),
      ]),
    );
    return [...stores, ...bindings];
  }

  /** Names of the input bindings that loaded (whether or not the app listens to them). */
  inputBindingNames(): string[] {
    return [...this.inputsByName.keys()];
  }

  /**
   * Starts delivering input binding events to the app, as daprd does: each binding whose
   * direction does not say `input` is probed with `OPTIONS /<route>` (a 2xx or 405 means the app
   * listens), then every event is a `POST /<route>`. Resolves with the bindings being delivered.
   */
  async deliverTo(target: InputTarget, options: InputDeliveryOptions = {}): Promise<string[]> {
    if (!this.started)
      throw new StartupError('BND_ERR_LIFECYCLE', 'BindingsRuntime.deliverTo(): await runtime.start() first');
    const channel = 'post' in target ? target : containerChannel(target);
    if (!('post' in target)) target.beforeClose?.(() => this.stopInput());
    await this.inputs.start([...this.inputsByName.values()], channel, options);
    return this.inputs.names();
  }

  /**
   * Delivers one event of a binding to the app now (the step each event read goes through):
   * resolves with the app's answer on a 2xx, rejects otherwise.
   */
  deliver(name: string, data: unknown, metadata: Readonly<BindingMetadata> = {}): Promise<Uint8Array> {
    return this.inputs.deliver(name, { data: encodeBindingData(data), metadata });
  }

  /** Stops every input binding reading, then waits for the events in flight. */
  stopInput(): Promise<void> {
    return this.inputs.stop();
  }

  /**
   * Stops input first (no new events; those in flight finish), waits for output invocations,
   * then closes every component; later calls are not found.
   */
  async close(): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return;
    if (this.state === 'starting') await this.starting?.catch(() => undefined);
    this.state = 'closing';
    await this.inputs.stop();
    await Promise.allSettled([...this.inFlight]);
    await this.closeComponents();
    this.state = 'closed';
  }

  private async load(): Promise<void> {
    const fromFiles = await loadResources(this.resourcesPaths, this.logger);
    const resiliency = await loadResiliency(this.resourcesPaths, this.appId, this.logger);
    this.tracer = await BindingTracer.find(this.tracingEnabled);
    this.resiliency = new Resiliency(resiliency, this.logger);
    if (resiliency.length > 0)
      this.logger.info(
        { resiliency: resiliency.map((d) => d.name) },
        `${resiliency.length} resiliency document(s) loaded`,
      );
    const problems: string[] = [];
    const specs = selectSpecs([...this.declared, ...fromFiles], this.defaults, {
      appId: this.appId,
      namespace: this.env.NAMESPACE,
      denied: this.deniedComponents,
      logger: this.logger,
      problems,
    });

    const stores = specs.filter((s) => categoryOf(s.type) === 'secretstores');
    const bindings = specs.filter((s) => categoryOf(s.type) === 'bindings');
    for (const spec of specs) {
      const category = categoryOf(spec.type);
      if (category !== 'secretstores' && category !== 'bindings') {
        this.logger.info(
          `${describeComponent(spec)} skipped: Bindery serves bindings and secret stores only`,
        );
      }
    }
    // Secret stores first: binding metadata may reference them.
    await Promise.all(stores.map((spec) => this.initStore(spec, problems)));
    await Promise.all(bindings.map((spec) => this.initBinding(spec, problems)));
    if (problems.length > 0) throw new ComponentLoadError(problems);
    this.logger.info(
      { bindings: this.bindingNames(), inputBindings: this.inputBindingNames() },
      `${this.bindingsByName.size} output and ${this.inputsByName.size} input binding(s) ready`,
    );
  }

  private async initStore(spec: ComponentSpec, problems: string[]): Promise<void> {
    const type = this.types.secretStore(spec.type);
    if (type === undefined) {
      this.logger.error(
        `${describeComponent(spec)} skipped: secret store type ${spec.type} is not supported`,
      );
      return;
    }
    const store = type.create(this.context(spec));
    const ready = await this.bringUp(spec, type.metadata, new Map(), () => [store], problems);
    if (ready !== undefined) this.stores.set(spec.name, { spec, store });
  }

  private async initBinding(spec: ComponentSpec, problems: string[]): Promise<void> {
    const type = this.types.binding(spec.type);
    if (type === undefined) {
      this.logger.error(
        `${describeComponent(spec)} skipped: binding type ${spec.type} is not supported by Bindery`,
      );
      return;
    }
    const secretStores = new Map([...this.stores].map(([name, loaded]) => [name, loaded.store] as const));
    let output: OutputBinding | undefined;
    let input: InputBinding | undefined;
    // One instance per direction, as daprd creates them: each keeps its own connections.
    const build = (direction: Direction): Initializable[] => {
      if (direction.output && type.create !== undefined) output = type.create(this.context(spec));
      if (direction.input && type.createInput !== undefined) input = type.createInput(this.context(spec));
      return [output, input].filter((i): i is OutputBinding | InputBinding => i !== undefined);
    };
    const ready = await this.bringUp(spec, type.metadata, secretStores, build, problems);
    if (ready === undefined) return;
    if (output !== undefined) {
      const operations = [...output.operations()];
      const own = output.callTimeout?.();
      this.bindingsByName.set(spec.name, {
        spec,
        instance: output,
        operations,
        operationSet: new Set(operations),
        timeoutMs: own ?? this.callTimeout,
        timeoutSource: own === undefined ? 'the runtime default' : `${spec.type} metadata`,
      });
    }
    if (input !== undefined) {
      this.inputsByName.set(spec.name, {
        spec,
        instance: input,
        route: inputRoute(spec.name, ready.properties),
        explicitInput: ready.direction.explicitInput,
        scope: type.inputScope ?? 'app',
      });
    }
  }

  /** Initializes one component; its problems fail start-up unless it says `ignoreErrors: true`. */
  private async bringUp(
    spec: ComponentSpec,
    fields: MetadataFields,
    secretStores: ReadonlyMap<string, SecretStore>,
    build: (direction: Direction) => Initializable[],
    problems: string[],
  ): Promise<{ direction: Direction; properties: Readonly<Record<string, string>> } | undefined> {
    const context = { appId: this.appId, env: this.env, secretStores, logger: this.logger };
    const outcome = await initComponent(spec, fields, context, build);
    if (outcome.status === 'ready') return outcome;
    if (outcome.status === 'skipped') return undefined;
    if (!spec.ignoreErrors) problems.push(...outcome.problems);
    else for (const m of outcome.problems) this.logger.warn(`${m} (ignored: ignoreErrors is set)`);
    return undefined;
  }

  private context(spec: ComponentSpec): ComponentContext {
    return {
      name: spec.name,
      appId: this.appId,
      logger: this.logger.child({ component: spec.name, type: spec.type }),
      env: this.env,
      clock: this.clock,
    };
  }

  private async closeComponents(): Promise<void> {
    const bindings = [...this.bindingsByName.values(), ...this.inputsByName.values()];
    const stores = [...this.stores.values()];
    this.bindingsByName.clear();
    this.inputsByName.clear();
    this.stores.clear();
    const results = await Promise.allSettled([
      ...bindings.map((b) => b.instance.close()),
      ...stores.map((s) => s.store.close()),
    ]);
    const specs = [...bindings.map((b) => b.spec), ...stores.map((s) => s.spec)];
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        this.logger.error({ err: result.reason }, `${describeComponent(specs[i]!)}: close failed`);
      }
    });
  }

  private assertNotStarted(method: string): void {
    if (this.state !== 'new')
      throw new StartupError(
        'BND_ERR_LIFECYCLE',
        `BindingsRuntime.${method}() must be called before start()`,
      );
  }
}

function info(spec: ComponentSpec, capabilities: readonly string[]): ComponentInfo {
  return {
    name: spec.name,
    type: spec.type,
    version: spec.version === '' ? 'v1' : spec.version,
    capabilities,
  };
}
