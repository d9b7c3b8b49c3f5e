/** crash's table layout (python-tabulate 0.9 + crash's "cratedb" format), one case per behaviour. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePyJson, PyDict, type PyValue } from '../../src/cli/shell/py-json.js';
import { renderTabular } from '../../src/cli/shell/tabular.js';

function render(json: string): string {
  const doc = parsePyJson(json) as PyDict;
  return renderTabular(doc.entries.get('cols') as string[], doc.entries.get('rows') as PyValue[][]);
}

// Expected tables computed with crash's own formatting code (tabulate 0.9, crash's tabulate patch).
const CASES: [string, string, string][] = [
  ["NULL in a number column is right-aligned like the numbers", "{\"cols\":[\"x\"],\"rows\":[[1],[null]]}", "+------+\n|    x |\n+------+\n|    1 |\n| NULL |\n+------+"],
  ["floats align on the decimal point and keep Python's repr", "{\"cols\":[\"number\"],\"rows\":[[3.1415926535],[42.0]]}", "+---------------+\n|        number |\n+---------------+\n|  3.1415926535 |\n| 42.0          |\n+---------------+"],
  ["numeric-looking strings align as numbers", "{\"cols\":[\"version\"],\"rows\":[[\"0.50\"]]}", "+---------+\n| version |\n+---------+\n|    0.50 |\n+---------+"],
  ["one text value makes the column text", "{\"cols\":[\"x\"],\"rows\":[[\"FALSE\"],[1]]}", "+-------+\n| x     |\n+-------+\n| FALSE |\n| 1     |\n+-------+"],
  ["multi-line headers and cells", "{\"cols\":[\"show create table foo\",\"a\",\"b\"],\"rows\":[[\"create table foo (\\n  id integer,\\n  name string\\n)\",\"foo\\nbar\",1]]}", "+-----------------------+-----+---+\n| show create table foo | a   | b |\n+-----------------------+-----+---+\n| create table foo (    | foo | 1 |\n|   id integer,         | bar |   |\n|   name string         |     |   |\n| )                     |     |   |\n+-----------------------+-----+---+"],
  ["an empty string makes a number column text", "{\"cols\":[\"feature\",\"n\"],\"rows\":[[\"a\",\"\"],[\"b\",1],[\"c\",2]]}", "+---------+---+\n| feature | n |\n+---------+---+\n| a       |   |\n| b       | 1 |\n| c       | 2 |\n+---------+---+"],
  ["no rows: header only", "{\"cols\":[\"name\",\"name\"],\"rows\":[]}", "+------+------+\n| name | name |\n+------+------+\n+------+------+"],
  ["objects and arrays as JSON with sorted keys, booleans upper-case", "{\"cols\":[\"o\",\"a\",\"b\"],\"rows\":[[{\"name\":\"Arthur\",\"age\":42},[\"Arthur\",\"Ford\"],true]]}", "+-------------------------------+--------------------+------+\n| o                             | a                  | b    |\n+-------------------------------+--------------------+------+\n| {\"age\": 42, \"name\": \"Arthur\"} | [\"Arthur\", \"Ford\"] | TRUE |\n+-------------------------------+--------------------+------+"],
  ["exponents, big integers, negative zero", "{\"cols\":[\"f\",\"i\"],\"rows\":[[1e-7,123456789012345678901234567890],[1e22,-1],[-0.0,0]]}", "+--------+--------------------------------+\n|      f |                              i |\n+--------+--------------------------------+\n|  1e-07 | 123456789012345678901234567890 |\n|  1e+22 |                             -1 |\n| -0.0   |                              0 |\n+--------+--------------------------------+"],
  ["surrounding blanks are stripped from text; wide characters take two cells", "{\"cols\":[\"s\",\"w\"],\"rows\":[[\"  padded  \",\"\u65e5\u672c\u8a9e\"],[\"x\",\"ab\"]]}", "+--------+--------+\n| s      | w      |\n+--------+--------+\n| padded | 日本語 |\n| x      | ab     |\n+--------+--------+"],
];

for (const [name, json, expected] of CASES) {
  test(name, () => assert.equal(render(json), expected));
}
test('floats print as Python prints them', async () => {
  const { pyFloatRepr } = await import('../../src/cli/shell/py-json.js');
  const cases: [number, string][] = [
    [1e-5, '1e-05'], [0.0001, '0.0001'], [1e16, '1e+16'], [123456789012345.6, '123456789012345.6'], [1.5e300, '1.5e+300'],
    [0.1 + 0.2, '0.30000000000000004'], [100, '100.0'], [-2.5e-10, '-2.5e-10'], [9999999999999998, '9999999999999998.0'],
  ];
  for (const [x, text] of cases) assert.equal(pyFloatRepr(x), text, String(x));
});
