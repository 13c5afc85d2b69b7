import { StartupError } from '../http/startup-error.js';

/**
 * Everything wrong with the dependency graph, found at startup and thrown at once so one run
 * shows every missing provider, cycle and scope mistake.
 */
export class InjectionGraphError extends StartupError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const count = problems.length;
    super(
      'BND_ERR_INJECTION_GRAPH',
      `dependency graph has ${count} problem${count === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'InjectionGraphError';
    this.problems = problems;
  }
}
