/** CrateDB output column names for un-aliased select items (sql.md §4.2 "Output names"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outputName, printExpression } from '../../../src/sql/ast/printer.js';
import { parseExpressionText } from '../../../src/sql/parser/parser.js';

const cases: [string, string][] = [
  ['1 + 2', '(1 + 2)'],
  ['sqrt(a) > 1', '(sqrt(a) > 1)'],
  ["'matches'", "'matches'"],
  ['x', 'x'],
  ['t.x', 'x'],
  ['doc.t."Mixed"', 'Mixed'],
  ["obj['a']", "obj['a']"],
  ["t.obj['a']['b']", "obj['a']['b']"],
  ['arr[1]', 'arr[1]'],
  ['landmarks[1:2]', '"landmarks"[1:2]'],  // CrateDB quotes the sliced column (docs/general/ddl/data-types.rst)
  ["date_trunc('day', ts)", 'date_trunc'],
  ['count(*)', 'count'],
  ['pg_catalog.format_type(1, 2)', 'format_type'],
  ['avg(x) OVER (PARTITION BY y)', 'avg'],
  ['CAST(x AS integer)', 'CAST(x AS integer)'],
  ['x::integer', 'CAST(x AS integer)'],
  ['TRY_CAST(x AS text)', 'TRY_CAST(x AS text)'],
  ['NULL', 'NULL'],
  ['true', 'true'],
  ['1.5', '1.5'],
  ['-1', '-1'],
  ['?', '$1'],
  ['[1, 2]', '[1, 2]'],
  ['current_timestamp', 'current_timestamp'],
  ['CURRENT_USER', 'current_user'],
  ['current_schema()', 'current_schema'],
  ['a IS NULL', '(a IS NULL)'],
  ['NOT a', '(NOT a)'],
  ["CASE WHEN a THEN 'x' END", "CASE WHEN a THEN 'x' END"],
  ['EXTRACT(year FROM ts)', 'EXTRACT(YEAR FROM ts)'],
  ["(o['a'])['b']", "o['a']['b']"],
  ['f(x)[1]', 'f(x)[1]'],
];

for (const [sql, name] of cases) {
  test(`output name of ${sql}`, () => assert.equal(outputName(parseExpressionText(sql)), name));
}

test('printExpression can keep :: casts for exact round trips', () => {
  assert.equal(printExpression(parseExpressionText('a::int[]'), { preserveCasts: true }), 'a::int[]');
  assert.equal(printExpression(parseExpressionText('(a + 1)::text'), { preserveCasts: true }), '(a + 1)::text');
  assert.equal(printExpression(parseExpressionText('(-a)::text'), { preserveCasts: true }), '(-a)::text');
});
