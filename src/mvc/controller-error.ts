import { StartupError } from '../http/startup-error.js';

/** Everything wrong with one controller's declaration, found when it is registered. */
export class ControllerError extends StartupError {
  readonly controller: string;
  readonly problems: readonly string[];

  constructor(controller: string, problems: readonly string[]) {
    const count = problems.length;
    super(
      'BND_ERR_CONTROLLER',
      `controller ${controller} has ${count} problem${count === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ControllerError';
    this.controller = controller;
    this.problems = problems;
  }
}
