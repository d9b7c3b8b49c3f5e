/**
 * Settings: defaults < cratelite.yml < environment < -C < long options; invalid values name the
 * key and the source; unknown keys in the file are warnings, elsewhere errors.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseServerArgs } from '../../../src/cli/server-command.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { parseConfigText } from '../../../src/config/config-file.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError, defaultMemoryLimit } from '../../../src/config/settings.js';

const dir = mkdtempSync(join(tmpdir(), 'cratelite-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** argv of `cratelite server` → settings, the way runServer does it */
function fromArgv(argv: string[], env: Record<string, string> = {}, cwd = dir) {
  const a = parseServerArgs(argv);
  return loadConfig({ configFile: a.configFile, overrides: a.overrides, flags: a.flags }, env, cwd);
}

function configFile(text: string, name = `c${Math.random().toString(36).slice(2)}.yml`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('defaults are CrateDB\'s', () => {
  const { settings, sources, configFile: file } = fromArgv([]);
  assert.equal(settings['http.port'], 4200);
  assert.equal(settings['psql.port'], 5432);
  assert.equal(settings['network.host'], '127.0.0.1');
  assert.equal(settings['path.data'], './data');
  assert.equal(settings['node.name'], 'cratelite');
  assert.equal(settings['cluster.name'], 'crate');
  assert.equal(settings['statement_max_length'], 262144);
  assert.equal(settings['statement_timeout'], 0);
  assert.equal(settings['log.level'], 'info');
  assert.equal(settings['memory.limit'], defaultMemoryLimit());
  assert.equal(sources.size, 0);
  assert.equal(file, undefined);
});

test('the default memory limit is a quarter of RAM, at most 4 GiB', () => {
  const mib = Number(/^(\d+)MiB$/.exec(defaultMemoryLimit())![1]);
  assert.ok(mib >= 64 && mib <= 4096, String(mib));
});

test('environment < -C < long options', () => {
  const env = { CRATELITE_HTTP_PORT: '1000', CRATELITE_PSQL_PORT: '2000', CRATELITE_NODE_NAME: 'from-env' };
  const { settings, sources } = fromArgv(['-C', 'http.port=1001', '-Cpsql.port=2001', '--http-port', '1002'], env);
  assert.equal(settings['http.port'], 1002);
  assert.equal(settings['psql.port'], 2001);
  assert.equal(settings['node.name'], 'from-env');
  assert.equal(sources.get('http.port'), '--http-port');
  assert.equal(sources.get('psql.port'), '-C psql.port');
  assert.equal(sources.get('node.name'), 'environment CRATELITE_NODE_NAME');
  assert.equal(fromArgv(['--pg-port=7', '--host', '0.0.0.0', '--data', ':memory:']).settings['psql.port'], 7);
  const s = fromArgv(['--host', '_local_', '--data', ':memory:', '--memory-limit', '2GB']).settings;
  assert.equal(s['network.host'], '127.0.0.1');
  assert.equal(s['path.data'], ':memory:');
  assert.equal(s['memory.limit'], '2GB');
  assert.equal(fromArgv(['-C', 'memory.limit=512MiB']).settings['memory.limit'], '512MiB');
  assert.match(fromArgv(['--memory-limit', '10%']).settings['memory.limit'], /^\d+MiB$/);
  // the last of repeated flags wins
  assert.equal(fromArgv(['--http-port', '1', '--http-port=2']).settings['http.port'], 2);
  assert.equal(fromArgv(['--log-level', 'WARN']).settings['log.level'], 'warn');
});

test('cratelite.yml sits below the environment, -C and flags', () => {
  const file = configFile([
    'http.port: 4300',
    'psql:',
    '  port: 5433',
    'node:',
    '  name: from-file',
    'cluster.name: from-file',
    'statement_timeout: 10s',
    'path.data: ./somewhere',
  ].join('\n'));
  const { settings, sources, configFile: used, warnings } = fromArgv(
    ['--config', file, '-C', 'cluster.name=from-C', '--pg-port', '6000', '-C', 'psql.port=5999'],
    { CRATELITE_NODE_NAME: 'from-env', CRATELITE_CLUSTER_NAME: 'from-env' },
  );
  assert.equal(used, file);
  assert.deepEqual(warnings, []);
  assert.equal(settings['http.port'], 4300);
  assert.equal(settings['psql.port'], 6000);
  assert.equal(settings['node.name'], 'from-env');
  assert.equal(settings['cluster.name'], 'from-C');
  assert.equal(settings['statement_timeout'], 10_000);
  assert.equal(settings['path.data'], './somewhere');
  assert.match(sources.get('http.port')!, /\.yml, line 1$/);
  assert.match(sources.get('statement_timeout')!, /\.yml, line 7$/);
});

test('./cratelite.yml is read when present; CRATELITE_CONFIG names another file', () => {
  const cwd = mkdtempSync(join(dir, 'cwd-'));
  writeFileSync(join(cwd, 'cratelite.yml'), 'node.name: local-file\n');
  assert.equal(fromArgv([], {}, cwd).settings['node.name'], 'local-file');
  const other = configFile('node.name: env-file\n');
  assert.equal(fromArgv([], { CRATELITE_CONFIG: other }, cwd).settings['node.name'], 'env-file');
  assert.throws(() => fromArgv(['--config', 'missing.yml'], {}, cwd), /configuration file \[missing\.yml\] does not exist/);
});

test('unknown keys in the file (cluster-only CrateDB settings) are accepted with a warning', () => {
  const file = configFile([
    'discovery.seed_hosts: [a, b]',
    'gateway:',
    '  expected_data_nodes: 3',
    'http.prot: 1',
    'cluster.name: c',
  ].join('\n'));
  const { settings, warnings } = fromArgv(['--config', file]);
  assert.equal(settings['cluster.name'], 'c');
  assert.equal(warnings.length, 3);
  assert.match(warnings[0]!, /ignoring setting \[discovery\.seed_hosts\] \(.*\.yml, line 1\)/);
  assert.match(warnings[1]!, /gateway\.expected_data_nodes/);
  assert.match(warnings[2]!, /\[http\.prot\].*did you mean \[http\.port\]/);
  // unknown CRATELITE_* variables are warned about too
  assert.match(fromArgv([], { CRATELITE_HTTP_PROT: '1' }).warnings.join(), /CRATELITE_HTTP_PROT/);
});

test('invalid values in the file name the key, the file and the line', () => {
  const file = configFile('# settings\nhttp.port: 4200\npsql.port: lots\n', 'bad.yml');
  assert.throws(() => fromArgv(['--config', file]),
    (e: unknown) => e instanceof ConfigError && /invalid value \[lots\] for setting \[psql\.port\] \(.*bad\.yml, line 3\)/.test(e.message));
  const list = configFile('http.port: [1, 2]\n');
  assert.throws(() => fromArgv(['--config', list]), /\[http\.port\].*expected a single value/);
  const broken = configFile('http.port: 1\npsql.port: [5432\n', 'broken.yml');
  assert.throws(() => fromArgv(['--config', broken]), /invalid YAML in configuration file \[.*broken\.yml\] at line \d: \S/);
  const dup = configFile('http.port: 1\nhttp.port: 2\n');
  assert.throws(() => fromArgv(['--config', dup]), /invalid YAML/);
});

test('YAML scalars keep their text; empty files are fine', () => {
  assert.deepEqual(parseConfigText('a: 1e3\nb: "x y"\nc: true\nd:\n', 'f'), [
    { key: 'a', value: '1e3', line: 1 },
    { key: 'b', value: 'x y', line: 2 },
    { key: 'c', value: 'true', line: 3 },
    { key: 'd', value: '', line: 4 },
  ]);
  assert.deepEqual(parseConfigText('', 'f'), []);
  assert.deepEqual(parseConfigText('# only a comment\n', 'f'), []);
  assert.throws(() => parseConfigText('- a\n- b\n', 'f'), /must hold a map/);
});

test('invalid input stops with a message naming the setting', () => {
  const fails = (argv: string[], pattern: RegExp, env: Record<string, string> = {}) =>
    assert.throws(() => fromArgv(argv, env), (e: unknown) => (e instanceof ConfigError || e instanceof UsageError) && pattern.test(e.message));
  fails(['--http-port', 'abc'], /\[abc\] for setting \[http\.port\] \(--http-port\)/);
  fails(['--http-port', '70000'], /http\.port/);
  fails(['-C', 'psql.port=-1'], /psql\.port/);
  fails([], /\[x\] for setting \[http\.port\] \(environment CRATELITE_HTTP_PORT\)/, { CRATELITE_HTTP_PORT: 'x' });
  fails(['--memory-limit', 'lots'], /memory\.limit/);
  fails(['-C', 'no.such=1'], /unknown setting \[no\.such\]/);
  fails(['-C', 'http.prot=1'], /unknown setting \[http\.prot\]; did you mean \[http\.port\]/);
  fails(['-C', 'http.port'], /expected -C key=value/);
  fails(['--frobnicate'], /Unknown option '--frobnicate'/);
  fails(['--http-port'], /argument missing/);
  fails(['extra'], /Unexpected argument 'extra'/);
  fails(['-C', 'statement_max_length=0'], /statement_max_length/);
  fails(['-C', 'statement_timeout=soon'], /statement_timeout/);
  fails(['--log-level', 'loud'], /log\.level.*expected one of debug, info, warn, error/);
});
