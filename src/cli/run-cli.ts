import { runtimeVersion } from '../components/index.js';
import { type CliIo, CliUsageError, processIo } from './cli-io.js';
import { openapiUsage, runOpenapi } from './openapi-command.js';
import { routesUsage, runRoutes } from './routes-command.js';
import { runServe, serveUsage } from './serve/index.js';
import { runSidecar, sidecarUsage } from './sidecar-command.js';

export const usage = `Usage: bindery <command> [options]

Commands:
  serve       Run an app on several worker processes sharing one port
  sidecar     Serve Dapr's output bindings API (HTTP + gRPC) from component files
  openapi     Print the OpenAPI 3.1 document of an app module
  routes      Print the route table of an app module
  help        Show this help (bindery help <command> for a command's options)
  version     Print Bindery's version
`;

const commands: Record<
  string,
  { run: (args: readonly string[], io: CliIo) => Promise<number>; usage: string }
> = {
  serve: { run: runServe, usage: serveUsage },
  sidecar: { run: runSidecar, usage: sidecarUsage },
  openapi: { run: runOpenapi, usage: openapiUsage },
  routes: { run: runRoutes, usage: routesUsage },
};

/** Runs one command line; resolves to the process exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    io.stdout(topic !== undefined && commands[topic] !== undefined ? commands[topic].usage : usage);
    return 0;
  }
  if (name === 'version' || name === '--version' || name === '-v') {
    io.stdout(`${runtimeVersion}\n`);
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    io.stderr(`bindery: unknown command ${name}\n\n${usage}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.stderr(`bindery ${name}: ${error.message}\n\n${command.usage}`);
    return 2;
  }
}
