import { StartupError } from '../http/startup-error.js';

/**
 * A route template that cannot be parsed. `column` is 1-based and points at the character where
 * the problem starts, so the message can be matched against the source text of a route table.
 */
export class TemplateError extends StartupError {
  readonly template: string;
  readonly column: number;
  readonly reason: string;

  constructor(template: string, column: number, reason: string) {
    super('BND_ERR_ROUTE_TEMPLATE', `invalid route template "${template}" at column ${column}: ${reason}`);
    this.name = 'TemplateError';
    this.template = template;
    this.column = column;
    this.reason = reason;
  }
}

/** Two templates that would answer the same requests for the same method. */
export class RouteConflictError extends StartupError {
  readonly method: string;
  readonly template: string;
  readonly existing: string;

  constructor(method: string, template: string, existing: string) {
    super(
      'BND_ERR_ROUTE_CONFLICT',
      `route ${method} "${template}" conflicts with ${method} "${existing}": ` +
        'same shape and same parameter types',
    );
    this.name = 'RouteConflictError';
    this.method = method;
    this.template = template;
    this.existing = existing;
  }
}
