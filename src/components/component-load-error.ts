import { StartupError } from '../http/startup-error.js';

/** Every component that could not start, listed together (file, component, field). */
export class ComponentLoadError extends StartupError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      'BND_ERR_COMPONENT_LOAD',
      `${problems.length} component problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ComponentLoadError';
    this.problems = problems;
  }
}
