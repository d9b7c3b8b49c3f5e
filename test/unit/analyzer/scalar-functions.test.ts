/**
 * Scalar functions of the registry (functions.md §2.1, §2.3–§2.10): string, math, regex,
 * conditional, array, object, geo and system functions, executed in DuckDB against the
 * results CrateDB documents.
 */
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { lookupFunction } from '../../../src/analyzer/functions/registry.js';
import { T, type DataType } from '../../../src/types/data-type.js';
import type { CompiledExpr } from '../../../src/analyzer/functions/function-types.js';
import { callSql, check, col, lit, openTestDb, testContext, type Case, type TestDb } from './duckdb-fixture.js';

let db: TestDb;
before(async () => { db = await openTestDb(); });
after(() => db.close());

const run = (cases: Case[]) => { for (const c of cases) test(c.name, () => check(db, c)); };
const f = (name: string, ...args: CompiledExpr[]) => () => callSql(name, args);
const typeOf = (name: string, ...args: CompiledExpr[]): DataType => lookupFunction(name)!.resolve(args, testContext, { distinct: false })!.type;
const int = (v: number) => col(`CAST(${v} AS INTEGER)`, T.integer);
const dbl = (v: number | string) => col(`CAST(${v} AS DOUBLE)`, T.double);
const txt = (v: string) => col(`'${v.replace(/'/g, "''")}'`, T.text);
const arr = (sql: string, inner: DataType = T.integer) => col(sql, T.array(inner));
const nullText = col('CAST(NULL AS VARCHAR)', T.text);

describe('registry lookup', () => {
  test('case-insensitive', () => assert.equal(lookupFunction('CONCAT')?.name, 'concat'));
  test('pg_catalog prefix tolerated', () => assert.equal(lookupFunction('pg_catalog.pg_typeof')?.name, 'pg_typeof'));
  test('DuckDB-only names do not resolve', () => {
    for (const name of ['median', 'list_sum', 'strftime', 'time_bucket', 'bool_and', 'quantile_cont']) assert.equal(lookupFunction(name), undefined, name);
  });
  test('function kinds', () => {
    assert.equal(lookupFunction('sum')?.kind, 'aggregate');
    assert.equal(lookupFunction('row_number')?.kind, 'window');
    assert.equal(lookupFunction('unnest')?.kind, 'table');
    assert.equal(lookupFunction('abs')?.kind, 'scalar');
  });
  test('no matching signature gives undefined', () => {
    assert.equal(lookupFunction('abs')!.resolve([lit('x'), lit(1)], testContext, { distinct: false }), undefined);
    assert.equal(lookupFunction('lower')!.resolve([col('[1]', T.array(T.integer))], testContext, { distinct: false }), undefined);
  });
});

