/**
 * Syntax errors (CrateDB message shape `line L:C: …`, 1-based column, 0-based `position`),
 * multi-statement parsing, and the nesting guard that keeps the server from overflowing the
 * JS stack on hostile input.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParsingException } from '../../../src/errors/errors.js';
import { printStatement } from '../../../src/sql/ast/printer.js';
import { parseExpressionText, parseStatement, parseStatements, parseStatementsWithText, parseTypeText } from '../../../src/sql/parser/parser.js';
import { errorCases, stripPos } from './helpers.js';

errorCases('syntax errors', [
  ['select 1; select 2;', "line 1:11: mismatched input 'select' expecting <EOF>", 10],
  ['select from', "line 1:8: no viable alternative at input 'select from'", 7],
  ['selec 1', /^line 1:1: mismatched input 'selec' expecting \{'SELECT', /, 0],
  ['', /^line 1:1: mismatched input '<EOF>' expecting \{'SELECT'/, 0],
  ['select 1 +', "line 1:11: no viable alternative at input 'select 1 +<EOF>'", 10],
  ['select (1', "line 1:10: mismatched input '<EOF>' expecting ')'", 9],
  ['select 1\n  from where', "line 2:8: mismatched input 'where' expecting identifier", 16],
  ['select a from t where', "line 1:22: no viable alternative at input 'where<EOF>'", 21],
  ['select * from t where a = = 1', "line 1:27: no viable alternative at input 'where a = ='", 26],
  ['select 1 as from', "line 1:13: mismatched input 'from' expecting identifier", 12],
  ['select a b c', "line 1:12: mismatched input 'c' expecting <EOF>", 11],
  ['select `a`', 'line 1:8: backquoted identifiers are not supported; use double quotes to quote identifiers', 7],
  ['select 1abc', 'line 1:8: identifiers must not start with a digit; surround the identifier with double quotes', 7],
  ["select 'abc", "line 1:8: token recognition error at: ''abc'", 7],
  ['select "abc', `line 1:8: token recognition error at: '"abc'`, 7],
  ['select $tag$abc', "line 1:8: token recognition error at: '$tag$abc'", 7],
  ['select 1 /* open', "line 1:10: token recognition error at: '/* open'", 9],
  ['select a ! b', "line 1:10: token recognition error at: '!'", 9],
  ["select E'\\u12'", /^line 1:10: Invalid Unicode escape/, 9],
  ["select B'012'", "line 1:8: token recognition error at: 'B'012''", 7],
  ['select case end', "line 1:13: no viable alternative at input 'select case end'", 12],
  ['select case a end', "line 1:15: mismatched input 'end' expecting 'WHEN'", 14],
  ['select cast(a integer)', "line 1:15: mismatched input 'integer' expecting 'AS'", 14],
  ['select a is maybe', "line 1:13: mismatched input 'maybe' expecting {'NULL', 'TRUE', 'FALSE', 'DISTINCT'}", 12],
  ['select * from a join b', "line 1:23: mismatched input '<EOF>' expecting {'ON', 'USING'}", 22],
  ['select 1 intersect all select 2', "line 1:20: mismatched input 'all' expecting {'SELECT', 'VALUES', '('}", 19],
  ['select 1 limit 1 fetch first 1 rows only', "line 1:18: mismatched input 'fetch' expecting <EOF>", 17],
  ['select x from t order by', "line 1:25: no viable alternative at input '<EOF>'", 24],
  ['select current_timestamp(a)', "line 1:26: mismatched input 'a' expecting integer", 25],
  ['select {a: 1}', "line 1:10: mismatched input ':' expecting '='", 9],
  ['select 1 = not 2', "line 1:12: no viable alternative at input 'select 1 = not'", 11],
]);

test('parseStatements splits on `;` and skips empty statements', () => {
  assert.deepEqual(parseStatements(''), []);
  assert.deepEqual(parseStatements(' ; ;; -- only a comment\n'), []);
  const stmts = parseStatements('select 1; ; insert into t values (1);\nshow all');
  assert.deepEqual(stmts.map((s) => s.kind), ['Select', 'Insert', 'ShowSetting']);
  assert.deepEqual(parseStatementsWithText("select 1 ;select ';' ;").map((s) => s.text), ['select 1', "select ';'"]);
  assert.throws(() => parseStatements('select 1 select 2'), /line 1:10: mismatched input 'select' expecting \{<EOF>, ';'\}/);
});

test('parseStatement accepts trailing semicolons and comments', () => {
  assert.equal(parseStatement('select 1;').kind, 'Select');
  assert.equal(parseStatement('select 1 ; ; -- c').kind, 'Select');
  assert.equal(parseStatement('/* c */ select 1').kind, 'Select');
});

