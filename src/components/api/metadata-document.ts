import type { BindingsRuntime } from '../bindings-runtime.js';
import type { ResiliencySnapshot } from '../resiliency/index.js';
import { runtimeVersion } from './runtime-version.js';

/** How the sidecar reaches the app, as daprd reports it (`--app-port`, `--app-protocol`…). */
export interface AppConnection {
  readonly port?: number;
  readonly protocol?: string;
  readonly channelAddress?: string;
  /** `--app-max-concurrency`; -1 (no limit) is not reported. */
  readonly maxConcurrency?: number;
}

export interface MetadataSources {
  readonly extended: Readonly<Record<string, string>>;
  /** Features the `--config` files enable. */
  readonly features?: readonly string[];
  readonly app?: AppConnection;
}

/** What `GET /v1.0/metadata` and gRPC `GetMetadata` report, in Dapr's JSON shape. */
export interface MetadataDocument {
  id: string | undefined;
  runtimeVersion: string;
  enabledFeatures: string[] | undefined;
  components: { name: string; type: string; version: string; capabilities?: string[] }[] | undefined;
  extended: Record<string, string>;
  appConnectionProperties: {
    port?: number;
    protocol: string;
    channelAddress: string;
    maxConcurrency?: number;
  };
  actorRuntime: { runtimeStatus: 'DISABLED'; hostReady: false };
  /** Bindery's own member: loaded Resiliency documents, circuit-breaker states, exhausted retries. */
  resiliency: ResiliencySnapshot | undefined;
}

/**
 * Dapr's metadata answer. Empty members are left out, as Dapr does; the document is never empty,
 * which matters: the Dapr SDK's HTTP client waits until this body parses to something truthy.
 */
export function metadataDocument(runtime: BindingsRuntime, sources: MetadataSources): MetadataDocument {
  const components = runtime
    .components()
    .map(({ name, type, version, capabilities }) =>
      capabilities.length > 0
        ? { name, type, version, capabilities: [...capabilities] }
        : { name, type, version },
    );
  const app = sources.app ?? {};
  const features = sources.features ?? [];
  // Built in Dapr's member order; absent members are skipped by JSON.stringify.
  return {
    id: runtime.appId === '' ? undefined : runtime.appId,
    runtimeVersion,
    enabledFeatures: features.length > 0 ? [...features] : undefined,
    components: components.length > 0 ? components : undefined,
    extended: { ...sources.extended, daprRuntimeVersion: runtimeVersion, runtime: 'bindery' },
    appConnectionProperties: {
      ...(app.port === undefined || app.port === 0 ? {} : { port: app.port }),
      protocol: app.protocol ?? 'http',
      channelAddress: app.channelAddress ?? '127.0.0.1',
      ...(app.maxConcurrency === undefined || app.maxConcurrency <= 0
        ? {}
        : { maxConcurrency: app.maxConcurrency }),
    },
    actorRuntime: { runtimeStatus: 'DISABLED', hostReady: false },
    resiliency: runtime.policies.loaded ? runtime.policies.snapshot() : undefined,
  };
}
