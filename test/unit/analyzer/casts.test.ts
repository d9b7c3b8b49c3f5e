/**
 * casts.ts: implicit-cast table, compile-time folding of literal casts and run-time cast SQL,
 * each executed against an in-memory DuckDB and compared with CrateDB's documented results
 * (types.md §3, §8; sql.md §2, §13 #5/#9).
 */
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { canImplicitlyCast, castLiteralValue, emitAssignmentCast, emitCast } from '../../../src/analyzer/casts.js';
import { T } from '../../../src/types/data-type.js';
import { check, col, lit, openTestDb, type Case, type TestDb } from './duckdb-fixture.js';

let db: TestDb;
before(async () => { db = await openTestDb(); });
after(() => db.close());

const run = (cases: Case[]) => { for (const c of cases) test(c.name, () => check(db, c)); };
const ms = (sql: string) => `epoch_ms(${sql})`;

describe('canImplicitlyCast (types.md §8.2)', () => {
  const yes: [string, Parameters<typeof canImplicitlyCast>][] = [
    ['integer → bigint', [T.integer, T.bigint]], ['bigint → integer (range-checked)', [T.bigint, T.integer]],
    ['text → integer', [T.text, T.integer]], ['text → timestamptz', [T.text, T.timestamptz]],
    ['text → object', [T.text, T.object()]], ['text → ip', [T.text, T.ip]], ['text → uuid', [T.text, T.uuid]],
    ['double → timestamp', [T.double, T.timestamp]], ['timestamptz → bigint', [T.timestamptz, T.bigint]],
    ['timestamp → timestamptz', [T.timestamp, T.timestamptz]], ['boolean → text', [T.boolean, T.text]],
    ['undefined → anything', [T.undefined, T.geoShape]], ['int[] → bigint[]', [T.array(T.integer), T.array(T.bigint)]],
    ['object → json', [T.object(), T.json]], ['json → object', [T.json, T.object()]],
    ['double[] → geo_point', [T.array(T.double), T.geoPoint]], ['varchar(3) → text', [{ kind: 'varchar', length: 3 }, T.text]],
  ];
  const no: [string, Parameters<typeof canImplicitlyCast>][] = [
    ['boolean → integer', [T.boolean, T.integer]], ['text → interval (explicit only)', [T.text, T.interval]],
    ['text → text[] (explicit only)', [T.text, T.array(T.text)]], ['ip → integer', [T.ip, T.integer]],
    ['timestamp → integer', [T.timestamp, T.integer]], ['geo_point → text', [T.geoPoint, T.text]],
    ['integer → interval', [T.integer, T.interval]], ['int[] → integer', [T.array(T.integer), T.integer]],
  ];
  for (const [name, args] of yes) test(name, () => assert.equal(canImplicitlyCast(...args), true));
  for (const [name, args] of no) test(`not ${name}`, () => assert.equal(canImplicitlyCast(...args), false));
});

