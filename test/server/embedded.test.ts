/**
 * The embedded API (src/index.ts), used the way the README shows it: open, sql, listen, close —
 * in memory and on a data directory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { Cratelite, SqlError } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cratelite-embedded-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('in memory: statements return CrateDB-shaped results', async () => {
  const db = await Cratelite.open(':memory:');
  try {
    const ddl = await db.sql('create table t (id int primary key, ts timestamp with time zone, tags object as (host text))');
    assert.deepEqual(ddl.cols, []);
    assert.deepEqual(ddl.rows, []);
    assert.equal(ddl.rowcount, 1);
    assert.equal(typeof ddl.duration, 'number');

    const ins = await db.sql('insert into t (id, ts, tags) values (?, ?, ?), (?, ?, ?)', [1, '2026-01-01T00:00:00Z', { host: 'a' }, 2, 0, null]);
    assert.equal(ins.rowcount, 2);
    await db.sql('refresh table t');
    const res = await db.sql<[number, number, { host: string } | null, string | null]>("select id, ts, tags, tags['host'] from t order by id");
    assert.deepEqual(res.cols, ['id', 'ts', 'tags', "tags['host']"]);
    assert.deepEqual(res.col_types, [9, 11, 12, 4]);
    assert.deepEqual(res.rows, [[1, 1767225600000, { host: 'a' }, 'a'], [2, 0, null, null]]);
    assert.equal(res.rowcount, 2);
  } finally {
    await db.close();
  }
});

test('errors are SqlError with CrateDB\'s message and codes; the session survives them', async () => {
  const db = await Cratelite.open();
  try {
    await assert.rejects(db.sql('select * from missing'), (e: unknown) => {
      assert.ok(e instanceof SqlError);
      assert.equal(e.message, "RelationUnknown[Relation 'missing' unknown]");
      assert.equal(e.code, 4041);
      assert.equal(e.status, 404);
      assert.equal(e.sqlState, '42P01');
      return true;
    });
    assert.deepEqual((await db.sql('select 1')).rows, [[1]]);
  } finally {
    await db.close();
  }
});

test('one session: SET lasts; concurrent calls run one at a time in call order', async () => {
  const db = await Cratelite.open(':memory:', { defaultSchema: 'app', statementTimeout: '30s' });
  try {
    assert.deepEqual((await db.sql('show search_path')).rows, [['app']]);
    assert.deepEqual((await db.sql('show statement_timeout')).rows, [['30000ms']]);
    await db.sql('set search_path to other');
    assert.deepEqual((await db.sql('show search_path')).rows, [['other']]);
    // RESET and SET … DEFAULT go back to the session's defaults, not the built-in ones
    await db.sql("set statement_timeout = '5s'");
    await db.sql('reset statement_timeout');
    assert.deepEqual((await db.sql('show statement_timeout')).rows, [['30000ms']]);
    await db.sql("set statement_timeout = '5s'");
    await db.sql('set statement_timeout to default');
    assert.deepEqual((await db.sql('show statement_timeout')).rows, [['30000ms']]);
    await db.sql('reset all');
    assert.deepEqual((await db.sql('show search_path')).rows, [['app']]);
    await db.sql('set search_path to other');
    await db.sql('create table c (i int)');
    const inserts = Array.from({ length: 20 }, (_, i) => db.sql('insert into c (i) values (?)', [i]));
    const failing = db.sql('select nope');
    const count = db.sql('select count(*) from c');
    await Promise.all(inserts);
    await assert.rejects(failing, SqlError);
    assert.deepEqual((await count).rows, [[20]]);
    assert.deepEqual(await db.bulk('insert into c (i) values (?)', [[100], ['x'], [101]]), [1, -2, 1]);
  } finally {
    await db.close();
  }
  await assert.rejects(db.sql('select 1'), /closed/);
});

test('a data directory keeps its data across open/close and can be open only once', async () => {
  const data = join(dir, 'data');
  const first = await Cratelite.open(data);
  try {
    await first.sql('create table kept (v text)');
    await first.sql("insert into kept (v) values ('x')");
    await assert.rejects(Cratelite.open(data), /data directory \[.*\] is in use by another cratelite process/);
  } finally {
    await first.close();
  }
  const second = await Cratelite.open(data);
  try {
    assert.deepEqual((await second.sql('select v from kept')).rows, [['x']]);
  } finally {
    await second.close();
  }
});

test('listen() exposes the same database over HTTP and PostgreSQL', async () => {
  const db = await Cratelite.open();
  try {
    await db.sql('create table shared (i int)');
    await db.sql('insert into shared (i) values (42)');
    await db.sql('refresh table shared');
    const { httpUrl, pgUrl, pgPort } = await db.listen({ httpPort: 0, pgPort: 0 });
    assert.match(httpUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(pgUrl, `postgres://127.0.0.1:${pgPort}`);
    const res = await fetch(`${httpUrl}/_sql`, { method: 'POST', body: JSON.stringify({ stmt: 'select i from shared' }) });
    assert.deepEqual(((await res.json()) as { rows: unknown[] }).rows, [[42]]);
    const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'crate', database: 'doc' });
    await client.connect();
    try {
      assert.deepEqual((await client.query('select i from shared')).rows, [{ i: 42 }]);
    } finally {
      await client.end();
    }
  } finally {
    await db.close();
  }
});
