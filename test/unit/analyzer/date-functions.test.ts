/**
 * Date/time functions (functions.md §2.2) and the JS formatters behind date_format/to_char,
 * checked against the examples of CrateDB's scalar-functions documentation.
 */
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { T } from '../../../src/types/data-type.js';
import { formatMysqlDate, formatPgTemplate, mysqlToStrftime } from '../../../src/analyzer/functions/datetime-format.js';
import type { CompiledExpr } from '../../../src/analyzer/functions/function-types.js';
import { lookupFunction } from '../../../src/analyzer/functions/registry.js';
import { callSql, check, col, lit, openTestDb, testContext, type Case, type TestDb } from './duckdb-fixture.js';

let db: TestDb;
before(async () => { db = await openTestDb(); });
after(() => db.close());

const run = (cases: Case[]) => { for (const c of cases) test(c.name, () => check(db, c)); };
const f = (name: string, ...args: CompiledExpr[]) => () => callSql(name, args);
const ms = (name: string, ...args: CompiledExpr[]) => () => `epoch_ms(${callSql(name, args)})`;
const tstz = (s: string) => col(`TIMESTAMPTZ '${s}'`, T.timestamptz);
const ts = (s: string) => col(`TIMESTAMP '${s}'`, T.timestamp);
const iv = (s: string) => col(`INTERVAL '${s}'`, T.interval);
const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('date_trunc', () => run([
  { name: "date_trunc('day', ts)", build: ms('date_trunc', lit('day'), tstz('1979-10-12 21:30:00+00')), expected: 308534400000 },
  { name: "date_trunc('day', 'Europe/Moscow', ts)", build: ms('date_trunc', lit('day'), lit('Europe/Moscow'), tstz('1979-10-12 00:00:00+00')), expected: 308523600000 },
  { name: "date_trunc('week') is Monday", build: ms('date_trunc', lit('week'), tstz('2021-03-07 10:00:00+00')), expected: Date.parse('2021-03-01T00:00:00Z') },
  { name: "date_trunc('quarter')", build: ms('date_trunc', lit('quarter'), ts('2021-05-07 10:00:00')), expected: Date.parse('2021-04-01T00:00:00Z') },
  { name: "date_trunc('year')", build: ms('date_trunc', lit('year'), tstz('2021-05-07 10:00:00+00')), expected: Date.parse('2021-01-01T00:00:00Z') },
  { name: "date_trunc('hour') of bigint epoch ms", build: ms('date_trunc', lit('hour'), lit(1609462861000)), expected: 1609462800000 },
  { name: "date_trunc('minute') of text", build: ms('date_trunc', lit('minute'), lit('2021-01-01T10:11:12Z')), expected: Date.parse('2021-01-01T10:11:00Z') },
  { name: "date_trunc with '+01:00' offset", build: ms('date_trunc', lit('day'), lit('+01:00'), tstz('2021-01-01 23:30:00+00')), expected: Date.parse('2021-01-01T23:00:00Z') },
  { name: 'date_trunc returns timestamptz', build: () => { assert.deepEqual(typeOfCall('date_trunc', [lit('day'), ts('2021-01-01')]), T.timestamptz); return "'ok'"; }, expected: 'ok' },
  { name: 'date_trunc invalid unit', build: f('date_trunc', lit('fortnight'), tstz('2021-01-01 00:00:00+00')), expected: { compileError: /invalid interval 'fortnight' for scalar 'date_trunc'/ } },
]));

function typeOfCall(name: string, args: CompiledExpr[]) {
  return lookupFunction(name)!.resolve(args, testContext, { distinct: false })!.type;
}