describe('numeric casts', () => run([
  { name: 'CAST(2.7 AS integer) = 2 (folded)', build: () => emitCast(lit(2.7), T.integer, 'explicit'), expected: 2 },
  { name: 'CAST(-2.7 AS integer) = -2 (folded)', build: () => emitCast(lit(-2.7), T.integer, 'explicit'), expected: -2 },
  { name: 'double column 2.7 → integer truncates', build: () => emitCast(col('CAST(2.7 AS DOUBLE)', T.double), T.integer, 'explicit'), expected: 2 },
  { name: 'double column -2.7 → integer truncates', build: () => emitCast(col('CAST(-2.7 AS DOUBLE)', T.double), T.integer, 'explicit'), expected: -2 },
  { name: 'real column 9.99 → bigint', build: () => emitCast(col('CAST(9.99 AS FLOAT)', T.real), T.bigint, 'explicit'), expected: 9 },
  { name: "'2.7'::int fails at analysis", build: () => emitCast(lit('2.7'), T.integer, 'explicit'), expected: { compileError: /Cannot cast `'2.7'` of type `text` to type `integer`/ } },
  { name: "'abc'::int fails at analysis", build: () => emitCast(lit('abc'), T.integer, 'explicit'), expected: { compileError: /SQLParseException\[Cannot cast `'abc'` of type `text` to type `integer`\]/ } },
  { name: "TRY_CAST('abc' AS int) is NULL", build: () => emitCast(lit('abc'), T.integer, 'try'), expected: null },
  { name: "'42'::int", build: () => emitCast(lit('42'), T.integer, 'explicit'), expected: 42 },
  { name: "'-42'::bigint", build: () => emitCast(lit('-42'), T.bigint, 'explicit'), expected: -42 },
  { name: "text column '2.7' → integer fails at run time", build: () => emitCast(col("'2.7'", T.text), T.integer, 'explicit'), expected: { runtimeError: /SQLParseException\[Cannot cast value `2.7` to type `integer`\]/ } },
  { name: "text column ' 5' → integer fails (Java parseInt)", build: () => emitCast(col("' 5'", T.text), T.integer, 'explicit'), expected: { runtimeError: /Cannot cast value ` 5` to type `integer`/ } },
  { name: "text column '0x10' → integer fails", build: () => emitCast(col("'0x10'", T.text), T.integer, 'explicit'), expected: { runtimeError: /Cannot cast value `0x10`/ } },
  { name: "text column '17' → integer", build: () => emitCast(col("'17'", T.text), T.integer, 'explicit'), expected: 17 },
  { name: 'text column NULL → integer is NULL', build: () => emitCast(col('CAST(NULL AS VARCHAR)', T.text), T.integer, 'explicit'), expected: null },
  { name: 'TRY_CAST text column bad → NULL', build: () => emitCast(col("'x'", T.text), T.integer, 'try'), expected: null },
  { name: '128::byte fails at analysis', build: () => emitCast(lit(128), T.byte, 'explicit'), expected: { compileError: /Cannot cast `128` of type `integer` to type `byte`/ } },
  { name: 'integer column 300 → byte fails at run time', build: () => emitCast(col('CAST(300 AS INTEGER)', T.integer), T.byte, 'explicit'), expected: { runtimeError: /Cannot cast value `300` to type `byte`/ } },
  { name: 'bigint column 3e9 → integer fails', build: () => emitCast(col('CAST(3000000000 AS BIGINT)', T.bigint), T.integer, 'explicit'), expected: { runtimeError: /Cannot cast value `3000000000` to type `integer`/ } },
  { name: 'TRY_CAST bigint column 3e9 → integer is NULL', build: () => emitCast(col('CAST(3000000000 AS BIGINT)', T.bigint), T.integer, 'try'), expected: null },
  { name: 'double NaN column → integer fails', build: () => emitCast(col("CAST('NaN' AS DOUBLE)", T.double), T.integer, 'explicit'), expected: { runtimeError: /Cannot cast value/ } },
  { name: "'1e3'::double", build: () => emitCast(lit('1e3'), T.double, 'explicit'), expected: 1000 },
  { name: "'NaN'::double", build: () => `isnan(${emitCast(lit('NaN'), T.double, 'explicit')})`, expected: true },
  { name: "'Infinity'::real", build: () => `isinf(${emitCast(lit('Infinity'), T.real, 'explicit')})`, expected: true },
  { name: "'abc'::double fails", build: () => emitCast(lit('abc'), T.double, 'explicit'), expected: { compileError: /Cannot cast `'abc'` of type `text` to type `double precision`/ } },
  { name: "text column '1.5' → double", build: () => emitCast(col("'1.5'", T.text), T.double, 'explicit'), expected: 1.5 },
  { name: "text column 'x' → double fails", build: () => emitCast(col("'x'", T.text), T.double, 'explicit'), expected: { runtimeError: /Cannot cast value `x` to type `double precision`/ } },
  { name: '1.25::numeric(3,1) rounds half-up', build: () => `CAST(${emitCast(lit(1.25), { kind: 'numeric', precision: 3, scale: 1 }, 'explicit')} AS VARCHAR)`, expected: '1.3' },
  { name: "'123.456'::numeric(5,2)", build: () => `CAST(${emitCast(lit('123.456'), { kind: 'numeric', precision: 5, scale: 2 }, 'explicit')} AS VARCHAR)`, expected: '123.46' },
  { name: '1234.5::numeric(3,1) does not fit', build: () => emitCast(lit(1234.5), { kind: 'numeric', precision: 3, scale: 1 }, 'explicit'), expected: { compileError: /Cannot cast `1234.5` of type `double precision` to type `numeric\(3,1\)`/ } },
  { name: 'numeric column → integer truncates', build: () => emitCast(col('CAST(2.7 AS DECIMAL(5,1))', { kind: 'numeric', precision: 5, scale: 1 }), T.integer, 'explicit'), expected: 2 },
]));