test('parameters are numbered per statement', () => {
  const [a, b] = parseStatements('select ?, ?; select ?');
  assert.equal(printStatement(a!), 'SELECT $1, $2');
  assert.equal(printStatement(b!), 'SELECT $1');
});

test('parseExpressionText / parseTypeText', () => {
  assert.deepEqual(stripPos(parseExpressionText('a + 1')), {
    kind: 'BinaryOp', op: '+', left: { kind: 'ColumnRef', parts: ['a'] }, right: { kind: 'Literal', type: 'integer', value: 1n },
  });
  assert.deepEqual(parseTypeText('timestamp WITH time zone'), { kind: 'NamedType', name: 'timestamp with time zone', params: [] });
  assert.deepEqual(parseTypeText('array(object(strict))'), { kind: 'ArrayType', inner: { kind: 'ObjectType', policy: 'strict', columns: [] } });
  assert.throws(() => parseExpressionText('a b'), /line 1:3: mismatched input 'b' expecting <EOF>/);
});

function assertTooDeep(sql: string): void {
  assert.throws(() => parseStatement(sql), (e: unknown) => {
    assert.ok(e instanceof ParsingException, String(e));
    assert.match(e.message, /^line 1:\d+: statement is too deeply nested$/);
    return true;
  });
}

test('10,000 nested parentheses fail cleanly', () => {
  assertTooDeep(`select ${'('.repeat(10_000)}1${')'.repeat(10_000)}`);
});

test('10,000-term left-deep chains fail cleanly', () => {
  assertTooDeep(`select 1${'+1'.repeat(10_000)}`);
  assertTooDeep(`select * from t where ${Array.from({ length: 10_000 }, (_, i) => `a = ${i}`).join(' or ')}`);
  assertTooDeep(`select a${'[1]'.repeat(10_000)}`);
  assertTooDeep(`select 1${' union select 1'.repeat(10_000)}`);
  assertTooDeep(`select * from a${' cross join b'.repeat(10_000)}`);
});

test('deep recursion of every kind fails cleanly', () => {
  assertTooDeep(`select ${'not '.repeat(10_000)}true`);
  assertTooDeep(`select ${'- '.repeat(10_000)}1`);
  assertTooDeep(`select ${'f('.repeat(10_000)}1${')'.repeat(10_000)}`);
  assertTooDeep(`select ${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
  assertTooDeep(`select ${'(select '.repeat(5_000)}1${')'.repeat(5_000)}`);
  assertTooDeep(`select * from ${'(select * from '.repeat(5_000)}t${') x'.repeat(5_000)}`);
  assertTooDeep(`select cast(x as ${'array('.repeat(10_000)}int${')'.repeat(10_000)})`);
  assertTooDeep(`select ${'case when a then '.repeat(10_000)}1${' end'.repeat(10_000)}`);
});

test('moderately deep expressions parse and print', () => {
  const sql = `select ${'('.repeat(300)}1${')'.repeat(300)} + ${Array.from({ length: 300 }, () => 'a').join(' + ')}`;
  const printed = printStatement(parseStatement(sql));
  assert.ok(printed.startsWith('SELECT ((('));
  assert.equal(printStatement(parseStatement(printed)), printed);
});
