/**
 * engine/chunk-appender.ts against a real in-memory DuckDB: the vector memory it writes itself
 * (strings as string_t, numbers, int64 halves, validity) must read back as the values given.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { appendColumns, TableLayoutChanged } from '../../../src/engine/chunk-appender.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
});
after(() => { conn.closeSync(); instance.closeSync(); });

async function rows(sql: string): Promise<unknown[][]> {
  return (await conn.runAndReadAll(sql)).getRowsJS();
}

test('strings: inline ASCII, non-ASCII, long texts shared by many rows, empty, NULL, across chunks', async () => {
  await conn.run('CREATE TABLE s (i INTEGER, v VARCHAR)');
  const samples = ['', 'a', 'host_42', '123456789012', '1234567890123', 'ap-southeast-1b', 'ünï', 'ünïcødé-12b', 'ünïcødé-13by',
    '🙂', 'x'.repeat(300), 'Ubuntu16.04LTS', null];
  const n = 5000;
  const values = Array.from({ length: n }, (_, i) => samples[i % samples.length]!);
  await appendColumns(conn, { schema: 'main', table: 's' }, [
    { values: Array.from({ length: n }, (_, i) => i) }, { values },
  ], n);
  const back = await rows('SELECT i, v FROM s ORDER BY i');
  assert.equal(back.length, n);
  for (let i = 0; i < n; i++) assert.equal(back[i]![1], values[i], `row ${i}`);
  assert.deepEqual(await rows("SELECT count(*) FROM s WHERE v = 'ap-southeast-1b'"), [[BigInt(Math.ceil((n - 5) / samples.length))]]);
});

test('numbers, booleans, int64 halves, timestamps and validity', async () => {
  await conn.run('CREATE TABLE n (b BOOLEAN, t TINYINT, s SMALLINT, i INTEGER, f FLOAT, d DOUBLE, big BIGINT, ts TIMESTAMPTZ, dt DATE)');
  const cols = [
    [true, false, null, true],
    [-128, 127, null, 0],
    [-32768, 32767, null, 1],
    [-2147483648, 2147483647, null, 2],
    [1.5, -0.25, null, Math.fround(0.1)],
    [NaN, -Infinity, null, 1e308],
    [-1, 9007199254740991, null, -9223372036854775808n],
    [-1_000_000, 1451606400000000, null, 0],
    [-1, 16801, null, 0],
  ];
  await appendColumns(conn, { schema: 'main', table: 'n' }, cols.map((values) => ({ values })), 4);
  const back = await rows('SELECT b, t, s, i, f, d, big, epoch_us(ts), dt FROM n');
  assert.deepEqual(back.map((r) => r.slice(0, 6)), [
    [true, -128, -32768, -2147483648, 1.5, NaN],
    [false, 127, 32767, 2147483647, -0.25, -Infinity],
    [null, null, null, null, null, null],
    [true, 0, 1, 2, Math.fround(0.1), 1e308],
  ]);
  assert.deepEqual(back.map((r) => r[6]), [-1n, 9007199254740991n, null, -9223372036854775808n]);
  assert.deepEqual(back.map((r) => r[7]), [-1_000_000n, 1451606400000000n, null, 0n]);
  assert.deepEqual(back.map((r) => (r[8] as Date | null)?.toISOString().slice(0, 10) ?? null), ['1969-12-31', '2016-01-01', null, '1970-01-01']);
});

test('a column count that is not the table\'s is refused, and nothing is appended', async () => {
  await conn.run('CREATE TABLE l (a INTEGER, b INTEGER)');
  await assert.rejects(appendColumns(conn, { schema: 'main', table: 'l' }, [{ values: [1] }], 1), TableLayoutChanged);
  assert.deepEqual(await rows('SELECT count(*) FROM l'), [[0n]]);
});
