export { AppModuleError, type LoadAppOptions, loadAppContainer } from './app-module.js';
export { type CliIo, CliUsageError, processIo, type SignalSource } from './cli-io.js';
export { type FlagKind, type FlagSpec, type ParsedFlags, parseFlags, sidecarFlags } from './daprd-flags.js';
export { openapiUsage, parseOpenapiArgs, runOpenapi } from './openapi-command.js';
export { type RouteRow, routeRows, routesTable, routesUsage, runRoutes } from './routes-command.js';
export { runCli, usage } from './run-cli.js';
export * from './serve/index.js';
export { runSidecar, sidecarUsage } from './sidecar-command.js';
export { parseSidecarArgs, quantityBytes, type SidecarSettings } from './sidecar-settings.js';
