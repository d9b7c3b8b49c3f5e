/** The `cratelite` command line: ready line, --help, version, configuration errors, :memory:. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { MAIN, startServer } from '../helpers/server.js';
import { CRATELITE_VERSION } from '../../src/session/version.js';

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the ready line names the bound ports and the data directory', async () => {
  const child = spawn(process.execPath, [MAIN, '--http-port', '0', '--pg-port', '0', '--data', ':memory:'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    assert.match(line, new RegExp(`^cratelite ${CRATELITE_VERSION.replace(/\./g, '\\.')} ready: http://127\\.0\\.0\\.1:[1-9]\\d* postgres://127\\.0\\.0\\.1:[1-9]\\d* data=:memory:\\n$`));
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

test('--help and version print and exit 0', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--http-port/);
  assert.match(help.stdout, /--memory-limit/);
  const version = await run(['version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, new RegExp(`^cratelite ${CRATELITE_VERSION.replace(/\./g, '\\.')} `));
});

test('invalid settings stop startup with a message naming the key', async () => {
  const bad = await run(['--http-port', 'abc', '--data', ':memory:']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /http\.port/);
  const env = await run(['--data', ':memory:'], { CRATELITE_PSQL_PORT: 'nope' });
  assert.equal(env.code, 1);
  assert.match(env.stderr, /psql\.port.*CRATELITE_PSQL_PORT/);
  const unknown = await run(['-C', 'http.prot=1']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown setting \[http\.prot\]/);
});

test('a port in use stops startup with exit code 1', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  try {
    const port = (blocker.address() as { port: number }).port;
    const res = await run(['--http-port', String(port), '--data', ':memory:']);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /http\.port/);
  } finally {
    blocker.close();
  }
});

test('--data :memory: runs without a data directory; settings reach GET /', async () => {
  const server = await startServer({ args: ['--data', ':memory:'], env: { CRATELITE_NODE_NAME: 'env-node', CRATELITE_CLUSTER_NAME: 'lab' } });
  try {
    const info = await (await fetch(`${server.httpUrl}/`)).json() as { name: string; cluster_name: string };
    assert.equal(info.name, 'env-node');
    assert.equal(info.cluster_name, 'lab');
    assert.deepEqual((await server.sql('select 1')).body.rows, [[1]]);
  } finally {
    await server.close();
  }
});

test('a second server on the same data directory is refused', async () => {
  const first = await startServer();
  try {
    const second = await run(['--http-port', '0', '--pg-port', '0', '--data', first.dataDir]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /data directory \[.*\] is in use by another cratelite process \(pid \d+ .*http:\/\/127\.0\.0\.1:\d+/);
    assert.match(second.stderr, /cratelite\.lock/);
    // the refused process left the first one's lock and data alone
    assert.deepEqual((await first.sql('select 1')).body.rows, [[1]]);
  } finally {
    await first.close();
  }
});
