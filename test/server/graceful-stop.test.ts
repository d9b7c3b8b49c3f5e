/** SIGTERM / SIGINT: finish in-flight requests, checkpoint, exit 0, data kept. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../helpers/server.js';

test('SIGTERM exits 0 after a checkpoint; the data is there after a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cratelite-stop-'));
  try {
    const first = await startServer({ dataDir });
    try {
      await first.sql('create table t (i integer)');
      await first.sql('insert into t (i) values (1), (2), (3)');
      assert.equal(await first.stop(), 0);
    } finally {
      await first.kill();
    }
    assert.ok(existsSync(join(dataDir, 'cratelite.duckdb')), readdirSync(dataDir).join());
    // db.close() checkpoints, so nothing is left in the write-ahead log
    assert.ok(!existsSync(join(dataDir, 'cratelite.duckdb.wal')), readdirSync(dataDir).join());

    const second = await startServer({ dataDir });
    try {
      assert.deepEqual((await second.sql('select i from t order by i')).body.rows, [[1], [2], [3]]);
    } finally {
      assert.equal(await second.stop(), 0);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('SIGINT stops the server gracefully too', async () => {
  const server = await startServer();
  try {
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGINT');
    assert.equal(await exited, 0);
  } finally {
    await server.close();
  }
});

test('a request in flight when SIGTERM arrives still gets its answer', async () => {
  const server = await startServer();
  try {
    const pending = server.sql('select count(*) from generate_series(1, 50000000)');
    await new Promise((r) => setTimeout(r, 50));
    const exited = server.stop();
    const res = await pending;
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(await exited, 0);
  } finally {
    await server.close();
  }
});

test('idle keep-alive connections do not hold up the shutdown', async () => {
  const server = await startServer();
  try {
    // fetch keeps its connection open after this request
    await server.sql('select 1');
    const started = Date.now();
    assert.equal(await server.stop(), 0);
    assert.ok(Date.now() - started < 5000);
  } finally {
    await server.close();
  }
});
