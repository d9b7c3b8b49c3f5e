/** Settings: defaults < environment < -C < long options; invalid values name the key. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError, defaultMemoryLimit } from '../../../src/config/settings.js';

test('defaults are CrateDB\'s', () => {
  const { command, settings } = loadConfig([], {});
  assert.equal(command, 'server');
  assert.equal(settings['http.port'], 4200);
  assert.equal(settings['psql.port'], 5432);
  assert.equal(settings['network.host'], '127.0.0.1');
  assert.equal(settings['path.data'], './data');
  assert.equal(settings['node.name'], 'cratelite');
  assert.equal(settings['cluster.name'], 'crate');
  assert.equal(settings['statement_max_length'], 262144);
  assert.equal(settings['memory.limit'], defaultMemoryLimit());
});

test('the default memory limit is a quarter of RAM, at most 4 GiB', () => {
  const mib = Number(/^(\d+)MiB$/.exec(defaultMemoryLimit())![1]);
  assert.ok(mib >= 64 && mib <= 4096, String(mib));
});

test('environment < -C < long options', () => {
  const env = { CRATELITE_HTTP_PORT: '1000', CRATELITE_PSQL_PORT: '2000', CRATELITE_NODE_NAME: 'from-env' };
  const { settings } = loadConfig(['-C', 'http.port=1001', '-Cpsql.port=2001', '--http-port', '1002'], env);
  assert.equal(settings['http.port'], 1002);
  assert.equal(settings['psql.port'], 2001);
  assert.equal(settings['node.name'], 'from-env');
  assert.equal(loadConfig(['--pg-port=7', '--host', '0.0.0.0', '--data', ':memory:'], {}).settings['psql.port'], 7);
  const s = loadConfig(['--host', '_local_', '--data', ':memory:', '--memory-limit', '2GB'], {}).settings;
  assert.equal(s['network.host'], '127.0.0.1');
  assert.equal(s['path.data'], ':memory:');
  assert.equal(s['memory.limit'], '2GB');
  assert.equal(loadConfig(['-C', 'memory.limit=512MiB'], {}).settings['memory.limit'], '512MiB');
  assert.match(loadConfig(['--memory-limit', '10%'], {}).settings['memory.limit'], /^\d+MiB$/);
});

test('commands', () => {
  assert.equal(loadConfig(['server', '--http-port', '0'], {}).command, 'server');
  assert.equal(loadConfig(['version'], {}).command, 'version');
  assert.equal(loadConfig(['--help'], {}).command, 'help');
  assert.equal(loadConfig(['server', '-h'], {}).command, 'help');
});

test('invalid input stops with a message naming the setting', () => {
  const fails = (argv: string[], pattern: RegExp, env: Record<string, string> = {}) =>
    assert.throws(() => loadConfig(argv, env), (e: unknown) => e instanceof ConfigError && pattern.test(e.message));
  fails(['--http-port', 'abc'], /\[abc\] for setting \[http\.port\] \(--http-port\)/);
  fails(['--http-port', '70000'], /http\.port/);
  fails(['-C', 'psql.port=-1'], /psql\.port/);
  fails([], /\[x\] for setting \[http\.port\] \(environment CRATELITE_HTTP_PORT\)/, { CRATELITE_HTTP_PORT: 'x' });
  fails(['--memory-limit', 'lots'], /memory\.limit/);
  fails(['-C', 'no.such=1'], /unknown setting \[no\.such\]/);
  fails(['-C', 'http.port'], /expected -C key=value/);
  fails(['--frobnicate'], /unknown option --frobnicate/);
  fails(['--http-port'], /missing value after --http-port/);
  fails(['shell'], /unknown command/);
  fails(['-C', 'statement_max_length=0'], /statement_max_length/);
});
