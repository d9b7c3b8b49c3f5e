/**
 * The PostgreSQL listener's lifecycle in the node (server/node.ts): a busy `psql.port` stops
 * startup, SIGTERM closes PG connections (interrupting what runs) and exits cleanly, and the
 * connection limit answers with a FATAL error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { MAIN, startServer } from '../../helpers/server.js';
import { Database } from '../../../src/session/database.js';
import { PgServer } from '../../../src/protocol/postgres/pg-server.js';
import { fe, RawPgClient } from '../../helpers/pg-wire.js';

test('a psql.port in use stops startup with exit code 1', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  try {
    const port = (blocker.address() as { port: number }).port;
    const child = spawn(process.execPath, [MAIN, '--host', '127.0.0.1', '--http-port', '0', '--pg-port', String(port), '--data', ':memory:'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const code = await new Promise((r) => child.on('exit', r));
    assert.equal(code, 1);
    assert.match(stderr, /psql\.port/);
  } finally {
    blocker.close();
  }
});

test('SIGTERM with a long statement running on a PG connection: interrupted, clean exit', async () => {
  const server = await startServer();
  const client = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate' });
  client.on('error', () => {});
  await client.connect();
  const long = client.query('SELECT sum(a.x * b.x) FROM generate_series(1, 100000) AS a (x), generate_series(1, 100000) AS b (x)')
    .then(() => 'finished', () => 'failed');
  await new Promise((r) => setTimeout(r, 300));
  const started = Date.now();
  const code = await server.stop();
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 10_000, 'the shutdown did not wait for the statement to finish');
  assert.equal(await long, 'failed');
  await server.close();
});

test('over the connection limit: FATAL 53300, the other connections carry on', async () => {
  const db = await Database.open({ dataPath: ':memory:', memoryLimit: '256MB', nodeName: 'n1', clusterName: 'c' }, ':memory:');
  const pgServer = await PgServer.start({ host: '127.0.0.1', port: 0, db, maxConnections: 2 });
  try {
    const port = pgServer.address.port;
    const first = await RawPgClient.startup(port);
    const second = await RawPgClient.startup(port);
    const third = await RawPgClient.connect(port);
    await third.send(fe.startup({ user: 'crate' }));
    const [refused] = await third.readUntil(() => false);
    assert.equal(refused!.text, 'E 53300 sorry, too many clients already');
    assert.ok(third.closed);
    await first.client.send(fe.query('select 1 as x'));
    assert.deepEqual((await first.client.readyForQuery()).map((m) => m.text), ['T x:23:0', 'D ["1"]', 'C SELECT 1', 'Z I']);
    first.client.end();
    second.client.end();
  } finally {
    await pgServer.stop();
    await db.close();
  }
});
