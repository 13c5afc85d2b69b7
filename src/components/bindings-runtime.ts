import { type Logger, pino } from 'pino';
import { StartupError } from '../http/startup-error.js';
import { TraceContext } from '../tracing/index.js';
import { type BindingCallObserver, BindingCallObservers } from './binding-call-observers.js';
import type { BindingClient } from './binding-client.js';
import type { BindingMetadata, InvokeResponse, OutboundRequest } from './binding-component.js';
import { type BindingResult, bindingResult, encodeBindingData } from './binding-data.js';
import { BindingError, bindingMessages } from './binding-error.js';
import { BindingTracer } from './binding-tracer.js';
import type { BindingsRuntimeOptions } from './bindings-runtime-options.js';
import { DEFAULT_CALL_TIMEOUT_MS } from './call-deadline.js';
import { systemClock } from './clock.js';
import { callComponent, callUnderPolicy } from './component-call.js';
import { ComponentLoadError } from './component-load-error.js';
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
import { EventRefusedError, InputBindings, type InputDeliveryOptions } from './input/input-bindings.js';
import { type ComponentInfo, LoadedComponents } from './loaded-components.js';
import { loadResiliency, Resiliency } from './resiliency/index.js';
import { loadResources } from './resources-loader.js';

export type { BindingCallEvent, BindingCallObserver } from './binding-call-observers.js';
export type { BindingsRuntimeOptions } from './bindings-runtime-options.js';
export { ComponentLoadError } from './component-load-error.js';
export type { ComponentInfo } from './loaded-components.js';

/**
 * Where `deliverTo` sends input events: a Container (in process; one that has `beforeClose`
 * stops the events first when it closes) or any AppChannel, such as `httpAppChannel`.
 */
export type InputTarget = (InjectTarget & { beforeClose?(hook: () => unknown): unknown }) | AppChannel;

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
  private readonly declared: ComponentSpec[] = [];
  private readonly defaults: ComponentSpec[] = [];
  private readonly loaded: LoadedComponents;
  private readonly inputs: InputBindings;
  private readonly inFlight = new Set<Promise<unknown>>();
  private state: State = 'new';
  private readonly observers: BindingCallObservers;
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
    // Each delivery continues the trace of its event (a CONSUMER span with an OpenTelemetry
    // SDK) and runs under the binding's inbound policy of the loaded resiliency documents.
    this.inputs = new InputBindings(this.logger, (binding, event, attempt) =>
      this.observers.run(
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
    this.observers = new BindingCallObservers(this.logger);
    this.tracingEnabled = options.tracing ?? true;
    this.types = new ComponentTypes();
    for (const type of options.types ?? []) this.types.addBinding(type);
    for (const type of options.secretStoreTypes ?? []) this.types.addSecretStore(type);
    this.loaded = new LoadedComponents({
      types: this.types,
      appId: this.appId,
      env: this.env,
      clock: options.clock ?? systemClock,
      logger: this.logger,
      callTimeout: options.callTimeout ?? DEFAULT_CALL_TIMEOUT_MS,
    });
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
          await this.loaded.close();
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
    this.observers.add(observer);
    return this;
  }

  /** Dapr's SendToOutputBinding, told to the observers when there are any. */
  send(name: string, request: OutboundRequest): Promise<InvokeResponse | null> {
    return this.observers.run(
      'output',
      name,
      request.operation,
      () => this.dispatch(name, request),
      (error) => (error instanceof BindingError ? error.reason : 'component'),
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
    const binding = this.state === 'started' ? this.loaded.bindings.get(name) : undefined;
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
      const traced =
        request.untraced === true
          ? request
          : { ...request, metadata: { ...request.metadata, ...trace.toMetadata() } };
      const policy = this.resiliency.outbound(name);
      return policy.empty
        ? callComponent(this.logger, name, binding, traced)
        : callUnderPolicy(this.logger, name, binding, traced, policy);
    });
    this.inFlight.add(call);
    try {
      return await call;
    } finally {
      this.inFlight.delete(call);
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
    const binding = this.loaded.bindings.get(name);
    if (binding === undefined) throw new Error(bindingMessages.notFound(name));
    await binding.instance.ping?.(signal);
  }

  /** Names of the output bindings that loaded. */
  bindingNames(): string[] {
    return [...this.loaded.bindings.keys()];
  }

  /** The operations a loaded binding supports, or undefined when there is no such binding. */
  operationsOf(name: string): readonly string[] | undefined {
    return this.loaded.bindings.get(name)?.operations;
  }

  /** Every loaded component (secret stores first), as `/v1.0/metadata` lists them. */
  components(): ComponentInfo[] {
    return this.loaded.describe();
  }

  /** Names of the input bindings that loaded (whether or not the app listens to them). */
  inputBindingNames(): string[] {
    return [...this.loaded.inputs.keys()];
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
    await this.inputs.start([...this.loaded.inputs.values()], channel, options);
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
    await this.loaded.close();
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

    for (const spec of specs) {
      const category = categoryOf(spec.type);
      if (category !== 'secretstores' && category !== 'bindings') {
        this.logger.info(
          `${describeComponent(spec)} skipped: Bindery serves bindings and secret stores only`,
        );
      }
    }
    await this.loaded.init(specs, problems);
    if (problems.length > 0) throw new ComponentLoadError(problems);
    this.logger.info(
      { bindings: this.bindingNames(), inputBindings: this.inputBindingNames() },
      `${this.loaded.bindings.size} output and ${this.loaded.inputs.size} input binding(s) ready`,
    );
  }

  private assertNotStarted(method: string): void {
    if (this.state !== 'new')
      throw new StartupError(
        'BND_ERR_LIFECYCLE',
        `BindingsRuntime.${method}() must be called before start()`,
      );
  }
}
