/** Response bodies of `/_sql`: key order, `rows:[[]]`, col_types, bulk and error bodies (http.md §3.5–§3.11). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBTimestampTZValue } from '@duckdb/node-api';
import { DuplicateKeyException, SchemaUnknownException, SQLParseException } from '../../../../src/errors/errors.js';
import { durationText, JsonResultSink } from '../../../../src/protocol/http/json-result-sink.js';
import { bulkBody, errorBody, queryFlags } from '../../../../src/protocol/http/sql-handler.js';
import { T } from '../../../../src/types/data-type.js';

const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');

test('a result set: keys in CrateDB order, values encoded by column type', () => {
  const sink = new JsonResultSink(false);
  sink.columns([{ name: 'date', type: T.timestamptz }, { name: 'position', type: T.integer }, { name: 'd', type: T.double }]);
  sink.batch({ rowCount: 2, columns: [
    [new DuckDBTimestampTZValue(308534400000000n), null],
    [1, 2],
    [1, 0.5],
  ] });
  sink.end(2);
  assert.equal(text(sink.body(1.5)),
    '{"cols":["date","position","d"],"rows":[[308534400000,1,1.0],[null,2,0.5]],"rowcount":2,"duration":1.5}');
});

test('col_types with ?types, arrays as [100, inner]', () => {
  const sink = new JsonResultSink(true);
  sink.columns([{ name: 'name', type: T.text }, { name: 'xs', type: T.array(T.array(T.integer)) }]);
  sink.end(0);
  assert.equal(text(sink.body(2)), '{"cols":["name","xs"],"col_types":[4,[100,[100,9]]],"rows":[],"rowcount":0,"duration":2.0}');
});

test('rows spread over several batches', () => {
  const sink = new JsonResultSink(false);
  sink.columns([{ name: 'i', type: T.bigint }]);
  sink.batch({ rowCount: 2, columns: [[1n, 2n]] });
  sink.batch({ rowCount: 1, columns: [[9007199254740993n]] });
  sink.end(3);
  assert.equal(text(sink.body(0.25)), '{"cols":["i"],"rows":[[1],[2],[9007199254740993]],"rowcount":3,"duration":0.25}');
});

test('a large result is collected in chunks and stays valid JSON', () => {
  const sink = new JsonResultSink(false);
  sink.columns([{ name: 's', type: T.text }]);
  const values = Array.from({ length: 20000 }, (_, i) => `row-${i}-${'x'.repeat(20)}`);
  sink.batch({ rowCount: values.length, columns: [values] });
  sink.end(values.length);
  const chunks = sink.body(1);
  assert.ok(chunks.length > 2);
  const parsed = JSON.parse(text(chunks));
  assert.equal(parsed.rowcount, 20000);
  assert.equal(parsed.rows[19999][0], values[19999]);
});

test('a row-count statement has one empty row', () => {
  const sink = new JsonResultSink(false);
  sink.end(1);
  assert.equal(text(sink.body(0.81234)), '{"cols":[],"rows":[[]],"rowcount":1,"duration":0.81234}');
  const typed = new JsonResultSink(true);
  typed.end(-1);
  assert.equal(text(typed.body(3)), '{"cols":[],"col_types":[],"rows":[[]],"rowcount":-1,"duration":3.0}');
});

test('columns announced without types (DuckDB pass-through) fall back to shape encoding', () => {
  const sink = new JsonResultSink(true);
  sink.columns([]);
  sink.batch({ rowCount: 1, columns: [[1], ['a']] });
  sink.end(1);
  assert.equal(text(sink.body(1)), '{"cols":[],"col_types":[],"rows":[[1,"a"]],"rowcount":1,"duration":1.0}');
});

test('duration is a Java float', () => {
  assert.equal(durationText(12), '12.0');
  assert.equal(durationText(1.2345678901), '1.2345679');
  assert.equal(durationText(0.000123), '1.23E-4');
});

test('error bodies: message then code; error_trace only on request', () => {
  const err = new SchemaUnknownException("Schema 'foo' unknown");
  assert.equal(errorBody(err, false), '{"error":{"message":"SchemaUnknownException[Schema \'foo\' unknown]","code":4045}}');
  const traced = JSON.parse(errorBody(err, true));
  assert.deepEqual(Object.keys(traced), ['error', 'error_trace']);
  assert.match(traced.error_trace, /SchemaUnknownException: Schema 'foo' unknown\n\s+at /);
});

test('bulk bodies: cols, duration, results; item errors code before message; only the first 10 errors', () => {
  const dup = new DuplicateKeyException('A document with the same primary key exists already');
  assert.equal(bulkBody([{ rowCount: 1 }, { rowCount: -2, error: dup }], 2.195417),
    '{"cols":[],"duration":2.195417,"results":[{"rowcount":1},{"rowcount":-2,"error":{"code":4091,"message":"DuplicateKeyException[A document with the same primary key exists already]"}}]}');
  assert.equal(bulkBody([], 1), '{"cols":[],"duration":1.0,"results":[]}');
  const many = Array.from({ length: 12 }, () => ({ rowCount: -2, error: new SQLParseException('bad') }));
  const results = JSON.parse(bulkBody(many, 1)).results;
  assert.equal(results.filter((r: { error?: unknown }) => r.error).length, 10);
  assert.deepEqual(results[11], { rowcount: -2 });
});

test('?types and ?error_trace are flags: empty or exactly true', () => {
  for (const q of ['/_sql?types', '/_sql?types=', '/_sql?types=true', '/_sql?x=1&types']) assert.equal(queryFlags(q).types, true, q);
  for (const q of ['/_sql', '/_sql?types=1', '/_sql?types=yes', '/_sql?types=false', '/_sql?types&types', '/_sql?typesx']) {
    assert.equal(queryFlags(q).types, false, q);
  }
  assert.equal(queryFlags('/_sql?error_trace=true').errorTrace, true);
  assert.equal(queryFlags('/_sql?error_trace=TRUE').errorTrace, false);
});

test('small bodies come as one string (one socket write), large ones only as chunks', () => {
  const small = new JsonResultSink(false);
  small.columns([{ name: 'i', type: T.integer }]);
  small.batch({ rowCount: 2, columns: [[1, 2]] });
  small.end(2);
  assert.equal(small.text(0.5), '{"cols":["i"],"rows":[[1],[2]],"rowcount":2,"duration":0.5}');
  assert.equal(text(small.body(0.5)), small.text(0.5));

  const count = new JsonResultSink(true);
  count.end(3);
  assert.equal(count.text(1), '{"cols":[],"col_types":[],"rows":[[]],"rowcount":3,"duration":1.0}');

  const large = new JsonResultSink(false);
  large.columns([{ name: 's', type: T.text }]);
  const values = Array.from({ length: 3000 }, (_, i) => `value ${i} ${'x'.repeat(20)}`);
  large.batch({ rowCount: 1500, columns: [values.slice(0, 1500)] });
  large.batch({ rowCount: 1500, columns: [values.slice(1500)] });
  large.end(3000);
  assert.equal(large.text(1), undefined);
  const body = JSON.parse(text(large.body(1))) as { rows: string[][]; rowcount: number };
  assert.deepEqual(body.rows.map((r) => r[0]), values);
  assert.equal(body.rowcount, 3000);
});
