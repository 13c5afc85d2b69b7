import type { Logger } from 'pino';
import { Container } from '../../service/index.js';
import { BindingsRuntime } from '../bindings-runtime.js';
import { httpAppChannel, waitForPort } from '../input/http-app-channel.js';
import { type DaprConfiguration, emptyConfiguration } from './dapr-configuration.js';
import { DaprGrpcServer } from './dapr-grpc-server.js';
import { DaprHttpCore } from './dapr-http-core.js';
import { daprFallbackService, daprHttpService } from './dapr-http-service.js';
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
  /** How long closing waits for calls under way, in milliseconds (5 s, as daprd). */
  readonly closeTimeoutMs?: number;
  /** The app's port (daprd's `--app-port`): input binding events are POSTed there. */
  readonly appPort?: number;
  /** The app's address (daprd's `--app-channel-address`); 127.0.0.1 by default. */
  readonly appHost?: string;
  /** Sent to the app as `dapr-api-token` (daprd reads it from APP_API_TOKEN). */
  readonly appApiToken?: string;
  /** Events in flight per input binding (see `deliverTo`; daprd's `--app-max-concurrency`). */
  readonly maxInFlight?: number;
  /**
   * The app's protocol (`--app-protocol`), reported by the metadata APIs. Input events are
   * delivered only to an `http` app.
   */
  readonly appProtocol?: string;
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
  private readonly stopWaiting = new AbortController();
  /**
   * Settles once input delivery to the app started (with the bindings being read), or failed;
   * undefined without an app port.
   */
  inputReady: Promise<string[]> | undefined;

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
      app: {
        ...(options.appPort === undefined ? {} : { port: options.appPort }),
        protocol: options.appProtocol ?? 'http',
        channelAddress: options.appHost ?? '127.0.0.1',
        ...(options.maxInFlight === undefined ? {} : { maxConcurrency: options.maxInFlight }),
      },
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
      // The APIs are up first: the app may be waiting for them before it opens its own port.
      if (this.options.appPort !== undefined) {
        this.inputReady = this.deliverToApp(this.options.appPort);
        // Reported in the log; a caller that wants the outcome awaits inputReady.
        this.inputReady.catch(() => undefined);
      }
      return { httpPort, grpcPort };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /**
   * Stops input first (no new events; those in flight finish), then both APIs (letting calls
   * under way finish), then closes every component.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopWaiting.abort();
      await this.inputReady?.catch(() => undefined);
      await this.runtime.stopInput();
      await Promise.all([
        this.http.close(),
        this.container.close(),
        this.grpc.close(this.options.closeTimeoutMs),
      ]);
      await this.runtime.close();
    })();
    return this.closing;
  }

  /** daprd's order: wait for the app's port, probe each binding, then deliver. */
  private async deliverToApp(port: number): Promise<string[]> {
    const host = this.options.appHost ?? '127.0.0.1';
    const logger = this.runtime.logger;
    if (this.runtime.inputBindingNames().length === 0) return [];
    // daprd speaks the app's protocol (TLS, gRPC's OnBindingEvent); Bindery's channel is plain
    // HTTP, so another protocol gets no events rather than requests it cannot read.
    const protocol = this.options.appProtocol ?? 'http';
    if (protocol !== 'http') {
      logger.error(
        `input bindings are not delivered: --app-protocol ${protocol} is not supported for input bindings (Bindery delivers events over plain HTTP only)`,
      );
      return [];
    }
    try {
      logger.info(`waiting for the app on ${host}:${port} to deliver input binding events`);
      await waitForPort(port, host, this.stopWaiting.signal);
      const channel = httpAppChannel({ port, host, appApiToken: this.options.appApiToken });
      const options = this.options.maxInFlight === undefined ? {} : { maxInFlight: this.options.maxInFlight };
      return await this.runtime.deliverTo(channel, options);
    } catch (error) {
      if (!this.stopWaiting.signal.aborted)
        logger.error({ err: error }, `input bindings are not delivered: ${(error as Error).message}`);
      throw error;
    }
  }
}
