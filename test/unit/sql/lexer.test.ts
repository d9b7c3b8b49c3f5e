/** Lexer (sql.md §1): token kinds, values, positions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RESERVED_KEYWORDS } from '../../../src/sql/lexer/keywords.js';
import { tokenize, type TokenType } from '../../../src/sql/lexer/lexer.js';

const kinds = (sql: string) => tokenize(sql).slice(0, -1).map((t) => [t.type, t.value] as [TokenType, string]);

const cases: [string, [TokenType, string][]][] = [
  ['SELECT Foo', [['ident', 'select'], ['ident', 'foo']]],
  ['"Foo""Bar"', [['quoted', 'Foo"Bar']]],
  ['""', [['quoted', '']]],
  ['`x`', [['backquoted', 'x']]],
  ['a_b@c1', [['ident', 'a_b@c1']]],
  ['_x', [['ident', '_x']]],
  ["'it''s'", [['string', "it's"]]],
  ["'a\\nb'", [['string', 'a\\nb']]],
  ["E'a\\nb\\t\\\\'", [['string', 'a\nb\t\\']]],
  ["e'\\''", [['string', "'"]]],
  ["E'\\101\\x42\\u0043\\U0001F600\\z'", [['string', 'ABC😀z']]],
  ["E'it''s'", [['string', "it's"]]],
  ['$$a$b$$', [['string', 'a$b']]],
  ['$x$a$$b$x$', [['string', 'a$$b']]],
  ['$1 $22', [['param', '$1'], ['param', '$22']]],
  ['? ?', [['param', '?'], ['param', '?']]],
  ["B'0101' b'1'", [['bitString', '0101'], ['bitString', '1']]],
  ['1 1_000 007', [['integer', '1'], ['integer', '1000'], ['integer', '007']]],
  ['1.5 .5 1. 1e10 1.5E-3 2e+2', [['decimal', '1.5'], ['decimal', '.5'], ['decimal', '1.'], ['decimal', '1e10'], ['decimal', '1.5E-3'], ['decimal', '2e+2']]],
  ['1_000.000_1', [['decimal', '1000.0001']]],
  ['1abc 1e', [['digitIdent', '1abc'], ['digitIdent', '1e']]],
  ['a::int', [['ident', 'a'], ['op', '::'], ['ident', 'int']]],
  ['a[1:2]', [['ident', 'a'], ['op', '['], ['integer', '1'], ['op', ':'], ['integer', '2'], ['op', ']']]],
  ['|| && << <= >= <> != ~* !~* !~ ~', [['op', '||'], ['op', '&&'], ['op', '<<'], ['op', '<='], ['op', '>='], ['op', '<>'], ['op', '!='], ['op', '~*'], ['op', '!~*'], ['op', '!~'], ['op', '~']]],
  ['^ # % & | + - * / = < > ( ) [ ] { } , ; .', '^ # % & | + - * / = < > ( ) [ ] { } , ; .'.split(' ').map((o) => ['op', o] as [TokenType, string])],
  ['a -- comment\nb', [['ident', 'a'], ['ident', 'b']]],
  ['a /* x\ny */ b', [['ident', 'a'], ['ident', 'b']]],
  ['1-1', [['integer', '1'], ['op', '-'], ['integer', '1']]],
  ['1--1', [['integer', '1']]],
  ['t.a', [['ident', 't'], ['op', '.'], ['ident', 'a']]],
  ['t.*', [['ident', 't'], ['op', '.'], ['op', '*']]],
];

for (const [sql, expected] of cases) {
  test(`lexes ${JSON.stringify(sql)}`, () => assert.deepEqual(kinds(sql), expected));
}

test('tokens carry offsets, 1-based lines and 0-based columns', () => {
  const toks = tokenize("select\n  'x',\r\n\t\"Y\"");
  assert.deepEqual(toks.map((t) => [t.start, t.end, t.line, t.column, t.text]), [
    [0, 6, 1, 0, 'select'], [9, 12, 2, 2, "'x'"], [12, 13, 2, 5, ','], [16, 19, 3, 1, '"Y"'], [19, 19, 3, 4, '<EOF>'],
  ]);
});

test('? parameters are numbered per statement, $n keeps its number', () => {
  const toks = tokenize('? $5 ? ; ?').filter((t) => t.type === 'param');
  assert.deepEqual(toks.map((t) => t.paramIndex), [1, 5, 2, 1]);
});

test('the reserved word list has CrateDB\'s 96 words', () => {
  assert.equal(RESERVED_KEYWORDS.size, 96);
  for (const w of ['select', 'from', 'current_timestamp', 'try_cast', 'stratify']) assert.ok(RESERVED_KEYWORDS.has(w));
  for (const w of ['values', 'timestamp', 'interval', 'ilike', 'current_schema', 'window']) assert.ok(!RESERVED_KEYWORDS.has(w));
});
