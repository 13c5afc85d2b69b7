import type { Logger } from 'pino';
import type { BindingErrorReason } from './binding-error.js';

/** One finished binding call or input event, as observers (metrics) see it. */
export interface BindingCallEvent {
  /** `output`: the app invoked the binding; `input`: the binding delivered an event to the app. */
  readonly direction: 'output' | 'input';
  readonly binding: string;
  /** The output operation; `deliver` for an input event. */
  readonly operation: string;
  /**
   * `success`, or why it failed: an output call's reason (`not-found`, `unsupported-operation`,
   * `component`, …); for an input event `refused` (the app answered other than 2xx) or `failed`
   * (the app could not be reached, or its policy gave up).
   */
  readonly outcome: 'success' | BindingErrorReason | 'refused' | 'failed';
  readonly durationSeconds: number;
}

/** Told of every finished call and event; must not throw (a throw is logged and dropped). */
export type BindingCallObserver = (event: BindingCallEvent) => void;

/** The observers of a runtime's calls and events; with none, a call costs nothing extra. */
export class BindingCallObservers {
  private readonly observers: BindingCallObserver[] = [];

  constructor(private readonly logger: Logger) {}

  add(observer: BindingCallObserver): void {
    this.observers.push(observer);
  }

  /** Runs `work`, telling the observers how it ended; with none, just runs it. */
  run<T>(
    direction: BindingCallEvent['direction'],
    binding: string,
    operation: string,
    work: () => Promise<T>,
    failure: (error: unknown) => BindingCallEvent['outcome'],
  ): Promise<T> {
    if (this.observers.length === 0) return work();
    const started = performance.now();
    const tell = (outcome: BindingCallEvent['outcome']) => {
      const event = {
        direction,
        binding,
        operation,
        outcome,
        durationSeconds: (performance.now() - started) / 1000,
      };
      for (const observer of this.observers) {
        try {
          observer(event);
        } catch (error) {
          this.logger.warn({ err: error }, 'a binding call observer threw');
        }
      }
    };
    return work().then(
      (result) => {
        tell('success');
        return result;
      },
      (error: unknown) => {
        tell(failure(error));
        throw error;
      },
    );
  }
}
