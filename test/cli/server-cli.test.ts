/**
 * `cratelite [server]` as a user runs it: help for every command, configuration precedence end
 * to end (file < env < -C < flag, seen through the startup banner and GET /), errors naming the
 * key and the file, and the data-directory lock.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { MAIN, startServer } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'cratelite-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}, cwd = dir): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('--help works for every command', async () => {
  const top = await run(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /Commands:\n\s+server/);
  assert.match(top.stdout, /shell/);
  for (const args of [['server', '--help'], ['help', 'server'], ['server', '-h']]) {
    const r = await run(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /--http-port/);
    assert.match(r.stdout, /cratelite\.yml/);
    assert.match(r.stdout, /statement_timeout/);
  }
  const version = await run(['version', '--help']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /Usage: cratelite version/);
  const dashV = await run(['--version']);
  assert.equal(dashV.code, 0);
  assert.match(dashV.stdout, /^cratelite \d+\.\d+\.\d+ \(CrateDB \d+\.\d+\.\d+ compatible\)\n$/);
});

test('unknown commands and options exit 1 with a hint', async () => {
  const cmd = await run(['serve']);
  assert.equal(cmd.code, 1);
  assert.match(cmd.stderr, /unknown command \[serve\]/);
  assert.match(cmd.stderr, /Try 'cratelite --help'/);
  const opt = await run(['server', '--htp-port', '1']);
  assert.equal(opt.code, 1);
  assert.match(opt.stderr, /Unknown option '--htp-port'/);
});

test('an invalid value in cratelite.yml stops startup naming the key and the file', async () => {
  const cwd = mkdtempSync(join(dir, 'bad-'));
  writeFileSync(join(cwd, 'cratelite.yml'), 'node.name: n\nhttp:\n  port: eighty\n');
  const r = await run(['--data', ':memory:'], {}, cwd);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /invalid value \[eighty\] for setting \[http\.port\] \(cratelite\.yml, line 3\)/);
  assert.equal(r.stdout, '');
});

test('precedence end to end: file < environment < -C < flags; the banner lists what is not a default', async () => {
  const cwd = mkdtempSync(join(dir, 'prec-'));
  writeFileSync(join(cwd, 'cratelite.yml'), [
    'node.name: from-file',
    'cluster.name: from-file',
    'statement_timeout: 2s',
    'discovery.seed_hosts: [a, b]',
    'psql.port: 1',
  ].join('\n'));
  const server = await startServer({
    args: ['-C', 'cluster.name=from-C', '-C', 'log.format=json'],
    env: { CRATELITE_CLUSTER_NAME: 'from-env', CRATELITE_NODE_NAME: 'from-env' },
    cwd,
  });
  try {
    const info = await (await fetch(`${server.httpUrl}/`)).json() as { name: string; cluster_name: string };
    assert.equal(info.name, 'from-env');
    assert.equal(info.cluster_name, 'from-C');
    // the node's statement_timeout is the default of every new session
    assert.deepEqual((await server.sql('show statement_timeout')).body.rows, [['2000ms']]);

    const lines = server.stderr().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const warning = lines.find((l) => l.level === 'warn');
    assert.match(warning.msg, /ignoring setting \[discovery\.seed_hosts\] \(cratelite\.yml, line 4\)/);
    const banner = lines.find((l) => l.msg === 'cratelite started');
    assert.ok(banner, server.stderr());
    assert.equal(banner.http, server.httpUrl);
    assert.equal(banner.data, server.dataDir);
    assert.match(banner.config, /cratelite\.yml$/);
    assert.deepEqual(banner.settings['node.name'], { value: 'from-env', source: 'environment CRATELITE_NODE_NAME' });
    assert.deepEqual(banner.settings['cluster.name'], { value: 'from-C', source: '-C cluster.name' });
    assert.deepEqual(banner.settings['statement_timeout'], { value: 2000, source: 'cratelite.yml, line 3' });
    // startServer's own --pg-port 0 beats the file's psql.port
    assert.deepEqual(banner.settings['psql.port'], { value: 0, source: '--pg-port' });
    assert.equal(banner.settings['memory.limit'], undefined);
  } finally {
    await server.close();
  }
});

test('the data directory lock: a live owner refuses, a stale lock is taken over, a clean stop removes it', async () => {
  const data = mkdtempSync(join(dir, 'lock-'));
  const lockFile = join(data, 'cratelite.lock');
  // held by a live process (this test runner)
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }));
  const refused = await run(['--http-port', '0', '--pg-port', '0', '--data', data]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`data directory \\[${data}\\] is in use by another cratelite process \\(pid ${process.pid} `));
  assert.equal(refused.stdout, '');
  assert.equal(JSON.parse(readFileSync(lockFile, 'utf8')).pid, process.pid);

  // left behind by a process that is gone
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(lockFile, JSON.stringify({ pid: Number(gone.stdout), host: hostname(), started: '2026-01-01T00:00:00.000Z' }));
  const server = await startServer({ dataDir: data });
  try {
    const owner = JSON.parse(readFileSync(lockFile, 'utf8'));
    assert.equal(owner.pid, server.process.pid);
    assert.equal(owner.http, server.httpUrl);
  } finally {
    assert.equal(await server.stop(), 0);
  }
  assert.equal(existsSync(lockFile), false);
});
