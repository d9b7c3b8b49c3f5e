/**
 * Every configuration source → Settings. Later sources win:
 *
 *   defaults  <  cratelite.yml  <  CRATELITE_* environment variables  <  -C key=value  <  long flags
 *
 * The file is `--config FILE`, else `$CRATELITE_CONFIG`, else `./cratelite.yml` when it exists.
 * Unknown keys in the file are CrateDB settings cratelite has no use for (cluster-only ones such
 * as `discovery.seed_hosts`): they are accepted with a warning, so a `crate.yml` can be reused.
 * Unknown keys given explicitly (-C, CRATELITE_*) are errors. Invalid values are errors that name
 * the key and the source.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readConfigFile } from './config-file.js';
import {
  applySetting, ConfigError, defaultSettings, envName, isSettingKey, SETTING_KEYS, suggestSetting,
  type SettingKey, type Settings,
} from './settings.js';

export const DEFAULT_CONFIG_FILE = 'cratelite.yml';
export const CONFIG_ENV = 'CRATELITE_CONFIG';

export interface ConfigInput {
  /** `--config FILE` */
  configFile?: string;
  /** `-C key=value`, in order */
  overrides?: readonly string[];
  /** long flags already mapped to their setting, in order */
  flags?: readonly (readonly [SettingKey, string, string])[];
}

export interface LoadedConfig {
  settings: Settings;
  /** where each setting that is not a default came from */
  sources: Map<SettingKey, string>;
  /** the configuration file read, if any */
  configFile: string | undefined;
  /** problems that do not stop startup (ignored keys) */
  warnings: string[];
}

export function loadConfig(input: ConfigInput, env: NodeJS.ProcessEnv, cwd = process.cwd()): LoadedConfig {
  const settings = defaultSettings();
  const sources = new Map<SettingKey, string>();
  const warnings: string[] = [];
  const set = (key: SettingKey, raw: string, source: string): void => {
    applySetting(settings, key, raw, source);
    sources.set(key, source);
  };

  const explicitFile = input.configFile ?? (env[CONFIG_ENV] || undefined);
  let configFile: string | undefined;
  if (explicitFile !== undefined) {
    configFile = resolve(cwd, explicitFile);
    if (!existsSync(configFile)) throw new ConfigError(`configuration file [${explicitFile}] does not exist`);
  } else if (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE))) {
    configFile = resolve(cwd, DEFAULT_CONFIG_FILE);
  }
  if (configFile !== undefined) {
    const shown = explicitFile ?? DEFAULT_CONFIG_FILE;
    for (const entry of readConfigFile(configFile)) {
      const where = `${shown}, line ${entry.line}`;
      if (!isSettingKey(entry.key)) {
        const hint = suggestSetting(entry.key);
        warnings.push(`ignoring setting [${entry.key}] (${where}): not used by cratelite${hint ? `; did you mean [${hint}]?` : ''}`);
        continue;
      }
      if (entry.value === undefined) throw new ConfigError(`invalid value for setting [${entry.key}] (${where}): expected a single value`);
      set(entry.key, entry.value, where);
    }
  }

  const known = new Set(SETTING_KEYS.map(envName));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('CRATELITE_') || name === CONFIG_ENV || known.has(name)) continue;
    warnings.push(`ignoring environment variable ${name}: no such setting`);
  }
  for (const key of SETTING_KEYS) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') set(key, value, `environment ${envName(key)}`);
  }

  for (const assignment of input.overrides ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new ConfigError(`expected -C key=value, got [${assignment}]`);
    const key = assignment.slice(0, eq).trim();
    if (!isSettingKey(key)) {
      const hint = suggestSetting(key);
      throw new ConfigError(`unknown setting [${key}]${hint ? `; did you mean [${hint}]?` : ''}; known settings: ${SETTING_KEYS.join(', ')}`);
    }
    set(key, assignment.slice(eq + 1), `-C ${key}`);
  }
  for (const [key, raw, flag] of input.flags ?? []) set(key, raw, flag);

  return { settings, sources, configFile, warnings };
}
