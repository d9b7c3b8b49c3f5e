/** Value encoders of `/_sql` rows, driven by DataType + raw values (http.md §3.9, types.md). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DuckDBArrayValue, DuckDBBitValue, DuckDBDateValue, DuckDBDecimalValue, DuckDBIntervalValue,
  DuckDBListValue, DuckDBMapValue, DuckDBStructValue, DuckDBTimeTZValue, DuckDBTimestampMillisecondsValue,
  DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBUUIDValue,
} from '@duckdb/node-api';
import { T, type DataType } from '../../../src/types/data-type.js';
import { encodeByShape, encodeColumn, encoderFor } from '../../../src/types/json-values.js';
import { intervalText } from '../../../src/types/temporal-format.js';

const enc = (type: DataType, v: unknown): string => encodeColumn(encoderFor(type), [v], 1)[0]!;

test('NULL is null for every type', () => {
  for (const t of [T.integer, T.text, T.double, T.timestamptz, T.array(T.integer), T.object()]) {
    assert.equal(enc(t, null), 'null');
  }
});

test('integers, bigint beyond 2^53 as exact JSON digits', () => {
  assert.equal(enc(T.integer, 2147483647), '2147483647');
  assert.equal(enc(T.byte, -128), '-128');
  assert.equal(enc(T.bigint, 9223372036854775807n), '9223372036854775807');
  assert.equal(enc(T.bigint, -9223372036854775808n), '-9223372036854775808');
  assert.equal(enc(T.bigint, 42), '42');
});

test('real and double use Java formatting; NaN and Infinity are strings', () => {
  assert.equal(enc(T.double, 1), '1.0');
  assert.equal(enc(T.double, 1e10), '1.0E10');
  assert.equal(enc(T.double, 1e-4), '1.0E-4');
  assert.equal(enc(T.double, 1.7976931348623157e308), '1.7976931348623157E308');
  assert.equal(enc(T.real, Math.fround(3.4028235e38)), '3.4028235E38');
  assert.equal(enc(T.real, Math.fround(1.2)), '1.2');
  assert.equal(enc(T.real, Math.fround(0.1)), '0.1');
  assert.equal(enc(T.double, NaN), '"NaN"');
  assert.equal(enc(T.double, Infinity), '"Infinity"');
  assert.equal(enc(T.real, -Infinity), '"-Infinity"');
  assert.equal(enc(T.double, -0), '-0.0');
});

test('numeric is printed like BigDecimal.toString', () => {
  const numeric: DataType = { kind: 'numeric', precision: 10, scale: 3 };
  assert.equal(enc(numeric, new DuckDBDecimalValue(12500n, 10, 3)), '12.500');
  assert.equal(enc(numeric, new DuckDBDecimalValue(1n, 18, 7)), '1E-7');
  assert.equal(enc(numeric, 123n), '123');
});

test('text, varchar, character(n) padding, ip, uuid lower-case', () => {
  assert.equal(enc(T.text, 'a "quoted"\nline ü'), '"a \\"quoted\\"\\nline ü"');
  assert.equal(enc({ kind: 'character', length: 3 }, 'Bo'), '"Bo "');
  assert.equal(enc(T.ip, '127.0.0.1'), '"127.0.0.1"');
  const uuid = DuckDBUUIDValue.fromUint128(0x55d07626492747c5ba43a015c23632efn);
  assert.equal(enc(T.uuid, uuid), '"55d07626-4927-47c5-ba43-a015c23632ef"');
  assert.equal(enc(T.uuid, '55D07626-4927-47C5-BA43-A015C23632EF'), '"55d07626-4927-47c5-ba43-a015c23632ef"');
});

test('timestamps and dates are epoch milliseconds', () => {
  assert.equal(enc(T.timestamptz, new DuckDBTimestampTZValue(308534400000000n)), '308534400000');
  assert.equal(enc(T.timestamp, new DuckDBTimestampValue(1577836800123400n)), '1577836800123');
  // sub-millisecond digits before 1970 are dropped toward the earlier millisecond
  assert.equal(enc(T.timestamp, new DuckDBTimestampValue(-500n)), '-1');
  assert.equal(enc(T.timestamp, new DuckDBTimestampMillisecondsValue(1463184000000n)), '1463184000000');
  assert.equal(enc(T.date, new DuckDBDateValue(18695)), '1615248000000');
  assert.equal(enc(T.date, new DuckDBDateValue(-1)), '-86400000');
  assert.equal(enc(T.timestamptz, 1463184000000), '1463184000000');
  assert.equal(enc(T.timestamptz, 1463184000000n), '1463184000000');
  assert.equal(enc(T.timestamptz, new Date(86400000)), '86400000');
});

test('time with time zone is [micros, offset seconds east]', () => {
  assert.equal(enc(T.timetz, DuckDBTimeTZValue.fromMicrosAndOffset(46800000000n, 3600)), '[46800000000,3600]');
  assert.equal(enc(T.timetz, [46800000000, -7200]), '[46800000000,-7200]');
});

test('intervals use CrateDB interval text', () => {
  const iv = (months: number, days: number, micros: bigint): string => enc(T.interval, new DuckDBIntervalValue(months, days, micros));
  assert.equal(iv(0, 1, 0n), '"1 day 00:00:00"');
  assert.equal(iv(0, 5, 0n), '"5 days 00:00:00"');
  assert.equal(iv(0, -1, 0n), '"-1 days 00:00:00"');
  assert.equal(iv(14, 3, 14706000000n), '"1 year 2 mons 3 days 04:05:06"');
  assert.equal(iv(14, 0, 0n), '"1 year 2 mons 00:00:00"');
  assert.equal(iv(0, 3, 14400000000n), '"3 days 04:00:00"');
  assert.equal(iv(0, 0, 1500000n), '"00:00:01.500"');
  assert.equal(iv(0, 0, 1500999n), '"00:00:01.500"');
  assert.equal(iv(0, 0, -1500000n), '"00:00:-01.500"');
  assert.equal(iv(0, 0, -500000n), '"00:00:-00.500"');
  assert.equal(iv(0, 0, 90000000000n), '"25:00:00"');
  assert.equal(iv(1, 0, 0n), '"1 mon 00:00:00"');
  assert.equal(iv(24, 0, 0n), '"2 years 00:00:00"');
  assert.equal(intervalText({ years: 0, months: 0, weeks: 2, days: 1, hours: 0, minutes: 0, seconds: 0, millis: 0 }),
    '2 weeks 1 day 00:00:00');
  assert.equal(enc(T.interval, '5 days 00:00:00'), '"5 days 00:00:00"');
});

test('bit, json, geo_point', () => {
  assert.equal(enc({ kind: 'bit', length: 4 }, DuckDBBitValue.fromString('0110')), '"B\'0110\'"');
  assert.equal(enc({ kind: 'bit', length: 4 }, '0101'), '"B\'0101\'"');
  assert.equal(enc(T.json, '{"x": 10}'), '"{\\"x\\": 10}"');
  assert.equal(enc(T.geoPoint, new DuckDBArrayValue([13.467379929497838, 52.50462996773422])),
    '[13.467379929497838,52.50462996773422]');
  assert.equal(enc(T.geoPoint, [1, 2]), '[1.0,2.0]');
});

test('arrays recursively, ragged and with nulls', () => {
  assert.equal(enc(T.array(T.integer), new DuckDBListValue([1, null, 3])), '[1,null,3]');
  assert.equal(enc(T.array(T.array(T.integer)), new DuckDBListValue([new DuckDBListValue([1, 2]), new DuckDBListValue([3])])),
    '[[1,2],[3]]');
  assert.equal(enc(T.array(T.double), [1, 2.5]), '[1.0,2.5]');
  assert.equal(enc(T.array(T.text), []), '[]');
  assert.equal(enc(T.array(T.object()), '[{"a":1},{"b":[2]}]'), '[{"a":1},{"b":[2]}]');
  assert.equal(enc({ kind: 'float_vector', dimensions: 2 }, [Math.fround(3.14), Math.fround(27.34)]), '[3.14,27.34]');
});

test('objects: declared fields by type, the rest by shape, JSON strings embedded', () => {
  const t = T.object('dynamic', [{ name: 'ts', type: T.timestamptz }, { name: 'd', type: T.double }]);
  const v = new DuckDBStructValue({ ts: new DuckDBTimestampTZValue(1000000n), d: 2, extra: 'x' });
  assert.equal(enc(t, v), '{"ts":1000,"d":2.0,"extra":"x"}');
  assert.equal(enc(T.object(), '{"x":10}'), '{"x":10}');
  assert.equal(enc(T.object(), 'null'), 'null');
  assert.equal(enc(T.object(), 'not json'), '"not json"');
  assert.equal(enc(T.object(), { a: { b: [1, 'two', true, null] } }), '{"a":{"b":[1,"two",true,null]}}');
  assert.equal(enc(T.object(), new DuckDBMapValue([{ key: 'k', value: 1 }])), '{"k":1}');
  assert.equal(enc(T.object(), {}), '{}');
});

test('record is an array of its fields', () => {
  const t: DataType = { kind: 'record', fields: [{ name: 'a', type: T.integer }, { name: 'b', type: T.text }] };
  assert.equal(enc(t, new DuckDBStructValue({ a: 1, b: 'Arthur' })), '[1,"Arthur"]');
});

test('encodeByShape handles DuckDB values without a declared type', () => {
  assert.equal(encodeByShape(1), '1');
  assert.equal(encodeByShape(1.5), '1.5');
  assert.equal(encodeByShape(1e300), '1.0E300');
  assert.equal(encodeByShape(NaN), '"NaN"');
  assert.equal(encodeByShape(12n), '12');
  assert.equal(encodeByShape('x'), '"x"');
  assert.equal(encodeByShape(new DuckDBTimestampTZValue(5000n)), '5');
  assert.equal(encodeByShape(new DuckDBDateValue(1)), '86400000');
  assert.equal(encodeByShape(new DuckDBIntervalValue(0, 1, 0n)), '"1 day 00:00:00"');
  assert.equal(encodeByShape(new DuckDBDecimalValue(12500n, 10, 3)), '12.500');
  assert.equal(encodeByShape(new DuckDBListValue([1, new DuckDBStructValue({ a: 'b' })])), '[1,{"a":"b"}]');
  assert.equal(encodeByShape(DuckDBBitValue.fromString('01')), '"B\'01\'"');
  assert.equal(encodeByShape(undefined), 'null');
});
