import type { Logger } from 'pino';
import type { InvokeResponse, OutboundRequest, OutputBinding } from './binding-component.js';
import { BindingError, ComponentError } from './binding-error.js';
import { CallCanceledError, DeadlineExceededError, withDeadline } from './call-deadline.js';
import type { ComponentSpec } from './component-spec.js';
import { BreakerOpenError, type ResiliencyPolicy } from './resiliency/index.js';

/** An output binding that started, with what every call to it needs. */
export interface LoadedBinding {
  readonly spec: ComponentSpec;
  readonly instance: OutputBinding;
  readonly operations: readonly string[];
  readonly operationSet: ReadonlySet<string>;
  /** Per-call deadline in milliseconds, and which setting gave it (for the timeout log line). */
  readonly timeoutMs: number;
  readonly timeoutSource: string;
}

/** Retry ∘ breaker ∘ timeout around the component call; each attempt gets its own signal. */
export async function callUnderPolicy(
  logger: Logger,
  name: string,
  binding: LoadedBinding,
  request: OutboundRequest,
  policy: ResiliencyPolicy,
): Promise<InvokeResponse | null> {
  try {
    return await policy.run(
      (signal) => callComponent(logger, name, binding, { ...request, signal }),
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
export async function callComponent(
  logger: Logger,
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
      logger.warn(
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
