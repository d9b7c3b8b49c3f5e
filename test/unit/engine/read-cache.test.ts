/**
 * engine/engine.ts caches plain SELECTs per connection as DuckDB prepared statements. Re-running
 * one after another connection wrote to the table returned corrupted strings with DuckDB 1.5,
 * so every write on any connection makes them prepared afresh: results must always be current.
 * (The corruption itself shows through COPY FROM, test/slt/copy/copy-from-csv.slt; these cases
 * check that a cached statement never serves stale rows or columns.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Engine, type EngineConnection } from '../../../src/engine/engine.js';

let dir: string;
let engine: Engine;
let reader: EngineConnection;
let writer: EngineConnection;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cratelite-read-cache-'));
  engine = await Engine.open({ path: join(dir, 'db.duckdb'), memoryLimit: '256MB' });
  reader = await engine.connect();
  writer = await engine.connect();
});
after(() => {
  reader.close();
  writer.close();
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function read(sql: string): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for await (const b of reader.query(sql, [], { materialize: true })) {
    for (let r = 0; r < b.rowCount; r++) rows.push(b.columns.map((c) => c[r]));
  }
  return rows;
}

test('a repeated SELECT sees rows appended and inserted by another connection, strings intact', async () => {
  await writer.run('CREATE TABLE p (id INTEGER, name VARCHAR, score DOUBLE)');
  await writer.append({ schema: 'main', table: 'p' }, [{ values: [1, 4] }, { values: ['Arthur Dent of Earth', 'x'] }, { values: [1.5, null] }], 2);
  const sql = 'SELECT id, name, score FROM p WHERE id > 0 ORDER BY id';
  assert.deepEqual(await read(sql), [[1, 'Arthur Dent of Earth', 1.5], [4, 'x', null]]);
  assert.deepEqual(await read(sql), [[1, 'Arthur Dent of Earth', 1.5], [4, 'x', null]]);
  await writer.append({ schema: 'main', table: 'p' }, [{ values: [2, 3] }, { values: ['Ford, Prefect', 'say "hi"'] }, { values: [null, 2] }], 2);
  assert.deepEqual(await read(sql), [[1, 'Arthur Dent of Earth', 1.5], [2, 'Ford, Prefect', null], [3, 'say "hi"', 2], [4, 'x', null]]);
  await writer.run("INSERT INTO p VALUES (5, 'Zaphod Beeblebrox the Second', 9)");
  assert.deepEqual((await read(sql)).at(-1), [5, 'Zaphod Beeblebrox the Second', 9]);
  await writer.transaction(async () => { await writer.run('DELETE FROM p WHERE id = 1'); });
  assert.deepEqual((await read(sql))[0], [2, 'Ford, Prefect', null]);
});

test('a repeated SELECT follows a table dropped and created again with other columns', async () => {
  await writer.run('CREATE TABLE q (a INTEGER)');
  await writer.run('INSERT INTO q VALUES (1)');
  const sql = 'SELECT * FROM q';
  assert.deepEqual(await read(sql), [[1]]);
  assert.deepEqual(await read(sql), [[1]]);
  await writer.run('DROP TABLE q');
  await writer.run("CREATE TABLE q (a VARCHAR, b INTEGER)");
  await writer.run("INSERT INTO q VALUES ('a long text value here', 2)");
  assert.deepEqual(await read(sql), [['a long text value here', 2]]);
});

test('a repeated SELECT after rows staged in a temp table and inserted with ON CONFLICT on the same connection', async () => {
  await reader.run('CREATE TABLE r (id INTEGER PRIMARY KEY, name VARCHAR, score DOUBLE)');
  const sql = 'SELECT id, name, score FROM r WHERE id > 0 ORDER BY id';
  const load = async (rows: [number, string, number | null][]): Promise<void> => {
    await reader.run('CREATE TEMP TABLE stage (id INTEGER, name VARCHAR, score DOUBLE)');
    await reader.append({ catalog: 'temp', schema: 'main', table: 'stage' },
      [{ values: rows.map((r) => r[0]) }, { values: rows.map((r) => r[1]) }, { values: rows.map((r) => r[2]) }], rows.length);
    await reader.run('INSERT INTO r SELECT * FROM temp.main.stage ON CONFLICT DO NOTHING');
    await reader.run('DELETE FROM temp.main.stage');
    await reader.run('DROP TABLE temp.main.stage');
  };
  await load([[1, 'Arthur Dent of Earth', 1.5], [4, 'x', null]]);
  assert.deepEqual(await read(sql), [[1, 'Arthur Dent of Earth', 1.5], [4, 'x', null]]);
  assert.deepEqual(await read(sql), [[1, 'Arthur Dent of Earth', 1.5], [4, 'x', null]]);
  await load([[1, 'Arthur Dent of Earth', 1.5], [2, 'Ford, Prefect of Betelgeuse', null], [3, 'say "hi" to everyone', 2]]);
  assert.deepEqual(await read(sql), [[1, 'Arthur Dent of Earth', 1.5], [2, 'Ford, Prefect of Betelgeuse', null],
    [3, 'say "hi" to everyone', 2], [4, 'x', null]]);
});

test('a repeated SELECT of a file reads the file as it is now', async () => {
  const file = join(dir, 'rows.csv');
  const sql = `SELECT * FROM read_csv('${file}', header = true)`;
  writeFileSync(file, 'a,b\n1,x\n');
  assert.deepEqual(await read(sql), [[1n, 'x']]);
  assert.deepEqual(await read(sql), [[1n, 'x']]);
  writeFileSync(file, 'c\nsome text\nmore text\n');
  assert.deepEqual(await read(sql), [['some text'], ['more text']]);
});

test('a repeated SELECT with parameters (cached the same way) follows writes and new columns', async () => {
  await writer.run('CREATE TABLE rp (id INTEGER, name VARCHAR)');
  await writer.append({ schema: 'main', table: 'rp' }, [{ values: [1, 2] }, { values: ['Trillian of Earth, long', 'b'] }], 2);
  const sql = 'SELECT * FROM rp WHERE id > $1 ORDER BY id';
  const readWith = async (min: number): Promise<unknown[][]> => {
    const rows: unknown[][] = [];
    for await (const b of reader.query(sql, [{ value: min }], { materialize: true })) {
      for (let r = 0; r < b.rowCount; r++) rows.push(b.columns.map((c) => c[r]));
    }
    return rows;
  };
  assert.deepEqual(await readWith(0), [[1, 'Trillian of Earth, long'], [2, 'b']]);
  assert.deepEqual(await readWith(1), [[2, 'b']]);
  await writer.run('ALTER TABLE rp ADD COLUMN extra VARCHAR');
  await writer.append({ schema: 'main', table: 'rp' }, [{ values: [3] }, { values: ['Marvin, the paranoid android'] }, { values: ['x'] }], 1);
  assert.deepEqual(await readWith(1), [[2, 'b', null], [3, 'Marvin, the paranoid android', 'x']]);
});

test('more texts than the cache holds: the least recently used is prepared again, the others are kept', async () => {
  await writer.run('CREATE TABLE lru (i INTEGER)');
  await writer.run('INSERT INTO lru VALUES (1), (2), (3)');
  let prepares = 0;
  const raw = reader.raw;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = (sql) => { prepares++; return prepare(sql); };
  try {
    const text = (k: number): string => `SELECT i + ${k} FROM lru WHERE i > 0 ORDER BY i`;
    for (let k = 0; k < 300; k++) assert.deepEqual(await read(text(k)), [[1 + k], [2 + k], [3 + k]]);
    assert.equal(prepares, 300);
    // the 256 most recent stay prepared, whatever the order they are used in
    for (let k = 299; k >= 44; k--) assert.deepEqual((await read(text(k)))[0], [1 + k]);
    assert.equal(prepares, 300);
    // the oldest were evicted one by one, not all at once; text(0) now evicts the least
    // recently used, text(299) (first of the loop above), and nothing else
    assert.deepEqual((await read(text(0)))[0], [1]);
    assert.equal(prepares, 301);
    assert.deepEqual((await read(text(44)))[0], [45]);
    assert.deepEqual((await read(text(298)))[0], [299]);
    assert.equal(prepares, 301);
    assert.deepEqual((await read(text(299)))[0], [300]);
    assert.equal(prepares, 302);
  } finally {
    raw.prepare = prepare;
  }
});
