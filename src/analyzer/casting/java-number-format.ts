/**
 * Java's `Double.toString` / `Float.toString` in JavaScript.
 *
 * CrateDB turns real/double values into text with Java formatting (types.md §3.3): plain
 * notation with at least one fraction digit for 1e-3 ≤ |x| < 1e7 (`1.0`, `0.001`,
 * `1234567.0`), otherwise scientific with a capital `E` and no `+` (`1.0E7`, `1.0E-4`), and the
 * words `NaN`, `Infinity`, `-Infinity`. Used when folding casts at compile time and by the
 * `cratelite_double_text` / `cratelite_real_text` UDFs for run-time casts.
 */

/** Java `Double.toString(x)`. */
export function formatJavaDouble(x: number): string {
  return formatShortest(x, atLeastTwoDigits(x, shortestDigits(x)));
}

/**
 * Java always prints two significant digits (`d.d`); when one digit identifies the value,
 * the second is the correctly rounded one (`4.9E-324`, not `5.0E-324`).
 */
function atLeastTwoDigits(x: number, d: Digits): Digits {
  if (d.digits.length >= 2 || !Number.isFinite(x) || x === 0) return d;
  const two = shortestDigitsOf(x.toExponential(1), x);
  return two.exponent === d.exponent ? two : d;
}

/** Java `Float.toString(x)`: the shortest digits that round-trip as float32. */
export function formatJavaFloat(x: number): string {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0) return formatJavaDouble(f);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) {
      const digits = p === 1 ? shortestDigitsOf(f.toPrecision(2), f) : shortestDigits(candidate);
      return formatShortest(f, digits);
    }
  }
  return formatJavaDouble(f);
}

interface Digits { negative: boolean; digits: string; exponent: number }

/** Decimal digits `d.ddd` and exponent of the shortest round-trip representation. */
function shortestDigits(x: number): Digits {
  return shortestDigitsOf(x.toExponential(), x); // shortest digits that identify x, e.g. "1.2345e-5"
}

function shortestDigitsOf(text: string, x: number): Digits {
  const exp = /e/.test(text) ? text : Number(text).toExponential();
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (!m) return { negative: x < 0, digits: '0', exponent: 0 };
  return { negative: m[1] === '-', digits: (m[2]! + (m[3] ?? '')).replace(/0+$/, '') || '0', exponent: Number(m[4]) };
}

function formatShortest(x: number, d: Digits): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = d.negative ? '-' : '';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const { digits, exponent } = d;
    if (exponent >= 0) {
      const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const frac = digits.slice(exponent + 1) || '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const frac = d.digits.slice(1) || '0';
  return `${sign}${d.digits[0]}.${frac}E${d.exponent}`;
}