describe('string functions (§2.1)', () => run([
  { name: "concat('foo', null, 'bar')", build: f('concat', lit('foo'), lit(null), lit('bar')), expected: 'foobar' },
  { name: 'concat of NULLs is empty', build: f('concat', lit(null), lit(null)), expected: '' },
  { name: 'concat with number', build: f('concat', lit('a'), int(1)), expected: 'a1' },
  { name: 'concat arrays', build: f('concat', arr('[1,2]'), arr('[3]')), expected: [1, 2, 3] },
  { name: 'concat objects (right wins)', build: () => `CAST(${callSql('concat', [col(`CAST('{"a":1}' AS JSON)`, T.object()), col(`CAST('{"a":2,"b":3}' AS JSON)`, T.object())])} AS VARCHAR)`, expected: '{"a":2,"b":3}' },
  { name: "concat_ws(',', 'foo', null, 'bar')", build: f('concat_ws', lit(','), lit('foo'), lit(null), lit('bar')), expected: 'foo,bar' },
  { name: 'concat_ws NULL separator', build: f('concat_ws', nullText, lit('a')), expected: null },
  { name: "format('%s.%s', 'doc', 'locations')", build: f('format', lit('%s.%s'), lit('doc'), lit('locations')), expected: 'doc.locations' },
  { name: "format('%tY', timestamp)", build: f('format', lit('%tY'), col("TIMESTAMPTZ '1979-10-12 00:00:00+00'", T.timestamptz)), expected: '1979' },
  { name: "format('%d items, %.2f avg, %5s|', …)", build: f('format', lit('%d items, %.2f avg, %5s|'), int(3), dbl(2.345), lit('ab')), expected: '3 items, 2.35 avg,    ab|' },
  { name: "format('%08.3f|%-4d|%x|%,d')", build: f('format', lit('%08.3f|%-4d|%x|%,d'), dbl(-3.14159), int(7), int(255), col('CAST(1234567 AS BIGINT)', T.bigint)), expected: '-003.142|7   |ff|1,234,567' },
  { name: "format('%s', true) prints Java booleans", build: f('format', lit('%s %b'), col('true', T.boolean), lit(null)), expected: 'true false' },
  { name: "format('%s', 1.0) prints Java doubles", build: f('format', lit('%s'), dbl(1)), expected: '1.0' },
  { name: "format('%e')", build: f('format', lit('%e'), dbl(12345.678)), expected: '1.234568e+04' },
  { name: "format('%2$s %1$s')", build: f('format', lit('%2$s %1$s'), lit('a'), lit('b')), expected: 'b a' },
  { name: "format('%tF %<tT')", build: f('format', lit('%tF %<tT'), col("TIMESTAMPTZ '2021-03-04 05:06:07+00'", T.timestamptz)), expected: '2021-03-04 05:06:07' },
  { name: 'format missing argument fails', build: f('format', lit('%s %s'), lit('a')), expected: { runtimeError: /Format specifier '%s'/ } },
  { name: "substr('crate.io', 3, 2)", build: f('substr', lit('crate.io'), lit(3), lit(2)), expected: 'at' },
  { name: "substr('crate.io', 0, 3) clamps the start", build: f('substr', lit('crate.io'), lit(0), lit(3)), expected: 'cra' },
  { name: "substr('crate.io', -2, 3)", build: f('substr', lit('crate.io'), lit(-2), lit(3)), expected: 'cra' },
  { name: 'substr beyond the end', build: f('substr', lit('crate'), lit(10)), expected: '' },
  { name: "substring('2023-08-07', '[a-z]') no match", build: f('substring', lit('2023-08-07'), lit('[a-z]')), expected: null },
  { name: 'substring full match', build: f('substring', lit('2023-08-07'), lit('\\d{4}-\\d{2}-\\d{2}')), expected: '2023-08-07' },
  { name: 'substring first group', build: f('substring', lit('2023-08-07'), lit('\\d{4}-(\\d{2})-\\d{2}')), expected: '08' },
  { name: "char_length('©rate.io') = 8", build: f('char_length', lit('©rate.io')), expected: 8 },
  { name: 'length', build: f('length', txt('crate.io')), expected: 8 },
  { name: "bit_length('©rate.io') = 72", build: f('bit_length', lit('©rate.io')), expected: 72 },
  { name: "octet_length('©rate.io') = 9", build: f('octet_length', lit('©rate.io')), expected: 9 },
  { name: "ascii('🎈') = 127880", build: f('ascii', lit('🎈')), expected: 127880 },
  { name: 'chr(65)', build: f('chr', lit(65)), expected: 'A' },
  { name: 'lower/upper', build: () => `${callSql('lower', [lit('AbC')])} || ${callSql('upper', [lit('AbC')])}`, expected: 'abcABC' },
  { name: "initcap('heLlo WORLD')", build: f('initcap', lit('heLlo WORLD')), expected: 'Hello World' },
  { name: 'md5', build: f('md5', lit('abc')), expected: '900150983cd24fb0d6963f7d28e17f72' },
  { name: 'sha1', build: f('sha1', lit('abc')), expected: 'a9993e364706816aba3e25717850c26c9cd0d89d' },
  { name: 'replace', build: f('replace', lit('Hello World'), lit('World'), lit('Stranger')), expected: 'Hello Stranger' },
  { name: 'translate', build: f('translate', lit('Crate'), lit('Ct'), lit('Dk')), expected: 'Drake' },
  { name: 'trim(s)', build: f('trim', lit('  a  ')), expected: 'a' },
  { name: "TRIM(BOTH 'x' FROM s)", build: f('trim', lit('xxaxx'), lit('x'), lit('both')), expected: 'a' },
  { name: "TRIM(LEADING 'x' FROM s)", build: f('trim', lit('xxaxx'), lit('x'), lit('leading')), expected: 'axx' },
  { name: "TRIM(TRAILING FROM s)", build: f('trim', lit('  a  '), lit(' '), lit('trailing')), expected: '  a' },
  { name: 'ltrim default space', build: f('ltrim', lit('  a ')), expected: 'a ' },
  { name: 'rtrim chars', build: f('rtrim', lit('axyx'), lit('xy')), expected: 'a' },
  { name: 'btrim', build: f('btrim', lit('__a__'), lit('_')), expected: 'a' },
  { name: 'quote_ident plain', build: f('quote_ident', lit('name')), expected: 'name' },
  { name: 'quote_ident needs quotes', build: f('quote_ident', lit('Name')), expected: '"Name"' },
  { name: 'quote_ident reserved word', build: f('quote_ident', lit('select')), expected: '"select"' },
  { name: 'quote_ident doubles quotes', build: f('quote_ident', lit('a"b')), expected: '"a""b"' },
  { name: 'left negative', build: f('left', lit('crate.io'), lit(-3)), expected: 'crate' },
  { name: 'right', build: f('right', lit('crate.io'), lit(2)), expected: 'io' },
  { name: 'starts_with', build: f('starts_with', lit('crate.io'), lit('cr')), expected: true },
  { name: 'lpad', build: f('lpad', lit('5'), lit(3), lit('0')), expected: '005' },
  { name: 'lpad truncates', build: f('lpad', lit('crate'), lit(2)), expected: 'cr' },
  { name: 'rpad default space', build: f('rpad', lit('ab'), lit(4)), expected: 'ab  ' },
  { name: 'encode base64', build: f('encode', lit('abc'), lit('base64')), expected: 'YWJj' },
  { name: 'encode control characters', build: f('encode', lit('123\b\t56'), lit('base64')), expected: 'MTIzCAk1Ng==' },
  { name: 'encode escape', build: f('encode', lit('a\bb\\\\c'), lit('escape')), expected: 'a\\010b\\\\c' },
  { name: 'encode escape keeps a lone backslash', build: f('encode', lit('a\bb\\c'), lit('escape')), expected: 'a\\010b\\\\c' },
  { name: 'encode \\x hex input', build: f('encode', lit('\\x6162'), lit('base64')), expected: 'YWI=' },
  { name: 'decode escape', build: f('decode', lit('T\\214'), lit('escape')), expected: '\\x548c' },
  { name: 'decode hex', build: f('decode', lit('ABcd'), lit('hex')), expected: '\\xabcd' },
  { name: 'unknown encoding format', build: f('encode', lit('a'), lit('rot13')), expected: { compileError: /Encoding format 'rot13' is not supported/ } },
  { name: 'parse_ident', build: f('parse_ident', lit('"SomeSchema".sometable')), expected: ['SomeSchema', 'sometable'] },
  { name: 'parse_ident lower-cases unquoted', build: f('parse_ident', lit('MySchema.MyTable')), expected: ['myschema', 'mytable'] },
  { name: 'parse_ident junk fails when strict', build: f('parse_ident', lit('a.b junk')), expected: { runtimeError: /String is not a valid identifier: "a.b junk"/ } },
  { name: 'parse_ident junk allowed when not strict', build: f('parse_ident', lit('a.b junk'), lit(false)), expected: ['a', 'b'] },
  { name: 'parse_uri', build: () => `CAST(${callSql('parse_uri', [lit('crate://my_user@cluster.crate.io:5432/doc?sslmode=verify-full')])} AS VARCHAR)`,
    expected: '{"fragment":null,"hostname":"cluster.crate.io","path":"/doc","port":5432,"query":"sslmode=verify-full","scheme":"crate","userinfo":"my_user"}' },
  { name: 'parse_url parameters', build: () => `CAST(json_extract(${callSql('parse_url', [lit('http://crate.io?p1=1,2,3&p1=a&p2[]=1,2,3')])}, '$.parameters') AS VARCHAR)`,
    expected: '{"p1":["1,2,3","a"],"p2[]":["1,2,3"]}' },
  { name: 'parse_url without port gives NULL', build: () => `json_extract(${callSql('parse_url', [lit('https://cluster.crate.io/x%20y')])}, '$.port') IS NULL OR CAST(json_extract(${callSql('parse_url', [lit('https://cluster.crate.io/x%20y')])}, '$.port') AS VARCHAR) = 'null'`, expected: true },
  { name: 'encode hex', build: f('encode', lit('abc'), lit('hex')), expected: '616263' },
  { name: 'decode base64', build: f('decode', lit('YWJj'), lit('base64')), expected: '\\x616263' },
  { name: 'repeat', build: f('repeat', lit('ab'), lit(3)), expected: 'ababab' },
  { name: 'repeat n <= 0', build: f('repeat', lit('ab'), lit(-1)), expected: '' },
  { name: 'strpos', build: f('strpos', lit('crate'), lit('at')), expected: 3 },
  { name: 'position(sub IN s)', build: f('position', lit('z'), lit('crate')), expected: 0 },
  { name: 'reverse', build: f('reverse', lit('abc')), expected: 'cba' },
  { name: 'split_part', build: f('split_part', lit('a,b,c'), lit(','), lit(2)), expected: 'b' },
  { name: 'split_part beyond parts', build: f('split_part', lit('a,b'), lit(','), lit(5)), expected: '' },
  { name: 'split_part empty delimiter', build: f('split_part', lit('abc'), lit(''), lit(1)), expected: 'abc' },
  { name: 'split_part n = 0 fails', build: f('split_part', lit('a'), lit(','), lit(0)), expected: { compileError: /field position must be greater than zero/ } },
]));

