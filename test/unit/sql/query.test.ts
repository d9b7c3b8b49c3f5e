/** Query round trips (sql.md §4): SELECT clauses, joins, set operations, VALUES, WITH. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStatement } from '../../../src/sql/parser/parser.js';
import { roundTripCases, stripPos } from './helpers.js';

roundTripCases('select list', [
  ['SELECT *'],
  ['select * from t', 'SELECT * FROM t'],
  ['SELECT t.*, s.t.* FROM s.t'],
  ['SELECT "T".* FROM "T"'],
  ['SELECT a AS x, b y, c AS "Mixed", d "from"', 'SELECT a AS x, b AS y, c AS "Mixed", d AS "from"'],
  ['SELECT a AS window, b AS fetch, c over', 'SELECT a AS window, b AS fetch, c AS over'],
  ['SELECT DISTINCT a, b FROM t'],
  ['SELECT ALL a FROM t', 'SELECT a FROM t'],
  ['SELECT count(*) filter FROM t', 'SELECT count(*) AS filter FROM t'],
  ['SELECT 1 x, 2', 'SELECT 1 AS x, 2'],
]);

roundTripCases('from and joins', [
  ['SELECT * FROM t AS x'],
  ['SELECT * FROM t x', 'SELECT * FROM t AS x'],
  ['SELECT * FROM doc.t'],
  ['SELECT * FROM a, b, c'],
  ['SELECT * FROM a CROSS JOIN b'],
  ['SELECT * FROM a JOIN b ON a.id = b.id', 'SELECT * FROM a JOIN b ON (a.id = b.id)'],
  ['SELECT * FROM a INNER JOIN b ON true', 'SELECT * FROM a JOIN b ON true'],
  ['SELECT * FROM a LEFT JOIN b ON x', 'SELECT * FROM a LEFT JOIN b ON x'],
  ['SELECT * FROM a LEFT OUTER JOIN b ON x', 'SELECT * FROM a LEFT JOIN b ON x'],
  ['SELECT * FROM a RIGHT OUTER JOIN b ON x', 'SELECT * FROM a RIGHT JOIN b ON x'],
  ['SELECT * FROM a FULL OUTER JOIN b ON x', 'SELECT * FROM a FULL JOIN b ON x'],
  ['SELECT * FROM a JOIN b USING (id, ts)'],
  ['SELECT * FROM a NATURAL JOIN b'],
  ['SELECT * FROM a NATURAL LEFT JOIN b'],
  ['SELECT * FROM a JOIN b ON x JOIN c ON y'],
  ['SELECT * FROM a JOIN (b JOIN c ON y) ON x'],
  ['SELECT * FROM (a JOIN b ON x)', 'SELECT * FROM a JOIN b ON x'],
  ['SELECT * FROM a AS x LEFT JOIN b AS y ON x.k = y.k', 'SELECT * FROM a AS x LEFT JOIN b AS y ON (x.k = y.k)'],
  ['SELECT * FROM (SELECT 1) AS s'],
  ['SELECT * FROM (SELECT a, b FROM t) s (x, y)', 'SELECT * FROM (SELECT a, b FROM t) AS s(x, y)'],
  ['SELECT * FROM ((SELECT 1)) AS s', 'SELECT * FROM (SELECT 1) AS s'],
  ['SELECT * FROM ((SELECT 1) UNION ALL (SELECT 2)) AS s', 'SELECT * FROM (SELECT 1 UNION ALL SELECT 2) AS s'],
  ['SELECT * FROM (VALUES (1, 2)) AS v(a, b)'],
  ['SELECT * FROM unnest([1, 2]) AS u(x)'],
  ['SELECT * FROM generate_series(1, 3)'],
  ['SELECT * FROM information_schema._pg_expandarray([1])'],
  ['SELECT * FROM empty_row()'],
  ['SELECT * FROM t AS "Alias"'],
  ['SELECT * FROM values, day, "select"'],
]);

roundTripCases('clauses', [
  ['SELECT a FROM t WHERE a > 1 AND b', 'SELECT a FROM t WHERE ((a > 1) AND b)'],
  ['SELECT a, count(*) FROM t GROUP BY a'],
  ['SELECT a, count(*) FROM t GROUP BY 1 HAVING count(*) > 1', 'SELECT a, count(*) FROM t GROUP BY 1 HAVING (count(*) > 1)'],
  ['SELECT a, b, sum(c) FROM t GROUP BY ALL'],
  ['SELECT a FROM t ORDER BY a'],
  ['SELECT a FROM t ORDER BY a ASC', 'SELECT a FROM t ORDER BY a'],
  ['SELECT a FROM t ORDER BY a DESC NULLS LAST, 2 NULLS FIRST'],
  ['SELECT a FROM t LIMIT 10'],
  ['SELECT a FROM t LIMIT ALL'],
  ['SELECT a FROM t LIMIT NULL'],
  ['SELECT a FROM t LIMIT ? OFFSET ?', 'SELECT a FROM t LIMIT $1 OFFSET $2'],
  ['SELECT a FROM t LIMIT CAST(? AS int)', 'SELECT a FROM t LIMIT CAST($1 AS int)'],
  ["SELECT a FROM t LIMIT '10'::int", "SELECT a FROM t LIMIT CAST('10' AS int)"],
  ['SELECT a FROM t OFFSET 5'],
  ['SELECT a FROM t LIMIT (-1) OFFSET (1 + 1)', 'SELECT a FROM t LIMIT (-1) OFFSET (1 + 1)'],
  ['SELECT a FROM t OFFSET 5 ROWS', 'SELECT a FROM t OFFSET 5'],
  ['SELECT a FROM t OFFSET 1 ROW LIMIT 2', 'SELECT a FROM t LIMIT 2 OFFSET 1'],
  ['SELECT a FROM t FETCH FIRST 3 ROWS ONLY', 'SELECT a FROM t LIMIT 3'],
  ['SELECT a FROM t FETCH NEXT 1 ROW ONLY', 'SELECT a FROM t LIMIT 1'],
  ['SELECT a FROM t FETCH FIRST ROW ONLY', 'SELECT a FROM t LIMIT 1'],
  ['SELECT a FROM t OFFSET 2 FETCH FIRST 3 ROWS ONLY', 'SELECT a FROM t LIMIT 3 OFFSET 2'],
  ['SELECT a FROM t x FETCH FIRST 3 ROWS ONLY', 'SELECT a FROM t AS x LIMIT 3'],
  ['SELECT sum(x) OVER w FROM t WINDOW w AS (PARTITION BY a)'],
  ['SELECT sum(x) OVER w2 FROM t x WINDOW w AS (PARTITION BY a), w2 AS (w ORDER BY b)', 'SELECT sum(x) OVER w2 FROM t AS x WINDOW w AS (PARTITION BY a), w2 AS (w ORDER BY b)'],
  ['SELECT 1 WINDOW w AS (ORDER BY a)'],
]);

roundTripCases('set operations', [
  ['SELECT 1 UNION SELECT 2'],
  ['SELECT 1 UNION DISTINCT SELECT 2', 'SELECT 1 UNION SELECT 2'],
  ['SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3'],
  ['SELECT 1 UNION (SELECT 2 UNION SELECT 3)'],
  ['SELECT 1 INTERSECT SELECT 2'],
  ['SELECT 1 EXCEPT SELECT 2'],
  ['SELECT 1 UNION SELECT 2 INTERSECT SELECT 3'],
  ['(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3'],
  ['SELECT 1 INTERSECT SELECT 2 UNION SELECT 3'],
  ['SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY 1 LIMIT 5'],
  ['(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT a FROM u LIMIT 1)'],
  ['(SELECT 1)', 'SELECT 1'],
  ['((SELECT 1 LIMIT 1))', 'SELECT 1 LIMIT 1'],
  ['(SELECT 1 LIMIT 1) ORDER BY 1', '(SELECT 1 LIMIT 1) ORDER BY 1'],
  ['VALUES (1, 2), (3, 4)'],
  ['VALUES (1) UNION ALL VALUES (2)'],
  ["VALUES ('a', [1], {x = 1})"],
]);

roundTripCases('with', [
  ['WITH x AS (SELECT 1) SELECT * FROM x'],
  ['WITH x (a, b) AS (SELECT 1, 2), y AS (SELECT * FROM x) SELECT * FROM y'],
  ['WITH x AS (SELECT 1) SELECT * FROM x UNION ALL SELECT 2 ORDER BY 1'],
  ['SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) AS s'],
  ['SELECT (WITH x AS (SELECT 1 AS a) SELECT a FROM x)'],
]);

test('FETCH FIRST and LIMIT are the same tree', () => {
  assert.deepEqual(stripPos(parseStatement('select 1 fetch first 2 rows only')), stripPos(parseStatement('select 1 limit 2')));
});

test('positions are 0-based offsets of the first token', () => {
  const stmt = parseStatement('SELECT  a + b FROM t');
  assert.equal(stmt.kind, 'Select');
  if (stmt.kind !== 'Select' || stmt.query.body.kind !== 'QuerySpec') return;
  const item = stmt.query.body.select[0]!;
  assert.equal(item.pos, 8);
  assert.equal(item.kind === 'SelectExpr' && item.expr.pos, 8);
  assert.equal(stmt.query.body.from[0]!.pos, 19);
});

test('? parameters are numbered per statement from 1, $n keeps its number', () => {
  const stmt = parseStatement('SELECT ?, $3, ? FROM t WHERE a = ?');
  const json = JSON.stringify(stmt, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  const indexes = [...json.matchAll(/"kind":"Parameter","pos":\d+,"index":(\d+)/g)].map((m) => Number(m[1]));
  assert.deepEqual(indexes, [1, 3, 2, 3]);
});
