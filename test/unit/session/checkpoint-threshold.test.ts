/**
 * `wal.checkpoint_threshold`: the write-ahead log grows to it before a commit checkpoints (DuckDB's
 * own 16MB default checkpoints a bulk load every ~100,000 rows), and the setting is validated.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError, defaultSettings } from '../../../src/config/settings.js';
import { Database, IDLE_CHECKPOINT_MIN_WAL } from '../../../src/session/database.js';

const dir = mkdtempSync(join(tmpdir(), 'cratelite-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** WAL bytes after 40 commits of 20,000 rows (about 13MB of log) under `threshold`. */
async function walAfterCommits(name: string, threshold: string | undefined): Promise<{ wal: number; setting: unknown }> {
  const file = join(dir, `${name}.duckdb`);
  const db = await Database.open({ dataPath: dir, memoryLimit: '512MB', nodeName: 'n', clusterName: 'c', checkpointThreshold: threshold }, file);
  const conn = await db.engine.connect();
  try {
    await conn.run('CREATE TABLE t (i BIGINT, d DOUBLE)');
    for (let k = 0; k < 40; k++) await conn.run(`INSERT INTO t SELECT range, random() FROM range(${k * 20000}, ${(k + 1) * 20000})`);
    const [[setting]] = await conn.all("SELECT current_setting('checkpoint_threshold')") as unknown[][];
    // a checkpoint removes the log file
    return { wal: existsSync(`${file}.wal`) ? statSync(`${file}.wal`).size : 0, setting };
  } finally {
    conn.raw.closeSync();
    await db.close();
  }
}

test('the default lets the WAL grow past DuckDB\'s 16MB default; a small threshold checkpoints', async () => {
  assert.equal(defaultSettings()['wal.checkpoint_threshold'], '256MB');
  const big = await walAfterCommits('default', undefined);
  assert.equal(big.setting, '244.1 MiB');
  assert.ok(big.wal > 8_000_000, `WAL of ${big.wal} bytes`);
  const small = await walAfterCommits('small', '1MB');
  assert.ok(small.wal < 2_000_000, `WAL of ${small.wal} bytes`);
});

test('wal.checkpoint_threshold takes a size from any source and rejects anything else', () => {
  const load = (overrides: string[], env: Record<string, string> = {}) => loadConfig({ overrides, flags: [] }, env, dir).settings;
  assert.equal(load(['wal.checkpoint_threshold=1GiB'])['wal.checkpoint_threshold'], '1GiB');
  assert.equal(load([], { CRATELITE_WAL_CHECKPOINT_THRESHOLD: '64MB' })['wal.checkpoint_threshold'], '64MB');
  assert.throws(() => load(['wal.checkpoint_threshold=lots']), (e: unknown) => e instanceof ConfigError && /wal\.checkpoint_threshold/.test(e.message));
  assert.throws(() => load(["wal.checkpoint_threshold=1GB'; DROP TABLE x; --"]), ConfigError);
});

test('a large WAL is checkpointed once writes pause, not while they go on', async () => {
  const file = join(dir, 'idle.duckdb');
  const db = await Database.open({ dataPath: dir, memoryLimit: '512MB', nodeName: 'n', clusterName: 'c' }, file);
  const conn = await db.engine.connect();
  const wal = () => (existsSync(`${file}.wal`) ? statSync(`${file}.wal`).size : 0);
  try {
    await conn.run('CREATE TABLE t (i BIGINT, d DOUBLE)');
    // writes every 300 ms past IDLE_CHECKPOINT_MIN_WAL: the log keeps growing, no checkpoint
    let rows = 0;
    for (let k = 0; wal() < IDLE_CHECKPOINT_MIN_WAL || k < 12; k++, rows += 50000) {
      const before = wal();
      await conn.run(`INSERT INTO t SELECT range, random() FROM range(${k * 50000}, ${(k + 1) * 50000})`);
      assert.ok(wal() > before, `the WAL shrank from ${before} to ${wal()} bytes while writes went on`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const deadline = Date.now() + 10_000;
    while (wal() >= IDLE_CHECKPOINT_MIN_WAL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(wal() < 1_000_000, `WAL of ${wal()} bytes after idling`);
    assert.deepEqual(await conn.all('SELECT count(*) FROM t'), [[BigInt(rows)]]);
  } finally {
    conn.close();
    await db.close();
  }
});