describe('math functions (§2.4)', () => run([
  { name: 'abs(-5)', build: f('abs', lit(-5)), expected: 5 },
  { name: 'abs keeps the type', build: () => { assert.deepEqual(typeOf('abs', col('x', T.bigint)), T.bigint); return callSql('abs', [dbl(-1.5)]); }, expected: 1.5 },
  { name: 'sign(-3) = -1.0 double', build: () => { assert.deepEqual(typeOf('sign', lit(-3)), T.double); return callSql('sign', [lit(-3)]); }, expected: -1 },
  { name: 'ceil(1.2) = 2 bigint', build: () => { assert.deepEqual(typeOf('ceil', dbl(1.2)), T.bigint); return callSql('ceil', [dbl(1.2)]); }, expected: 2 },
  { name: 'ceiling(-1.2) = -1', build: f('ceiling', dbl(-1.2)), expected: -1 },
  { name: 'ceil(real) is integer', build: () => { assert.deepEqual(typeOf('ceil', col('CAST(1.5 AS FLOAT)', T.real)), T.integer); return callSql('ceil', [col('CAST(1.5 AS FLOAT)', T.real)]); }, expected: 2 },
  { name: 'floor(-1.5) = -2', build: f('floor', dbl(-1.5)), expected: -2 },
  { name: 'floor(integer) unchanged', build: f('floor', int(7)), expected: 7 },
  { name: 'round(-2.5) = -2 (ties toward +∞)', build: f('round', dbl(-2.5)), expected: -2 },
  { name: 'round(2.5) = 3', build: f('round', dbl(2.5)), expected: 3 },
  { name: 'round(-2.6) = -3', build: f('round', dbl(-2.6)), expected: -3 },
  { name: 'round(double) is bigint', build: () => { assert.deepEqual(typeOf('round', dbl(1)), T.bigint); assert.deepEqual(typeOf('round', int(1)), T.integer); return callSql('round', [int(4)]); }, expected: 4 },
  { name: 'round(numeric) half-up', build: () => `CAST(${callSql('round', [col('CAST(-2.5 AS DECIMAL(5,1))', { kind: 'numeric', precision: 5, scale: 1 })])} AS DOUBLE)`, expected: -3 },
  { name: 'round(1234, -2) = 1200', build: () => `CAST(${callSql('round', [lit(1234), lit(-2)])} AS DOUBLE)`, expected: 1200 },
  { name: 'round(2.345, 2) = 2.35 numeric', build: () => `CAST(${callSql('round', [lit(2.345), lit(2)])} AS VARCHAR)`, expected: '2.35' },
  { name: 'round(42.21, 1) keeps scale 1', build: () => `CAST(${callSql('round', [lit(42.21), lit(1)])} AS VARCHAR)`, expected: '42.2' },
  { name: 'round(1234, -4) = 0', build: () => `CAST(${callSql('round', [lit(1234), lit(-4)])} AS VARCHAR)`, expected: '0' },
  { name: 'trunc(-2.7) = -2', build: f('trunc', dbl(-2.7)), expected: -2 },
  { name: 'trunc(29.999999, 3) = 29.999', build: f('trunc', lit(29.999999), lit(3)), expected: 29.999 },
  { name: 'sqrt(16) = 4.0', build: f('sqrt', lit(16)), expected: 4 },
  { name: 'sqrt of negative fails', build: f('sqrt', dbl(-1)), expected: { runtimeError: /SQLParseException\[cannot take square root of a negative number\]/ } },
  { name: 'power(2, 3) = 8.0', build: f('power', lit(2), lit(3)), expected: 8 },
  { name: 'exp(0) = 1', build: f('exp', lit(0)), expected: 1 },
  { name: 'ln(1) = 0', build: f('ln', lit(1)), expected: 0 },
  { name: 'ln(0) fails', build: f('ln', dbl(0)), expected: { runtimeError: /cannot take logarithm of zero/ } },
  { name: 'ln(-1) fails', build: f('ln', dbl(-1)), expected: { runtimeError: /cannot take logarithm of a negative number/ } },
  { name: 'log(100) = 2', build: f('log', lit(100)), expected: 2 },
  { name: 'log(8, 2) = 3 (value, base)', build: f('log', lit(8), lit(2)), expected: 3 },
  { name: 'log base 1 fails', build: f('log', lit(8), dbl(1)), expected: { runtimeError: /division by zero/ } },
  { name: 'mod(-7, 3) = -1', build: f('mod', lit(-7), lit(3)), expected: -1 },
  { name: 'modulus(7, 0) fails', build: f('modulus', int(7), int(0)), expected: { runtimeError: /\/ by zero/ } },
  { name: 'pi()', build: f('pi'), expected: Math.PI },
  { name: 'degrees(pi)', build: () => callSql('degrees', [col('pi()', T.double)]), expected: 180 },
  { name: 'sin(0)', build: f('sin', lit(0)), expected: 0 },
  { name: 'atan2(1, 1)', build: f('atan2', lit(1), lit(1)), expected: Math.PI / 4 },
  { name: 'cot(0) = Infinity', build: () => `isinf(${callSql('cot', [dbl(0)])})`, expected: true },
  { name: 'random() in [0, 1)', build: () => `${callSql('random', [])} BETWEEN 0 AND 1`, expected: true },
  { name: 'gen_random_text_uuid() is 20 URL-safe chars', build: () => `regexp_full_match(${callSql('gen_random_text_uuid', [])}, '[A-Za-z0-9_-]{20}')`, expected: true },
  { name: 'sqrt(numeric) stays numeric', build: () => { assert.deepEqual(typeOf('sqrt', col('CAST(4 AS DECIMAL(5,0))', { kind: 'numeric', precision: 5, scale: 0 })), T.numeric); return callSql('sqrt', [lit(9)]); }, expected: 3 },
]));

