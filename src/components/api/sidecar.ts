import type { Logger } from 'pino';
import { Container } from '../../service/index.js';
import { BindingsRuntime } from '../bindings-runtime.js';
import { type DaprConfiguration, emptyConfiguration } from './dapr-configuration.js';
import { DaprGrpcServer } from './dapr-grpc-server.js';
import { DaprHttpCore } from './dapr-http-core.js';
import { daprFallbackService, daprHttpService } from './dapr-http-service.js';
import type { AppConnection } from './metadata-document.js';
import { SidecarHttpServers } from './sidecar-http-servers.js';

export interface SidecarOptions {
  readonly resourcesPaths: readonly string[];
  readonly appId?: string;
  /** HTTP API port (Dapr's default 3500); 0 picks a free one. */
  readonly httpPort?: number;
  /** gRPC API port (Dapr's default 50001); 0 picks a free one. */
  readonly grpcPort?: number;
  /** Interface both APIs listen on (127.0.0.1 by default); `listenAddresses` wins when given. */
  readonly host?: string;
  /** Interfaces both APIs listen on, each on the same ports (`--dapr-listen-addresses`). */
  readonly listenAddresses?: readonly string[];
  readonly apiToken?: string;
  readonly logger?: Logger;
  /** Called when a client asks the sidecar to shut down (HTTP or gRPC). */
  readonly onShutdown?: () => void;
  /** Without a token, allow shutdown from loopback callers (refused otherwise). */
  readonly shutdownWithoutToken?: boolean;
  /** Largest HTTP body and gRPC message, in bytes (4 MiB by default); 0 means no limit. */
  readonly maxBodySize?: number;
  /** Largest request head, in bytes (`--read-buffer-size`). */
  readonly headerSize?: number;
  /** What the `--config` files say (allow lists, features, tracing, API logging). */
  readonly configuration?: DaprConfiguration;
  /** Log every API call (`--enable-api-logging`); defaults to the configuration's setting. */
  readonly apiLogging?: boolean;
  /** How the sidecar reaches the app (`--app-port`…), reported by the metadata APIs. */
  readonly app?: AppConnection;
  /** How long closing waits for calls under way, in milliseconds (5 s, as daprd). */
  readonly closeTimeoutMs?: number;
}

export interface SidecarAddresses {
  readonly httpPort: number;
  readonly grpcPort: number;
}

/**
 * Bindery as a Dapr sidecar for bindings: the runtime loaded from component files, served over
 * Dapr's HTTP API (a Container with the Dapr WebService) and gRPC API at once.
 */
export class Sidecar {
  readonly runtime: BindingsRuntime;
  readonly container: Container;
  private readonly grpc: DaprGrpcServer;
  private readonly http: SidecarHttpServers;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: SidecarOptions) {
    const configuration = options.configuration ?? emptyConfiguration;
    this.runtime = new BindingsRuntime({
      resourcesPaths: options.resourcesPaths,
      appId: options.appId,
      deniedComponents: configuration.deniedComponents,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    const onShutdown = options.onShutdown;
    const core = new DaprHttpCore(this.runtime, {
      apiToken: options.apiToken,
      onShutdown,
      shutdownWithoutToken: options.shutdownWithoutToken ?? false,
      configuration,
      ...(options.app === undefined ? {} : { app: options.app }),
    });
    const closeTimeout = options.closeTimeoutMs ?? 5000;
    this.container = new Container({
      logger: options.logger ?? false,
      closeTimeout,
      ...(options.headerSize === undefined ? {} : { limits: { headerSize: options.headerSize } }),
    });
    const maxBodySize = options.maxBodySize ?? 4 * 1024 * 1024;
    this.container.add(daprHttpService(core, { maxBodySize, configuration }));
    this.container.add(daprFallbackService(core));
    const logger = options.logger;
    const apiLogging = options.apiLogging ?? configuration.apiLogging.enabled ?? false;
    this.http = new SidecarHttpServers(this.container, {
      closeTimeoutMs: closeTimeout,
      ...(apiLogging && logger !== undefined
        ? {
            log: (call) => {
              if (configuration.apiLogging.omitHealthChecks && call.path.startsWith('/v1.0/healthz')) return;
              const method = configuration.apiLogging.obfuscateUrls
                ? call.route
                : `${call.method} ${call.path}`;
              logger.info(
                { method, code: call.code, duration: call.durationMs, useragent: call.userAgent },
                'HTTP API Called',
              );
            },
          }
        : {}),
    });
    this.grpc = new DaprGrpcServer(this.runtime, {
      apiToken: options.apiToken,
      onShutdown,
      core,
      maxMessageSize: maxBodySize,
      configuration,
      ...(apiLogging && logger !== undefined
        ? {
            onCall: (call) =>
              logger.info(
                { method: call.method, code: call.code, duration: Math.round(call.durationMs) },
                'gRPC API Called',
              ),
          }
        : {}),
    });
  }

  /** Loads the components, then opens both APIs; rejects (and closes what opened) on failure. */
  async start(): Promise<SidecarAddresses> {
    const hosts = this.options.listenAddresses ?? [this.options.host ?? '127.0.0.1'];
    try {
      await this.runtime.start();
      await this.container.ready();
      const httpPort = await this.http.listen(this.options.httpPort ?? 3500, hosts);
      let grpcPort = this.options.grpcPort ?? 50001;
      for (const host of hosts) grpcPort = await this.grpc.listen(grpcPort, host);
      return { httpPort, grpcPort };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Stops both APIs (letting calls under way finish), then closes every component. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([
        this.http.close(),
        this.container.close(),
        this.grpc.close(this.options.closeTimeoutMs),
      ]);
      await this.runtime.close();
    })();
    return this.closing;
  }
}
