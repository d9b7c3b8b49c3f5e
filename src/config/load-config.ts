/**
 * Command line + environment → Settings. Later sources win:
 *
 *   defaults  <  CRATELITE_HTTP_PORT-style environment variables  <  -C key=value  <  long flags
 *
 * Long flags are shorthands for single settings (`--http-port 4300` = `-C http.port=4300`).
 * A YAML config file is a later addition. Invalid values stop startup with a ConfigError that
 * names the setting.
 */
import {
  applySetting, ConfigError, defaultSettings, envName, isSettingKey, SETTING_KEYS, type SettingKey,
  type Settings,
} from './settings.js';

export type Command = 'server' | 'version' | 'help';

export interface LoadedConfig {
  command: Command;
  settings: Settings;
}

/** `--flag value` shorthands and the setting each one sets. */
export const FLAGS: Readonly<Record<string, SettingKey>> = {
  '--http-port': 'http.port',
  '--pg-port': 'psql.port',
  '--host': 'network.host',
  '--data': 'path.data',
  '--memory-limit': 'memory.limit',
};

const COMMANDS: Readonly<Record<string, Command>> = {
  server: 'server', version: 'version', help: 'help',
  '--help': 'help', '-h': 'help', '--version': 'version', '-V': 'version',
};

export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LoadedConfig {
  let command: Command | undefined;
  const overrides: [SettingKey, string, string][] = [];
  const flags: [SettingKey, string, string][] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const takeValue = (name: string, inline: string | undefined): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new ConfigError(`missing value after ${name}`);
      return next;
    };
    if (arg.startsWith('-C')) {
      const assignment = takeValue('-C', arg.length > 2 ? arg.slice(2) : undefined);
      const eq = assignment.indexOf('=');
      if (eq <= 0) throw new ConfigError(`expected -C key=value, got [${assignment}]`);
      const key = assignment.slice(0, eq).trim();
      if (!isSettingKey(key)) throw new ConfigError(`unknown setting [${key}]; known settings: ${SETTING_KEYS.join(', ')}`);
      overrides.push([key, assignment.slice(eq + 1), `-C ${key}`]);
      continue;
    }
    if (arg.startsWith('--') && !(arg in COMMANDS)) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const key = FLAGS[name];
      if (key === undefined) throw new ConfigError(`unknown option ${name}`);
      flags.push([key, takeValue(name, eq < 0 ? undefined : arg.slice(eq + 1)), name]);
      continue;
    }
    const cmd = COMMANDS[arg];
    if (cmd === undefined) throw new ConfigError(`unknown command or option [${arg}]`);
    // `--help` wins over everything; otherwise the first command given counts.
    if (cmd === 'help' || command === undefined) command = cmd;
  }

  const settings = defaultSettings();
  for (const key of SETTING_KEYS) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') applySetting(settings, key, value, `environment ${envName(key)}`);
  }
  for (const [key, raw, source] of [...overrides, ...flags]) applySetting(settings, key, raw, source);
  return { command: command ?? 'server', settings };
}

export const USAGE = `Usage: cratelite [server] [options]
       cratelite version
       cratelite --help

Starts a CrateDB-compatible SQL server (HTTP /_sql and, later, the PostgreSQL wire protocol).

Options:
  --http-port N        HTTP port (http.port, default 4200; 0 = any free port)
  --pg-port N          PostgreSQL port (psql.port, default 5432; 0 = any free port)
  --host H             address to bind (network.host, default 127.0.0.1)
  --data DIR           data directory (path.data, default ./data; :memory: = throwaway database)
  --memory-limit SIZE  DuckDB memory limit (memory.limit, e.g. 2GB, 512MiB, 25%;
                       default 25% of RAM, at most 4 GiB)
  -C key=value         set any setting: ${SETTING_KEYS.join(', ')}

Every setting can also come from the environment: http.port → CRATELITE_HTTP_PORT, etc.
Precedence: defaults < environment < -C < long options.
`;