describe('boolean casts (types.md §3.1)', () => run([
  ...['t', 'TRUE', 'y', 'yes', 'On', '1'].map((s) => ({ name: `'${s}'::boolean = true`, build: () => emitCast(lit(s), T.boolean, 'explicit'), expected: true })),
  ...['f', 'false', 'N', 'no', 'off', '0'].map((s) => ({ name: `'${s}'::boolean = false`, build: () => emitCast(lit(s), T.boolean, 'explicit'), expected: false })),
  { name: "'maybe'::boolean fails", build: () => emitCast(lit('maybe'), T.boolean, 'explicit'), expected: { compileError: /Cannot cast `'maybe'` of type `text` to type `boolean`/ } },
  { name: "text column 'yes' → boolean", build: () => emitCast(col("'yes'", T.text), T.boolean, 'explicit'), expected: true },
  { name: "text column 'OFF' → boolean", build: () => emitCast(col("'OFF'", T.text), T.boolean, 'explicit'), expected: false },
  { name: "text column 'x' → boolean fails", build: () => emitCast(col("'x'", T.text), T.boolean, 'explicit'), expected: { runtimeError: /Cannot cast value `x` to type `boolean`/ } },
  { name: '2::boolean = true (> 0)', build: () => emitCast(lit(2), T.boolean, 'explicit'), expected: true },
  { name: 'integer column -1 → boolean false', build: () => emitCast(col('CAST(-1 AS INTEGER)', T.integer), T.boolean, 'explicit'), expected: false },
  { name: 'double column 0.5 → boolean true', build: () => emitCast(col('CAST(0.5 AS DOUBLE)', T.double), T.boolean, 'explicit'), expected: true },
  { name: 'boolean → integer is not castable', build: () => emitCast(col('true', T.boolean), T.integer, 'explicit'), expected: { compileError: /Cannot cast expressions from type `boolean` to type `integer`/ } },
]));

