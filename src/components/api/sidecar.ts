import type { Logger } from 'pino';
import { Container } from '../../service/index.js';
import { BindingsRuntime } from '../bindings-runtime.js';
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
      return { httpPort: http.port, grpcPort };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Stops both APIs (letting calls under way finish), then closes every component. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([this.container.close(), this.grpc.close()]);
      await this.runtime.close();
    })();
    return this.closing;
  }
}
