/**
 * COPY FROM's DuckDB fast path for local JSON-lines files (src/io/fast-json-load.ts), against
 * the real server: which files it loads and which it hands to the line-by-line path (the server
 * logs each hand-over), a new key far into a file, exact big integers, progress in sys.jobs,
 * KILL; and the JS line scan on its own (lines DuckDB would read differently than JSON.parse).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { logLinesDuring, startServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait-for.js';
import { scanLines } from '../../src/io/fast-json-load.js';

let server: TestServer;
let dir: string;

before(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'cratelite-copy-fast-'));
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const HANDED_OVER = 'COPY FROM: file loaded line by line';

/** Run `fn`; return the hand-over log lines it caused. */
function handOvers(fn: () => Promise<void>): Promise<string[]> {
  return logLinesDuring(server, fn, HANDED_OVER);
}

function writeLines(name: string, n: number, line: (i: number) => string, gzip = false): string {
  const parts: string[] = [];
  for (let i = 1; i <= n; i++) parts.push(`${line(i)}\n`);
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(parts.join('')) : parts.join(''));
  return path;
}

test('a uniform file is loaded by DuckDB; a key first seen on line 50,000 sends the file to the line-by-line path', async () => {
  await server.sqlOk('CREATE TABLE dyn (id BIGINT, v DOUBLE, ts TIMESTAMP WITH TIME ZONE, o OBJECT AS (a INT))');
  const uniform = writeLines('uniform.json', 60_000, (i) => JSON.stringify({ id: i, v: i / 4, ts: 1_500_000_000_000 + i, o: { a: i % 7 } }));
  const late = writeLines('late.json', 60_000, (i) => JSON.stringify({ id: 100_000 + i, v: i, o: i === 50_000 ? { a: 1, late: 'x' } : { a: 2 } }));

  const fast = await handOvers(async () => {
    const r = await server.sqlOk(`COPY dyn FROM 'file://${uniform}' RETURN SUMMARY`);
    assert.deepEqual(r.rows.map((row: unknown[]) => row.slice(2)), [[60_000, 0, {}]]);
  });
  assert.deepEqual(fast, [], 'the uniform file is not handed over');

  const slow = await handOvers(async () => {
    const r = await server.sqlOk(`COPY dyn FROM 'file://${late}' RETURN SUMMARY`);
    assert.deepEqual(r.rows.map((row: unknown[]) => row.slice(2)), [[60_000, 0, {}]]);
  });
  assert.equal(slow.length, 1);
  assert.match(slow[0]!, /unknown key/);

  await server.sqlOk('REFRESH TABLE dyn');
  const r = await server.sqlOk(`SELECT count(*), sum(v), count(o['late']), min(ts), max(ts), sum(o['a']) FROM dyn`);
  const uniformV = (60_000 * 60_001) / 2 / 4;
  const lateV = (60_000 * 60_001) / 2;
  const sumA = Array.from({ length: 60_000 }, (_, i) => (i + 1) % 7).reduce((a, b) => a + b, 0) + 1 + 2 * 59_999;
  assert.deepEqual(r.rows, [[120_000, uniformV + lateV, 1, 1_500_000_000_001, 1_500_000_060_000, sumA]]);
  const late1 = await server.sqlOk(`SELECT id, o['late'] FROM dyn WHERE o['late'] IS NOT NULL`);
  assert.deepEqual(late1.rows, [[150_000, 'x']]);
});

