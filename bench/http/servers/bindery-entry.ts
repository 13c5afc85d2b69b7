import type * as BinderyComponents from '../../../src/components/index.js';
import type * as Bindery from '../../../src/index.js';
import { loadBuilt } from '../../built-module.js';

/** Bindery's public face, from the build when there is one (see loadBuilt). */
export function loadBindery(): Promise<typeof Bindery> {
  return loadBuilt<typeof Bindery>('index');
}

/** `binderyjs/components`, from the build when there is one. */
export function loadBinderyComponents(): Promise<typeof BinderyComponents> {
  return loadBuilt<typeof BinderyComponents>('components/index');
}
