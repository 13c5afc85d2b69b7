import type { Logger } from 'pino';
import type { ComponentContext, InputBinding, OutputBinding } from './binding-component.js';
import type { Clock } from './clock.js';
import type { LoadedBinding } from './component-call.js';
import { type Direction, type Initializable, initComponent } from './component-init.js';
import { type ComponentSpec, categoryOf, describeComponent } from './component-spec.js';
import type { ComponentTypes } from './component-types.js';
import { inputRoute, type LoadedInput } from './input/input-bindings.js';
import type { MetadataFields } from './metadata-fields.js';
import type { SecretStore } from './secrets/index.js';

/** A loaded component as `/v1.0/metadata` reports it. */
export interface ComponentInfo {
  readonly name: string;
  readonly type: string;
  readonly version: string;
  readonly capabilities: readonly string[];
}

interface LoadedStore {
  readonly spec: ComponentSpec;
  readonly store: SecretStore;
}

export interface ComponentSettings {
  readonly types: ComponentTypes;
  readonly appId: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The deadline of a call whose component sets none of its own, in milliseconds. */
  readonly callTimeout: number;
}

/**
 * The components of a runtime that started: secret stores, output bindings and input bindings
 * by name. Brings them up from their specs (stores first, since binding metadata may read
 * them) and closes them all.
 */
export class LoadedComponents {
  readonly bindings = new Map<string, LoadedBinding>();
  readonly inputs = new Map<string, LoadedInput>();
  private readonly stores = new Map<string, LoadedStore>();

  constructor(private readonly settings: ComponentSettings) {}

  /** Brings up every spec; what fails is added to `problems` unless the spec ignores errors. */
  async init(specs: readonly ComponentSpec[], problems: string[]): Promise<void> {
    const stores = specs.filter((s) => categoryOf(s.type) === 'secretstores');
    const bindings = specs.filter((s) => categoryOf(s.type) === 'bindings');
    await Promise.all(stores.map((spec) => this.initStore(spec, problems)));
    await Promise.all(bindings.map((spec) => this.initBinding(spec, problems)));
  }

  /** Every loaded component (secret stores first), as `/v1.0/metadata` lists them. */
  describe(): ComponentInfo[] {
    const stores = [...this.stores.values()].map(({ spec, store }) => info(spec, store.features()));
    const specs = new Map<string, ComponentSpec>();
    for (const { spec } of [...this.inputs.values(), ...this.bindings.values()]) specs.set(spec.name, spec);
    const bindings = [...specs.values()].map((spec) =>
      info(spec, [
        ...(this.inputs.has(spec.name) ? ['INPUT_BINDING'] : []),
        ...(this.bindings.has(spec.name) ? ['OUTPUT_BINDING'] : []),
      ]),
    );
    return [...stores, ...bindings];
  }

  /** Closes every component; a failure is logged, the others still close. */
  async close(): Promise<void> {
    const bindings = [...this.bindings.values(), ...this.inputs.values()];
    const stores = [...this.stores.values()];
    this.bindings.clear();
    this.inputs.clear();
    this.stores.clear();
    const results = await Promise.allSettled([
      ...bindings.map((b) => b.instance.close()),
      ...stores.map((s) => s.store.close()),
    ]);
    const specs = [...bindings.map((b) => b.spec), ...stores.map((s) => s.spec)];
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        this.settings.logger.error({ err: result.reason }, `${describeComponent(specs[i]!)}: close failed`);
      }
    });
  }

  private async initStore(spec: ComponentSpec, problems: string[]): Promise<void> {
    const type = this.settings.types.secretStore(spec.type);
    if (type === undefined) {
      this.settings.logger.error(
        `${describeComponent(spec)} skipped: secret store type ${spec.type} is not supported`,
      );
      return;
    }
    const store = type.create(this.context(spec));
    const ready = await this.bringUp(spec, type.metadata, new Map(), () => [store], problems);
    if (ready !== undefined) this.stores.set(spec.name, { spec, store });
  }

  private async initBinding(spec: ComponentSpec, problems: string[]): Promise<void> {
    const type = this.settings.types.binding(spec.type);
    if (type === undefined) {
      this.settings.logger.error(
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
      this.bindings.set(spec.name, {
        spec,
        instance: output,
        operations,
        operationSet: new Set(operations),
        timeoutMs: own ?? this.settings.callTimeout,
        timeoutSource: own === undefined ? 'the runtime default' : `${spec.type} metadata`,
      });
    }
    if (input !== undefined) {
      this.inputs.set(spec.name, {
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
    const { appId, env, logger } = this.settings;
    const outcome = await initComponent(spec, fields, { appId, env, secretStores, logger }, build);
    if (outcome.status === 'ready') return outcome;
    if (outcome.status === 'skipped') return undefined;
    if (!spec.ignoreErrors) problems.push(...outcome.problems);
    else for (const m of outcome.problems) logger.warn(`${m} (ignored: ignoreErrors is set)`);
    return undefined;
  }

  private context(spec: ComponentSpec): ComponentContext {
    const { appId, env, clock, logger } = this.settings;
    return {
      name: spec.name,
      appId,
      logger: logger.child({ component: spec.name, type: spec.type }),
      env,
      clock,
    };
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
