/**
 * PG type codecs against byte fixtures (types.md §3–§7, §11): text and binary output for every
 * CrateDB type, parameter input in both formats, numeric binary, and the OID mapping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DuckDBDateValue, DuckDBDecimalValue, DuckDBIntervalValue, DuckDBListValue, DuckDBTimestampTZValue,
  DuckDBTimestampValue, DuckDBTimeTZValue,
} from '@duckdb/node-api';
import { T, type DataType } from '../../../../src/types/data-type.js';
import { textEncoderFor } from '../../../../src/protocol/postgres/codecs/text-encoders.js';
import { binaryEncoderFor } from '../../../../src/protocol/postgres/codecs/binary-encoders.js';
import { decodeBinaryParam, decodeTextParam } from '../../../../src/protocol/postgres/codecs/param-decoders.js';
import { decodeNumericBinary, encodeNumericBinary } from '../../../../src/protocol/postgres/codecs/pg-numeric.js';
import { dataTypeOfOid, parameterOid, pgTypeOf } from '../../../../src/protocol/postgres/codecs/type-oids.js';
import { parseDecimal } from '../../../../src/analyzer/casting/decimal-text.js';

const text = (t: DataType, v: unknown) => textEncoderFor(t)(v);
const hex = (t: DataType, v: unknown) => Buffer.from(binaryEncoderFor(t)(v)).toString('hex');
const H = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const TS = 1615299316123; // 2021-03-09T14:15:16.123Z
const recordType: DataType = { kind: 'record', fields: [{ name: 'a', type: T.integer }, { name: 'b', type: T.text }] };

test('text output: scalars', () => {
  const cases: [DataType, unknown, string][] = [
    [T.boolean, true, 't'], [T.boolean, false, 'f'],
    [T.byte, 127, '127'], [T.integer, -42, '-42'], [T.bigint, 9007199254740993n, '9007199254740993'],
    [T.double, 1, '1.0'], [T.double, 1e10, '1.0E10'], [T.double, 0.1 + 0.2, '0.30000000000000004'],
    [T.double, NaN, 'NaN'], [T.double, -Infinity, '-Infinity'], [T.real, Math.fround(0.1), '0.1'],
    [T.real, Math.fround(3.4028235e38), '3.4028235E38'],
    [{ kind: 'numeric', precision: 10, scale: 2 }, new DuckDBDecimalValue(12345n, 10, 2), '123.45'],
    [T.numeric, new DuckDBDecimalValue(-5n, 38, 3), '-0.005'],
    [T.text, 'ünï €', 'ünï €'], [{ kind: 'character', length: 3 }, 'Bo', 'Bo '], [T.ip, '127.0.0.1', '127.0.0.1'],
    [T.timestamptz, new DuckDBTimestampTZValue(BigInt(TS) * 1000n + 456n), '2021-03-09 14:15:16.123+00'],
    [T.timestamptz, TS, '2021-03-09 14:15:16.123+00'],
    [T.timestamp, new DuckDBTimestampValue(BigInt(TS) * 1000n), '2021-03-09 14:15:16.123'],
    [T.timestamptz, new Date('0000-01-01T00:00:00Z').getTime(), '0001-01-01 00:00:00.000+00 BC'],
    [T.date, new DuckDBDateValue(18695), '2021-03-09'],
    [T.timetz, DuckDBTimeTZValue.fromMicrosAndOffset(46_800_000_000n, 3600), '13:00:00+01:00'],
    [T.timetz, DuckDBTimeTZValue.fromMicrosAndOffset(50_399_999_999n, 0), '13:59:59.999999'],
    [T.interval, new DuckDBIntervalValue(14, 3, 14_706_000_000n), '1 year 2 mons 3 days 04:05:06'],
    [T.interval, new DuckDBIntervalValue(0, -1, 0n), '-1 days 00:00:00'],
    [T.uuid, '55D07626-4927-47C5-BA43-A015C23632EF', '55d07626-4927-47c5-ba43-a015c23632ef'],
    [{ kind: 'bit', length: 4 }, "B'0110'", '0110'],
    [T.json, '{"x": 10}', '{"x": 10}'],
    [T.object(), '{"x":10}', '{"x":10}'],
    [T.object(), { x: 10, y: [1, 'a', null] }, '{"x":10,"y":[1,"a",null]}'],
    [T.geoPoint, new DuckDBListValue([13.46738, 52.50463]), '(13.46738,52.50463)'],
    [{ kind: 'float_vector', dimensions: 2 }, new DuckDBListValue([1.5, 2]), '{"1.5","2.0"}'],
    [recordType, '[1,"Arthur"]', '(1,Arthur)'],
    [recordType, '[2,"A B"]', '(2,"A B")'],
    [recordType, '[null,""]', '(,"")'],
    [T.undefined, 'x', 'x'],
  ];
  for (const [type, value, expected] of cases) assert.equal(text(type, value), expected, `${type.kind} ${String(value)}`);
});

test('text output: arrays', () => {
  assert.equal(text(T.array(T.integer), new DuckDBListValue([1, 2, null])), '{"1","2",NULL}');
  assert.equal(text(T.array(T.text), ['fo,o', 'bar']), '{"fo,o","bar"}');
  assert.equal(text(T.array(T.text), []), '{}');
  assert.equal(text(T.array(T.double), [1, 2.5]), '{"1.0","2.5"}');
  assert.equal(text(T.array(T.timestamptz), [TS]), '{"2021-03-09 14:15:16.123+00"}');
  assert.equal(text(T.array(T.object()), '[{"x":1},{"y":"a\\"b"}]'), '{"{\\"x\\":1}","{\\"y\\":\\"a\\\\\\"b\\"}"}');
  assert.equal(text(T.array(T.object()), '[{"x":1},null]'), '{"{\\"x\\":1}",NULL}');
  assert.equal(text(T.array(T.array(T.integer)), new DuckDBListValue([new DuckDBListValue([1, 2]), new DuckDBListValue([3])])), '[[1,2],[3]]');
});

test('binary output: scalars', () => {
  assert.equal(hex(T.boolean, true), '01');
  assert.equal(hex(T.byte, -1), 'ffff');
  assert.equal(hex(T.smallint, 1), '0001');
  assert.equal(hex(T.integer, 42), '0000002a');
  assert.equal(hex(T.bigint, -2n), 'fffffffffffffffe');
  assert.equal(hex(T.real, 1.5), '3fc00000');
  assert.equal(hex(T.double, 1.5), '3ff8000000000000');
  assert.equal(hex(T.text, 'ü'), 'c3bc');
  assert.equal(hex(T.timestamptz, Date.UTC(2000, 0, 1)), '0000000000000000');
  assert.equal(hex(T.timestamp, new DuckDBTimestampValue(1_000_000n + 946_684_800_000_000n)), '00000000000f4240');
  assert.equal(hex(T.date, new DuckDBDateValue(10958)), '00000001');
  assert.equal(hex(T.timetz, DuckDBTimeTZValue.fromMicrosAndOffset(46_800_000_000n, 3600)), '0000000ae57f5400' + '00000e10');
  assert.equal(hex(T.interval, new DuckDBIntervalValue(14, 3, 14_706_000_500n)), '000000036c8bc080' + '00000003' + '0000000e');
  assert.equal(hex(T.uuid, '55d07626-4927-47c5-ba43-a015c23632ef'), '55d07626492747c5ba43a015c23632ef');
  assert.equal(hex(T.geoPoint, [1.5, -1]), '3ff8000000000000bff0000000000000');
  assert.equal(hex({ kind: 'bit', length: 4 }, '0110'), '0000000460');
  assert.equal(hex(T.object(), '{"x":1}'), Buffer.from('{"x":1}').toString('hex'));
  assert.equal(hex(recordType, '[1,"A"]'), '00000002' + '00000017' + '00000004' + '00000001' + '00000413' + '00000001' + '41');
});

test('binary output: arrays use flags 1 and lower bound = length (CrateDB)', () => {
  assert.equal(hex(T.array(T.integer), [1, 2, null]),
    '00000001' + '00000001' + '00000017' + '00000003' + '00000003' + '00000004' + '00000001' + '00000004' + '00000002' + 'ffffffff');
  assert.equal(hex(T.array(T.integer), []), '00000001' + '00000001' + '00000017' + '00000000' + '00000000');
  assert.equal(hex(T.array(T.text), ['a']), '00000001' + '00000001' + '00000413' + '00000001' + '00000001' + '00000001' + '61');
  assert.equal(hex({ kind: 'float_vector', dimensions: 1 }, [1.5]), '00000001' + '00000000' + '000002bc' + '00000001' + '00000001' + '00000004' + '3fc00000');
  assert.equal(hex(T.array(T.array(T.integer)), [[1]]), Buffer.from('[[1]]').toString('hex'));
});

test('numeric binary: fixtures and round trips', () => {
  const enc = (s: string) => encodeNumericBinary(parseDecimal(s)!).toString('hex');
  assert.equal(enc('0'), '0000' + 'ffff' + '0000' + '0000');
  assert.equal(enc('0.00'), '0000' + 'ffff' + '0000' + '0002');
  assert.equal(enc('1.5'), '0002' + '0000' + '0000' + '0001' + '0001' + '1388');
  assert.equal(enc('-12345.678'), '0003' + '0001' + '4000' + '0003' + '0001' + '0929' + '1a7c');
  assert.equal(enc('0.0001'), '0001' + 'ffff' + '0000' + '0004' + '0001');
  assert.equal(enc('100000000'), '0001' + '0002' + '0000' + '0000' + '0001');
  for (const s of ['0', '1', '-1', '1.5', '123456789.123456789', '-0.000001', '99999999999999999999999999999999999999', '10000', '0.1000']) {
    assert.equal(decodeNumericBinary(encodeNumericBinary(parseDecimal(s)!)), s, s);
  }
});

test('text parameters', () => {
  assert.equal(decodeTextParam('true', T.boolean), true);
  assert.equal(decodeTextParam('1', T.boolean), true);
  assert.equal(decodeTextParam('yes', T.boolean), false);
  assert.equal(decodeTextParam('42', T.integer), 42);
  assert.equal(decodeTextParam('9223372036854775807', T.bigint), 9223372036854775807n);
  assert.throws(() => decodeTextParam('4x', T.integer), /For input string: "4x"/);
  assert.throws(() => decodeTextParam('40000', T.smallint), /For input string/);
  assert.equal(decodeTextParam('1e10', T.double), 1e10);
  assert.ok(Number.isNaN(decodeTextParam('NaN', T.double) as number));
  assert.equal(decodeTextParam('12.50', T.numeric), '12.50');
  assert.equal(decodeTextParam('2016-05-14 00:00:00+02', T.timestamptz), Date.UTC(2016, 4, 13, 22));
  assert.equal(decodeTextParam('2021-03-09T14:15:16.123Z', T.timestamptz), TS);
  assert.equal(decodeTextParam('2016-05-14 00:00:00+02', T.timestamp), Date.UTC(2016, 4, 14));
  assert.equal(decodeTextParam('1463184000000', T.timestamptz), 1463184000000);
  assert.equal(decodeTextParam('2021-03-09', T.date), Date.UTC(2021, 2, 9));
  assert.throws(() => decodeTextParam('2021-03-09T10:00', T.date));
  assert.deepEqual(decodeTextParam('{1,2,NULL}', T.array(T.integer)), [1, 2, null]);
  assert.deepEqual(decodeTextParam('{"a b","c\\"d"}', T.array(T.text)), ['a b', 'c"d']);
  assert.deepEqual(decodeTextParam('{{1,2},{3,4}}', T.array(T.array(T.integer))), [[1, 2], [3, 4]]);
  assert.deepEqual(decodeTextParam('{"a":1}', T.object()), { a: 1 });
  assert.deepEqual(decodeTextParam('[1,2]', T.object()), [1, 2]);
  assert.throws(() => decodeTextParam('1', T.object()));
  assert.deepEqual(decodeTextParam('1 day 02:00:00', T.interval), { months: 0, days: 1, micros: 7_200_000_000 });
  assert.deepEqual(decodeTextParam('(1.5,2)', T.geoPoint), [1.5, 2]);
  assert.throws(() => decodeTextParam('(1,2)', { kind: 'record', fields: [] }), /Input of record type values is not implemented/);
});

test('binary parameters', () => {
  assert.equal(decodeBinaryParam(H('0000002a'), T.integer), 42);
  assert.equal(decodeBinaryParam(H('7fffffffffffffff'), T.bigint), 9223372036854775807n);
  assert.equal(decodeBinaryParam(H('0000000000000001'), T.bigint), 1);
  assert.equal(decodeBinaryParam(H('3ff8000000000000'), T.double), 1.5);
  assert.equal(decodeBinaryParam(H('01'), T.boolean), true);
  assert.throws(() => decodeBinaryParam(H('02'), T.boolean), /Unsupported binary bool: 2/);
  assert.equal(decodeBinaryParam(H('0000000000000000'), T.timestamptz), Date.UTC(2000, 0, 1));
  assert.equal(decodeBinaryParam(H('fffffffffffffc18'), T.timestamptz), Date.UTC(2000, 0, 1) - 1);
  assert.equal(decodeBinaryParam(H('ffffffff'), T.date), Date.UTC(1999, 11, 31));
  assert.equal(decodeBinaryParam(H('0002 0000 0000 0001 0001 1388'), T.numeric), '1.5');
  assert.equal(decodeBinaryParam(H('55d07626492747c5ba43a015c23632ef'), T.uuid), '55d07626-4927-47c5-ba43-a015c23632ef');
  assert.deepEqual(decodeBinaryParam(H('00000001 00000000 00000017 00000002 00000001 00000004 00000007 ffffffff'), T.array(T.integer)), [7, null]);
  assert.deepEqual(decodeBinaryParam(H('00000000 00000000 00000017'), T.array(T.integer)), []);
  assert.deepEqual(decodeBinaryParam(H('00000002 00000000 00000017 00000002 00000001 00000001 00000001 00000004 00000001 00000004 00000002'),
    T.array(T.array(T.integer))), [[1], [2]]);
  assert.deepEqual(decodeBinaryParam(Buffer.from('{"a":[1]}'), T.object()), { a: [1] });
  assert.deepEqual(decodeBinaryParam(H('000000036c8bc080 00000003 0000000e'), T.interval), { months: 14, days: 3, micros: 14_706_000_000 });
});

test('OIDs: CrateDB announcements and parameter mapping', () => {
  assert.equal(pgTypeOf(T.array(T.text)).oid, 1015);
  assert.equal(pgTypeOf(T.array(T.ip)).oid, 1015);
  assert.equal(pgTypeOf(T.array(T.object())).oid, 199);
  assert.equal(pgTypeOf(T.array(T.array(T.integer))).oid, 114);
  assert.equal(pgTypeOf(T.object()).oid, 114);
  assert.equal(pgTypeOf(T.byte).oid, 21);
  assert.deepEqual(pgTypeOf({ kind: 'bit', length: 5 }), { oid: 1560, typlen: -1, typmod: 5 });
  assert.deepEqual(pgTypeOf(T.undefined), { oid: 705, typlen: -2, typmod: -1 });
  assert.equal(pgTypeOf({ kind: 'float_vector', dimensions: 3 }).oid, 1021);
  assert.deepEqual(dataTypeOfOid(1015), T.array(T.text));
  assert.deepEqual(dataTypeOfOid(26), T.integer);
  assert.equal(dataTypeOfOid(114).kind, 'object');
  assert.equal(dataTypeOfOid(0).kind, 'undefined');
  assert.throws(() => dataTypeOfOid(3802), /Can't map PGType with oid=3802 to Crate type/);
  assert.throws(() => dataTypeOfOid(17), /oid=17/);
  assert.equal(parameterOid(T.undefined), 705);
  assert.equal(parameterOid(T.text), 1043);
});

test('text output: timestamps from DuckDB values match the epoch-ms form on either side of 1970, days and 2^53 µs', () => {
  const tz = textEncoderFor(T.timestamptz);
  const plain = textEncoderFor(T.timestamp);
  const micros = [
    0n, -1n, 1n, 999n, -999n, -1000n, -1001n, 86_399_999_999n, 86_400_000_000n, -86_400_000_001n,
    BigInt(TS) * 1000n + 999n, -2_208_988_800_000_000n /* 1900 */, 9_007_199_254_740_991n, 9_007_199_254_740_992n,
    -9_007_199_254_740_991n, -9_007_199_254_740_993n, -62_135_596_800_000_001n /* 1 BC */, 253_402_300_799_999_999n,
  ];
  let seed = 5;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let i = 0; i < 3000; i++) micros.push(BigInt(Math.floor((next() - 0.5) * 2 ** 52)) * (i % 2 ? 1n : 1000n));
  const floorMs = (us: bigint): number => Number(us / 1000n - (us % 1000n < 0n ? 1n : 0n));
  for (const us of micros) {
    assert.equal(tz(new DuckDBTimestampTZValue(us)), tz(floorMs(us)), `timestamptz ${us}`);
    assert.equal(plain(new DuckDBTimestampValue(us)), plain(floorMs(us)), `timestamp ${us}`);
  }
  assert.equal(tz(new DuckDBTimestampTZValue(-1n)), '1969-12-31 23:59:59.999+00');
  assert.equal(plain(new DuckDBTimestampValue(-62_135_596_800_000_001n)), '0001-12-31 23:59:59.999 BC');
});
