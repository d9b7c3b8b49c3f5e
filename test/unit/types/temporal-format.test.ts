/**
 * epochMillisText of DuckDB timestamp values ({micros}): floor to milliseconds on either side of
 * 1970, exact past 2^53 µs (the BigInt path) as well as below it (the double path).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBTimestampTZValue, DuckDBTimestampValue } from '@duckdb/node-api';
import { epochMillisText } from '../../../src/types/temporal-format.js';

const floorMs = (us: bigint): string => (us / 1000n - (us % 1000n < 0n ? 1n : 0n)).toString();

test('epochMillisText floors micros to milliseconds', () => {
  const cases: [bigint, string][] = [
    [0n, '0'], [999n, '0'], [1000n, '1'], [-1n, '-1'], [-999n, '-1'], [-1000n, '-1'], [-1001n, '-2'],
    [9_007_199_254_740_991n, '9007199254740'], [9_007_199_254_740_993n, '9007199254740'], [-9_007_199_254_740_993n, '-9007199254741'],
    [9_223_372_036_854_775_807n, '9223372036854775'],
  ];
  for (const [us, ms] of cases) {
    assert.equal(epochMillisText(new DuckDBTimestampTZValue(us)), ms, `${us}`);
    assert.equal(epochMillisText(new DuckDBTimestampValue(us)), ms, `${us}`);
  }
  let seed = 3;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let i = 0; i < 5000; i++) {
    const us = BigInt(Math.floor((next() - 0.5) * 2 ** 54));
    assert.equal(epochMillisText(new DuckDBTimestampTZValue(us)), floorMs(us), `${us}`);
  }
});
