/**
 * Durability: every row the server acknowledged survives a SIGKILL (DuckDB replays its WAL on
 * the next start on the same data directory).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../helpers/server.js';

test('acknowledged inserts survive SIGKILL', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cratelite-crash-'));
  try {
    const first = await startServer({ dataDir });
    const expected: number[] = [];
    try {
      assert.equal((await first.sql('create table t (i integer)')).status, 200);
      for (let batch = 0; batch < 20; batch++) {
        const values = Array.from({ length: 50 }, (_, k) => batch * 50 + k);
        const res = await first.sql(`insert into t (i) values ${values.map((v) => `(${v})`).join(', ')}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.rowcount, values.length);
        expected.push(...values);
      }
    } finally {
      await first.kill();
    }

    const second = await startServer({ dataDir });
    try {
      const res = await second.sql('select i from t order by i');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.rowcount, expected.length);
      assert.deepEqual(res.body.rows.map((r: number[]) => r[0]), expected);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
