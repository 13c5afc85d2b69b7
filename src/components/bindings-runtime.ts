import { type Logger, pino } from 'pino';
import { TraceContext } from '../tracing/index.js';
import type { BindingClient } from './binding-client.js';
import type {
  AnyBindingComponentType,
  BindingMetadata,
  ComponentContext,
  InvokeResponse,
  OutboundRequest,
  OutputBinding,
} from './binding-component.js';
import { type BindingResult, bindingResult, encodeBindingData } from './binding-data.js';
import { BindingError, bindingMessages, ComponentError } from './binding-error.js';
import { BindingTracer } from './binding-tracer.js';
import {
  CallCanceledError,
  DEFAULT_CALL_TIMEOUT_MS,
  DeadlineExceededError,
  withDeadline,
} from './call-deadline.js';
import { type Initializable, initComponent } from './component-init.js';
import {
  type ComponentDeclaration,
  type ComponentSpec,
  categoryOf,
  describeComponent,
  specFromDeclaration,
} from './component-spec.js';
import { ComponentTypes } from './component-types.js';
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
}

/** A loaded component as `/v1.0/metadata` reports it. */
export interface ComponentInfo {
  readonly name: string;
  readonly type: string;
  readonly version: string;
  readonly capabilities: readonly string[];
}

/** Every component that could not start, listed together (file, component, field). */
export class ComponentLoadError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`${problems.length} component problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
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
  private readonly callTimeout: number;
  private readonly declared: ComponentSpec[] = [];
  private readonly defaults: ComponentSpec[] = [];
  private readonly bindingsByName = new Map<string, LoadedBinding>();
  private readonly stores = new Map<string, LoadedStore>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private state: State = 'new';
  private starting: Promise<void> | undefined;
  private resiliency = new Resiliency();
  private tracer = BindingTracer.plain;
  private readonly tracingEnabled: boolean;

  constructor(options: BindingsRuntimeOptions = {}) {
    this.appId = options.appId;
    this.logger = options.logger ?? pino({ name: 'bindery-bindings' });
    this.resourcesPaths = options.resourcesPaths ?? [];
    this.env = options.env ?? process.env;
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
  async send(name: string, request: OutboundRequest): Promise<InvokeResponse | null> {
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
    const bindings = [...this.bindingsByName.values()].map(({ spec }) => info(spec, ['OUTPUT_BINDING']));
    return [...stores, ...bindings];
  }

  /** Waits for in-flight invocations, then closes every component; later calls are not found. */
  async close(): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return;
    if (this.state === 'starting') await this.starting?.catch(() => undefined);
    this.state = 'closing';
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
    const specs = this.selectSpecs([...this.declared, ...fromFiles], problems);

    const stores = specs.filter((s) => categoryOf(s.type) === 'secretstores');
    const bindings = specs.filter((s) => categoryOf(s.type) === 'bindings');
    for (const spec of specs) {
      const category = categoryOf(spec.type);
      if (category !== 'secretstores' && category !== 'bindings') {
        this.logger.info(
          `${describeComponent(spec)} skipped: Bindery serves output bindings and secret stores only`,
        );
      }
    }
    // Secret stores first: binding metadata may reference them.
    await Promise.all(stores.map((spec) => this.initStore(spec, problems)));
    await Promise.all(bindings.map((spec) => this.initBinding(spec, problems)));
    if (problems.length > 0) throw new ComponentLoadError(problems);
    this.logger.info(
      { bindings: this.bindingNames() },
      `${this.bindingsByName.size} output binding(s) ready`,
    );
  }

  /** Drops out-of-scope components, reports duplicate names, then fills in unclaimed defaults. */
  private selectSpecs(all: ComponentSpec[], problems: string[]): ComponentSpec[] {
    const namespace = this.env.NAMESPACE;
    const inScope = all.filter((spec) => {
      if (
        namespace !== undefined &&
        namespace !== '' &&
        spec.namespace !== undefined &&
        spec.namespace !== namespace
      ) {
        this.logger.debug(
          `${describeComponent(spec)} skipped: namespace ${spec.namespace} is not ${namespace}`,
        );
        return false;
      }
      if (spec.scopes.length === 0 || (this.appId !== undefined && spec.scopes.includes(this.appId))) {
        return true;
      }
      this.logger.debug(`${describeComponent(spec)} skipped: scoped to ${spec.scopes.join(', ')}`);
      return false;
    });
    const byName = new Map<string, ComponentSpec>();
    const selected: ComponentSpec[] = [];
    for (const spec of inScope) {
      const first = byName.get(spec.name);
      if (first !== undefined) {
        problems.push(
          `duplicate component name "${spec.name}": ${describeComponent(first)} and ${describeComponent(spec)}`,
        );
        continue;
      }
      byName.set(spec.name, spec);
      selected.push(spec);
    }
    for (const spec of this.defaults) {
      if (!byName.has(spec.name)) {
        byName.set(spec.name, spec);
        selected.push(spec);
      }
    }
    return selected;
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
    const ok = await this.bringUp(spec, type.metadata, new Map(), store, problems);
    if (ok) this.stores.set(spec.name, { spec, store });
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
    const instance = type.create(this.context(spec));
    const ok = await this.bringUp(spec, type.metadata, secretStores, instance, problems);
    if (!ok) return;
    const operations = [...instance.operations()];
    const own = instance.callTimeout?.();
    this.bindingsByName.set(spec.name, {
      spec,
      instance,
      operations,
      operationSet: new Set(operations),
      timeoutMs: own ?? this.callTimeout,
      timeoutSource: own === undefined ? 'the runtime default' : `${spec.type} metadata`,
    });
  }

  /** Initializes one component; its problems fail start-up unless it says `ignoreErrors: true`. */
  private async bringUp(
    spec: ComponentSpec,
    fields: MetadataFields,
    secretStores: ReadonlyMap<string, SecretStore>,
    component: Initializable,
    problems: string[],
  ): Promise<boolean> {
    const context = { appId: this.appId, env: this.env, secretStores, logger: this.logger };
    const outcome = await initComponent(spec, fields, component, context);
    if (outcome.status !== 'failed') return outcome.status === 'ready';
    if (!spec.ignoreErrors) problems.push(...outcome.problems);
    else for (const m of outcome.problems) this.logger.warn(`${m} (ignored: ignoreErrors is set)`);
    return false;
  }

  private context(spec: ComponentSpec): ComponentContext {
    return {
      name: spec.name,
      appId: this.appId,
      logger: this.logger.child({ component: spec.name, type: spec.type }),
      env: this.env,
    };
  }

  private async closeComponents(): Promise<void> {
    const bindings = [...this.bindingsByName.values()];
    const stores = [...this.stores.values()];
    this.bindingsByName.clear();
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
    if (this.state !== 'new') throw new Error(`BindingsRuntime.${method}() must be called before start()`);
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
