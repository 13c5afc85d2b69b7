import { isDeepStrictEqual } from 'node:util';
import type { SecurityRequirement, SecuritySchemeDefinition, SecurityUse } from '../service/index.js';
import type { SecurityRequirementObject } from './openapi-types.js';

/**
 * Collects the security schemes the routes use into `components/securitySchemes` and writes
 * their requirements. Schemes are objects declared once (`securityScheme(name, definition)`),
 * so the document lists exactly the ones in use; two different schemes under one name are a
 * document error.
 */
export class SecuritySchemes {
  private readonly schemes = new Map<string, SecuritySchemeDefinition>();

  constructor(private readonly issues: string[]) {}

  requirements(requirements: readonly SecurityRequirement[]): SecurityRequirementObject[] {
    return requirements.map((requirement) => {
      const object: SecurityRequirementObject = {};
      for (const use of requirement) {
        const { name, definition, scopes } = this.read(use);
        this.register(name, definition);
        object[name] = [...new Set([...(object[name] ?? []), ...scopes])];
      }
      return object;
    });
  }

  toObject(): Record<string, SecuritySchemeDefinition> | undefined {
    if (this.schemes.size === 0) return undefined;
    return Object.fromEntries([...this.schemes].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  private read(use: SecurityUse): { name: string; definition: SecuritySchemeDefinition; scopes: string[] } {
    if (use.kind === 'scoped-scheme') {
      return { name: use.scheme.name, definition: use.scheme.definition, scopes: [...use.scopes] };
    }
    return { name: use.name, definition: use.definition, scopes: [] };
  }

  private register(name: string, definition: SecuritySchemeDefinition): void {
    const known = this.schemes.get(name);
    if (known === undefined) this.schemes.set(name, definition);
    else if (!isDeepStrictEqual(known, definition)) {
      this.issues.push(`two different security schemes are named "${name}"`);
    }
  }
}