describe('text casts', () => run([
  { name: "true::text = 't'", build: () => emitCast(lit(true), T.text, 'explicit'), expected: 't' },
  { name: "boolean column false → 'f'", build: () => emitCast(col('false', T.boolean), T.text, 'explicit'), expected: 'f' },
  { name: 'boolean column NULL → NULL', build: () => emitCast(col('CAST(NULL AS BOOLEAN)', T.boolean), T.text, 'explicit'), expected: null },
  { name: "1::text = '1'", build: () => emitCast(lit(1), T.text, 'explicit'), expected: '1' },
  { name: 'double literal 1.0 → text 1.0', build: () => emitCast(lit(1, T.double), T.text, 'explicit'), expected: '1.0' },
  { name: 'double column 1e20 → 1.0E20', build: () => emitCast(col('CAST(1e20 AS DOUBLE)', T.double), T.text, 'explicit'), expected: '1.0E20' },
  { name: 'double column 0.0001 → 1.0E-4', build: () => emitCast(col('CAST(0.0001 AS DOUBLE)', T.double), T.text, 'explicit'), expected: '1.0E-4' },
  { name: 'double column 123.456 → 123.456', build: () => emitCast(col('CAST(123.456 AS DOUBLE)', T.double), T.text, 'explicit'), expected: '123.456' },
  { name: 'double column 100 → 100.0', build: () => emitCast(col('CAST(100 AS DOUBLE)', T.double), T.text, 'explicit'), expected: '100.0' },
  { name: 'double column NaN → NaN', build: () => emitCast(col("CAST('NaN' AS DOUBLE)", T.double), T.text, 'explicit'), expected: 'NaN' },
  { name: 'real column 0.1 → 0.1', build: () => emitCast(col('CAST(0.1 AS FLOAT)', T.real), T.text, 'explicit'), expected: '0.1' },
  { name: 'real column 3.4028235e38 → 3.4028235E38', build: () => emitCast(col('CAST(3.4028235e38 AS FLOAT)', T.real), T.text, 'explicit'), expected: '3.4028235E38' },
  { name: 'timestamp → text gives epoch ms digits', build: () => emitCast(emitCastTs('2021-01-01'), T.text, 'explicit'), expected: '1609459200000' },
  { name: 'timestamptz column → text digits', build: () => emitCast(col("TIMESTAMPTZ '2021-01-01 00:00:00+00'", T.timestamptz), T.text, 'explicit'), expected: '1609459200000' },
  { name: 'interval column → CrateDB text', build: () => emitCast(col("INTERVAL '1 year 2 months 3 days 04:05:06'", T.interval), T.text, 'explicit'), expected: '1 year 2 mons 3 days 04:05:06' },
  { name: 'interval 1.5 s → 00:00:01.500', build: () => emitCast(col("INTERVAL '1500 milliseconds'", T.interval), T.text, 'explicit'), expected: '00:00:01.500' },
  { name: 'interval -1 day → -1 days 00:00:00', build: () => emitCast(col("INTERVAL '-1 day'", T.interval), T.text, 'explicit'), expected: '-1 days 00:00:00' },
  { name: "'abcdef'::varchar(3) truncates", build: () => emitCast(lit('abcdef'), { kind: 'varchar', length: 3 }, 'explicit'), expected: 'abc' },
  { name: 'text column → varchar(2) truncates', build: () => emitCast(col("'xyz'", T.text), { kind: 'varchar', length: 2 }, 'explicit'), expected: 'xy' },
  { name: "'Bo'::character(3) pads", build: () => emitCast(lit('Bo'), { kind: 'character', length: 3 }, 'explicit'), expected: 'Bo ' },
  { name: 'text column → character(2) truncates', build: () => emitCast(col("'abc'", T.text), { kind: 'character', length: 2 }, 'explicit'), expected: 'ab' },
  { name: 'object → text is compact JSON', build: () => emitCast(col(`CAST('{"x": 10}' AS JSON)`, T.object()), T.text, 'explicit'), expected: '{"x":10}' },
  { name: 'object literal → text', build: () => emitCast(lit({ x: 10 }, T.object()), T.text, 'explicit'), expected: '{"x":10}' },
  { name: "bit column → B'0101'", build: () => emitCast(col("'0101'", { kind: 'bit', length: 4 }), T.text, 'explicit'), expected: "B'0101'" },
  { name: 'integer array → text is not castable', build: () => emitCast(col('[1]', T.array(T.integer)), T.text, 'explicit'), expected: { compileError: /Cannot cast expressions from type `integer_array` to type `text`/ } },
]));

/** A timestamp-without-time-zone literal CompiledExpr folded from text. */
function emitCastTs(text: string) {
  return { sql: emitCast(lit(text), T.timestamp, 'explicit'), type: T.timestamp };
}

