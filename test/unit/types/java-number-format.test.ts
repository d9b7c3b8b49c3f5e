/** Java Double.toString / Float.toString / BigDecimal.toString as cratelite prints them (types.md §3.3, §3.4). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { javaBigDecimal, javaDouble, javaFloat } from '../../../src/types/java-number-format.js';

const doubles: [number, string][] = [
  [1, '1.0'], [-1, '-1.0'], [100, '100.0'], [0.1, '0.1'], [0.5, '0.5'], [123.456, '123.456'],
  [0.001, '0.001'], [1234567, '1234567.0'], [9999999.999999998, '9999999.999999998'],
  [1e7, '1.0E7'], [1e10, '1.0E10'], [1e21, '1.0E21'], [1.5e300, '1.5E300'], [-2.5e-5, '-2.5E-5'],
  [1e-4, '1.0E-4'], [9.999999999999998e-4, '9.999999999999998E-4'],
  [1.7976931348623157e308, '1.7976931348623157E308'], [Number.MIN_VALUE, '4.9E-324'],
  [2.2250738585072014e-308, '2.2250738585072014E-308'], [1e23, '1.0E23'], [2e22, '2.0E22'],
  [0, '0.0'], [-0, '-0.0'], [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'],
  [2 / 3, '0.6666666666666666'], [0.30000000000000004, '0.30000000000000004'], [1.0e-3, '0.001'],
];

test('javaDouble prints like Java Double.toString', () => {
  for (const [x, expected] of doubles) assert.equal(javaDouble(x), expected, `javaDouble(${x})`);
});

const floats: [number, string][] = [
  [1, '1.0'], [0.1, '0.1'], [1.2, '1.2'], [3.14, '3.14'], [2 / 3, '0.6666667'], [0.3, '0.3'],
  [3.4028234663852886e38, '3.4028235E38'], [1.401298464324817e-45, '1.4E-45'],
  [1.1754943508222875e-38, '1.1754944E-38'], [16777216, '1.6777216E7'], [1e10, '1.0E10'],
  [1e-4, '1.0E-4'], [123456.7, '123456.7'], [-0, '-0.0'], [NaN, 'NaN'], [-Infinity, '-Infinity'],
  [1e7, '1.0E7'], [9999999, '9999999.0'],
];

test('javaFloat prints the shortest float32 digits like Java Float.toString', () => {
  for (const [x, expected] of floats) assert.equal(javaFloat(x), expected, `javaFloat(${x})`);
});

test('javaFloat rounds a double to float32 first', () => {
  assert.equal(javaFloat(0.1 + 0.2), '0.3');
  assert.equal(javaFloat(1.0000001), '1.0000001');
});

test('javaDouble round-trips random values with at least one fraction digit', () => {
  let seed = 42;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let i = 0; i < 2000; i++) {
    const x = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
    const text = javaDouble(x);
    assert.equal(Number(text), x, text);
    assert.match(text, /^-?\d\.?\d*(E-?\d+)?$|^-?\d+\.\d+$/);
    assert.ok(text.includes('.'), text);
  }
});

test('javaFloat round-trips random float32 values', () => {
  let seed = 7;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let i = 0; i < 2000; i++) {
    const f = Math.fround((next() - 0.5) * 10 ** Math.floor(next() * 20 - 10));
    const text = javaFloat(f);
    assert.equal(Math.fround(Number(text)), f, text);
    assert.ok(text.replace(/E.*/, '').replace(/[-.]/g, '').replace(/^0+/, '').length <= 9, text);
  }
});

test('javaBigDecimal prints like BigDecimal.toString', () => {
  const cases: [bigint, number, string][] = [
    [12345n, 2, '123.45'], [1500n, 3, '1.500'], [-12n, 1, '-1.2'], [0n, 2, '0.00'], [0n, 0, '0'],
    [1n, 6, '0.000001'], [1n, 7, '1E-7'], [12n, 10, '1.2E-9'], [1n, -3, '1E+3'], [12n, -3, '1.2E+4'],
    [123n, 0, '123'], [170141183460469231731687303715884105727n, 0, '170141183460469231731687303715884105727'],
    [-5n, 3, '-0.005'],
  ];
  for (const [unscaled, scale, expected] of cases) assert.equal(javaBigDecimal(unscaled, scale), expected);
});

test('javaDouble in the plain range [1e-3, 1e7): shortest digits, plain notation, `.0` when integral', () => {
  const cases: [number, string][] = [
    [45.38461538461539, '45.38461538461539'], [-45.38461538461539, '-45.38461538461539'], [0.001, '0.001'],
    [0.0009999999999999998, '9.999999999999998E-4'], [9999999.999999998, '9999999.999999998'], [1e7, '1.0E7'],
    [100, '100.0'], [-3, '-3.0'], [0.1 + 0.2, '0.30000000000000004'], [1 / 3, '0.3333333333333333'], [2 / 3 * 1e6, '666666.6666666666'],
  ];
  for (const [x, expected] of cases) assert.equal(javaDouble(x), expected, `javaDouble(${x})`);
  // independent oracle: the fewest significant digits that round-trip, as toPrecision finds them
  let seed = 99;
  const next = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  for (let i = 0; i < 5000; i++) {
    const x = (next() - 0.5) * 10 ** Math.floor(next() * 10 - 3);
    if (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e7) continue;
    let p = 1;
    while (Number(x.toPrecision(p)) !== x) p++;
    const text = javaDouble(x);
    assert.equal(Number(text), x, text);
    assert.match(text, /^-?\d+\.\d+$/);
    const digits = text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
    assert.equal(digits.length, Math.max(1, Number(x.toPrecision(p)).toExponential().replace(/e.*/, '').replace(/[-.]/g, '').length), text);
  }
});
