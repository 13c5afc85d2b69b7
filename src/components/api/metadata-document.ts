import type { BindingsRuntime } from '../bindings-runtime.js';
import type { ResiliencySnapshot } from '../resiliency/index.js';
import { runtimeVersion } from './runtime-version.js';

/** What `GET /v1.0/metadata` and gRPC `GetMetadata` report, in Dapr's JSON shape. */
export interface MetadataDocument {
  id: string | undefined;
  runtimeVersion: string;
  components: { name: string; type: string; version: string; capabilities?: string[] }[] | undefined;
  extended: Record<string, string>;
  appConnectionProperties: { protocol: string; channelAddress: string };
  actorRuntime: { runtimeStatus: string };
  /** Bindery's own member: loaded Resiliency documents, circuit-breaker states, exhausted retries. */
  resiliency: ResiliencySnapshot | undefined;
}

/**
 * Dapr's metadata answer. Empty members are left out, as Dapr does; the document is never empty,
 * which matters: the Dapr SDK's HTTP client waits until this body parses to something truthy.
 */
export function metadataDocument(
  runtime: BindingsRuntime,
  extended: Readonly<Record<string, string>>,
): MetadataDocument {
  const components = runtime
    .components()
    .map(({ name, type, version, capabilities }) =>
      capabilities.length > 0
        ? { name, type, version, capabilities: [...capabilities] }
        : { name, type, version },
    );
  // Built in Dapr's member order; absent members are skipped by JSON.stringify.
  return {
    id: runtime.appId === '' ? undefined : runtime.appId,
    runtimeVersion,
    components: components.length > 0 ? components : undefined,
    extended: { ...extended, daprRuntimeVersion: runtimeVersion, runtime: 'bindery' },
    appConnectionProperties: { protocol: 'http', channelAddress: '127.0.0.1' },
    actorRuntime: { runtimeStatus: 'DISABLED' },
    resiliency: runtime.policies.loaded ? runtime.policies.snapshot() : undefined,
  };
}
