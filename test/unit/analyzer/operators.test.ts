/**
 * operators.ts: arithmetic, comparisons, concatenation, LIKE, ANY/ALL, subscripts, literals,
 * CASE, AT TIME ZONE and EXTRACT — golden SQL for a few shapes, and every result executed in
 * DuckDB against CrateDB's documented semantics (functions.md §1, sql.md §13).
 */
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import * as ops from '../../../src/analyzer/operators.js';
import { T } from '../../../src/types/data-type.js';
import type { CompiledExpr } from '../../../src/analyzer/functions/function-types.js';
import { check, col, lit, openTestDb, type Case, type TestDb } from './duckdb-fixture.js';

let db: TestDb;
before(async () => { db = await openTestDb(); });
after(() => db.close());

const run = (cases: Case[]) => { for (const c of cases) test(c.name, () => check(db, c)); };
const bin = (op: Parameters<typeof ops.emitBinary>[0], l: CompiledExpr, r: CompiledExpr) => ops.emitBinary(op, l, r).sql;
const int = (sql: string) => col(`CAST(${sql} AS INTEGER)`, T.integer);
const big = (sql: string) => col(`CAST(${sql} AS BIGINT)`, T.bigint);
const dbl = (sql: string) => col(`CAST(${sql} AS DOUBLE)`, T.double);
const tstz = (s: string) => col(`TIMESTAMPTZ '${s}'`, T.timestamptz);
const ts = (s: string) => col(`TIMESTAMP '${s}'`, T.timestamp);
const iv = (s: string) => col(`INTERVAL '${s}'`, T.interval);
const arr = (sql: string, inner = T.integer) => col(sql, T.array(inner));
const like = (s: CompiledExpr, p: CompiledExpr, opts: Partial<ops.LikeOptions> = {}, esc?: CompiledExpr) =>
  ops.emitLike(s, p, esc, { caseInsensitive: false, negated: false, ...opts }).sql;

describe('golden SQL', () => {
  test('integer division uses // with a zero guard', () => assert.equal(bin('/', int('a'), int('b')),
    "CASE WHEN CAST(b AS INTEGER) = 0 AND CAST(a AS INTEGER) IS NOT NULL THEN error('cratelite:ArithmeticException:/ by zero') "
    + 'ELSE (CAST(a AS INTEGER) // CAST(b AS INTEGER)) END'));
  test('non-zero literal divisor needs no guard', () => assert.equal(bin('/', int('a'), lit(2)), '(CAST(a AS INTEGER) // 2)'));
  test('int + bigint widens the integer side', () => assert.equal(bin('+', col('a', T.integer), col('b', T.bigint)), '(CAST(a AS BIGINT) + b)'));
  test('smallint + smallint computes in INTEGER', () => assert.equal(bin('+', col('a', T.smallint), col('b', T.smallint)), '(CAST(a AS INTEGER) + CAST(b AS INTEGER))'));
  test('text literal compared with timestamp is folded', () => assert.equal(bin('>=', col('ts', T.timestamptz), lit('2021-01-01')),
    '(ts >= make_timestamptz(1609459200000000))'));
  test('int column = text literal', () => assert.equal(bin('=', col('x', T.integer), lit('1')), '(x = CAST(1 AS INTEGER))'));
  test('LIKE always carries an ESCAPE', () => assert.equal(like(col('s', T.text), lit('a%')), "(s LIKE 'a%' ESCAPE '\\')"));
  test('regex full match', () => assert.equal(bin('~*', col('s', T.text), lit('a.c')), "regexp_full_match(s, 'a.c', 'i')"));
  test('array subscript literal', () => assert.equal(ops.emitSubscript(col('a', T.array(T.integer)), lit(2)).sql, 'list_extract(a, 2)'));
  test('XOR uses xor()', () => assert.equal(bin('#', col('a', T.integer), col('b', T.integer)), 'xor(a, b)'));
  test('unifyTypes', () => {
    assert.deepEqual(ops.unifyTypes([T.integer, T.bigint, T.undefined]), T.bigint);
    assert.deepEqual(ops.unifyTypes([T.integer, T.double]), T.double);
    assert.deepEqual(ops.unifyTypes([T.text, { kind: 'varchar', length: 3 }]), T.text);
    assert.deepEqual(ops.unifyTypes([T.array(T.integer), T.array(T.double)]), T.array(T.double));
    assert.deepEqual(ops.unifyTypes([T.undefined]), T.undefined);
    assert.deepEqual(ops.unifyTypes([T.timestamptz, T.timestamp]), T.timestamp);
  });
  test('result types', () => {
    assert.deepEqual(ops.emitBinary('/', col('a', T.integer), col('b', T.double)).type, T.double);
    assert.deepEqual(ops.emitBinary('+', col('a', T.byte), col('b', T.byte)).type, T.integer);
    assert.deepEqual(ops.emitBinary('*', col('a', T.real), col('b', T.integer)).type, T.real);
    assert.deepEqual(ops.emitBinary('-', tstz('2021-01-01'), tstz('2020-01-01')).type, T.interval);
    assert.deepEqual(ops.emitBinary('+', ts('2021-01-01'), iv('1 day')).type, T.timestamp);
    assert.deepEqual(ops.emitBinary('^', lit(2), lit(3)).type, T.double);
    assert.deepEqual(ops.emitBinary('||', lit('a'), lit(1)).type, T.text);
    assert.deepEqual(ops.emitExtract('EPOCH', tstz('2021-01-01')).type, T.double);
    assert.deepEqual(ops.emitAtTimeZone(tstz('2021-01-01'), lit('UTC')).type, T.timestamp);
    assert.deepEqual(ops.emitAtTimeZone(ts('2021-01-01'), lit('UTC')).type, T.timestamptz);
  });
});