describe('timestamp casts (types.md §3.9)', () => run([
  { name: "'2021-01-01'::timestamp", build: () => ms(emitCast(lit('2021-01-01'), T.timestamp, 'explicit')), expected: 1609459200000 },
  { name: 'offset applied for timestamptz', build: () => ms(emitCast(lit('1970-01-02T00:00:00+01:00'), T.timestamptz, 'explicit')), expected: 82800000 },
  { name: 'offset ignored for timestamp', build: () => ms(emitCast(lit('1970-01-02T00:00:00+01:00'), T.timestamp, 'explicit')), expected: 86400000 },
  { name: 'fraction truncated to ms', build: () => ms(emitCast(lit('2029-12-12T11:44:00.24446'), T.timestamptz, 'explicit')), expected: 1891770240244 },
  { name: 'digits are epoch ms', build: () => ms(emitCast(lit('1463184000000'), T.timestamptz, 'explicit')), expected: 1463184000000 },
  { name: 'Z suffix', build: () => ms(emitCast(lit('2021-01-01T10:00:00Z'), T.timestamptz, 'explicit')), expected: 1609495200000 },
  { name: 'lower-case t and z', build: () => ms(emitCast(lit('2021-01-01t10:00:00z'), T.timestamptz, 'explicit')), expected: 1609495200000 },
  { name: 'zone id suffix', build: () => ms(emitCast(lit('2021-01-01T10:00:00Europe/Berlin'), T.timestamptz, 'explicit')), expected: 1609491600000 },
  { name: 'signed 5-digit year', build: () => ms(emitCast(lit('+10000-03-09'), T.date, 'explicit')), expected: 253408176000000 },
  { name: 'invalid date fails', build: () => emitCast(lit('2021-02-30'), T.timestamptz, 'explicit'), expected: { compileError: /Cannot cast `'2021-02-30'` of type `text` to type `timestamp with time zone`/ } },
  { name: 'bigint literal is epoch ms', build: () => ms(emitCast(lit(1609459200000), T.timestamptz, 'explicit')), expected: 1609459200000 },
  { name: 'double literal is epoch seconds', build: () => ms(emitCast(lit(1.5), T.timestamptz, 'explicit')), expected: 1500 },
  { name: 'integer column is epoch ms', build: () => ms(emitCast(col('CAST(86400000 AS BIGINT)', T.bigint), T.timestamp, 'explicit')), expected: 86400000 },
  { name: 'double column is epoch seconds', build: () => ms(emitCast(col('CAST(1.5 AS DOUBLE)', T.double), T.timestamptz, 'explicit')), expected: 1500 },
  { name: 'text column with offset → timestamptz', build: () => ms(emitCast(col("'2021-01-01T10:00:00+01:00'", T.text), T.timestamptz, 'explicit')), expected: 1609491600000 },
  { name: 'text column with offset → timestamp ignores it', build: () => ms(emitCast(col("'2021-01-01T10:00:00+01:00'", T.text), T.timestamp, 'explicit')), expected: 1609495200000 },
  { name: 'text column with zone id (UDF path)', build: () => ms(emitCast(col("'2021-01-01T10:00:00Europe/Berlin'", T.text), T.timestamptz, 'explicit')), expected: 1609491600000 },
  { name: 'text column of digits', build: () => ms(emitCast(col("'1463184000000'", T.text), T.timestamptz, 'explicit')), expected: 1463184000000 },
  { name: 'text column microseconds truncated', build: () => `epoch_us(${emitCast(col("'2021-01-01 00:00:00.123456'", T.text), T.timestamptz, 'explicit')})`, expected: 1609459200123000 },
  { name: 'text column garbage fails', build: () => emitCast(col("'nope'", T.text), T.timestamptz, 'explicit'), expected: { runtimeError: /SQLParseException\[Cannot cast value `nope` to type `timestamp with time zone`\]/ } },
  { name: 'TRY_CAST text column garbage is NULL', build: () => emitCast(col("'nope'", T.text), T.timestamptz, 'try'), expected: null },
  { name: 'timestamp → bigint is epoch ms', build: () => emitCast(col("TIMESTAMP '2021-01-01 00:00:01.5'", T.timestamp), T.bigint, 'explicit'), expected: 1609459201500 },
  { name: 'timestamptz → double is epoch ms', build: () => emitCast(col("TIMESTAMPTZ '1970-01-01 00:00:01+00'", T.timestamptz), T.double, 'explicit'), expected: 1000 },
  { name: "'2021-03-09T10:00:00'::date", build: () => ms(`CAST(${emitCast(lit('2021-03-09T10:00:00'), T.date, 'explicit')} AS TIMESTAMP)`), expected: 1615248000000 },
  { name: 'bigint column → date truncates to the day', build: () => ms(`CAST(${emitCast(col('CAST(1615284000000 AS BIGINT)', T.bigint), T.date, 'explicit')} AS TIMESTAMP)`), expected: 1615248000000 },
  { name: "'5 days'::interval", build: () => `epoch(${emitCast(lit('5 days'), T.interval, 'explicit')})`, expected: 432000 },
  { name: 'text column → interval', build: () => `epoch(${emitCast(col("'1 hour'", T.text), T.interval, 'explicit')})`, expected: 3600 },
]));

