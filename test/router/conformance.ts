import { grammarConformance } from './conformance-grammar.js';
import { matchingConformance } from './conformance-matching.js';
import { registryConformance } from './conformance-registry.js';
import type { RouterFactory } from './conformance-support.js';

export type { RouterFactory };

/** The suite every implementation of the router contract must pass. */
export function routerConformance(name: string, create: RouterFactory): void {
  matchingConformance(name, create);
  registryConformance(name, create);
  grammarConformance(name, create);
}