test('several files through a glob: each file on its own path, per-file counts', async () => {
  await server.sqlOk('CREATE TABLE multi (id INT, name TEXT)');
  const sub = mkdtempSync(join(dir, 'glob-'));
  writeFileSync(join(sub, 'a.json'), '{"id":1,"name":"a"}\n{"id":2,"name":"b"}\n');
  writeFileSync(join(sub, 'b.json'), '{"id":3,"name":"c"}\n{"id":"x"}\n{"id":5}\n');
  writeFileSync(join(sub, 'c.json'), '{"id":6,"name":"f"}\n');
  const logs = await handOvers(async () => {
    const r = await server.sqlOk(`COPY multi FROM 'file://${sub}/*.json' RETURN SUMMARY`);
    assert.deepEqual(r.rows.map((row: unknown[]) => [String(row[1]).replace(/.*\//, ''), ...row.slice(2)]), [
      ['a.json', 2, 0, {}],
      ['b.json', 2, 1, { 'Cannot cast value `x` to type `integer`': { count: 1, line_numbers: [2] } }],
      ['c.json', 1, 0, {}],
    ]);
  });
  assert.equal(logs.length, 1, logs.join('\n'));
  assert.match(logs[0]!, /b\.json/);
  await server.sqlOk('REFRESH TABLE multi');
  assert.deepEqual((await server.sqlOk('SELECT id FROM multi ORDER BY id')).rows, [[1], [2], [3], [5], [6]]);
});

test('gzip files are read by DuckDB too; integers beyond 2^53 stay exact in BIGINT columns', async () => {
  await server.sqlOk('CREATE TABLE big (id BIGINT, n BIGINT)');
  const path = writeLines('big.json.gz', 3, (i) => `{"id":${i},"n":${9_007_199_254_740_990 + 0}${i}}`, true);
  const logs = await handOvers(async () => {
    const r = await server.sqlOk(`COPY big FROM 'file://${path}' RETURN SUMMARY`);
    assert.equal(r.rows[0][2], 3);
  });
  assert.deepEqual(logs, []);
  await server.sqlOk('REFRESH TABLE big');
  const r = await server.sqlOk('SELECT id, CAST(n AS TEXT) FROM big ORDER BY id');
  assert.deepEqual(r.rows, [[1, '90071992547409901'], [2, '90071992547409902'], [3, '90071992547409903']]);
});

test('text that only looks like a number (dates, digit strings, safe integers) stays on the fast path', async () => {
  await server.sqlOk('CREATE TABLE texts (id INT, s TEXT)');
  // from '-' to '9' (signs, digits, '.', '/') the guard looks closer; nulls pass
  const texts = ['2017-06-01', '18', '', 'été', 18, '-x', '.5', '/x', '-', '0012', '1-2', '9:30', null, -42, '-42'];
  const path = writeLines('texts.json', texts.length, (i) => JSON.stringify({ id: i, s: texts[i - 1] }));
  const logs = await handOvers(async () => {
    assert.equal((await server.sqlOk(`COPY texts FROM 'file://${path}' RETURN SUMMARY`)).rows[0][2], texts.length);
  });
  assert.deepEqual(logs, []);
  await server.sqlOk('REFRESH TABLE texts');
  assert.deepEqual((await server.sqlOk('SELECT s FROM texts ORDER BY id')).rows, texts.map((t) => [t === null ? null : String(t)]));
  // a decimal number into a text column: CrateDB's text of it, on the line-by-line path
  const dec = writeLines('dec.json', 1, () => '{"id":100,"s":1.50}');
  const handed = await handOvers(async () => { await server.sqlOk(`COPY texts FROM 'file://${dec}'`); });
  assert.equal(handed.length, 1);
  await server.sqlOk('REFRESH TABLE texts');
  assert.deepEqual((await server.sqlOk('SELECT s FROM texts WHERE id = 100')).rows, [['1.5']]);
  // texts that may be another kind's JSON text, and other kinds: each file goes line by line
  const others = ['"-0"', '-0', '"1e2"', '1e2', '"9007199254740993"', '"NaN"', '"-Infinity"', '"true"', 'false', '"[1]"', '{"a":1}', '"{}"'];
  for (const [i, v] of others.entries()) {
    const one = writeLines(`other-${i}.json`, 1, () => `{"id":${200 + i},"s":${v}}`);
    const h = await handOvers(async () => {
      assert.equal((await server.sqlOk(`COPY texts FROM 'file://${one}' RETURN SUMMARY`)).rows[0][2], 1, v);
    });
    assert.equal(h.length, 1, v);
  }
});

test('a missing file is a URI failure as before; a name DuckDB would read as a glob is read line by line', async () => {
  await server.sqlOk('CREATE TABLE misc (id INT)');
  const r = await server.sqlOk(`COPY misc FROM 'file://${dir}/missing.json' RETURN SUMMARY`);
  assert.deepEqual(r.rows.map((row: unknown[]) => row.slice(2)), [[null, null, { [`${dir}/missing.json (No such file or directory)`]: { count: 1, line_numbers: [] } }]]);
  writeFileSync(join(dir, 'a1.json'), '{"id":1}\n');
  writeFileSync(join(dir, 'a[1].json'), '{"id":2}\n');
  const logs = await handOvers(async () => {
    const c = await server.sqlOk(`COPY misc FROM 'file://${dir}/a[1].json' RETURN SUMMARY`);
    assert.equal(c.rows[0][2], 1);
  });
  assert.deepEqual(logs, []);
  await server.sqlOk('REFRESH TABLE misc');
  assert.deepEqual((await server.sqlOk('SELECT id FROM misc')).rows, [[2]]);
});

test('progress in sys.jobs while DuckDB loads, and KILL leaves nothing of the file', async () => {
  await server.sqlOk('CREATE TABLE prog (id BIGINT, v DOUBLE, s TEXT)');
  const path = writeLines('prog.json', 1_500_000, (i) => `{"id":${i},"v":${i}.5,"s":"row number ${i} of the progress file"}`);
  const copy = server.sql(`COPY prog FROM 'file://${path}'`);
  const job = await waitFor(async () => {
    const r = await server.sql(`SELECT id, stmt FROM sys.jobs WHERE stmt LIKE 'COPY prog %'`);
    return (r.body.rows as [string, string][]).find(([, stmt]) => /progress: 0 rows written, 0 lines read, [1-9][\d.]* MB of [\d.]+ MB read/.test(stmt));
  }, 'bytes read in the progress of COPY prog', 30_000);
  assert.equal((await server.sql(`KILL '${job[0]}'`)).body.rowcount, 1);
  const r = await copy;
  assert.match(r.body.error.message, /Job killed/);
  await server.sqlOk('REFRESH TABLE prog');
  assert.deepEqual((await server.sqlOk('SELECT count(*) FROM prog')).rows, [[0]]);
});

async function scan(text: string | Buffer, gzip = false): Promise<string | undefined> {
  const path = join(dir, `scan-${Math.random().toString(36).slice(2)}.json`);
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
  return scanLines(path, gzip, new AbortController().signal, () => undefined);
}

test('the line scan: lines JSON.parse rejects where DuckDB might not', async () => {
  assert.equal(await scan('{"a":1}\n{"a":[1,2],"b":{"c":"x,}"}}\n\n  {"a":2}\n\t{"a":3}\r\n{"a":"\\r"}'), undefined);
  assert.equal(await scan(''), undefined);
  assert.equal(await scan('{}'), undefined);
  assert.match((await scan('{"a":1}\n{"a":1,}\n'))!, /JSON parser error/);
  assert.match((await scan('{"a":[1, 2 ,\t]}\n'))!, /JSON parser error/);
  assert.match((await scan('{"a":1}\n   \n{"a":2}\n'))!, /JSON parser error/);
  assert.match((await scan(' \n{"a":2}\n'))!, /JSON parser error/);
  assert.match((await scan('{"a":2}\n\t'))!, /JSON parser error/);
  assert.match((await scan('{"a":1}\r{"a":2}\n'))!, /JSON parser error/);
  assert.match((await scan('{"a":1}\u000b\n'))!, /JSON parser error/);
  assert.match((await scan('\u000c{"a":1}\n'))!, /JSON parser error/);
  assert.match((await scan('{"a":1,}\n', true))!, /JSON parser error/);
  assert.equal(await scan('{"a":1}\n', true), undefined);
  assert.ok(await scan(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d, 0x0a])));
  // a JSON -0 (DuckDB reads 0), anywhere in a line; not -0.5, -01, -0.0 nor text
  for (const bad of ['{"a":-0}', '{"a":1,"b":[2,-0 ]}', '{"o":{"x":-0}}\r', '{"a":"x"}\n{"a":-0,"b":1}']) {
    assert.equal(await scan(bad), 'a JSON -0', bad);
  }
  for (const ok of ['{"a":-0.5}', '{"a":-0.0}', '{"a":-0e1}', '{"a":"-0"}', '{"a":"-0,"}', '{"-0":1}', '{"a":-01}']) {
    assert.equal(await scan(ok), undefined, ok);
  }
});

test('the line scan across its 4 MiB reads', async () => {
  const line = '{"k":"0123456789012345678901234567890123456789"}\n';
  const n = Math.ceil((4 << 20) / line.length) + 10;
  const lines = Array.from({ length: n }, () => line);
  assert.equal(await scan(lines.join('')), undefined);
  // a blank line, a trailing comma and a lone \r right at the first read's end
  const at = Math.floor((4 << 20) / line.length);
  for (const bad of ['  \n', '{"k":1,}\n', '{"k":1}\r{"k":2}\n', ' {"k":1,\n}\n']) {
    for (const shift of [-1, 0, 1]) {
      const copy = [...lines];
      copy.splice(at + shift, 0, bad);
      assert.ok(await scan(copy.join('')), `${JSON.stringify(bad)} at line ${at + shift}`);
    }
  }
});