describe('ip, uuid, object, array and geo casts', () => run([
  { name: 'ip literal normalised (mapped IPv4)', build: () => emitCast(lit('::ffff:192.168.0.1'), T.ip, 'explicit'), expected: '192.168.0.1' },
  { name: 'ip literal IPv6 compressed', build: () => emitCast(lit('2001:0DB8:0000:0000:0000:0000:0000:0001'), T.ip, 'explicit'), expected: '2001:db8::1' },
  { name: "'fake.ip'::ip fails", build: () => emitCast(lit('fake.ip'), T.ip, 'explicit'), expected: { compileError: /Cannot cast `'fake.ip'` of type `text` to type `ip`/ } },
  { name: 'text column → ip (UDF)', build: () => emitCast(col("'::ffff:10.0.0.1'", T.text), T.ip, 'explicit'), expected: '10.0.0.1' },
  { name: 'text column bad ip fails', build: () => emitCast(col("'300.1.1.1'", T.text), T.ip, 'explicit'), expected: { runtimeError: /Cannot cast value `300.1.1.1` to type `ip`/ } },
  { name: 'bigint → ip dotted quad', build: () => emitCast(col('CAST(3232235777 AS BIGINT)', T.bigint), T.ip, 'explicit'), expected: '192.168.1.1' },
  { name: 'uuid literal lower-cased', build: () => `CAST(${emitCast(lit('55D07626-4927-47C5-BA43-A015C23632EF'), T.uuid, 'explicit')} AS VARCHAR)`, expected: '55d07626-4927-47c5-ba43-a015c23632ef' },
  { name: "'{\"a\": 1}'::object", build: () => `json_extract_string(${emitCast(lit('{"a": 1}'), T.object(), 'explicit')}, '$.a')`, expected: '1' },
  { name: "'[1]'::object fails", build: () => emitCast(lit('[1]'), T.object(), 'explicit'), expected: { compileError: /Cannot cast `'\[1\]'` of type `text` to type `object`/ } },
  { name: 'text column → object', build: () => `json_extract_string(${emitCast(col(`'{"b": "x"}'`, T.text), T.object(), 'explicit')}, '$.b')`, expected: 'x' },
  { name: 'text column invalid JSON → object fails', build: () => emitCast(col("'{oops'", T.text), T.object(), 'explicit'), expected: { runtimeError: /Cannot cast value `\{oops` to type `object`/ } },
  { name: 'PG array text → text[]', build: () => emitCast(lit('{ab, CD, "CD", null, "null"}'), T.array(T.text), 'explicit'), expected: ['ab', 'CD', 'CD', null, 'null'] },
  { name: 'PG array text → integer[]', build: () => emitCast(lit('{1, 2, 3}'), T.array(T.integer), 'explicit'), expected: [1, 2, 3] },
  { name: 'text column PG array → integer[]', build: () => emitCast(col("'{4,5}'", T.text), T.array(T.integer), 'explicit'), expected: [4, 5] },
  { name: 'double[] → integer[] truncates each', build: () => emitCast(col('[1.7, -2.7]::DOUBLE[]', T.array(T.double)), T.array(T.integer), 'explicit'), expected: [1, -2] },
  { name: 'integer[] literal → bigint[]', build: () => emitCast(lit([1, 2], T.array(T.integer)), T.array(T.bigint), 'implicit'), expected: [1, 2] },
  { name: 'WKT → geo_point', build: () => emitCast(lit('POINT (9.7417 47.4108)'), T.geoPoint, 'explicit'), expected: [9.7417, 47.4108] },
  { name: 'invalid geo_point', build: () => emitCast(lit([200, 10], T.array(T.integer)), T.geoPoint, 'explicit'), expected: { compileError: /Failed to validate geo point \[lon=200, lat=10\], not a valid location./ } },
  { name: 'text column WKT → geo_point', build: () => emitCast(col("'POINT (1.5 2.5)'", T.text), T.geoPoint, 'explicit'), expected: [1.5, 2.5] },
]));