describe('regex functions (§2.5)', () => run([
  { name: 'regexp_replace replaces the first match', build: f('regexp_replace', lit('aaa'), lit('a'), lit('b')), expected: 'baa' },
  { name: "regexp_replace with 'g'", build: f('regexp_replace', lit('aaa'), lit('a'), lit('b'), lit('g')), expected: 'bbb' },
  { name: 'regexp_replace $1 back-reference', build: f('regexp_replace', lit('crate.io'), lit('(\\w+)\\.(\\w+)'), lit('$2-$1')), expected: 'io-crate' },
  { name: "regexp_replace flag 'i'", build: f('regexp_replace', lit('ABC'), lit('b'), lit('x'), lit('i')), expected: 'AxC' },
  { name: 'regexp_replace no match unchanged', build: f('regexp_replace', lit('abc'), lit('z'), lit('x')), expected: 'abc' },
  { name: 'regexp_replace escaped dollar', build: f('regexp_replace', lit('a'), lit('a'), lit('\\$5')), expected: '$5' },
  { name: 'regexp_count', build: f('regexp_count', lit('abcabc'), lit('b')), expected: 2 },
  { name: 'regexp_count from start', build: f('regexp_count', lit('abcabc'), lit('b'), lit(3)), expected: 1 },
]));

