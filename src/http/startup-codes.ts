/**
 * Codes of the errors Bindery raises outside an answer: while routes, services, providers and
 * components are declared, when the container, a bindings runtime or the sidecar starts, and when
 * an API is called out of order. They share the `BND_ERR_` namespace with the answer codes of
 * error-codes.ts; the two tables are one registry, docs/errors.md documents both and a test keeps
 * them in sync.
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
  BND_ERR_DECORATOR_METADATA: {
    title: 'Decorator Metadata Missing',
    description:
      'A controller decorator ran without decorator metadata: the compiler is older than TypeScript 5.2 or esbuild 0.21.',
  },
  BND_ERR_CONTROLLER: {
    title: 'Invalid Controller',
    description:
      'A controller is declared wrong (a decorated static or symbol-named method, a method name that cannot be a route, a parameter its path lacks, `@inject` on the wrong member); `problems` lists every mistake of the controller at once.',
  },
  BND_ERR_ROUTE_TEMPLATE: {
    title: 'Invalid Route Template',
    description:
      'A route template cannot be parsed; the message quotes the template and the 1-based column of the mistake.',
  },
  BND_ERR_ROUTE_CONFLICT: {
    title: 'Route Conflict',
    description:
      'Two routes would answer the same requests for the same method (same shape and parameter types, or the same route declared twice); the message names both, and the web service of each.',
  },
  BND_ERR_ROUTE_DECLARATION: {
    title: 'Invalid Route Declaration',
    description:
      'A route is incomplete or contradicts itself (no handler, `.to()` called twice, an unknown HTTP method, no media type to produce, a response schema that cannot be compiled); the message names the route.',
  },
  BND_ERR_BINDING_DECLARATION: {
    title: 'Invalid Binding Declaration',
    description:
      "A route's `.bind()` declaration is wrong (a path parameter the template lacks, a body on a method without one, a schema the binder cannot read); the message starts with the route.",
  },
  BND_ERR_MACRO_DEFINITION: {
    title: 'Invalid Macro Definition',
    description:
      'A path-parameter macro or macro function is defined with a bad name, twice, or without its function.',
  },
  BND_ERR_WEB_SERVICE: {
    title: 'Invalid Web Service',
    description:
      'A web service is declared or added wrong (a root without a leading `/`, a bad host pattern, two services on one root and host, one service in two containers).',
  },
  BND_ERR_PROVIDER: {
    title: 'Invalid Provider',
    description:
      'A provider is declared wrong (a key that is neither token nor class, a provider for a per-request seeded value, one key provided twice at one level) or a singleton could not be made at startup; the message names the provider.',
  },
  BND_ERR_INJECTION_GRAPH: {
    title: 'Invalid Dependency Graph',
    description:
      'The dependency graph has missing providers, cycles or scope mistakes; `problems` lists every one, each naming the provider or route that needs it.',
  },
  BND_ERR_COMPONENT_LOAD: {
    title: 'Component Load Failed',
    description:
      'Components could not start (an unreadable resources path or configuration file, bad metadata, a driver that refused to connect, a component type registered twice, an input binding outside its web service); `problems` lists each with its file and component.',
  },
  BND_ERR_MEDIA_TYPE: {
    title: 'Media Type Not Served',
    description:
      'A media type has no reader or writer that can serve it (an entity reader declared without a valid type, a route producing a type no writer serves, a route binding a body it consumes in a type no reader reads, a body value the chosen writer cannot write).',
  },
  BND_ERR_INVALID_OPTION: {
    title: 'Invalid Option',
    description:
      'An option or argument has a value Bindery cannot use (router options, CORS credentials for every origin, body limits, in-flight limits, security scheme names, redirect statuses, typed-client parameters); the message names the option and the value.',
  },
  BND_ERR_ERROR_CODE: {
    title: 'Unknown Or Duplicate Error Code',
    description:
      "An error code is registered twice, or used without being registered (by `httpError()`, or by a route's `.problems()` when `container.ready()` checks it).",
  },
  BND_ERR_LIFECYCLE: {
    title: 'Called Out Of Order',
    description:
      'An API was called at the wrong time (the container already listening, a bindings runtime used before `start()` or configured after it, a request scope used after disposal, dependencies resolved before `ready()`).',
  },
  BND_ERR_FILTER_NEXT: {
    title: 'Filter Called Next Twice',
    description: 'A filter called `next()` more than once for one request.',
  },
  BND_ERR_BODY_CONSUMED: {
    title: 'Body Already Consumed',
    description:
      'A request body was read a second time after a multipart reader streamed it; read the parts where they stream.',
  },
  BND_ERR_DISPOSE: {
    title: 'Disposers Failed',
    description:
      'More than one disposer failed while a request scope or the container closed; `errors` holds each failure.',
  },
  BND_ERR_CLI_USAGE: {
    title: 'Command Line Mistake',
    description:
      'A `bindery` command was given an unknown flag, a missing or extra argument, or a value out of range; the command prints its usage and exits with status 2.',
  },
  BND_ERR_SERVE_WORKER: {
    title: 'Serve Worker Failed',
    description:
      'A `bindery serve` worker did not start (started without the supervisor, failed while loading the app, exited or stayed silent before listening); the message names the worker.',
  },
} as const satisfies Record<string, StartupCodeInfo>;

export type StartupErrorCode = keyof typeof startup;

export const startupErrorCodes: Readonly<Record<StartupErrorCode, StartupCodeInfo>> = startup;
