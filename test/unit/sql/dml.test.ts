/** INSERT / UPDATE / DELETE round trips (sql.md §5). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStatement } from '../../../src/sql/parser/parser.js';
import { errorCases, roundTripCases } from './helpers.js';

roundTripCases('insert', [
  ['INSERT INTO t VALUES (1)'],
  ['insert into doc.t (a, b) values (1, 2), (3, 4)', 'INSERT INTO doc.t (a, b) VALUES (1, 2), (3, 4)'],
  ['INSERT INTO t (a, b) VALUES (DEFAULT, 1)'],
  ['INSERT INTO t ("A", "select") VALUES (1, 2)'],
  ['INSERT INTO t SELECT * FROM u'],
  ['INSERT INTO t (a) SELECT a FROM u WHERE a > 1', 'INSERT INTO t (a) SELECT a FROM u WHERE (a > 1)'],
  ['INSERT INTO t (SELECT * FROM u)', 'INSERT INTO t SELECT * FROM u'],
  ['INSERT INTO t (a) (SELECT 1)', 'INSERT INTO t (a) SELECT 1'],
  ['INSERT INTO t (a) (SELECT 1 UNION ALL SELECT 2)', 'INSERT INTO t (a) SELECT 1 UNION ALL SELECT 2'],
  ['INSERT INTO t WITH x AS (SELECT 1) SELECT * FROM x'],
  ['INSERT INTO t VALUES (?, ?)', 'INSERT INTO t VALUES ($1, $2)'],
  ['INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING'],
  ['INSERT INTO t VALUES (1) ON CONFLICT (id) DO NOTHING'],
  ['INSERT INTO t (id, c) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET c = c + excluded.c', 'INSERT INTO t (id, c) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET c = (c + excluded.c)'],
  ["INSERT INTO t VALUES (1) ON CONFLICT (id, o['k']) DO UPDATE SET o['x'] = excluded.o['x'], v = 1"],
  ['INSERT INTO t VALUES (1) RETURNING *'],
  ['INSERT INTO t VALUES (1) RETURNING id, _seq_no AS seq, t.*'],
  ['INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET v = 2 RETURNING v'],
  ["INSERT INTO t (o) VALUES ({a = 1, b = [1, 2]})"],
]);

roundTripCases('update', [
  ['UPDATE t SET a = 1'],
  ['UPDATE t SET a = 1, b = b + 1 WHERE id = 2', 'UPDATE t SET a = 1, b = (b + 1) WHERE (id = 2)'],
  ['UPDATE t AS x SET a = 1 WHERE x.id = 1', 'UPDATE t AS x SET a = 1 WHERE (x.id = 1)'],
  ['UPDATE t x SET a = 1', 'UPDATE t AS x SET a = 1'],
  ["UPDATE t SET o['a']['b'] = 1, arr[1] = 2"],
  ['UPDATE t SET a = ? WHERE id = ? RETURNING a, b AS c', 'UPDATE t SET a = $1 WHERE (id = $2) RETURNING a, b AS c'],
  ['UPDATE t SET a = (SELECT max(x) FROM u)'],
  ['UPDATE t SET a = 1 WHERE id = 1 AND _seq_no = 3 AND _primary_term = 1', 'UPDATE t SET a = 1 WHERE (((id = 1) AND (_seq_no = 3)) AND (_primary_term = 1))'],
]);

roundTripCases('delete', [
  ['DELETE FROM t'],
  ['DELETE FROM doc.t WHERE a = 1', 'DELETE FROM doc.t WHERE (a = 1)'],
  ['DELETE FROM t AS x WHERE x.a IN (SELECT a FROM u)', 'DELETE FROM t AS x WHERE (x.a IN (SELECT a FROM u))'],
  ['DELETE FROM t x', 'DELETE FROM t AS x'],
]);

errorCases('dml errors', [
  ['DELETE FROM t RETURNING *', "line 1:25: mismatched input '*' expecting <EOF>", 24],
  ['DELETE FROM t WHERE a = 1 RETURNING *', "line 1:27: mismatched input 'RETURNING' expecting <EOF>", 26],
  ['INSERT INTO t (a) VALUES (1),', "line 1:30: mismatched input '<EOF>' expecting '('", 29],
  ['VALUES (DEFAULT)', "line 1:9: no viable alternative at input 'VALUES (DEFAULT'", 8],
  ['INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1', "line 1:38: mismatched input 'DO' expecting '('", 37],
  ['INSERT INTO t', "line 1:14: mismatched input '<EOF>' expecting {'SELECT', 'VALUES', 'WITH', '('}", 13],
  ['UPDATE t WHERE a = 1', "line 1:10: mismatched input 'WHERE' expecting 'SET'", 9],
  ['INSERT t VALUES (1)', "line 1:8: mismatched input 't' expecting 'INTO'", 7],
]);

test('INSERT VALUES source is a Query with a Values body; DEFAULT items are kept', () => {
  const stmt = parseStatement('INSERT INTO t (a, b) VALUES (DEFAULT, 1)');
  assert.equal(stmt.kind, 'Insert');
  if (stmt.kind !== 'Insert') return;
  assert.equal(stmt.source.body.kind, 'Values');
  if (stmt.source.body.kind !== 'Values') return;
  assert.equal(stmt.source.body.rows[0]![0]!.kind, 'Default');
  assert.deepEqual(stmt.columns, ['a', 'b']);
});