describe('conditional functions (§2.8)', () => run([
  { name: 'coalesce', build: f('coalesce', lit(null), int(2), int(3)), expected: 2 },
  { name: 'coalesce unifies types', build: () => { assert.deepEqual(typeOf('coalesce', int(1), dbl(2)), T.double); return callSql('coalesce', [int(1), dbl(2)]); }, expected: 1 },
  { name: 'greatest ignores NULL', build: f('greatest', int(1), lit(null), int(3)), expected: 3 },
  { name: 'least', build: f('least', int(5), int(2)), expected: 2 },
  { name: 'greatest all NULL', build: f('greatest', lit(null), lit(null)), expected: null },
  { name: 'nullif equal', build: f('nullif', int(1), lit(1)), expected: null },
  { name: 'nullif different', build: f('nullif', int(1), lit(2)), expected: 1 },
  { name: 'if true', build: f('if', col('true', T.boolean), lit('a'), lit('b')), expected: 'a' },
  { name: 'if without else', build: f('if', col('false', T.boolean), lit('a')), expected: null },
  { name: 'if evaluates only the chosen branch', build: () => callSql('if', [col('true', T.boolean), int(1), col("error('boom')", T.integer)]), expected: 1 },
]));

describe('array functions (§2.6)', () => run([
  { name: 'array_append', build: f('array_append', arr('[1,2]'), int(3)), expected: [1, 2, 3] },
  { name: 'array_append NULL', build: f('array_append', arr('[1]'), lit(null)), expected: [1, null] },
  { name: 'array_prepend', build: f('array_prepend', int(0), arr('[1]')), expected: [0, 1] },
  { name: 'array_cat', build: f('array_cat', arr('[1]'), arr('[2,3]')), expected: [1, 2, 3] },
  { name: 'array_unique keeps first occurrences', build: f('array_unique', arr('[10,20]'), col('[10.0,20.3]::DOUBLE[]', T.array(T.double))), expected: [10, 20, 20.3] },
  { name: 'array_unique single', build: f('array_unique', arr('[3,1,3,2,1]')), expected: [3, 1, 2] },
  { name: 'array_difference', build: f('array_difference', arr('[1,2,3,NULL]'), arr('[2]')), expected: [1, 3, null] },
  { name: 'array_length dim 1', build: f('array_length', arr('[1,2,3]'), lit(1)), expected: 3 },
  { name: 'array_length empty is NULL', build: f('array_length', arr('CAST([] AS INTEGER[])'), lit(1)), expected: null },
  { name: 'array_length dim 0 is NULL', build: f('array_length', arr('[1]'), lit(0)), expected: null },
  { name: 'array_upper dim 2 (ragged)', build: f('array_upper', col('[[1,2,3],[1,2]]', T.array(T.array(T.integer))), lit(2)), expected: 3 },
  { name: 'array_length non-literal dim', build: f('array_length', col('[[1,2,3],[1,2]]', T.array(T.array(T.integer))), int(1)), expected: 2 },
  { name: 'array_lower', build: f('array_lower', arr('[1,2]'), lit(1)), expected: 1 },
  { name: 'array_lower dim 2 with an empty sub-array is NULL', build: f('array_lower', col('[[1, 4], [3], []]', T.array(T.array(T.integer))), lit(2)), expected: null },
  { name: 'array_lower dim 2', build: f('array_lower', col('[[1, 4], [3]]', T.array(T.array(T.integer))), lit(2)), expected: 1 },
  { name: 'array_overlap', build: f('array_overlap', arr('[1,2]'), arr('[2,5]')), expected: true },
  { name: 'array_set single', build: f('array_set', arr("['_', 'b']", T.text), lit(1), lit('a')), expected: ['a', 'b'] },
  { name: 'array_set several with gap', build: f('array_set', arr("['_', 'b']", T.text), lit([1, 4], T.array(T.integer)), lit(['a', 'd'], T.array(T.text))), expected: ['a', 'b', null, 'd'] },
  { name: 'array_set index 0 fails', build: f('array_set', arr('[1]'), int(0), lit(5)), expected: { runtimeError: /Updating arrays with indexes <= 0 is not supported/ } },
  { name: 'array_slice', build: f('array_slice', arr('[1,2,3,4]'), lit(2), lit(3)), expected: [2, 3] },
  { name: 'array_to_string skips NULL', build: f('array_to_string', arr('[1,NULL,3]'), lit(',')), expected: '1,3' },
  { name: 'array_to_string null_str', build: f('array_to_string', arr('[1,NULL,3]'), lit(','), lit('*')), expected: '1,*,3' },
  { name: 'array_to_string NULL separator', build: f('array_to_string', arr('[1]'), nullText), expected: null },
  { name: 'array_to_string doubles in Java form', build: f('array_to_string', col('[1.0, 2.5]::DOUBLE[]', T.array(T.double)), lit('|')), expected: '1.0|2.5' },
  { name: 'string_to_array', build: f('string_to_array', lit('a,b,,c'), lit(',')), expected: ['a', 'b', '', 'c'] },
  { name: 'string_to_array NULL separator splits chars', build: f('string_to_array', lit('abc'), nullText), expected: ['a', 'b', 'c'] },
  { name: "string_to_array '' separator", build: f('string_to_array', lit('abc'), lit('')), expected: ['abc'] },
  { name: 'string_to_array null_str', build: f('string_to_array', lit('a,x,b'), lit(','), lit('x')), expected: ['a', null, 'b'] },
  { name: 'array_position', build: f('array_position', arr('[5,6,7]'), lit(6)), expected: 2 },
  { name: 'array_position absent', build: f('array_position', arr('[5,6,7]'), lit(9)), expected: null },
  { name: 'array_position from start', build: f('array_position', arr('[6,5,6]'), lit(6), lit(2)), expected: 3 },
  { name: 'array_position finds NULL', build: f('array_position', arr('[1,NULL]'), lit(null)), expected: 2 },
  { name: 'array_min', build: f('array_min', arr('[3,NULL,1]')), expected: 1 },
  { name: 'array_max', build: f('array_max', arr('[3,NULL,1]')), expected: 3 },
  { name: 'array_sum ints → bigint', build: () => { assert.deepEqual(typeOf('array_sum', arr('[1]')), T.bigint); return callSql('array_sum', [arr('[1,2,NULL]')]); }, expected: 3 },
  { name: 'array_sum empty is NULL', build: f('array_sum', arr('CAST([] AS INTEGER[])')), expected: null },
  { name: 'array_sum overflow', build: f('array_sum', col('[9223372036854775807, 1]::BIGINT[]', T.array(T.bigint))), expected: { runtimeError: /ArithmeticException\[long overflow\]/ } },
  { name: 'array_avg of ints is numeric', build: () => { assert.deepEqual(typeOf('array_avg', arr('[1]')), T.numeric); return `CAST(${callSql('array_avg', [arr('[1,2]')])} AS DOUBLE)`; }, expected: 1.5 },
  { name: 'array_avg doubles', build: f('array_avg', col('[1.0, 2.0]::DOUBLE[]', T.array(T.double))), expected: 1.5 },
  { name: 'array_unnest flattens one level', build: f('array_unnest', col('[[1], NULL, [NULL, 2]]', T.array(T.array(T.integer)))), expected: [1, null, 2] },
]));

