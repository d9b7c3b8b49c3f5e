/**
 * COPY FROM's fast paths and DuckDB's threads (src/io/fast-load.ts `withReaderThreads`): the JSON
 * reader splits a file among threads only when its scan has fewer files than the instance has
 * threads, so a load of two files runs with at least three, and the setting comes back after.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type EngineConnection } from '../../src/engine/engine.js';
import { withReaderThreads } from '../../src/io/fast-load.js';

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

test('two files on a two-thread instance: three threads while the load runs, two again after (also after a failure)', async () => {
  await withEngine(2, async (conn) => {
    assert.equal(await withReaderThreads(conn, 2, () => threadsOf(conn)), 3);
    assert.equal(await threadsOf(conn), 2);
    await assert.rejects(withReaderThreads(conn, 2, async () => { throw new Error('load failed'); }), /load failed/);
    assert.equal(await threadsOf(conn), 2);
  });
});

test('an instance with threads to spare is left as it is; a load inside another one leaves the raising to the outer one', async () => {
  await withEngine(4, async (conn) => {
    assert.equal(await withReaderThreads(conn, 2, () => threadsOf(conn)), 4);
    assert.equal(await threadsOf(conn), 4);
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