describe('date_bin', () => run([
  { name: "date_bin('2 hours', 08:30:10, origin 05:00) = 07:00", build: ms('date_bin', iv('2 hours'), ts('2021-01-01 08:30:10'), lit('2021-01-01T05:00:00Z', T.text)), expected: 1609484400000 },
  { name: "date_bin 18:18:10 → 17:00", build: ms('date_bin', iv('2 hours'), ts('2021-01-01 18:18:10'), lit('2021-01-01T05:00:00Z')), expected: 1609520400000 },
  { name: 'date_bin with origin 0', build: ms('date_bin', iv('2 hours'), ts('2021-01-01 08:30:10'), lit(0)), expected: 1609488000000 },
  { name: "date_bin tz origin TIMEZONE('+02:00', 0)", build: () => `epoch_ms(${callSql('date_bin', [iv('4 hours'), tstz('2020-01-01 09:00:00+02'), col(callSql('timezone', [lit('+02:00'), lit(0)]), T.timestamptz)])})`, expected: 1577858400000 },
  { name: 'negative interval acts like positive', build: ms('date_bin', iv('-2 hours'), ts('2021-01-01 08:30:10'), lit(0)), expected: 1609488000000 },
  { name: 'month intervals rejected', build: f('date_bin', iv('1 month'), ts('2021-01-01 08:30:10'), lit(0)), expected: { runtimeError: /Cannot use intervals containing months or years/ } },
  { name: 'zero interval rejected', build: f('date_bin', iv('0 seconds'), ts('2021-01-01 08:30:10'), lit(0)), expected: { runtimeError: /Interval cannot be zero/ } },
]));

describe('date_format (MySQL specifiers)', () => run([
  { name: "date_format('1970-01-01') default format", build: f('date_format', lit('1970-01-01')), expected: '1970-01-01T00:00:00.000000Z' },
  { name: "date_format('%W the %D of %M %Y %H:%i %p', 0)", build: f('date_format', lit('%W the %D of %M %Y %H:%i %p'), lit(0)), expected: 'Thursday the 1st of January 1970 00:00 AM' },
  { name: "date_format('%Y/%m/%d %H:%i', 'EST', 0)", build: f('date_format', lit('%Y/%m/%d %H:%i'), lit('EST'), lit(0)), expected: '1969/12/31 19:00' },
  { name: "date_format('%Y-%m-%d %h:%i', 257504400000)", build: f('date_format', lit('%Y-%m-%d %h:%i'), lit(257504400000)), expected: '1978-02-28 09:00' },
  { name: "date_format('%y-%m-%d %H:%i', date_bin(...))", build: f('date_format', lit('%y-%m-%d %H:%i'), ts('2021-01-01 07:00:00')), expected: '21-01-01 07:00' },
  { name: 'strftime path: %a %b %c %e %j %k %l %r %T', build: f('date_format', lit('%a %b %c %e %j %k %l %r %T'), ts('2021-03-07 14:05:06')), expected: 'Sun Mar 3 7 066 14 2 02:05:06 PM 14:05:06' },
  { name: 'JS path: %D %u %V %X', build: f('date_format', lit('%D|%u|%V|%X'), ts('2021-01-02 00:00:00')), expected: '2nd|00|52|2020' },
  { name: '%U and %w', build: f('date_format', lit('%U %w'), ts('2021-01-03 00:00:00')), expected: '01 0' },
  { name: '%v / %x (ISO)', build: f('date_format', lit('%v %x'), ts('2021-01-03 00:00:00')), expected: '53 2020' },
  { name: 'unknown specifier is literal, %% is %', build: f('date_format', lit('%Q%%'), ts('2021-01-03 00:00:00')), expected: 'Q%' },
  { name: 'non-literal format uses the UDF', build: () => callSql('date_format', [col("'%Y %D'", T.text), ts('2021-03-22 00:00:00')]), expected: '2021 22nd' },
  { name: '%f microseconds from ms', build: f('date_format', lit('%f'), tstz('2021-01-01 00:00:00.123+00')), expected: '123000' },
]));