describe('object, special and geo functions (§2.3, §2.7, §2.10)', () => run([
  { name: 'object_keys', build: f('object_keys', col(`CAST('{"a":1,"b":{"c":2}}' AS JSON)`, T.object())), expected: ['a', 'b'] },
  { name: 'null_or_empty(NULL)', build: f('null_or_empty', lit(null)), expected: true },
  { name: 'null_or_empty([])', build: f('null_or_empty', arr('CAST([] AS INTEGER[])')), expected: true },
  { name: 'null_or_empty([[]]) is false', build: f('null_or_empty', col('[[]]::INTEGER[][]', T.array(T.array(T.integer)))), expected: false },
  { name: 'null_or_empty({})', build: f('null_or_empty', col(`CAST('{}' AS JSON)`, T.object())), expected: true },
  { name: 'null_or_empty({a=1})', build: f('null_or_empty', col(`CAST('{"a":1}' AS JSON)`, T.object())), expected: false },
  { name: 'ignore3vl(NULL) = false', build: f('ignore3vl', col('CAST(NULL AS BOOLEAN)', T.boolean)), expected: false },
  { name: 'vector_similarity identical = 1', build: f('vector_similarity', col('[1.0, 2.0]::FLOAT[]', T.array(T.real)), col('[1.0, 2.0]::FLOAT[]', T.array(T.real))), expected: 1 },
  { name: "distance('POINT (10 20)', 'POINT (11 21)') like Lucene", build: f('distance', lit('POINT (10 20)'), lit('POINT (11 21)')), expected: 152354.3209044634 },
  { name: 'distance of geo_point columns', build: f('distance', col('[0.0, 0.0]::DOUBLE[2]', T.geoPoint), col('[0.0, 1.0]::DOUBLE[2]', T.geoPoint)), expected: 111195.07973435764 },
  { name: 'latitude', build: f('latitude', col('[13.4, 52.5]::DOUBLE[2]', T.geoPoint)), expected: 52.5 },
  { name: 'longitude of WKT', build: f('longitude', lit('POINT (9.7417 47.4108)')), expected: 9.7417 },
]));

