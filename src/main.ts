#!/usr/bin/env node
/**
 * The `cratelite` command: argv + environment → settings → start the node.
 *
 *   cratelite [server] [--http-port N] [--pg-port N] [--host H] [--data DIR] [--memory-limit SIZE] [-C key=value]…
 *   cratelite version | --help
 *
 * When the node is ready it prints exactly one line on stdout, with the actually bound ports:
 *   cratelite 0.1.0 ready: http://127.0.0.1:4200 postgres://127.0.0.1:5432 data=./data
 * Scripts and test/helpers/server.ts wait for that line. Logs go to stderr.
 * SIGINT / SIGTERM stop the node gracefully (exit 0); a second signal exits at once.
 */
import { ConfigError } from './config/settings.js';
import { loadConfig, USAGE } from './config/load-config.js';
import { errorFields, log } from './server/log.js';
import { startNode, StartupError } from './server/node.js';
import { CRATE_VERSION, CRATELITE_VERSION } from './session/version.js';

async function main(argv: readonly string[]): Promise<number> {
  let config;
  try {
    config = loadConfig(argv, process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`cratelite: ${e.message}\nTry 'cratelite --help'.\n`);
    return 1;
  }
  switch (config.command) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`cratelite ${CRATELITE_VERSION} (CrateDB ${CRATE_VERSION} compatible)\n`);
      return 0;
    case 'server':
      break;
  }

  let node;
  try {
    node = await startNode(config.settings);
  } catch (e) {
    if (!(e instanceof StartupError)) throw e;
    process.stderr.write(`cratelite: ${e.message}\n`);
    return 1;
  }

  // Past startup, nothing may take the server down: log and carry on.
  process.on('uncaughtException', (e) => log('error', 'uncaught exception', errorFields(e)));
  process.on('unhandledRejection', (e) => log('error', 'unhandled rejection', errorFields(e)));

  const stopped = new Promise<number>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalled) {
        log('warn', `second ${signal}, exiting without a clean shutdown`);
        process.exit(1);
      }
      signalled = true;
      log('info', `${signal} received, shutting down`);
      node.stop().then(() => resolve(0), (e) => {
        log('error', 'shutdown failed', errorFields(e));
        resolve(1);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

  process.stdout.write(`cratelite ${CRATELITE_VERSION} ready: ${node.httpUrl} ${node.pgUrl} data=${node.dataPath}\n`);
  return stopped;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`cratelite: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  },
);
