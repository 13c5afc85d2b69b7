import type { Logger } from 'pino';
import type { AnyBindingComponentType } from './binding-component.js';
import type { Clock } from './clock.js';
import type { AnySecretStoreType } from './secrets/index.js';

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
