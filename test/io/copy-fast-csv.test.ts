/**
 * COPY FROM's DuckDB fast path for local CSV files (src/io/fast-csv-load.ts), against the real
 * server: which files it loads and which it hands to the line-by-line path (the server logs
 * each hand-over, with the reason), and that the values it writes are the JS path's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { logLinesDuring, startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let dir: string;

before(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'cratelite-copy-csv-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const HANDED_OVER = 'COPY FROM: file loaded line by line';
const LOADED = 'COPY FROM: file loaded by DuckDB';

/** Run `fn`; return the hand-over log lines it caused (a file never tried logs nothing). */
async function handOvers(fn: () => Promise<void>): Promise<string[]> {
  return (await logLines(fn)).filter((l) => l.includes(HANDED_OVER));
}

/** Run `fn`; return the fast path's log lines it caused (loaded or handed over). */
function logLines(fn: () => Promise<void>): Promise<string[]> {
  return logLinesDuring(server, fn, HANDED_OVER, LOADED);
}

/** Run `fn`; assert that it loaded `n` files through DuckDB and handed none over. */
async function loadedFast(n: number, fn: () => Promise<void>): Promise<void> {
  const logs = await logLines(fn);
  assert.equal(logs.length, n, logs.join('\n'));
  for (const l of logs) assert.ok(l.includes(LOADED), l);
}

function write(name: string, text: string | Buffer, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

const COLUMNS = 'id BIGINT, name TEXT, v DOUBLE, r REAL, ok BOOLEAN, ts TIMESTAMP WITH TIME ZONE, i INT, s SMALLINT';

test('a plain file (quoted fields, "", empty fields, every converted type) is loaded by DuckDB', async () => {
  await server.sqlOk(`CREATE TABLE plain (${COLUMNS})`);
  const lines = ['id,name,v,r,ok,ts,i,s'];
  for (let i = 1; i <= 30_000; i++) {
    const name = i % 3 === 0 ? `"a, ""${i}"""` : i % 3 === 1 ? `n ${i}` : '';
    lines.push(`${i},${name},${i / 8},${i % 5 === 0 ? '' : '1.1'},${i % 2 ? 'TRUE' : 'off'},${1_500_000_000_000 + i},+${i},-${i % 30_000}`);
  }
  const path = write('plain.csv', `${lines.join('\n')}\n`);
  await loadedFast(1, async () => {
    const r = await server.sqlOk(`COPY plain FROM 'file://${path}' WITH (empty_string_as_null = true) RETURN SUMMARY`);
    assert.deepEqual(r.rows.map((row: unknown[]) => row.slice(2)), [[30_000, 0, {}]]);
  });
  await server.sqlOk('REFRESH TABLE plain');
  const r = await server.sqlOk(`SELECT count(*), sum(v), count(r), sum(CASE WHEN ok THEN 1 ELSE 0 END), min(ts), sum(i), min(s), count(name) FROM plain`);
  assert.deepEqual(r.rows, [[30_000, (30_000 * 30_001) / 2 / 8, 24_000, 15_000, 1_500_000_000_001, (30_000 * 30_001) / 2, -29_999, 20_000]]);
  const names = await server.sqlOk(`SELECT id, name, r FROM plain WHERE id IN (3, 4, 5) ORDER BY id`);
  assert.deepEqual(names.rows, [[3, 'a, "3"', 1.1], [4, 'n 4', 1.1], [5, null, null]]);
});

test('without a header, values go by position (column list or all columns); gzip files too', async () => {
  await server.sqlOk('CREATE TABLE pos (a INT, b TEXT, c DOUBLE)');
  const path = write('pos.csv.gz', '1;x;0.5\n2;;7\n', true);
  // a last field left empty: `3;y;` is three fields, as on the JS path
  const trail = write('trail.csv', '3;y;\n');
  await loadedFast(3, async () => {
    assert.equal((await server.sqlOk(`COPY pos FROM 'file://${path}' WITH (header = false, delimiter = ';', format = 'csv')`)).rowcount, 2);
    assert.equal((await server.sqlOk(`COPY pos (a, b, c) FROM 'file://${path}' WITH (header = false, delimiter = ';', format = 'csv')`)).rowcount, 2);
    assert.equal((await server.sqlOk(`COPY pos FROM 'file://${trail}' WITH (header = false, delimiter = ';', empty_string_as_null = true)`)).rowcount, 1);
  });
  await server.sqlOk('REFRESH TABLE pos');
  assert.deepEqual((await server.sqlOk('SELECT a, b, c FROM pos ORDER BY a, b')).rows, [[1, 'x', 0.5], [1, 'x', 0.5], [2, '', 7], [2, '', 7], [3, 'y', null]]);
});

test('files the readers could split or convert differently go to the line-by-line path', async () => {
  await server.sqlOk(`CREATE TABLE hand (${COLUMNS})`);
  const cases: [string, string | Buffer, RegExp][] = [
    ['crlf', 'id,name\n1,a\r\n', /carriage return|CSV/],
    ['blank-edge', 'id,name\n1, a\n', /quotes or blanks/],
    ['trailing', 'id,name\n1,a,\n', /delimiter/],
    ['open-quote', 'id,name\n1,"a\nb"\n', /quotes or blanks/],
    ['blank-line', 'id,name\n1,a\n\n2,b\n', /blank line/],
    ['short', 'id,name\n1\n', /CSV Error/],
    ['int-fraction', 'id,name\n1.0,a\n', /fast path does not apply/],
    ['int-range', 'id,i\n1,2147483648\n', /fast path does not apply/],
    ['double-nan', 'id,v\n1,NaN\n', /fast path does not apply/],
    ['negative-zero', 'id,v\n1,-0.0\n', /fast path does not apply/],
    ['iso-ts', 'id,ts\n1,2020-01-01\n', /fast path does not apply/],
    ['invalid-utf8', Buffer.from('id,name\n1,\xff\n', 'latin1'), /CSV Error/],
  ];
  for (const [name, text, reason] of cases) {
    const path = write(`${name}.csv`, text);
    const logs = await handOvers(async () => { await server.sqlOk(`COPY hand FROM 'file://${path}'`); });
    assert.equal(logs.length, 1, `${name}: ${logs.join('\n')}`);
    assert.match(logs[0]!, reason, name);
  }
  // header names that are not converted columns are never tried (no log line): still loaded right
  const unknown = write('unknown.csv', 'id,nope\n1,a\n');
  assert.deepEqual(await logLines(async () => { await server.sqlOk(`COPY hand FROM 'file://${unknown}'`); }), []);
  // a byte order mark (the JS path drops it; with a header its name does not match a column)
  const bom = write('bom.csv', '\ufeff1,a\n');
  const logs = await handOvers(async () => { await server.sqlOk(`COPY hand (id, name) FROM 'file://${bom}' WITH (header = false)`); });
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /byte order mark/);
  await server.sqlOk('REFRESH TABLE hand');
  const r = await server.sqlOk('SELECT count(*), sum(id) FROM hand');
  assert.deepEqual(r.rows, [[10, 11]]);
});
