export { AppModuleError, loadAppContainer } from './app-module.js';
export { type CliIo, CliUsageError, processIo, type SignalSource } from './cli-io.js';
export { runCli, usage } from './run-cli.js';
export * from './serve/index.js';
export { parseSidecarArgs, runSidecar, type SidecarSettings, sidecarUsage } from './sidecar-command.js';