describe('arithmetic (functions.md §1.1)', () => run([
  { name: '5 / 2 = 2', build: () => bin('/', lit(5), lit(2)), expected: 2 },
  { name: '-7 / 2 = -3', build: () => bin('/', lit(-7), lit(2)), expected: -3 },
  { name: '5 / 2.0 = 2.5', build: () => bin('/', lit(5), lit(2, T.double)), expected: 2.5 },
  { name: '1 / 0 raises / by zero', build: () => bin('/', lit(1), lit(0)), expected: { runtimeError: /ArithmeticException\[\/ by zero\]/ } },
  { name: 'column / 0 column raises', build: () => bin('/', int('7'), int('0')), expected: { runtimeError: /\/ by zero/ } },
  { name: '1.0 / 0.0 = Infinity', build: () => `isinf(${bin('/', lit(1, T.double), lit(0, T.double))})`, expected: true },
  { name: '-7 % 3 = -1', build: () => bin('%', lit(-7), lit(3)), expected: -1 },
  { name: '7 % 0 raises', build: () => bin('%', int('7'), int('0')), expected: { runtimeError: /\/ by zero/ } },
  { name: '5.5 % 2 = 1.5', build: () => bin('%', lit(5.5), lit(2)), expected: 1.5 },
  { name: 'NULL / 0 is NULL', build: () => bin('/', int('NULL'), lit(0)), expected: null },
  { name: 'integer overflow', build: () => bin('+', int('2147483647'), int('1')), expected: { runtimeError: /ArithmeticException\[integer overflow\]/ } },
  { name: 'integer multiply overflow', build: () => bin('*', int('65536'), int('65536')), expected: { runtimeError: /integer overflow/ } },
  { name: 'bigint overflow', build: () => bin('+', big('9223372036854775807'), lit(1)), expected: { runtimeError: /ArithmeticException\[long overflow\]/ } },
  { name: 'int + bigint no overflow', build: () => bin('+', int('2147483647'), big('1')), expected: 2147483648 },
  { name: '0.1 + 0.2 (double)', build: () => bin('+', lit(0.1), lit(0.2)), expected: 0.30000000000000004 },
  { name: 'real * 2', build: () => bin('*', col('CAST(1.5 AS FLOAT)', T.real), lit(2)), expected: 3 },
  { name: "'3' + 4 = 7", build: () => bin('+', lit('3'), lit(4)), expected: 7 },
  { name: 'NULL + 1 is NULL', build: () => bin('+', lit(null), lit(1)), expected: null },
  { name: '2 ^ 3 = 8.0', build: () => bin('^', lit(2), lit(3)), expected: 8 },
  { name: '-(5) unary', build: () => ops.emitUnary('-', int('5')).sql, expected: -5 },
  { name: 'negate INT_MIN overflows', build: () => ops.emitUnary('-', int('-2147483648')).sql, expected: { runtimeError: /ArithmeticException\[integer overflow\]/ } },
  { name: '1 + numeric(5,2) keeps scale 2', build: () => `CAST(${bin('+', lit(1), col('CAST(2.25 AS DECIMAL(5,2))', { kind: 'numeric', precision: 5, scale: 2 }))} AS VARCHAR)`, expected: '3.25' },
  { name: '1.0 / -0.0 = -Infinity', build: () => `CAST(${bin('/', lit(1, T.double), ops.emitUnary('-', lit(0, T.double)))} AS VARCHAR)`, expected: '-inf' },
  { name: 'numeric + numeric', build: () => `CAST(${bin('+', col('CAST(1.25 AS DECIMAL(5,2))', { kind: 'numeric', precision: 5, scale: 2 }), lit(1))} AS DOUBLE)`, expected: 2.25 },
  { name: 'boolean + 1 has no overload', build: () => bin('+', lit(true), lit(1)), expected: { compileError: /UnsupportedFunctionException\[Unknown function: add\(boolean, integer\)/ } },
]));

describe('time arithmetic', () => run([
  { name: 'ts + interval', build: () => `epoch_ms(${bin('+', tstz('2021-01-01 00:00:00+00'), iv('1 day'))})`, expected: 1609545600000 },
  { name: 'interval + ts', build: () => `epoch_ms(${bin('+', iv('2 hours'), ts('1970-01-01'))})`, expected: 7200000 },
  { name: 'ts - interval (calendar aware)', build: () => `epoch_ms(${bin('-', ts('2021-03-31'), iv('1 month'))})`, expected: 1614470400000 },
  { name: 'ts - ts = interval', build: () => `epoch(${bin('-', tstz('2021-01-02 00:00:00+00'), tstz('2021-01-01 00:00:00+00'))})`, expected: 86400 },
  { name: '2 * interval multiplies each field', build: () => `CAST(${bin('*', lit(2), iv('2 years 1 month 10 days'))} AS VARCHAR)`, expected: '4 years 2 months 20 days' },
  { name: 'interval + interval', build: () => `epoch(${bin('+', iv('1 hour'), iv('30 minutes'))})`, expected: 5400 },
  { name: 'ts + number (milliseconds)', build: () => `epoch_ms(${bin('+', tstz('1970-01-01 00:00:00+00'), lit(1500))})`, expected: 1500 },
  { name: 'date - date is a timestamp of the difference', build: () => `epoch_ms(${bin('-', col("DATE '1970-01-03'", T.date), col("DATE '1970-01-02'", T.date))})`, expected: 86400000 },
]));

describe('comparisons (functions.md §1.2)', () => run([
  { name: 'ts = text literal', build: () => bin('=', tstz('2021-01-01 00:00:00+00'), lit('2021-01-01')), expected: true },
  { name: 'ts <= text date', build: () => bin('<=', tstz('1979-10-12 00:00:00+00'), lit('1979-10-12')), expected: true },
  { name: 'ts >= epoch ms literal', build: () => bin('>=', tstz('2014-04-08 00:00:00+00'), lit(1396915200000)), expected: true },
  { name: 'ts > epoch ms literal (equal) is false', build: () => bin('>', tstz('2014-04-08 00:00:00+00'), lit(1396915200000)), expected: false },
  { name: 'int column = text literal', build: () => bin('=', int('1'), lit('1')), expected: true },
  { name: 'real column = 0.1 compares as double (false)', build: () => bin('=', col('CAST(0.1 AS FLOAT)', T.real), lit(0.1)), expected: false },
  { name: 'int column = 3000000000 compares as bigint', build: () => bin('=', int('5'), lit(3000000000)), expected: false },
  { name: 'ts > 1.5 compares epoch ms as double', build: () => bin('>', tstz('1970-01-01 00:00:00.002+00'), lit(1.5)), expected: true },
  { name: 'ts > bigint literal keeps the column', build: () => { const sql = bin('>', tstz('2021-01-01 00:00:00+00'), lit(1609459199000)); assert.ok(sql.startsWith("(TIMESTAMPTZ '")); return sql; }, expected: true },
  { name: 'text literal vs int column, reversed', build: () => bin('<', lit('1'), int('2')), expected: true },
  { name: "'Z' < 'a' (byte order)", build: () => bin('<', lit('Z'), lit('a')), expected: true },
  { name: '!= is <>', build: () => bin('!=', lit(1), lit(2)), expected: true },
  { name: 'NULL = 1 is NULL', build: () => bin('=', lit(null), lit(1)), expected: null },
  { name: 'int = bigint', build: () => bin('=', int('5'), big('5')), expected: true },
  { name: 'timestamp vs timestamptz', build: () => bin('=', ts('2021-01-01 00:00:00'), tstz('2021-01-01 00:00:00+00')), expected: true },
  { name: 'array equality', build: () => bin('=', arr('[1,2]'), arr('[1,2]')), expected: true },
  { name: 'object = JSON text literal', build: () => bin('=', col(`CAST('{"a":1}' AS JSON)`, T.object()), lit('{"a":1}')), expected: true },
  { name: 'BETWEEN with text bounds on timestamps', build: () => ops.emitBetween(tstz('2021-06-01 00:00:00+00'), lit('2021-01-01'), lit('2021-12-31'), false).sql, expected: true },
  { name: 'NOT BETWEEN', build: () => ops.emitBetween(lit(5), lit(1), lit(3), true).sql, expected: true },
  { name: 'IN list match', build: () => ops.emitIn(int('2'), [lit(1), lit(2)], false).sql, expected: true },
  { name: 'IN list no match with NULL is NULL', build: () => ops.emitIn(int('3'), [lit(1), lit(null)], false).sql, expected: null },
  { name: 'NOT IN', build: () => ops.emitIn(int('3'), [lit(1), lit(2)], true).sql, expected: true },
  { name: 'IN with text literals on int column', build: () => ops.emitIn(int('2'), [lit('1'), lit('2')], false).sql, expected: true },
  { name: 'IS DISTINCT FROM NULL', build: () => ops.emitIsDistinct(int('1'), lit(null), false).sql, expected: true },
  { name: 'IS NOT DISTINCT FROM NULL, NULL', build: () => ops.emitIsDistinct(int('NULL'), lit(null), true).sql, expected: true },
  { name: 'regex ~ is a full match', build: () => bin('~', lit('abc'), lit('b')), expected: false },
  { name: 'regex ~ matches', build: () => bin('~', lit('abc'), lit('a.c')), expected: true },
  { name: 'regex ~* case-insensitive', build: () => bin('~*', lit('ABC'), lit('a.c')), expected: true },
  { name: 'regex !~', build: () => bin('!~', lit('abc'), lit('x.*')), expected: true },
  { name: 'regex on NULL is NULL', build: () => bin('~', col('CAST(NULL AS VARCHAR)', T.text), lit('a')), expected: null },
]));

describe('concatenation and bit operators', () => run([
  { name: "'foo' || 'bar'", build: () => bin('||', lit('foo'), lit('bar')), expected: 'foobar' },
  { name: "'a' || NULL is NULL", build: () => bin('||', lit('a'), lit(null)), expected: null },
  { name: "'a' || 1", build: () => bin('||', lit('a'), int('1')), expected: 'a1' },
  { name: "'x' || true", build: () => bin('||', lit('x'), col('true', T.boolean)), expected: 'xt' },
  { name: 'array || array', build: () => bin('||', arr('[1,2]'), arr('[3]')), expected: [1, 2, 3] },
  { name: 'array || element', build: () => bin('||', arr('[1,2]'), int('3')), expected: [1, 2, 3] },
  { name: 'element || array', build: () => bin('||', int('0'), arr('[1]')), expected: [0, 1] },
  { name: 'array || NULL element is unchanged', build: () => bin('||', arr('[1,2]'), int('NULL')), expected: [1, 2] },
  { name: 'array || NULL literal is unchanged', build: () => bin('||', arr('[1,2]'), lit(null)), expected: [1, 2] },
  { name: 'int[] || double[] unifies', build: () => bin('||', arr('[1]'), col('[2.5]::DOUBLE[]', T.array(T.double))), expected: [1, 2.5] },
  { name: 'object || object (shallow, right wins)', build: () => `CAST(${bin('||', col(`CAST('{"a":1,"b":{"x":1}}' AS JSON)`, T.object()), col(`CAST('{"b":{"y":2},"c":null}' AS JSON)`, T.object()))} AS VARCHAR)`, expected: '{"a":1,"b":{"y":2},"c":null}' },
  { name: '5 & 3', build: () => bin('&', lit(5), lit(3)), expected: 1 },
  { name: '5 | 3', build: () => bin('|', lit(5), lit(3)), expected: 7 },
  { name: '5 # 3 (xor)', build: () => bin('#', lit(5), lit(3)), expected: 6 },
  { name: "B'0101' & B'0110'", build: () => bin('&', lit('0101', { kind: 'bit', length: 4 }), lit('0110', { kind: 'bit', length: 4 })), expected: '0100' },
  { name: 'array overlap &&', build: () => bin('&&', arr('[1,2]'), arr('[2,3]')), expected: true },
  { name: 'array overlap none', build: () => bin('&&', arr('[1,2]'), arr('[3]')), expected: false },
  { name: "ip << '192.168.1/24'", build: () => bin('<<', lit('192.168.1.5'), lit('192.168.1/24')), expected: true },
  { name: "ip << '10.0.0.0/8' false", build: () => bin('<<', col("'192.168.1.5'", T.ip), lit('10.0.0.0/8')), expected: false },
  { name: 'IPv6 containment', build: () => bin('<<', col("'2001:db8::1'", T.ip), lit('2001:db8::/32')), expected: true },
]));

describe('LIKE (functions.md §1.3)', () => run([
  { name: 'LIKE %', build: () => like(lit('crate.io'), lit('cr%')), expected: true },
  { name: 'LIKE _', build: () => like(lit('ab'), lit('a_')), expected: true },
  { name: 'LIKE is case-sensitive', build: () => like(lit('AB'), lit('ab')), expected: false },
  { name: 'ILIKE', build: () => like(lit('AB'), lit('a%'), { caseInsensitive: true }), expected: true },
  { name: 'default escape is backslash', build: () => like(lit('a%b'), lit('a\\%b')), expected: true },
  { name: 'escaped % is literal', build: () => like(lit('axb'), lit('a\\%b')), expected: false },
  { name: 'custom ESCAPE', build: () => like(lit('a%b'), lit('a#%b'), {}, lit('#')), expected: true },
  { name: "ESCAPE '' disables escaping", build: () => like(lit('a\\b'), lit('a\\b'), {}, lit('')), expected: true },
  { name: 'NOT LIKE', build: () => like(lit('abc'), lit('x%'), { negated: true }), expected: true },
  { name: 'pattern ending in escape fails', build: () => like(lit('ab'), lit('ab\\')), expected: { compileError: /pattern 'ab\\' must not end with escape character '\\'/ } },
  { name: 'LIKE ANY', build: () => like(lit('arthur'), arr("['al%', 'ar%']", T.text), { quantifier: 'ANY', caseInsensitive: true }), expected: true },
  { name: 'LIKE ALL', build: () => like(lit('arthur'), arr("['a%', '%r']", T.text), { quantifier: 'ALL' }), expected: true },
  { name: 'NOT LIKE ANY (some pattern does not match)', build: () => like(lit('arthur'), arr("['a%', 'b%']", T.text), { quantifier: 'ANY', negated: true }), expected: true },
  { name: 'LIKE on integer converts to text', build: () => like(int('123'), lit('12%')), expected: true },
]));

describe('ANY / ALL (functions.md §1.5)', () => {
  const q = (op: Parameters<typeof ops.emitQuantified>[0], quant: 'ANY' | 'ALL', l: CompiledExpr, r: CompiledExpr) => ops.emitQuantified(op, quant, l, r).sql;
  run([
    { name: '2 = ANY([1,2])', build: () => q('=', 'ANY', lit(2), arr('[1,2]')), expected: true },
    { name: '3 = ANY([1,2]) false', build: () => q('=', 'ANY', lit(3), arr('[1,2]')), expected: false },
    { name: '3 = ANY([1,NULL]) NULL', build: () => q('=', 'ANY', lit(3), arr('[1,NULL]')), expected: null },
    { name: '1 = ANY([1,NULL]) true', build: () => q('=', 'ANY', lit(1), arr('[1,NULL]')), expected: true },
    { name: 'x = ANY([]) false', build: () => q('=', 'ANY', lit(1), arr('CAST([] AS INTEGER[])')), expected: false },
    { name: 'NULL = ANY([1]) NULL', build: () => q('=', 'ANY', int('NULL'), arr('[1]')), expected: null },
    { name: 'x = ANY(NULL array) NULL', build: () => q('=', 'ANY', lit(1), arr('CAST(NULL AS INTEGER[])')), expected: null },
    { name: '4 = ANY([[1,2],[3,4]]) flattens', build: () => q('=', 'ANY', lit(4), col('[[1,2],[3,4]]', T.array(T.array(T.integer)))), expected: true },
    { name: '[1,2] = ANY([[1,2],[3,4]])', build: () => q('=', 'ANY', arr('[1,2]'), col('[[1,2],[3,4]]', T.array(T.array(T.integer)))), expected: true },
    { name: '1 != ANY([1,2]) (some differs)', build: () => q('!=', 'ANY', lit(1), arr('[1,2]')), expected: true },
    { name: '5 > ALL([1,2])', build: () => q('>', 'ALL', lit(5), arr('[1,2]')), expected: true },
    { name: '5 > ALL([1,9]) false', build: () => q('>', 'ALL', lit(5), arr('[1,9]')), expected: false },
    { name: '5 > ALL([1,NULL]) NULL', build: () => q('>', 'ALL', lit(5), arr('[1,NULL]')), expected: null },
    { name: 'x = ALL([]) true', build: () => q('=', 'ALL', lit(1), arr('CAST([] AS INTEGER[])')), expected: true },
    { name: "text literal = ANY(int[]) converts", build: () => q('=', 'ANY', lit('2'), arr('[1,2]')), expected: true },
    { name: 'ts = ANY(text[]) literal array', build: () => q('=', 'ANY', tstz('2021-01-01 00:00:00+00'), lit(['2021-01-01', '2022-01-01'], T.array(T.text))), expected: true },
  ]);
});

describe('subscripts, slices and constructors', () => run([
  { name: 'arr[1]', build: () => ops.emitSubscript(arr('[10,20,30]'), lit(1)).sql, expected: 10 },
  { name: 'arr[0] is NULL', build: () => ops.emitSubscript(arr('[10,20,30]'), lit(0)).sql, expected: null },
  { name: 'arr[-1] is NULL', build: () => ops.emitSubscript(arr('[10,20,30]'), lit(-1)).sql, expected: null },
  { name: 'arr[i] with i = -1 column is NULL', build: () => ops.emitSubscript(arr('[10,20,30]'), int('-1')).sql, expected: null },
  { name: 'arr[4] out of range is NULL', build: () => ops.emitSubscript(arr('[10,20,30]'), lit(4)).sql, expected: null },
  { name: 'object value key', build: () => ops.emitSubscript(col(`CAST('{"a":{"b":5}}' AS JSON)`, T.object('dynamic', [{ name: 'a', type: T.object('dynamic', [{ name: 'b', type: T.integer }]) }])), lit('a')).sql.length > 0 ? ops.emitSubscript(ops.emitSubscript(col(`CAST('{"a":{"b":5}}' AS JSON)`, T.object('dynamic', [{ name: 'a', type: T.object('dynamic', [{ name: 'b', type: T.integer }]) }])), lit('a')), lit('b')).sql : '', expected: 5 },
  { name: 'object value unknown key is text', build: () => ops.emitSubscript(col(`CAST('{"a":"x"}' AS JSON)`, T.object()), lit('a')).sql, expected: 'x' },
  { name: 'object literal subscript folds', build: () => ops.emitSubscript(ops.emitObjectLiteral([{ key: 'a', value: lit(1) }]), lit('a')).sql, expected: 1 },
  { name: 'object array key → array', build: () => ops.emitSubscript(col(`CAST('[{"a":1},{"b":2},{"a":3}]' AS JSON)`, T.array(T.object('dynamic', [{ name: 'a', type: T.integer }]))), lit('a')).sql, expected: [1, null, 3] },
  { name: 'object array index', build: () => `CAST(${ops.emitSubscript(col(`CAST('[{"a":1},{"a":2}]' AS JSON)`, T.array(T.object())), lit(2)).sql} AS VARCHAR)`, expected: '{"a":2}' },
  { name: 'arr[2:3]', build: () => ops.emitSlice(arr('[1,2,3,4]'), lit(2), lit(3)).sql, expected: [2, 3] },
  { name: 'arr[:2]', build: () => ops.emitSlice(arr('[1,2,3]'), undefined, lit(2)).sql, expected: [1, 2] },
  { name: 'arr[2:]', build: () => ops.emitSlice(arr('[1,2,3]'), lit(2)).sql, expected: [2, 3] },
  { name: 'arr[5:6] beyond size is empty', build: () => ops.emitSlice(arr('[1,2,3]'), lit(5), lit(6)).sql, expected: [] },
  { name: 'array literal unifies to double', build: () => ops.emitArrayLiteral([lit(1), lit(2.5)]).sql, expected: [1, 2.5] },
  { name: 'array literal with column', build: () => ops.emitArrayLiteral([int('1'), lit(null), int('3')]).sql, expected: [1, null, 3] },
  { name: 'empty array literal', build: () => ops.emitArrayLiteral([]).sql, expected: [] },
  { name: 'array of objects is JSON', build: () => `CAST(${ops.emitArrayLiteral([ops.emitObjectLiteral([{ key: 'a', value: int('1') }])]).sql} AS VARCHAR)`, expected: '[{"a":1}]' },
  { name: 'object literal with timestamp → epoch ms', build: () => `CAST(${ops.emitObjectLiteral([{ key: 'a', value: int('1') }, { key: 't', value: tstz('2021-01-01 00:00:00+00') }]).sql} AS VARCHAR)`, expected: '{"a":1,"t":1609459200000}' },
  { name: 'nested object literal', build: () => `CAST(${ops.emitObjectLiteral([{ key: 'o', value: ops.emitObjectLiteral([{ key: 'x', value: int('2') }]) }]).sql} AS VARCHAR)`, expected: '{"o":{"x":2}}' },
  { name: 'empty object literal', build: () => `CAST(${ops.emitObjectLiteral([]).sql} AS VARCHAR)`, expected: '{}' },
  { name: 'CASE unifies branch types', build: () => ops.emitCase(undefined, [{ when: col('false', T.boolean), then: lit(1) }], lit(2.5)).sql, expected: 2.5 },
  { name: 'CASE without ELSE is NULL', build: () => ops.emitCase(undefined, [{ when: col('false', T.boolean), then: lit(1) }], undefined).sql, expected: null },
  { name: 'simple CASE with operand', build: () => ops.emitCase(int('2'), [{ when: lit(1), then: lit('one') }, { when: lit(2), then: lit('two') }], undefined).sql, expected: 'two' },
  { name: 'simple CASE with text when on int', build: () => ops.emitCase(int('2'), [{ when: lit('2'), then: lit('two') }], lit('other')).sql, expected: 'two' },
]));

describe('AT TIME ZONE and EXTRACT (functions.md §2.2)', () => run([
  { name: 'tstz AT TIME ZONE Europe/Madrid', build: () => `epoch_ms(${ops.emitAtTimeZone(col('make_timestamptz(257504400000000)', T.timestamptz), lit('Europe/Madrid')).sql})`, expected: 257508000000 },
  { name: 'non-literal named zone', build: () => `epoch_ms(${ops.emitAtTimeZone(col('make_timestamptz(257504400000000)', T.timestamptz), col("'Europe/Madrid'", T.text)).sql})`, expected: 257508000000 },
  { name: "non-literal offset '-05:30'", build: () => `epoch_ms(${ops.emitAtTimeZone(tstz('2021-01-01 00:00:00+00'), col("'-05:30'", T.text)).sql})`, expected: 1609439400000 },
  { name: "timestamp AT TIME ZONE '+05:30'", build: () => `epoch_ms(${ops.emitAtTimeZone(ts('2021-01-01 05:30:00'), lit('+05:30')).sql})`, expected: 1609459200000 },
  { name: 'timestamp AT TIME ZONE Europe/Madrid', build: () => `epoch_ms(${ops.emitAtTimeZone(col('make_timestamp(257504400000000)', T.timestamp), lit('Europe/Madrid')).sql})`, expected: 257500800000 },
  { name: 'bigint AT TIME ZONE treated as timestamp', build: () => `epoch_ms(${ops.emitAtTimeZone(lit(257504400000), lit('Europe/Madrid')).sql})`, expected: 257500800000 },
  { name: "offset '+01:00' rewritten for ICU", build: () => `epoch_ms(${ops.emitAtTimeZone(tstz('2021-01-01 00:00:00+00'), lit('+01:00')).sql})`, expected: 1609462800000 },
  { name: "offset '-05:30'", build: () => `epoch_ms(${ops.emitAtTimeZone(tstz('2021-01-01 00:00:00+00'), lit('-05:30')).sql})`, expected: 1609439400000 },
  { name: 'non-literal offset zone', build: () => `epoch_ms(${ops.emitAtTimeZone(tstz('2021-01-01 00:00:00+00'), col("'+02'", T.text)).sql})`, expected: 1609466400000 },
  { name: 'invalid zone', build: () => ops.emitAtTimeZone(tstz('2021-01-01'), lit('Mars/Olympus')).sql, expected: { compileError: /invalid time zone value 'Mars\/Olympus'/ } },
  { name: 'DOW Sunday = 7', build: () => ops.emitExtract('DOW', ts('2021-03-07')).sql, expected: 7 },
  { name: 'DAY_OF_WEEK Monday = 1', build: () => ops.emitExtract('DAY_OF_WEEK', ts('2021-03-08')).sql, expected: 1 },
  { name: 'CENTURY of 2001 = 20', build: () => ops.emitExtract('CENTURY', ts('2001-01-01')).sql, expected: 20 },
  { name: 'CENTURY of 2000 = 20', build: () => ops.emitExtract('CENTURY', ts('2000-06-01')).sql, expected: 20 },
  { name: 'YEAR', build: () => ops.emitExtract('YEAR', tstz('2014-08-23 00:00:00+00')).sql, expected: 2014 },
  { name: "DAY from text '2014-08-23'", build: () => ops.emitExtract('DAY', lit('2014-08-23')).sql, expected: 23 },
  { name: 'QUARTER', build: () => ops.emitExtract('QUARTER', ts('2021-05-07')).sql, expected: 2 },
  { name: 'WEEK (ISO)', build: () => ops.emitExtract('WEEK', ts('2021-01-03')).sql, expected: 53 },
  { name: 'DOY', build: () => ops.emitExtract('DOY', ts('2021-02-01')).sql, expected: 32 },
  { name: 'HOUR', build: () => ops.emitExtract('HOUR', ts('2021-02-01 13:14:15')).sql, expected: 13 },
  { name: 'SECOND is whole seconds', build: () => ops.emitExtract('SECOND', ts('2021-02-01 13:14:15.999')).sql, expected: 15 },
  { name: 'EPOCH seconds with fraction', build: () => ops.emitExtract('EPOCH', tstz('1970-01-01 00:00:01.5+00')).sql, expected: 1.5 },
  { name: 'EPOCH negative before 1970', build: () => ops.emitExtract('EPOCH', tstz('1969-12-31 23:59:59.5+00')).sql, expected: -0.5 },
  { name: 'EXTRACT(HOUR FROM interval 5 days 12 hours 45 minutes)', build: () => ops.emitExtract('HOUR', iv('5 days 12 hours 45 minutes')).sql, expected: 12 },
  { name: 'interval DAY normalises hours', build: () => ops.emitExtract('DAY', iv('1250 days 49 hours')).sql, expected: 1252 },
  { name: 'interval HOUR modulo 24', build: () => ops.emitExtract('HOUR', iv('1250 days 49 hours')).sql, expected: 1 },
  { name: 'interval EPOCH', build: () => ops.emitExtract('EPOCH', iv('1 day')).sql, expected: 86400 },
  { name: 'TIMEZONE_HOUR unsupported', build: () => ops.emitExtract('TIMEZONE_HOUR', tstz('2021-01-01')).sql, expected: { compileError: /Extract\( TIMEZONE_HOUR from/ } },
]));