describe('to_char, timezone, now, age', () => run([
  { name: 'to_char doc example', build: f('to_char', ts('1970-01-01 17:31:12'), lit('Day, Month DD - HH12:MI AM YYYY AD')), expected: 'Thursday, January 01 - 05:31 PM 1970 AD' },
  { name: 'to_char interval doc example', build: f('to_char', iv('1 year 3 weeks 200 minutes'), lit('YYYY MM DD HH12:MI:SS')), expected: '0001 01 22 03:20:00' },
  { name: 'to_char ordinal DDth', build: f('to_char', ts('2021-03-02 00:00:00'), lit('DDth "of" Mon')), expected: '02nd of Mar' },
  { name: 'to_char ISO week / quarter / julian', build: f('to_char', ts('2021-01-03 00:00:00'), lit('IYYY-IW Q J')), expected: '2020-53 1 2459218' },
  { name: 'to_char HH24:MI:SS.MS', build: f('to_char', tstz('2021-01-03 13:04:05.678+00'), lit('HH24:MI:SS.MS')), expected: '13:04:05.678' },
  { name: 'timezone(Europe/Madrid, bigint)', build: ms('timezone', lit('Europe/Madrid'), lit(257504400000)), expected: 257500800000 },
  { name: 'timezone(Europe/Madrid, timestamptz)', build: ms('timezone', lit('Europe/Madrid'), col(`make_timestamptz(${257504400000 * 1000})`, T.timestamptz)), expected: 257508000000 },
  { name: 'timezone(Europe/Madrid, timestamp)', build: ms('timezone', lit('Europe/Madrid'), col(`make_timestamp(${257504400000 * 1000})`, T.timestamp)), expected: 257500800000 },
  { name: 'now() is the statement time', build: ms('now'), expected: 1609459200000 },
  { name: 'curdate()', build: () => `CAST(${callSql('curdate', [])} AS VARCHAR)`, expected: '2021-01-01' },
  { name: "age('2021-10-21', '2021-10-20') = 1 day", build: () => `epoch(${callSql('age', [ts('2021-10-21 00:00:00'), ts('2021-10-20 00:00:00')])})`, expected: 86400 },
  { name: 'age(ts) from statement midnight', build: () => `epoch(${callSql('age', [ts('2020-12-31 00:00:00')])})`, expected: 86400 },
]));

describe('JS formatters', () => {
  test('mysqlToStrftime maps compatible formats', () => assert.equal(mysqlToStrftime('%Y-%m-%dT%H:%i:%s.%fZ'), '%Y-%m-%dT%H:%M:%S.%fZ'));
  test('mysqlToStrftime defers %D to JS', () => assert.equal(mysqlToStrftime('%D'), undefined));
  test('%y is not zero padded (CrateDB quirk)', () => assert.equal(formatMysqlDate('%y', us('2005-06-01T00:00:00Z')), '5'));
  test('%D suffixes', () => {
    assert.equal(formatMysqlDate('%D', us('2021-01-11T00:00:00Z')), '11th');
    assert.equal(formatMysqlDate('%D', us('2021-01-22T00:00:00Z')), '22nd');
    assert.equal(formatMysqlDate('%D', us('2021-01-23T00:00:00Z')), '23rd');
  });
  test('%u week 00 when the week started last year', () => assert.equal(formatMysqlDate('%u', us('2021-01-01T00:00:00Z')), '00'));
  test('%U week of 2021-12-31', () => assert.equal(formatMysqlDate('%U', us('2021-12-31T00:00:00Z')), '52'));
  test('to_char HH12 at noon prints 00 (CrateDB quirk)', () => assert.equal(formatPgTemplate('HH12 AM', us('2021-01-01T12:30:00Z')), '00 PM'));
  test('to_char Month padding', () => assert.equal(formatPgTemplate('Month|', us('2021-05-01T00:00:00Z')), 'May    |'));
  test('to_char RM', () => assert.equal(formatPgTemplate('RM|rm', us('2021-09-01T00:00:00Z')), 'IX  |ix  '));
  test('to_char quoted literal with escape', () => assert.equal(formatPgTemplate('"Year: \\"YYYY\\"" YYYY', us('2021-09-01T00:00:00Z')), 'Year: "YYYY" 2021'));
  test('to_char US / FF3', () => assert.equal(formatPgTemplate('US FF3', us('2021-09-01T00:00:00.123456Z') + 0n), '123000 123'));
  test('to_char TZ prints nothing', () => assert.equal(formatPgTemplate('HH24TZ', us('2021-09-01T07:00:00Z')), '07'));
  test('to_char day padding', () => assert.equal(formatPgTemplate('Day|Dy|D|ID', us('2021-09-05T00:00:00Z')), 'Sunday  |Sun|1|7'));
});
