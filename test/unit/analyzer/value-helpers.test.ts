/**
 * Pure JavaScript helpers behind casts and UDFs: Java number formatting, timestamp text
 * parsing, IP normalisation/CIDR, PostgreSQL array text, intervals and decimals.
 */
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { javaDouble, javaFloat } from '../../../src/types/java-number-format.js';
import { parseTimestampText, resolveZone } from '../../../src/analyzer/casting/timestamp-text.js';
import { ipInCidr, normaliseIp } from '../../../src/analyzer/casting/ip-address.js';
import { parsePgArrayText } from '../../../src/analyzer/casting/pg-array-text.js';
import { formatIntervalText, parseIntervalText } from '../../../src/analyzer/casting/interval-value.js';
import { formatDecimal, parseDecimal, toNumericType } from '../../../src/analyzer/casting/decimal-text.js';
import { lttb } from '../../../src/analyzer/functions/lttb.js';
import { initcap, quoteIdent } from '../../../src/analyzer/functions/text-udfs.js';

describe('Java number formatting (types.md §3.3)', () => {
  const doubles: [number, string][] = [
    [1, '1.0'], [100, '100.0'], [0.001, '0.001'], [1234567, '1234567.0'], [123.456, '123.456'], [1e7, '1.0E7'],
    [1.7976931348623157e308, '1.7976931348623157E308'], [1e-4, '1.0E-4'], [4.9e-324, '4.9E-324'], [0, '0.0'], [-0, '-0.0'],
    [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [-2.5, '-2.5'], [12345678.9, '1.23456789E7'],
  ];
  for (const [x, s] of doubles) test(`double ${s}`, () => assert.equal(javaDouble(x), s));
  const floats: [number, string][] = [[0.1, '0.1'], [3.4028234663852886e38, '3.4028235E38'], [1.401298464324817e-45, '1.4E-45'], [3.14, '3.14']];
  for (const [x, s] of floats) test(`float ${s}`, () => assert.equal(javaFloat(x), s));
});

describe('timestamp text (types.md §3.9)', () => {
  const cases: [string, boolean, number | undefined][] = [
    ['2021-01-01', true, 1609459200000],
    ['2021-01-01T00:00:00Z', true, 1609459200000],
    ['2021-01-01 01:00:00+01:00', true, 1609459200000],
    ['2021-01-01 01:00:00+0100', true, 1609459200000],
    ['2021-01-01 01:00:00+01', true, 1609459200000],
    ['1970-01-02T00:00:00+01:00', false, 86400000],
    ['2029-12-12T11:44:00.24446', true, 1891770240244],
    ['1463184000000', true, 1463184000000],
    ['-1000', true, -1000],
    ['+10000-03-09', false, 253408176000000],
    ['0001-01-01', false, -62135596800000],
    ['2021-07-01T12:00:00Europe/Berlin', true, 1625133600000],
    ['2021-02-29', true, undefined],
    ['2021-13-01', true, undefined],
    ['2021-01-01T25:00', true, undefined],
    ['10000-01-01', true, undefined],
    ['yesterday', true, undefined],
    ['2021-01-01T10:00:00Mars/Base', true, undefined],
  ];
  for (const [text, tz, expected] of cases) test(`${text} (${tz ? 'tz' : 'no tz'})`, () => assert.equal(parseTimestampText(text, tz), expected));
  test('zones', () => {
    assert.deepEqual(resolveZone('+05:30'), { offsetMs: 19800000 });
    assert.deepEqual(resolveZone('-02'), { offsetMs: -7200000 });
    assert.deepEqual(resolveZone('UTC'), { offsetMs: 0 });
    assert.deepEqual(resolveZone('Europe/Vienna'), { name: 'Europe/Vienna' });
    assert.equal(resolveZone('Nowhere/City'), undefined);
  });
});

describe('ip (types.md §3.7)', () => {
  const cases: [string, string | undefined][] = [
    ['192.168.0.1', '192.168.0.1'], ['::ffff:192.168.0.1', '192.168.0.1'], ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::1', '::1'], ['::', '::'], ['1:0:0:2:0:0:0:3', '1:0:0:2::3'], ['fe80::1%eth0', 'fe80::1'],
    ['256.1.1.1', undefined], ['1.2.3', undefined], ['fake.ip', undefined], ['1::2::3', undefined], ['01.2.3.4', undefined],
  ];
  for (const [text, expected] of cases) test(`normalise ${text}`, () => assert.equal(normaliseIp(text), expected));
  test('CIDR containment', () => {
    assert.equal(ipInCidr('192.168.1.5', '192.168.1/24'), true);
    assert.equal(ipInCidr('192.168.2.5', '192.168.1.0/24'), false);
    assert.equal(ipInCidr('10.1.2.3', '10.0.0.0/8'), true);
    assert.equal(ipInCidr('2001:db8::5', '2001:db8::/32'), true);
    assert.equal(ipInCidr('10.0.0.1', '2001:db8::/32'), false);
    assert.throws(() => ipInCidr('10.0.0.1', '10.0.0.0/33'));
  });
});

describe('PostgreSQL array text (types.md §7.1)', () => {
  test('documented example', () => assert.deepEqual(parsePgArrayText('{ab, CD, "CD", null, "null"}'), ['ab', 'CD', 'CD', null, 'null']));
  test('empty', () => assert.deepEqual(parsePgArrayText('{}'), []));
  test('nested', () => assert.deepEqual(parsePgArrayText('{{1,2},{3}}'), [['1', '2'], ['3']]));
  test('escapes in quotes', () => assert.deepEqual(parsePgArrayText('{"a\\"b","c,d"}'), ['a"b', 'c,d']));
  test('malformed', () => {
    assert.equal(parsePgArrayText('{a,b'), undefined);
    assert.equal(parsePgArrayText('a,b'), undefined);
    assert.equal(parsePgArrayText('{a,,b}'), undefined);
  });
});

describe('intervals (types.md §3.12)', () => {
  const fmt: [Parameters<typeof formatIntervalText>[0], string][] = [
    [{ months: 0, days: 1, micros: 0 }, '1 day 00:00:00'], [{ months: 0, days: -1, micros: 0 }, '-1 days 00:00:00'],
    [{ months: 0, days: 0, micros: 1500000 }, '00:00:01.500'], [{ months: 14, days: 3, micros: 14706000000 }, '1 year 2 mons 3 days 04:05:06'],
    [{ months: 14, days: 0, micros: 0 }, '1 year 2 mons 00:00:00'], [{ months: 0, days: 5, micros: 0 }, '5 days 00:00:00'],
  ];
  for (const [v, s] of fmt) test(`format ${s}`, () => assert.equal(formatIntervalText(v), s));
  test('parse PG style', () => assert.deepEqual(parseIntervalText('1 year 2 mons 3 days 04:05:06'), { months: 14, days: 3, micros: 14706000000 }));
  test('parse ISO', () => assert.deepEqual(parseIntervalText('P1Y2M3DT4H5M6S'), { months: 14, days: 3, micros: 14706000000 }));
  test('parse seconds', () => assert.deepEqual(parseIntervalText('1.5'), { months: 0, days: 0, micros: 1500000 }));
  test('parse garbage', () => assert.equal(parseIntervalText('soon'), undefined));
});

describe('decimals (types.md §3.4)', () => {
  test('parse and format', () => assert.equal(formatDecimal(parseDecimal('-12.50')!), '-12.50'));
  test('exponent', () => assert.equal(formatDecimal(parseDecimal('1.5E3')!), '1500'));
  test('round half-up', () => assert.equal(formatDecimal(toNumericType(parseDecimal('2.345')!, 5, 2)!), '2.35'));
  test('round half-up negative', () => assert.equal(formatDecimal(toNumericType(parseDecimal('-2.345')!, 5, 2)!), '-2.35'));
  test('precision overflow', () => assert.equal(toNumericType(parseDecimal('1234.5')!, 3, 1), undefined));
});

describe('text UDF helpers', () => {
  test('initcap', () => assert.equal(initcap('heLlo WORLD foo-bar'), 'Hello World Foo-Bar'));
  test('quote_ident', () => {
    assert.equal(quoteIdent('abc_1'), 'abc_1');
    assert.equal(quoteIdent('Abc'), '"Abc"');
    assert.equal(quoteIdent('table'), '"table"');
    assert.equal(quoteIdent('1a'), '"1a"');
  });
});

describe('lttb', () => {
  const points = Array.from({ length: 10 }, (_, k) => ({ t: k * 1000, v: k % 3 === 0 ? 10 : 1 }));
  test('threshold 0 keeps everything', () => assert.equal(lttb(points, 0).x.length, 10));
  test('threshold >= n keeps everything', () => assert.equal(lttb(points, 20).x.length, 10));
  test('first and last points kept', () => {
    const r = lttb(points, 4);
    assert.equal(r.x.length, 4);
    assert.equal(r.x[0], 0);
    assert.equal(r.x[3], 9000);
  });
  test('input order does not matter', () => assert.deepEqual(lttb([...points].reverse(), 4), lttb(points, 4)));
});
