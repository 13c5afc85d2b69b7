#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The `bindery` executable: exit with the command's code once it has finished cleanly.
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bindery: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
