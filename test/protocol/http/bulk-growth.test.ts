/**
 * Schema growth checks of HTTP `bulk_args` (analyzer/dml/bulk-schema.ts): whether a batch adds
 * columns or object keys is decided per row, also after many rows of one key shape, and the
 * response lists every row's outcome.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

async function post(stmt: string, extra: Record<string, unknown> = {}): Promise<{ text: string; body: any }> {
  const res = await fetch(`${server.httpUrl}/_sql`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stmt, ...extra }),
  });
  const text = await res.text();
  return { text, body: JSON.parse(text) };
}

async function ok(stmt: string): Promise<any> {
  const { body } = await post(stmt);
  assert.equal(body.error, undefined, `${stmt}: ${JSON.stringify(body.error)}`);
  return body;
}

test('a new key after many rows of one key shape, keys in another order, null-valued unknown keys', async () => {
  await ok('CREATE TABLE grow (id INT, tags OBJECT(DYNAMIC) AS (a TEXT, b TEXT))');
  const rows: unknown[][] = Array.from({ length: 3000 }, (_, i) => [i, { a: `a${i % 5}`, b: 'x' }]);
  rows.push([3000, { b: 'y', a: 'z' }]); // the known keys, another order: no growth
  rows.push([3001, { a: 'q', gone: null }]); // an unknown key with only NULL: no column
  rows.push([3002, { a: 'r', b: 's', c: 7 }]); // a new key at the end of the usual shape
  rows.push([3003, { a: 't', b: 'u' }]);
  const { text, body } = await post('INSERT INTO grow (id, tags) VALUES (?, ?)', { bulk_args: rows });
  assert.match(text, /^\{"cols":\[\],"duration":\d+(\.\d+)?(E-?\d+)?,"results":\[\{"rowcount":1\}(,\{"rowcount":1\}){3003}\]\}$/);
  assert.equal(body.results.length, 3004);
  const cols = await ok("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'grow' ORDER BY ordinal_position");
  assert.deepEqual(cols.rows.map((r: unknown[]) => r.join(' ')), ['id integer', 'tags object', "tags['a'] text", "tags['b'] text", "tags['c'] bigint"]);
  const check = await ok("SELECT id, tags FROM grow WHERE id >= 2999 ORDER BY id");
  assert.deepEqual(check.rows, [
    [2999, { a: 'a4', b: 'x' }], [3000, { a: 'z', b: 'y' }], [3001, { a: 'q' }], [3002, { a: 'r', b: 's', c: 7 }], [3003, { a: 't', b: 'u' }],
  ]);
});

test('a bulk response with failures keeps the rowcount order and reports the errors', async () => {
  await ok('CREATE TABLE mixed (id INT, v INT)');
  const { text } = await post('INSERT INTO mixed (id, v) VALUES (?, ?)', { bulk_args: [[1, 1], [2, 'x'], [3, 3]] });
  assert.match(text, /"results":\[\{"rowcount":1\},\{"rowcount":-2,"error":\{"code":4000,"message":"SQLParseException\[Cannot cast[^"]*"\}\},\{"rowcount":1\}\]\}$/);
});

test('a new column in the statement grows the table for the rows that give it a value', async () => {
  await ok("CREATE TABLE newcol (id INT, tags OBJECT AS (a TEXT)) WITH (column_policy = 'dynamic')");
  const rows = Array.from({ length: 100 }, (_, i) => [i, { a: 'x' }, i < 99 ? null : 1.5]);
  const { body } = await post('INSERT INTO newcol (id, tags, extra) VALUES (?, ?, ?)', { bulk_args: rows });
  assert.ok(body.results.every((r: any) => r.rowcount === 1), JSON.stringify(body).slice(0, 300));
  assert.deepEqual((await ok('SELECT count(*), sum(extra) FROM newcol')).rows, [[100, 1.5]]);
});
