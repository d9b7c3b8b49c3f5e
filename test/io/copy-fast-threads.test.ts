/**
 * COPY FROM's fast paths and DuckDB's threads (src/io/fast-load.ts `withReaderThreads`): the JSON
 * reader splits a file among threads only when its scan has fewer files than the instance has
 * threads, so a load of two files runs with at least three, and the setting comes back after;
 * and a file large enough for that (8 MiB or more) on a two-thread server gives the rows the
 * line-by-line path gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineConnection } from '../../src/engine/engine.js';
import { withReaderThreads } from '../../src/io/fast-load.js';
import { logLinesDuring, startServer } from '../helpers/server.js';

async function threadsOf(conn: EngineConnection): Promise<number> {
  const r = await conn.raw.runAndReadAll(`SELECT CAST(current_setting('threads') AS BIGINT)`);
  return Number(r.getRows()[0]![0]);
}

async function withEngine(threads: number, fn: (conn: EngineConnection) => Promise<void>): Promise<void> {
  const engine = await Engine.open({ path: ':memory:', memoryLimit: '256MB', threads });
  try {
    await fn(await engine.connect());
  } finally {
    engine.close();
  }
}

/** A load that fails is run once, and its error comes out of withReaderThreads. */
async function failingLoadRunsOnce(conn: EngineConnection): Promise<void> {
  let calls = 0;
  await assert.rejects(withReaderThreads(conn, 2, async () => { calls++; throw new Error('load failed'); }), /load failed/);
  assert.equal(calls, 1);
}

test('two files on a two-thread instance: three threads while the load runs, two again after (also after a failure)', async () => {
  await withEngine(2, async (conn) => {
    assert.equal(await withReaderThreads(conn, 2, () => threadsOf(conn)), 3);
    assert.equal(await threadsOf(conn), 2);
    await failingLoadRunsOnce(conn);
    assert.equal(await threadsOf(conn), 2);
  });
});

test('an instance with threads to spare is left as it is; a load inside another one leaves the raising to the outer one', async () => {
  await withEngine(4, async (conn) => {
    assert.equal(await withReaderThreads(conn, 2, () => threadsOf(conn)), 4);
    assert.equal(await threadsOf(conn), 4);
    await failingLoadRunsOnce(conn);
  });
  await withEngine(1, async (conn) => {
    const inner = await withReaderThreads(conn, 2, async () => {
      const seen = await withReaderThreads(conn, 2, () => threadsOf(conn));
      return [seen, await threadsOf(conn)];
    });
    assert.deepEqual(inner, [3, 3]);
    assert.equal(await threadsOf(conn), 1);
  });
});

test('a file of 8 MiB or more, read by several DuckDB threads, gives the rows of the line-by-line path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cratelite-copy-threads-'));
  const fast = await startServer();
  const slow = await startServer({ env: { CRATELITE_COPY_FAST: 'off' } });
  try {
    const hosts = ['host_0', 'host_1', '18', 'été', 'a "quoted" \\ one'];
    const lines: string[] = [];
    for (let i = 1; i <= 120_000; i++) {
      const row: Record<string, unknown> = { id: i, v: i % 7 === 0 ? null : (i * 37) / 8, ts: 1_451_606_400_000 + i * 10_000 };
      if (i % 11 !== 0) row.o = { host: hosts[i % hosts.length], n: i % 13 === 0 ? null : i % 1000 };
      if (i % 5 !== 0) row.s = `text ${i}`;
      lines.push(JSON.stringify(row));
    }
    const path = join(dir, 'big.json');
    writeFileSync(path, `${lines.join('\n')}\n`);
    assert.ok(statSync(path).size >= 8 << 20);
    const ddl = 'CREATE TABLE big (id BIGINT, v DOUBLE, ts TIMESTAMP WITH TIME ZONE, o OBJECT AS (host TEXT, n INT), s TEXT)';
    const rows: unknown[][][] = [];
    for (const server of [fast, slow]) {
      await server.sqlOk(ddl);
      const handed = await logLinesDuring(server, async () => {
        const r = await server.sqlOk(`COPY big FROM 'file://${path}' RETURN SUMMARY`);
        assert.deepEqual(r.rows[0].slice(2), [120_000, 0, {}]);
      }, 'COPY FROM: file loaded line by line');
      if (server === fast) assert.deepEqual(handed, [], 'the fast server loads the file through DuckDB');
      await server.sqlOk('REFRESH TABLE big');
      rows.push((await server.sqlOk(`SELECT id, v, ts, o IS NULL, o['host'], o['n'], s FROM big ORDER BY id`)).rows);
    }
    assert.equal(rows[0]!.length, 120_000);
    assert.deepEqual(rows[0], rows[1]);
  } finally {
    await fast.close();
    await slow.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
