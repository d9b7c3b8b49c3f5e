/**
 * `cratelite server` (the default command): options → configuration → start the node → banner
 * and ready line → run until SIGINT/SIGTERM.
 *
 * When the node is ready it prints exactly one line on stdout, with the actually bound ports:
 *   cratelite 0.1.0 ready: http://127.0.0.1:4200 postgres://127.0.0.1:5432 data=./data
 * Scripts and test/helpers/server.ts wait for that line. Everything else (banner, logs) goes to
 * stderr. SIGINT / SIGTERM stop the node gracefully (exit 0); a second signal exits at once.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { ConfigError, SETTING_KEYS, SETTINGS, type SettingKey, type Settings } from '../config/settings.js';
import { configureLogger, errorFields, isPrettyLog, log, writePretty } from '../observability/logger.js';
import { startNode, StartupError, type RunningNode } from '../server/node.js';
import { CRATE_VERSION, CRATELITE_VERSION } from '../session/version.js';
import { UsageError } from './usage-error.js';

/** `--flag value` shorthands and the setting each one sets. */
export const SERVER_FLAGS: Readonly<Record<string, SettingKey>> = {
  'http-port': 'http.port',
  'pg-port': 'psql.port',
  host: 'network.host',
  data: 'path.data',
  'memory-limit': 'memory.limit',
  'log-level': 'log.level',
};

export const SERVER_USAGE = `Usage: cratelite [server] [options]

Starts a CrateDB-compatible SQL server: HTTP /_sql (CrateDB's REST endpoint) and the
PostgreSQL wire protocol, with the data in one directory.

Options:
  --http-port N        HTTP port (http.port, default 4200; 0 = any free port)
  --pg-port N          PostgreSQL port (psql.port, default 5432; 0 = any free port)
  --host H             address to bind (network.host, default 127.0.0.1)
  --data DIR           data directory (path.data, default ./data; :memory: = throwaway database)
  --memory-limit SIZE  DuckDB memory limit (memory.limit, e.g. 2GB, 512MiB, 25%;
                       default 25% of RAM, at most 4 GiB)
  --log-level LEVEL    debug, info, warn or error (log.level, default info)
  --config FILE        configuration file (default ./cratelite.yml when it exists)
  -C key=value         set any setting (repeatable)
  -h, --help           show this help

Settings (CrateDB's names, usable in cratelite.yml, as -C key=value, or as environment
variables: http.port → CRATELITE_HTTP_PORT):
${SETTING_KEYS.map((k) => `  ${k.padEnd(30)}${SETTINGS[k].description}`).join('\n')}

Precedence: defaults < cratelite.yml < environment < -C < long options.
`;

export interface ServerArgs {
  help: boolean;
  configFile?: string;
  overrides: string[];
  flags: [SettingKey, string, string][];
}

export function parseServerArgs(args: readonly string[]): ServerArgs {
  const options = {
    help: { type: 'boolean', short: 'h' },
    config: { type: 'string' },
    set: { type: 'string', short: 'C', multiple: true },
    ...Object.fromEntries(Object.keys(SERVER_FLAGS).map((f) => [f, { type: 'string' }])),
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const values = parsed.values as Record<string, unknown>;
  // Long flags in command-line order, so the last one given wins.
  const flags: [SettingKey, string, string][] = [];
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || !(token.name in SERVER_FLAGS) || token.value === undefined) continue;
    flags.push([SERVER_FLAGS[token.name]!, token.value, `--${token.name}`]);
  }
  return {
    help: values.help === true,
    configFile: values.config as string | undefined,
    overrides: (values.set as string[] | undefined) ?? [],
    flags,
  };
}

export async function runServer(args: readonly string[]): Promise<number> {
  const parsedArgs = parseServerArgs(args);
  if (parsedArgs.help) {
    process.stdout.write(SERVER_USAGE);
    return 0;
  }
  let config: LoadedConfig;
  try {
    config = loadConfig({ configFile: parsedArgs.configFile, overrides: parsedArgs.overrides, flags: parsedArgs.flags }, process.env);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message, false);
    throw e;
  }
  const { settings } = config;
  configureLogger({ level: settings['log.level'], format: settings['log.format'] });
  for (const warning of config.warnings) log('warn', warning);

  let node: RunningNode;
  try {
    node = await startNode(settings);
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
      node.stop().then(() => {
        log('info', 'stopped');
        resolve(0);
      }, (e) => {
        log('error', 'shutdown failed', errorFields(e));
        resolve(1);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

  showBanner(config, node);
  process.stdout.write(`cratelite ${CRATELITE_VERSION} ready: ${node.httpUrl} ${node.pgUrl} data=${node.dataPath}\n`);
  return stopped;
}

/** Version, data directory, the settings that are not defaults (and where they came from), URLs. */
function showBanner(config: LoadedConfig, node: RunningNode): void {
  const changed = [...config.sources.entries()].map(([key, source]) => ({ key, value: config.settings[key], source }));
  if (isPrettyLog()) {
    const lines = [
      `cratelite ${CRATELITE_VERSION} (CrateDB ${CRATE_VERSION} compatible)`,
      `  data      ${node.dataPath === ':memory:' ? ':memory: (nothing is kept after exit)' : node.dataPath}`,
    ];
    if (config.configFile) lines.push(`  config    ${config.configFile}`);
    for (const [i, c] of changed.entries()) {
      lines.push(`  ${i === 0 ? 'settings' : ''.padEnd(8)}  ${c.key} = ${displayValue(c.key, c.value)}  (${c.source})`);
    }
    lines.push(`  http      ${node.httpUrl}  (POST /_sql; crash --hosts ${node.httpUrl})`);
    lines.push(`  postgres  ${node.pgUrl}  (psql -h ${hostOf(node.pgUrl)} -p ${portOf(node.pgUrl)} -U crate)`);
    lines.push(`  shell     cratelite shell --hosts ${node.httpUrl}`);
    writePretty(lines);
    return;
  }
  log('info', 'cratelite started', {
    version: CRATELITE_VERSION,
    crate_version: CRATE_VERSION,
    data: node.dataPath,
    config: config.configFile ?? null,
    settings: Object.fromEntries(changed.map((c) => [c.key, { value: c.value, source: c.source }])),
    http: node.httpUrl,
    pg: node.pgUrl,
  });
}

function displayValue<K extends SettingKey>(key: K, value: Settings[K]): string {
  if ((key === 'statement_timeout' || key === 'log.slow_statement_threshold') && typeof value === 'number') return `${value}ms`;
  return String(value);
}

const hostOf = (u: string): string => new URL(u).hostname.replace(/^\[|\]$/g, '');
const portOf = (u: string): string => new URL(u).port;
