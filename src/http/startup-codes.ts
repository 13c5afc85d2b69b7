/**
 * Codes of the errors Bindery raises before it answers anything: while routes, services,
 * providers and components are declared, and while the container or the sidecar starts. They
 * share the `BND_ERR_` namespace with the answer codes of error-codes.ts, and docs/errors.md
 * documents both (a test keeps them in sync).
 */
export interface StartupCodeInfo {
  /** Short, stable human title. */
  readonly title: string;
  /** One sentence for docs/errors.md: when the code is raised. */
  readonly description: string;
}

const startup = {
  BND_ERR_LEGACY_DECORATORS: {
    title: 'Legacy Decorators',
    description:
      "A controller decorator was called the legacy way because the project compiles with `experimentalDecorators`; Bindery's decorators are standard (TC39) ones.",
  },
  BND_ERR_NO_WRITER: {
    title: 'No Writer',
    description:
      'A route produces a media type no entity writer writes, so every answer in it would fail; register a writer (`bytesWriter(type)` for an answer that is always bytes or a stream).',
  },
  BND_ERR_NO_READER: {
    title: 'No Reader',
    description:
      'A route binds a body in a media type it consumes that no entity reader reads, so every such request would be refused; register a reader or drop the type.',
  },
  BND_ERR_ROUTE_CONFLICT: {
    title: 'Route Conflict',
    description:
      'Two routes answer the same requests (same method, same shape, same parameter types); the message names both routes and the web service of each.',
  },
} as const satisfies Record<string, StartupCodeInfo>;

export type StartupErrorCode = keyof typeof startup;

export const startupErrorCodes: Readonly<Record<StartupErrorCode, StartupCodeInfo>> = startup;
