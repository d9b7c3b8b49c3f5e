/**
 * Partition ident encoding (system-tables.md §2): the CrateDB documentation's test vectors, the
 * inverse decoding, NULLs, several values, and the CrateDB text form of typed values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodePartitionIdent, encodePartitionIdent, javaDoubleToString, javaFloatToString, partitionIdent, partitionValueText,
} from '../../../src/catalog/partition-ident.js';
import { T } from '../../../src/types/data-type.js';

const VECTORS: [string, string][] = [
  ['1396915200000', '04732cpp6osj2d9i60o30c1g'],
  ['content_a', '04566rreehimst2vc4'],
  ['content_b', '04566rreehimst2vc8'],
  ['1979', '042j2e9n74'],
  ['2013', '042j4c1h6c'],
];

test('encodes the CrateDB documentation vectors', () => {
  for (const [value, ident] of VECTORS) assert.equal(encodePartitionIdent([value]), ident, value);
});

test('decodes the vectors back', () => {
  for (const [value, ident] of VECTORS) assert.deepEqual(decodePartitionIdent(ident), [value]);
});

test('NULL values, empty strings and several values round-trip', () => {
  const values = [null, '', 'a', 'ünïcode ✓', '1396915200000'];
  assert.deepEqual(decodePartitionIdent(encodePartitionIdent(values)), values);
  assert.equal(encodePartitionIdent([null]), '0400');
  assert.match(encodePartitionIdent(['x', 'y']), /^[0-9a-v]+$/);
});

test('long values use multi-byte vints', () => {
  const long = 'x'.repeat(300);
  assert.deepEqual(decodePartitionIdent(encodePartitionIdent([long])), [long]);
});

test('typed values convert like CrateDB: epoch ms, decimal ints, Java doubles, booleans', () => {
  assert.equal(partitionIdent([1396915200000], [T.timestamptz]), '04732cpp6osj2d9i60o30c1g');
  assert.equal(partitionIdent([new Date(1396915200000)]), '04732cpp6osj2d9i60o30c1g');
  assert.equal(partitionIdent([1979], [T.integer]), '042j2e9n74');
  assert.equal(partitionIdent([2013n], [T.bigint]), '042j4c1h6c');
  assert.equal(partitionValueText(true), 'true');
  assert.equal(partitionValueText(1, T.double), '1.0');
  assert.equal(partitionValueText(0.1, T.real), '0.1');
  assert.equal(partitionValueText(null, T.text), null);
});

test('Java Double.toString / Float.toString formatting', () => {
  assert.equal(javaDoubleToString(1), '1.0');
  assert.equal(javaDoubleToString(0.001), '0.001');
  assert.equal(javaDoubleToString(1e7), '1.0E7');
  assert.equal(javaDoubleToString(1.5e-4), '1.5E-4');
  assert.equal(javaDoubleToString(-0), '-0.0');
  assert.equal(javaDoubleToString(NaN), 'NaN');
  assert.equal(javaDoubleToString(123456789.5), '1.234567895E8');
  assert.equal(javaFloatToString(Math.fround(1.1)), '1.1');
  assert.equal(javaFloatToString(3.4028234663852886e38), '3.4028235E38');
});

test('rejects malformed idents', () => {
  assert.throws(() => decodePartitionIdent('zz'));
  assert.throws(() => decodePartitionIdent('04'));
});
