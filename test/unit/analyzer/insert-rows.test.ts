/**
 * insertRows (analyzer/dml/insert-rows.ts) in process, on a real in-memory database: the options
 * the bulk paths and COPY FROM use — onDuplicate, declared value types, atomic — and the per-row
 * outcomes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertRows, type InsertRowsOptions } from '../../../src/analyzer/dml/insert-rows.js';
import { Database } from '../../../src/session/database.js';
import { CollectingSink } from '../../../src/session/result-sink.js';
import type { Session } from '../../../src/session/session.js';
import { T } from '../../../src/types/data-type.js';
import { openMemorySession, type MemorySession } from '../../helpers/memory-session.js';

let m: MemorySession;
let db: Database;
let session: Session;
before(async () => {
  m = await openMemorySession('512MB');
  ({ db, session } = m);
});
after(() => m.close());

const sql = (text: string) => m.rows(text);

const insert = (table: string, columns: string[], rows: unknown[][], options: InsertRowsOptions) =>
  insertRows(session.analyzerContext(), session.conn, db.catalog.get('doc', table)!, columns, rows, options);

test('onDuplicate: error fails the row, skip counts 0, overwrite replaces the given columns', async () => {
  await sql('CREATE TABLE kv (k INT PRIMARY KEY, v TEXT, n INT DEFAULT 5)');
  let r = await insert('kv', ['k', 'v'], [[1, 'a'], [2, 'b'], [1, 'again']], { onDuplicate: 'error' });
  assert.deepEqual(r.rowCounts, [1, 1, -2]);
  assert.deepEqual(r.errors.map((e) => [e.index, e.error.crateName]), [[2, 'DuplicateKeyException']]);
  assert.equal(r.rowCount, 2);
  r = await insert('kv', ['k', 'v'], [[2, 'x'], [3, 'c'], [3, 'cc']], { onDuplicate: 'skip' });
  assert.deepEqual(r.rowCounts, [0, 1, 0]);
  r = await insert('kv', ['k', 'v'], [[1, 'A'], [4, 'd'], [4, 'D']], { onDuplicate: 'overwrite' });
  assert.deepEqual(r.rowCounts, [1, 1, 1]);
  assert.deepEqual(await sql('SELECT k, v, n FROM kv ORDER BY k'), [[1, 'A', 5], [2, 'b', 5], [3, 'c', 5], [4, 'D', 5]]);
});

test('declared value types: untyped text takes the column type; a declared type is applied first', async () => {
  await sql('CREATE TABLE typed (i INT, ts TIMESTAMP WITH TIME ZONE, o OBJECT AS (a INT), xs ARRAY(INTEGER), t TEXT)');
  const r = await insert('typed', ['i', 'ts', 'o', 'xs', 't'], [
    ['7', '2016-01-01T00:00:00Z', '{"a": "3"}', '{1,2}', 5],
    ['x', null, null, null, null],
  ], { onDuplicate: 'error', valueTypes: [T.undefined, T.undefined, T.undefined, T.undefined, T.integer] });
  assert.deepEqual(r.rowCounts, [1, -2]);
  assert.match(r.errors[0]!.error.message, /Cannot cast `'x'` of type `text` to type `integer`/);
  assert.deepEqual(await sql("SELECT i, CAST(ts AS BIGINT), o['a'], xs[1], xs[2], t FROM typed"), [[7, 1451606400000n, 3, 1, 2, '5']]);
});

test('atomic: the first failing row throws and nothing is written; otherwise the statement count', async () => {
  await sql('CREATE TABLE atom (id INT PRIMARY KEY, v DOUBLE CHECK (v > 0))');
  await assert.rejects(insert('atom', ['id', 'v'], [[1, 1], [2, 'no'], [3, -1]], { onDuplicate: 'skip', atomic: true }),
    /Cannot cast `'no'`/);
  await assert.rejects(insert('atom', ['id', 'v'], [[1, 1], [3, -1]], { onDuplicate: 'skip', atomic: true }),
    /Failed CONSTRAINT/);
  assert.deepEqual(await sql('SELECT count(*) FROM atom'), [[0n]]);
  const r = await insert('atom', ['id', 'v'], [[1, 1], [1, 2], [2, 2]], { onDuplicate: 'skip', atomic: true });
  assert.equal(r.rowCount, 2);
  assert.equal(r.rowCounts, undefined);
});

test('rows are read as given: extra values past the columns are ignored, missing ones are NULL', async () => {
  await sql('CREATE TABLE loose (a INT, b TEXT)');
  const r = await insert('loose', ['a', 'b'], [[1, 'x', 'ignored'], [2]], { onDuplicate: 'error' });
  assert.deepEqual(r.rowCounts, [1, 1]);
  assert.deepEqual(await sql('SELECT a, b FROM loose ORDER BY a'), [[1, 'x'], [2, null]]);
});

test('repeated texts: equal object texts and untyped values give every row its own outcome', async () => {
  await sql('CREATE TABLE rep (o OBJECT(DYNAMIC) AS (a TEXT), ts TIMESTAMP WITH TIME ZONE, v DOUBLE)');
  const tags = '{"a": "x"}';
  const r = await insert('rep', ['o', 'ts', 'v'], [
    [tags, '2016-01-01T00:00:00Z', '1.5'],
    [tags, '2016-01-01T00:00:00Z', '1.5'],
    [tags, '2016-01-01T00:00:00Z', 'bad'],
    [tags, '2016-01-01T00:00:00Z', 'bad'],
    ['{"a": "y", "b": 2}', 'later', '1.5'],
    ['{"a": "y", "b": 2}', '2016-01-01T00:00:10Z', '2'],
    ['{not json', '2016-01-01T00:00:10Z', '2'],
    [tags, '2016-01-01T00:00:10Z', '2'],
  ], { onDuplicate: 'error', valueTypes: [T.undefined, T.undefined, T.undefined] });
  assert.deepEqual(r.rowCounts, [1, 1, -2, -2, -2, 1, -2, 1]);
  assert.deepEqual(r.errors.map((e) => e.index), [2, 3, 4, 6]);
  assert.match(r.errors[0]!.error.message, /Cannot cast `'bad'` of type `text` to type `double precision`/);
  assert.match(r.errors[1]!.error.message, /Cannot cast `'bad'`/);
  // the new key b comes from row 5 (row 4 failed only at its timestamp, after the schema grew)
  assert.deepEqual(await sql("SELECT o['a'], o['b'], CAST(ts AS BIGINT), v FROM rep ORDER BY ts, o['a']"), [
    ['x', null, 1451606400000n, 1.5], ['x', null, 1451606400000n, 1.5],
    ['x', null, 1451606410000n, 2], ['y', 2n, 1451606410000n, 2],
  ]);
});

test('direct inserts: one chunk of rows (INSERT reading them from JS) and more (appender) land alike', async () => {
  await sql('CREATE TABLE direct (id INT, s TEXT, ts TIMESTAMP WITH TIME ZONE, o OBJECT AS (a TEXT), xs ARRAY(BIGINT))');
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => {
    const id = from + i;
    return [id, id % 3 ? `text number ${id}` : null, 1451606400000 + id * 1000, { a: `k${id % 5}` }, id % 7 ? [id, id + 1] : null];
  });
  for (const [from, n] of [[0, 2048], [2048, 2049], [4097, 1]]) {
    const r = await insert('direct', ['id', 's', 'ts', 'o', 'xs'], rows(from!, n!), { onDuplicate: 'error' });
    assert.equal(r.rowCount, n);
    assert.equal(r.errors.length, 0);
  }
  const expect = rows(0, 4098);
  const got = await sql("SELECT id, s, CAST(ts AS BIGINT), o['a'], xs[1], xs[2] FROM direct ORDER BY id");
  assert.equal(got.length, 4098);
  for (const i of [0, 1, 2047, 2048, 2049, 4096, 4097]) {
    const [id, s, ts, o, xs] = expect[i]!;
    const items = xs === null ? [null, null] : (xs as number[]).map(BigInt);
    assert.deepEqual(got[i], [id, s, BigInt(ts as number), (o as { a: string }).a, ...items]);
  }
  // another database in the same process reads its rows through its own registration
  const other = await Database.open({ dataPath: ':memory:', memoryLimit: '256MB', nodeName: 'n2', clusterName: 'c' }, ':memory:');
  try {
    const s2 = await other.createSession();
    await s2.execute('CREATE TABLE t2 (v INT)', [], new CollectingSink());
    const r = await insertRows(s2.analyzerContext(), s2.conn, other.catalog.get('doc', 't2')!, ['v'], [[1], [2]], { onDuplicate: 'error' });
    assert.equal(r.rowCount, 2);
    const sink = new CollectingSink();
    await s2.execute('SELECT sum(v) FROM t2', [], sink);
    assert.deepEqual(sink.rows, [[3n]]);
  } finally {
    await other.close();
  }
});

test('one object given for many rows: each row gets its leaves, also after failed rows and other objects', async () => {
  await sql(`CREATE TABLE shared (pre INT, o OBJECT(DYNAMIC) AS (a TEXT, n INT, d INT DEFAULT 9, sub OBJECT AS (x TEXT)),
    post INT NOT NULL)`);
  const p = { a: 'p', n: 1, sub: { x: 'px' } };
  const q = { a: 'q', n: 2, d: 4, extra: 'e' };
  const bad = { a: 'bad', n: 'not a number' };
  const list = { a: 'l', n: 3, sub: { x: 'lx' } };
  const rows = [
    [1, p, 10], // p written at row 0
    [2, p, 11], // copied from row 0
    [3, q, 'nope'], // fails on post (a cast) after q was written at row 2
    [4, p, 13], // p copied into row 2
    ['x', q, 14], // fails on pre before o: row 3 keeps p's leaves
    [6, q, 15], // q written at row 3 (the earlier q at row 2 was never kept)
    [7, bad, 16], // fails inside the object
    [8, q, 17], // copied from row 3
    [9, null, 18],
    [10, p, 19],
    [11, list, 20],
    [12, list, 21],
  ];
  const r = await insert('shared', ['pre', 'o', 'post'], rows, { onDuplicate: 'error' });
  assert.deepEqual(r.rowCounts, [1, 1, -2, 1, -2, 1, -2, 1, 1, 1, 1, 1]);
  assert.deepEqual(await sql("SELECT pre, o['a'], o['n'], o['d'], o['sub']['x'], o['extra'], post FROM shared ORDER BY pre"), [
    [1, 'p', 1, 9, 'px', null, 10], [2, 'p', 1, 9, 'px', null, 11], [4, 'p', 1, 9, 'px', null, 13],
    [6, 'q', 2, 4, null, 'e', 15], [8, 'q', 2, 4, null, 'e', 17], [9, null, null, null, null, null, 18],
    [10, 'p', 1, 9, 'px', null, 19], [11, 'l', 3, 9, 'lx', null, 20], [12, 'l', 3, 9, 'lx', null, 21],
  ]);
});
