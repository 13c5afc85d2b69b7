import { StartupError } from '../http/startup-error.js';

/**
 * A route's binding declaration is wrong. Thrown when the container compiles the route (at
 * startup), never while serving; the message starts with the route it is about.
 */
export class BindingDeclarationError extends StartupError {
  readonly route: string;

  constructor(route: string, problem: string) {
    super('BND_ERR_BINDING_DECLARATION', `${route}: ${problem}`);
    this.name = 'BindingDeclarationError';
    this.route = route;
  }
}
