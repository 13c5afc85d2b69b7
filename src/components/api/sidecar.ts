import type { Logger } from 'pino';
import { Container } from '../../service/index.js';
import { BindingsRuntime } from '../bindings-runtime.js';
import { httpAppChannel, waitForPort } from '../input/http-app-channel.js';
import { DaprGrpcServer } from './dapr-grpc-server.js';
import { DaprHttpCore } from './dapr-http-core.js';
import { daprHttpService } from './dapr-http-service.js';

export interface SidecarOptions {
  readonly resourcesPaths: readonly string[];
  readonly appId?: string;
  /** HTTP API port (Dapr's default 3500); 0 picks a free one. */
  readonly httpPort?: number;
  /** gRPC API port (Dapr's default 50001); 0 picks a free one. */
  readonly grpcPort?: number;
  /** Interface both APIs listen on. */
  readonly host?: string;
  readonly apiToken?: string;
  readonly logger?: Logger;
  /** Called when a client asks the sidecar to shut down (HTTP or gRPC). */
  readonly onShutdown?: () => void;
  /** The app's port (daprd's `--app-port`): input binding events are POSTed there. */
  readonly appPort?: number;
  /** The app's address (daprd's `--app-channel-address`); 127.0.0.1 by default. */
  readonly appHost?: string;
  /** Sent to the app as `dapr-api-token` (daprd reads it from APP_API_TOKEN). */
  readonly appApiToken?: string;
  /** Events in flight per input binding (see `deliverTo`). */
  readonly maxInFlight?: number;
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
  private closing: Promise<void> | undefined;
  private readonly stopWaiting = new AbortController();
  /**
   * Settles once input delivery to the app started (with the bindings being read), or failed;
   * undefined without an app port.
   */
  inputReady: Promise<string[]> | undefined;

  constructor(private readonly options: SidecarOptions) {
    this.runtime = new BindingsRuntime({
      resourcesPaths: options.resourcesPaths,
      appId: options.appId,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    const onShutdown = options.onShutdown;
    const core = new DaprHttpCore(this.runtime, { apiToken: options.apiToken, onShutdown });
    this.container = new Container({ logger: options.logger ?? false });
    this.container.add(daprHttpService(core));
    this.grpc = new DaprGrpcServer(this.runtime, {
      apiToken: options.apiToken,
      onShutdown,
      extendedMetadata: () => core.extendedMetadata(),
    });
  }

  /** Loads the components, then opens both APIs; rejects (and closes what opened) on failure. */
  async start(): Promise<SidecarAddresses> {
    const host = this.options.host ?? '127.0.0.1';
    try {
      await this.runtime.start();
      const http = await this.container.listen({ port: this.options.httpPort ?? 3500, host });
      const grpcPort = await this.grpc.listen(this.options.grpcPort ?? 50001, host);
      // The APIs are up first: the app may be waiting for them before it opens its own port.
      if (this.options.appPort !== undefined) {
        this.inputReady = this.deliverToApp(this.options.appPort);
        // Reported in the log; a caller that wants the outcome awaits inputReady.
        this.inputReady.catch(() => undefined);
      }
      return { httpPort: http.port, grpcPort };
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
      await Promise.all([this.container.close(), this.grpc.close()]);
      await this.runtime.close();
    })();
    return this.closing;
  }

  /** daprd's order: wait for the app's port, probe each binding, then deliver. */
  private async deliverToApp(port: number): Promise<string[]> {
    const host = this.options.appHost ?? '127.0.0.1';
    const logger = this.runtime.logger;
    if (this.runtime.inputBindingNames().length === 0) return [];
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
