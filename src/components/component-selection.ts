import type { Logger } from 'pino';
import { type ComponentSpec, describeComponent } from './component-spec.js';

export interface SelectionContext {
  readonly appId: string | undefined;
  /** The NAMESPACE environment variable: only then does `metadata.namespace` count. */
  readonly namespace: string | undefined;
  readonly logger: Logger;
  /** Duplicate names are added here. */
  readonly problems: string[];
}

/** Drops out-of-scope components, reports duplicate names, then fills in unclaimed defaults. */
export function selectSpecs(
  all: readonly ComponentSpec[],
  defaults: readonly ComponentSpec[],
  context: SelectionContext,
): ComponentSpec[] {
  const { appId, namespace, logger, problems } = context;
  const inScope = all.filter((spec) => {
    if (
      namespace !== undefined &&
      namespace !== '' &&
      spec.namespace !== undefined &&
      spec.namespace !== namespace
    ) {
      logger.debug(`${describeComponent(spec)} skipped: namespace ${spec.namespace} is not ${namespace}`);
      return false;
    }
    if (spec.scopes.length === 0 || (appId !== undefined && spec.scopes.includes(appId))) return true;
    logger.debug(`${describeComponent(spec)} skipped: scoped to ${spec.scopes.join(', ')}`);
    return false;
  });
  const byName = new Map<string, ComponentSpec>();
  const selected: ComponentSpec[] = [];
  for (const spec of inScope) {
    const first = byName.get(spec.name);
    if (first !== undefined) {
      problems.push(
        `duplicate component name "${spec.name}": ${describeComponent(first)} and ${describeComponent(spec)}`,
      );
      continue;
    }
    byName.set(spec.name, spec);
    selected.push(spec);
  }
  for (const spec of defaults) {
    if (!byName.has(spec.name)) {
      byName.set(spec.name, spec);
      selected.push(spec);
    }
  }
  return selected;
}