describe('emitAssignmentCast (INSERT / UPDATE)', () => run([
  { name: "varchar(3) literal too long", build: () => emitAssignmentCast(lit('Alice Smith'), { kind: 'varchar', length: 3 }), expected: { compileError: /'Alice Smith' is too long for the text type of length: 3/ } },
  { name: 'varchar(3) column too long', build: () => emitAssignmentCast(col("'Alice Smith'", T.text), { kind: 'varchar', length: 3 }), expected: { runtimeError: /SQLParseException\['Alice Smith' is too long for the text type of length: 3\]/ } },
  { name: 'varchar(3) excess blanks are cut', build: () => emitAssignmentCast(col("'Bob   '", T.text), { kind: 'varchar', length: 3 }), expected: 'Bob' },
  { name: 'character(5) pads', build: () => emitAssignmentCast(col("'Bob'", T.text), { kind: 'character', length: 5 }), expected: 'Bob  ' },
  { name: 'character(3) too long', build: () => emitAssignmentCast(col("'Alice'", T.text), { kind: 'character', length: 3 }), expected: { runtimeError: /is too long for the character type of length: 3/ } },
  { name: 'bit(4) length mismatch', build: () => emitAssignmentCast(col("'00101'", { kind: 'bit', length: 5 }), { kind: 'bit', length: 4 }), expected: { runtimeError: /bit string length 5 does not match type bit\(4\)/ } },
  { name: 'integer from text column', build: () => emitAssignmentCast(col("'42'", T.text), T.integer), expected: 42 },
  { name: 'real 3.4028235e38 fits', build: () => `CAST(${emitAssignmentCast(lit(3.4028235e38), T.real)} AS VARCHAR)`, expected: '3.4028235e+38' },
  { name: 'timetz literal', build: () => `CAST(${emitCast(lit('13:00:00+01:00'), T.timetz, 'explicit')} AS VARCHAR)`, expected: '13:00:00+01' },
  { name: 'unbounded numeric literal keeps its scale', build: () => `CAST(${emitCast(lit('1.50'), T.numeric, 'explicit')} AS VARCHAR)`, expected: '1.50' },
]));

describe('castLiteralValue (parameters / INSERT)', () => {
  test('integer from string', () => assert.equal(castLiteralValue('12', T.integer), 12));
  test('bigint beyond 2^53 stays exact', () => assert.equal(castLiteralValue('9007199254740993', T.bigint), 9007199254740993n));
  test('double → integer truncates', () => assert.equal(castLiteralValue(2.9, T.integer), 2));
  test('timestamp from text', () => assert.equal(castLiteralValue('2021-01-01T00:00:00Z', T.timestamptz), 1609459200000));
  test('timestamp from double seconds', () => assert.equal(castLiteralValue(1.5, T.timestamptz), 1500));
  test('object from JSON text', () => assert.deepEqual(castLiteralValue('{"a":[1,2]}', T.object()), { a: [1, 2] }));
  test('object element typed by the declared field', () => assert.deepEqual(
    castLiteralValue({ a: '5' }, T.object('strict', [{ name: 'a', type: T.integer }])), { a: 5 }));
  test('object element cast failure message', () => assert.throws(
    () => castLiteralValue({ a: 'x' }, T.object('strict', [{ name: 'a', type: T.integer }])),
    /Cannot cast object element `a` with value `x` to type `integer`/));
  test('varchar(3) assignment too long', () => assert.throws(
    () => castLiteralValue('abcd', { kind: 'varchar', length: 3 }, 'assignment'), /'abcd' is too long for the text type of length: 3/));
  test('varchar(3) assignment trims trailing blanks', () => assert.equal(castLiteralValue('ab   ', { kind: 'varchar', length: 3 }, 'assignment'), 'ab '));
  test('bit length mismatch on assignment', () => assert.throws(
    () => castLiteralValue('10101', { kind: 'bit', length: 4 }, 'assignment'), /bit string length 5 does not match type bit\(4\)/));
  test('parameter cast failure message', () => assert.throws(() => castLiteralValue('abc', T.integer), /Cannot cast value `abc` to type `integer`/));
  test('try mode gives null', () => assert.equal(castLiteralValue('abc', T.integer, 'try'), null));
  test('numeric keeps decimal text', () => assert.equal(castLiteralValue('1.005', { kind: 'numeric', precision: 4, scale: 2 }), '1.01'));
  test('float_vector dimension check', () => assert.throws(() => castLiteralValue([1, 2], { kind: 'float_vector', dimensions: 3 }),
    /The number of vector dimensions does not match the field type/));
  test('array elements cast', () => assert.deepEqual(castLiteralValue(['1', '2'], T.array(T.integer)), [1, 2]));
  test('ip normalised', () => assert.equal(castLiteralValue('0:0:0:0:0:0:0:1', T.ip), '::1'));
  test('geo_point from JSON text', () => assert.deepEqual(castLiteralValue('[13.4, 52.5]', T.geoPoint), [13.4, 52.5]));
  test('date from timestamp text', () => assert.equal(castLiteralValue('2021-03-09T23:59:59', T.date), 1615248000000));
});
