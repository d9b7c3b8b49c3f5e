/**
 * Durability of COPY FROM: a SIGKILL in the middle of a COPY leaves the table consistent (every
 * row written whole, no duplicates; DuckDB replays its WAL), the server restarts cleanly and the
 * same data can be copied again.
 */
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../helpers/server.js';

const line = (i: number) => `{"id": ${i}, "v": "v${i}", "pad": "${'x'.repeat(100)}"}\n`;

test('SIGKILL during COPY FROM: consistent table, clean restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cratelite-copy-crash-'));
  const open = new Set<ServerResponse>();
  // an endless source: 100 rows every 10 ms
  const source = createServer((_req, res) => {
    open.add(res);
    let next = 1;
    const timer = setInterval(() => {
      let chunk = '';
      for (let k = 0; k < 100; k++) chunk += line(next++);
      res.write(chunk);
    }, 10);
    res.on('close', () => { clearInterval(timer); open.delete(res); });
  });
  await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(source.address() as { port: number }).port}/rows.json`;
  try {
    const first = await startServer({ dataDir });
    try {
      assert.equal((await first.sql('CREATE TABLE t (id INT PRIMARY KEY, v TEXT, pad TEXT)')).status, 200);
      const copy = first.sql(`COPY t FROM '${url}' WITH (bulk_size = 200)`).catch(() => undefined);
      // wait until some batches are written
      for (let i = 0; i < 400; i++) {
        const r = await first.sql("SELECT stmt FROM sys.jobs WHERE stmt LIKE 'COPY t %'");
        const m = /progress: (\d+) rows/.exec(String(r.body.rows?.[0]?.[0] ?? ''));
        if (m && Number(m[1]) >= 600) break;
        await new Promise((r2) => setTimeout(r2, 25));
      }
      await first.kill();
      await copy;
    } finally {
      await first.kill();
    }

    const second = await startServer({ dataDir });
    try {
      const count = (await second.sql('SELECT count(*), count(DISTINCT id) FROM t')).body.rows[0] as [number, number];
      assert.ok(count[0] >= 600, `rows that survived: ${count[0]}`);
      assert.equal(count[1], count[0], 'no duplicate ids');
      const broken = await second.sql("SELECT count(*) FROM t WHERE v <> 'v' || id OR pad IS NULL OR length(pad) <> 100");
      assert.equal(broken.body.rows[0][0], 0);
      // the server takes new COPYs: overwrite what is there, and stop after a while
      const again = second.sql(`COPY t FROM '${url}' WITH (overwrite_duplicates = true, bulk_size = 200)`);
      for (let i = 0; i < 400; i++) {
        const r = await second.sql("SELECT id FROM sys.jobs WHERE stmt LIKE 'COPY t %'");
        const id = r.body.rows?.[0]?.[0];
        if (id) {
          await new Promise((r2) => setTimeout(r2, 200));
          await second.sql(`KILL '${id}'`);
          break;
        }
        await new Promise((r2) => setTimeout(r2, 25));
      }
      const res = await again;
      assert.equal(res.body.error?.code, 5005);
      await second.sql('REFRESH TABLE t');
      const after = (await second.sql('SELECT count(*), count(DISTINCT id) FROM t')).body.rows[0] as [number, number];
      assert.equal(after[1], after[0]);
      assert.ok(after[0] >= count[0]);
    } finally {
      await second.stop();
    }
  } finally {
    for (const r of open) r.destroy();
    await new Promise((r) => source.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
