/**
 * `/_sql` success and error responses over a real socket (http.md §3.5–§3.11, §10, §11).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { httpStatusOf } from '../../../src/errors/errors.js';
import { startServer, type TestServer } from '../../helpers/server.js';
import { postSql, request } from './http-client.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const sql = (stmt: string, query = '', extra: Record<string, unknown> = {}) =>
  postSql(server.httpUrl, JSON.stringify({ stmt, ...extra }), { path: `/_sql${query}` });

test('select 1: compact JSON, keys in order, content-type and content-length', async () => {
  const res = await sql('select 1');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/json; charset=UTF-8');
  assert.equal(res.headers['content-length'], String(res.body.length));
  const body = res.json();
  assert.deepEqual(Object.keys(body), ['cols', 'rows', 'rowcount', 'duration']);
  assert.deepEqual(body.rows, [[1]]);
  assert.equal(body.rowcount, 1);
  assert.match(res.text, /^\{"cols":\[[^\]]*\],"rows":\[\[1\]\],"rowcount":1,"duration":\d+\.\d+(E-?\d+)?\}$/);
});

test('?types adds col_types right after cols; other values of the flag do not', async () => {
  for (const q of ['?types', '?types=', '?types=true']) {
    const body = (await sql('select 1', q)).json();
    assert.deepEqual(Object.keys(body), ['cols', 'col_types', 'rows', 'rowcount', 'duration'], q);
    assert.equal(body.col_types.length, body.cols.length);
  }
  for (const q of ['?types=1', '?types=false', '?error_trace']) {
    assert.deepEqual(Object.keys((await sql('select 1', q)).json()), ['cols', 'rows', 'rowcount', 'duration'], q);
  }
});

test('E5: col_types ids', async () => {
  const body = (await sql("select 'a' as name, [1, 2] as xs, 1 as i", '?types')).json();
  assert.deepEqual(body.cols, ['name', 'xs', 'i']);
  assert.deepEqual(body.col_types, [4, [100, 9], 9]);
});

test('any method and any path starting with /_sql reach the SQL handler', async () => {
  for (const [method, path] of [['GET', '/_sql'], ['PUT', '/_sql'], ['DELETE', '/_sql?types'], ['POST', '/_sql/foo'], ['POST', '/_sqlx']]) {
    const res = await request(server.httpUrl, { method, path, body: '{"stmt": "select 1"}' });
    assert.equal(res.status, 200, `${method} ${path}: ${res.text}`);
    assert.deepEqual(res.json().rows, [[1]]);
  }
});

test('row-count statements answer with rows [[]]', async () => {
  for (const q of ['', '?types']) {
    const body = (await sql(`create table rc_t${q ? 2 : 1} (i integer)`, q)).json();
    assert.deepEqual(body.cols, []);
    assert.deepEqual(body.rows, [[]]);
    assert.equal(typeof body.rowcount, 'number');
    assert.deepEqual(Object.keys(body), q ? ['cols', 'col_types', 'rows', 'rowcount', 'duration'] : ['cols', 'rows', 'rowcount', 'duration']);
    if (q) assert.deepEqual(body.col_types, []);
  }
});

test('E11: insert answers rowcount 1', async () => {
  await sql('create table e11 (i integer)');
  const res = await sql('insert into e11 (i) values (?)', '', { args: [1] });
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /^\{"cols":\[\],"rows":\[\[\]\],"rowcount":1,"duration":\d+\.\d+(E-?\d+)?\}$/);
});

test('typed values: Java floats, epoch ms, objects, intervals, arrays, col_types', async () => {
  await sql('create table typed (i integer, d double, r real, ts timestamp with time zone, o object as (x int))');
  await sql("insert into typed (i, d, r, ts, o) values (1, 1.0, 1.2, '2020-01-01', {x=1})");
  await sql('refresh table typed');
  const res = await sql("select i, d, r, ts, o, 1e10, '1 day'::interval, [1.0, 2.5], 'NaN'::real from typed", '?types');
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /"col_types":\[9,6,7,11,12,6,17,\[100,6\],7\],"rows":\[\[1,1\.0,1\.2,1577836800000,\{"x":1\},1\.0E10,"1 day 00:00:00",\[1\.0,2\.5\],"NaN"\]\],"rowcount":1,/);
});

test('undeclared keys of an IGNORED object: the stored JSON value with col_type 0 (undefined), text inside expressions', async () => {
  await sql('create table payloads (p object(ignored))');
  await sql("insert into payloads (p) values ({temp = 21.5, n = 3, ok = true, s = 'x', o = {a = 1}, arr = [1, 2]})");
  await sql('refresh table payloads');
  const res = await sql("select p['temp'], p['n'], p['ok'], p['s'], p['o'], p['arr'], p['o']['a'], p['missing'], p['s'] || '!' from payloads", '?types');
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /"col_types":\[0,0,0,0,0,0,0,0,4\],"rows":\[\[21\.5,3,true,"x",\{"a":1\},\[1,2\],1,null,"x!"\]\]/);
});

test('values: Java doubles, NaN as string, exact bigint, epoch-ms timestamps, dates, arrays', async () => {
  const res = await sql("select 1.0, 1.5, cast('NaN' as double), cast('-Infinity' as double), 9223372036854775807, "
    + "cast('1979-10-12' as timestamp), cast('2021-03-09' as date), [1, 2, 3], 'text', true, null");
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /"rows":\[\[1\.0,1\.5,"NaN","-Infinity",9223372036854775807,308534400000,1615248000000,\[1,2,3\],"text",true,null\]\]/);
});

test('E13: interval is text', async () => {
  const body = (await sql("select '5 days'::interval as x")).json();
  assert.deepEqual(body.rows, [['5 days 00:00:00']]);
});

test('E1/E3: args are passed to the statement', async () => {
  assert.deepEqual((await sql('select $1 + 1, $2, $1', '', { args: [41, 'x'] })).json().rows, [[42, 'x', 41]]);
  assert.deepEqual((await sql('select ? + 1, ?', '', { args: [41, 'x'] })).json().rows, [[42, 'x']]);
});

test('errors: {"error":{"message":"Name[…]","code":N}} with the status of the code', async () => {
  const res = await sql('select * from no_such_schema.no_such_table');
  const body = res.json();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error), ['message', 'code']);
  assert.match(body.error.message, /^\w+\[[\s\S]*\]$/);
  assert.equal(res.status, httpStatusOf(body.error.code));
  assert.equal(res.headers['content-type'], 'application/json; charset=UTF-8');
});

test('E7: ?error_trace adds the trace after the error object', async () => {
  const traced = (await sql('select * from no_such_schema.no_such_table', '?error_trace=true')).json();
  assert.deepEqual(Object.keys(traced), ['error', 'error_trace']);
  assert.ok(traced.error_trace.length > 0);
  assert.deepEqual(Object.keys((await sql('select * from no_such_schema.no_such_table', '?error_trace=false')).json()), ['error']);
});

test('E6: unknown schema → 404 SchemaUnknownException', async () => {
  const res = await sql('select name, position from foo.locations');
  assert.equal(res.status, 404);
  assert.equal(res.text, '{"error":{"message":"SchemaUnknownException[Schema \'foo\' unknown]","code":4045}}');
});

test('E8: bulk insert → cols, duration, results', async () => {
  await sql('create table bulk_t (i integer)');
  const res = await sql('insert into bulk_t (i) values (1)', '?types', { bulk_args: [[], [], []] });
  assert.equal(res.status, 200, res.text);
  const body = res.json();
  assert.deepEqual(Object.keys(body), ['cols', 'duration', 'results']);
  assert.deepEqual(body.cols, []);
  assert.deepEqual(body.results, [{ rowcount: 1 }, { rowcount: 1 }, { rowcount: 1 }]);
  assert.match(res.text, /"duration":\d+\.\d+(E-?\d+)?,/);
});

test('E10: a failing bulk row gets rowcount -2 and {code, message}; status stays 200', async () => {
  await sql('create table bulk_pk (id integer primary key)');
  const res = await sql('insert into bulk_pk (id) values (1)', '', { bulk_args: [[], []] });
  assert.equal(res.status, 200, res.text);
  assert.match(res.text, /"results":\[\{"rowcount":1\},\{"rowcount":-2,"error":\{"code":4091,"message":"DuplicateKeyException\[A document with the same primary key exists already\]"\}\}\]\}$/);
});

test('E12: empty bulk_args → results []', async () => {
  const res = await sql('delete from t where id = ?', '', { bulk_args: [] });
  assert.equal(res.status, 200);
  assert.match(res.text, /^\{"cols":\[\],"duration":\d+\.\d+(E-?\d+)?,"results":\[\]\}$/);
});

test('bulk with a result-set statement → UnsupportedFeatureException', async () => {
  const res = await sql('select 1', '', { bulk_args: [[]] });
  assert.equal(res.status, 400);
  assert.equal(res.text,
    '{"error":{"message":"UnsupportedFeatureException[Bulk operations for statements that return result sets is not supported]","code":4004}}');
});

test('E9: a bulk analysis error fails the whole request', async () => {
  const res = await sql('insert into no_such_table (i) values (?)', '', { bulk_args: [[1], [2]] });
  assert.equal(res.status, 404);
  assert.equal(res.json().error.code, 4041);
});

test('a bad statement does not break the connection\'s session', async () => {
  assert.equal((await sql('select from from from')).status >= 400, true);
  assert.deepEqual((await sql('select 1')).json().rows, [[1]]);
});