describe('system functions (§2.9)', () => run([
  { name: 'version() starts with CrateDB 6.5.0', build: () => `starts_with(${callSql('version', [])}, 'CrateDB 6.5.0 (built ')`, expected: true },
  { name: 'current_schema()', build: f('current_schema'), expected: 'doc' },
  { name: 'current_schemas(true)', build: f('current_schemas', lit(true)), expected: ['pg_catalog', 'doc'] },
  { name: 'current_schemas(false)', build: f('current_schemas', lit(false)), expected: ['doc'] },
  { name: 'current_database()', build: f('current_database'), expected: 'crate' },
  { name: 'current_setting known', build: f('current_setting', lit('application_name')), expected: 'test' },
  { name: 'current_setting unknown fails', build: f('current_setting', lit('nope')), expected: { compileError: /Unrecognised Setting: nope/ } },
  { name: 'current_setting missing_ok', build: f('current_setting', lit('nope'), lit(true)), expected: null },
  { name: 'pg_backend_pid() = -1', build: f('pg_backend_pid'), expected: -1 },
  { name: 'pg_typeof(1)', build: f('pg_typeof', lit(1)), expected: 'integer' },
  { name: 'pg_typeof(int[])', build: f('pg_typeof', arr('[1]')), expected: 'integer_array' },
  { name: 'pg_typeof(timestamptz)', build: f('pg_typeof', col('now()', T.timestamptz)), expected: 'timestamp with time zone' },
  { name: 'pg_typeof(NULL)', build: f('pg_typeof', lit(null)), expected: 'undefined' },
  { name: 'pg_get_expr is NULL', build: f('pg_get_expr', lit('x'), lit(1)), expected: null },
  { name: 'pg_encoding_to_char(6)', build: f('pg_encoding_to_char', lit(6)), expected: 'UTF8' },
  { name: 'pg_get_userbyid of crate', build: f('pg_get_userbyid', lit(-450373579)), expected: 'crate' },
  { name: 'pg_get_userbyid unknown OID', build: f('pg_get_userbyid', lit(10)), expected: 'unknown (OID=10)' },
  { name: 'pg_get_userbyid column', build: f('pg_get_userbyid', int(0)), expected: 'unknown (OID=0)' },
  { name: 'format_type(25, NULL)', build: f('format_type', lit(25), lit(null)), expected: 'text' },
  { name: 'format_type unknown', build: f('format_type', int(99999), lit(null)), expected: '???' },
  { name: 'format_type column', build: f('format_type', int(1184), lit(null)), expected: 'timestamp with time zone' },
  { name: "has_database_privilege CONNECT", build: f('has_database_privilege', lit('crate'), lit('CONNECT')), expected: true },
  { name: "has_database_privilege TEMP", build: f('has_database_privilege', lit('crate'), lit('crate'), lit('TEMP')), expected: false },
  { name: 'has_table_privilege', build: f('has_table_privilege', lit('doc.t'), lit('SELECT')), expected: true },
  { name: 'pg_postmaster_start_time is in the past', build: () => `${callSql('pg_postmaster_start_time', [])} <= now()`, expected: true },
]));
