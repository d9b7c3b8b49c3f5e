/**
 * Unit tests of the SLT runner itself: parsing, rendering, sort modes, comparison, error
 * patterns, response decoding and `--complete`. No server involved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSlt, isSkipped, SltParseError, type QueryRecord, type StatementRecord } from './parser.js';
import { decodeSqlResponse, SqlError } from './connection.js';
import { errorMatches, judge, normalizeExpected, renderResult, stripCrateDbWrapper, type ActualOutput } from './runner.js';
import { JsonNumber, parseJsonPreservingNumbers, renderValue, toCanonicalJson } from './values.js';
import { completeFile } from './complete.js';
import { compareIds, failuresByRecord, isKnownFailure, knownFailureEntries } from './files.js';

const resultOf = (json: string): ActualOutput => {
  try {
    return { kind: 'result', result: decodeSqlResponse(200, json) };
  } catch (e) {
    return { kind: 'error', error: e as SqlError };
  }
};

test('parses statement records', () => {
  const recs = parseSlt([
    '# a comment',
    'statement ok',
    'CREATE TABLE t (',
    '  id INT PRIMARY KEY)',
    '',
    'statement error RelationUnknown[Relation',
    'SELECT * FROM missing',
    '',
    'statement count 2',
    'INSERT INTO t VALUES (1), (2)',
    '',
    'statement error',
    'SELECT x',
  ].join('\n'));
  assert.equal(recs.length, 4);
  const [a, b, c, d] = recs as StatementRecord[];
  assert.deepEqual([a!.line, a!.sql, a!.expect], [2, 'CREATE TABLE t (\n  id INT PRIMARY KEY)', { type: 'ok' }]);
  assert.deepEqual(b!.expect, { type: 'error', pattern: 'RelationUnknown[Relation' });
  assert.equal(b!.line, 6);
  assert.deepEqual(c!.expect, { type: 'count', count: 2 });
  assert.deepEqual(d!.expect, { type: 'error', pattern: '' });
});

test('parses query records with options, conditions and no-row results', () => {
  const text = [
    'onlyif pg',
    'skipif http',
    'query IT rowsort colnames',
    'SELECT id, name',
    'FROM t',
    '----',
    'id name',
    '1 North West Ripple',
    '',
    'query I',
    'SELECT 1 WHERE false',
    '----',
    '',
    'query T valuesort',
    'SELECT 1',
    '',
    'halt',
  ].join('\r\n');
  const recs = parseSlt(text);
  const q = recs[0] as QueryRecord;
  assert.equal(q.kind, 'query');
  assert.equal(q.line, 3);
  assert.equal(q.start, 0);
  assert.equal(q.types, 'IT');
  assert.equal(q.sortMode, 'rowsort');
  assert.equal(q.colnames, true);
  assert.equal(q.sql, 'SELECT id, name\nFROM t');
  assert.deepEqual(q.expected, ['id name', '1 North West Ripple']);
  assert.equal(q.separator, 5);
  assert.deepEqual(q.conditions, [{ kind: 'onlyif', protocol: 'pg' }, { kind: 'skipif', protocol: 'http' }]);
  assert.equal(isSkipped(q, 'http'), true);
  assert.equal(isSkipped(q, 'pg'), false);
  assert.deepEqual((recs[1] as QueryRecord).expected, []);
  assert.equal((recs[2] as QueryRecord).separator, -1);
  assert.equal((recs[2] as QueryRecord).sortMode, 'valuesort');
  assert.equal(recs[3]!.kind, 'halt');
});

test('rejects malformed records with file:line', () => {
  assert.throws(() => parseSlt('query X\nSELECT 1\n', 'a.slt'), (e: unknown) => e instanceof SltParseError && /a\.slt:1:/.test(e.message));
  assert.throws(() => parseSlt('statement maybe\nSELECT 1\n'), SltParseError);
  assert.throws(() => parseSlt('statement ok\n\n'), SltParseError);
  assert.throws(() => parseSlt('onlyif oracle\nstatement ok\nSELECT 1\n'), SltParseError);
  assert.throws(() => parseSlt('query I sorted\nSELECT 1\n'), SltParseError);
  assert.throws(() => parseSlt('SELECT 1\n'), SltParseError);
});

test('keeps JSON number text', () => {
  const v = parseJsonPreservingNumbers('{"a":[1.0,-2,3.5E-7,1e+21],"b":"x\\n\\u00e9","c":null,"d":true}');
  assert.equal(toCanonicalJson(v), '{"a":[1.0,-2,3.5E-7,1e+21],"b":"x\\né","c":null,"d":true}');
  assert.throws(() => parseJsonPreservingNumbers('{"a":}'), SyntaxError);
  assert.throws(() => parseJsonPreservingNumbers('[1] x'), SyntaxError);
});

test('renders values canonically', () => {
  assert.equal(renderValue(null), 'NULL');
  assert.equal(renderValue(true), 'true');
  assert.equal(renderValue(false), 'false');
  assert.equal(renderValue(new JsonNumber('1.0')), '1.0');
  assert.equal(renderValue(new JsonNumber('308534400000')), '308534400000');
  assert.equal(renderValue(''), '(empty)');
  assert.equal(renderValue('a b'), 'a b');
  assert.equal(renderValue('l1\nl2\tx'), 'l1\\nl2\\tx');
  assert.equal(renderValue('NaN'), 'NaN');
  assert.equal(renderValue([new JsonNumber('1'), null, 'x']), '[1,null,"x"]');
  assert.equal(renderValue({ b: new JsonNumber('2'), a: { d: [], c: 'é' } }), '{"a":{"c":"é","d":[]},"b":2}');
});

test('sort modes and colnames', () => {
  const rows = [[new JsonNumber('2'), 'b'], [new JsonNumber('1'), 'a c'], [new JsonNumber('10'), null]];
  const cols = ['id', 'name'];
  assert.deepEqual(renderResult({ sortMode: 'nosort', colnames: false }, cols, rows), ['2 b', '1 a c', '10 NULL']);
  assert.deepEqual(renderResult({ sortMode: 'rowsort', colnames: true }, cols, rows), ['id name', '1 a c', '10 NULL', '2 b']);
  assert.deepEqual(renderResult({ sortMode: 'valuesort', colnames: false }, cols, rows), ['1', '10', '2', 'NULL', 'a c', 'b']);
  assert.deepEqual(normalizeExpected({ sortMode: 'rowsort', colnames: true, expected: ['name', 'b  ', 'a'] }), ['name', 'a', 'b']);
  assert.deepEqual(normalizeExpected({ sortMode: 'nosort', colnames: false, expected: ['b', 'a'] }), ['b', 'a']);
});

test('judges query records', () => {
  const [q] = parseSlt('query IT rowsort\nSELECT id, name FROM t\n----\n2 b\n1 a\n') as QueryRecord[];
  assert.equal(judge(q!, resultOf('{"cols":["id","name"],"rows":[[1,"a"],[2,"b"]],"rowcount":2}'), 'http'), undefined);
  assert.match(judge(q!, resultOf('{"cols":["id","name"],"rows":[[1,"a"],[3,"b"]],"rowcount":2}'), 'http')!, /result mismatch/);
  assert.match(judge(q!, resultOf('{"cols":["id"],"rows":[[1]],"rowcount":1}'), 'http')!, /expected 2 column/);
  assert.match(judge(q!, resultOf('{"cols":[],"rows":[[]],"rowcount":1}'), 'http')!, /expected a result set/);
  assert.match(judge(q!, resultOf('{"error":{"message":"RelationUnknown[Relation \'t\' unknown]","code":4041}}'), 'http')!, /query failed: 4041 RelationUnknown/);
  const [r] = parseSlt('query R\nSELECT 1.0\n----\n1.0\n') as QueryRecord[];
  assert.equal(judge(r!, resultOf('{"cols":["1.0"],"rows":[[1.0]],"rowcount":1}'), 'http'), undefined);
  assert.match(judge(r!, resultOf('{"cols":["1.0"],"rows":[[1]],"rowcount":1}'), 'http')!, /mismatch/);
  const [n] = parseSlt('query T colnames\nSELECT 1 AS x\n----\nx\n') as QueryRecord[];
  assert.equal(judge(n!, resultOf('{"cols":["x"],"rows":[],"rowcount":0}'), 'http'), undefined);
});

test('judges statement records', () => {
  const [ok, count, err, anyErr] = parseSlt([
    'statement ok', 'CREATE TABLE t (a INT)', '',
    'statement count 2', 'INSERT INTO t VALUES (1), (2)', '',
    'statement error 4091 DuplicateKeyException', 'INSERT INTO t VALUES (1)', '',
    'statement error', 'x',
  ].join('\n')) as StatementRecord[];
  const countOf = (n: number) => resultOf(`{"cols":[],"rows":[[]],"rowcount":${n},"duration":1.0}`);
  const dup = resultOf('{"error":{"message":"DuplicateKeyException[A document with the same primary key exists already]","code":4091}}');
  assert.equal(judge(ok!, countOf(1), 'http'), undefined);
  assert.match(judge(ok!, dup, 'http')!, /statement failed: 4091/);
  assert.equal(judge(count!, countOf(2), 'http'), undefined);
  assert.match(judge(count!, countOf(1), 'http')!, /expected row count 2, got 1/);
  assert.equal(judge(count!, resultOf('{"cols":["a"],"rows":[[1],[2]],"rowcount":2}'), 'http'), undefined);
  assert.equal(judge(err!, dup, 'http'), undefined);
  assert.match(judge(err!, countOf(1), 'http')!, /succeeded/);
  assert.equal(judge(anyErr!, dup, 'http'), undefined);
});

test('error patterns: substring, regex, PG fallback', () => {
  const e = new SqlError('4041', "RelationUnknown[Relation 'missing' unknown]");
  assert.equal(errorMatches('RelationUnknown', e, 'http'), true);
  assert.equal(errorMatches("4041 RelationUnknown[Relation 'missing' unknown]", e, 'http'), true);
  assert.equal(errorMatches('4043', e, 'http'), false);
  assert.equal(errorMatches("/^4041 \\w+\\[Relation '\\w+' unknown\\]$/", e, 'http'), true);
  assert.equal(errorMatches('/^4043/', e, 'http'), false);
  assert.equal(errorMatches('', e, 'http'), true);
  const pg = new SqlError('42P01', "Relation 'missing' unknown");
  assert.equal(errorMatches("RelationUnknown[Relation 'missing' unknown]", pg, 'pg'), true);
  assert.equal(errorMatches("4041 RelationUnknown[Relation 'missing'", pg, 'pg'), true);
  assert.equal(errorMatches('RelationUnknown', pg, 'pg'), true);
  assert.equal(errorMatches("RelationUnknown[Relation 'other' unknown]", pg, 'pg'), false);
  assert.equal(errorMatches("RelationUnknown[Relation 'missing' unknown]", pg, 'http'), false);
  assert.equal(errorMatches('/ParsingException|UnsupportedFeatureException/', new SqlError('42601', 'line 1:1: x'), 'pg'), true);
  assert.equal(errorMatches('/ParsingException|UnsupportedFeatureException/', new SqlError('4000', 'SQLParseException[x]'), 'http'), false);
  assert.equal(errorMatches('/mismatched input/', new SqlError('42601', 'other'), 'pg'), false);
  assert.equal(stripCrateDbWrapper('SQLParseException[Cannot cast value'), 'Cannot cast value');
  assert.equal(stripCrateDbWrapper('must not be null'), 'must not be null');
});

test('decodes /_sql responses', () => {
  const r = decodeSqlResponse(200, '{"cols":["a"],"rows":[[1.0]],"rowcount":1,"duration":0.5}');
  assert.equal(r.kind, 'rows');
  assert.equal(r.kind === 'rows' && (r.rows[0]![0] as JsonNumber).text, '1.0');
  assert.deepEqual(decodeSqlResponse(200, '{"cols":[],"rows":[[]],"rowcount":-1}'), { kind: 'count', rowCount: -1 });
  assert.throws(() => decodeSqlResponse(404, '{"error":{"message":"SchemaUnknownException[Schema \'foo\' unknown]","code":4045}}'),
    (e: unknown) => e instanceof SqlError && e.text === "4045 SchemaUnknownException[Schema 'foo' unknown]");
  assert.throws(() => decodeSqlResponse(500, 'boom'), (e: unknown) => e instanceof SqlError && e.code === '500');
});

test('--complete rewrites expectations in place', () => {
  const text = [
    '# c', 'query I rowsort', 'SELECT x FROM t', '----', '9', '', 'statement count 5', 'DELETE FROM t', '',
    'query I', 'SELECT a, b', '', 'statement ok', 'SELECT 1', '',
  ].join('\n') + '\n';
  const recs = parseSlt(text);
  const out = completeFile(text, [
    { record: recs[0]!, actual: resultOf('{"cols":["x"],"rows":[[2],[1]],"rowcount":2}') },
    { record: recs[1]!, actual: resultOf('{"cols":[],"rows":[[]],"rowcount":3}') },
    { record: recs[2]!, actual: resultOf('{"cols":["a","b"],"rows":[[1,"x"]],"rowcount":1}') },
  ]);
  assert.equal(out, [
    '# c', 'query I rowsort', 'SELECT x FROM t', '----', '1', '2', '', 'statement count 3', 'DELETE FROM t', '',
    'query IT', 'SELECT a, b', '----', '1 x', '', 'statement ok', 'SELECT 1', '',
  ].join('\n') + '\n');
});

test('known-failure ids sort by file then line', () => {
  assert.deepEqual(['b.slt:2', 'a.slt:10', 'a.slt:9'].sort(compareIds), ['a.slt:9', 'a.slt:10', 'b.slt:2']);
  assert.deepEqual(['pg:a.slt:9', 'b.slt:1', 'a.slt:9', 'http:a.slt:3'].sort(compareIds), ['http:a.slt:3', 'a.slt:9', 'pg:a.slt:9', 'b.slt:1']);
});

test('known failures per protocol: plain entries fail everywhere, prefixed ones over one protocol', () => {
  const known = new Set(['a.slt:1', 'pg:a.slt:2', 'http:a.slt:3']);
  assert.equal(isKnownFailure(known, 'pg', 'a.slt:1'), true);
  assert.equal(isKnownFailure(known, 'http', 'a.slt:1'), true);
  assert.equal(isKnownFailure(known, 'pg', 'a.slt:2'), true);
  assert.equal(isKnownFailure(known, 'http', 'a.slt:2'), false);
  assert.equal(isKnownFailure(known, 'pg', 'a.slt:3'), false);
  const byRecord = failuresByRecord(known);
  assert.deepEqual([...byRecord.get('a.slt:1')!].sort(), ['http', 'pg']);
  byRecord.get('a.slt:3')!.add('pg');
  assert.deepEqual(knownFailureEntries(byRecord).sort(), ['a.slt:1', 'a.slt:3', 'pg:a.slt:2']);
});
