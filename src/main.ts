#!/usr/bin/env node
/**
 * The `cratelite` executable (`npx cratelite`, `npm start`): argv → src/cli/run-cli.ts, which
 * picks the command (server by default, shell, version, help) and returns the exit code.
 */
import { runCli } from './cli/run-cli.js';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`cratelite: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  },
);
