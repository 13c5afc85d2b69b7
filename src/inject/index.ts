export { DisposableValue, disposable } from './disposable-value.js';
export { checkGraph, type EffectiveScope, type GraphEntry } from './graph.js';
export { InjectionGraphError } from './injection-graph-error.js';
export { compilePlan, type ResolutionPlan } from './plan.js';
export {
  type ClassProviderOptions,
  factory,
  type InjectableClass,
  isProvider,
  type Provided,
  Provider,
  type ProviderKind,
  type ProviderOptions,
  type Scope,
  useClass,
  value,
} from './provider.js';
export { type Lookup, ProviderRegistry } from './registry.js';
export { RequestScope } from './request-scope.js';
export { type ResolveScope, SinglePlanScope } from './resolve-scope.js';
export type { DepsRecord, DepsTuple, Resolved, ResolvedTuple } from './resolved.js';
export { isStop, type Skip, Stop, skip, stop } from './stop.js';
export {
  type InjectionKey,
  type Instance,
  isInjectionKey,
  isSeeded,
  isToken,
  keyName,
  type SeededToken,
  seeded,
  type Token,
  token,
} from './token.js';
