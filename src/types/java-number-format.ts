/**
 * Java's textual number formats, which CrateDB clients see in HTTP JSON and PG text values:
 * `Double.toString`, `Float.toString` (JDK 19+, shortest digits) and `BigDecimal.toString`.
 *
 * In: JS numbers (a `real` arrives as the float32 value widened to a double) or an unscaled
 * bigint + scale. Out: the exact text Java prints. Spec: types.md §3.3, §3.4.
 *
 * JavaScript differs from Java in three ways that matter: it drops `.0` (`1` vs `1.0`), switches
 * to exponent form at other thresholds (`1e21` vs `1.0E7`), and prints one digit where Java
 * insists on two (`5e-324` vs `4.9E-324`).
 */

/**
 * Java `Double.toString`: shortest digits that round-trip; plain notation for
 * 1e-3 ≤ |x| < 1e7 (`100.0`, `0.001`), otherwise `d.dddE±n` (`1.0E7`, `1.0E-4`).
 */
export function javaDouble(x: number): string {
  const abs = Math.abs(x);
  // Java's plain range: JS prints the same shortest digits there, also in plain notation
  // (JS switches to exponents only below 1e-6 and from 1e21); only `.0` may be missing.
  // Hot path of every aggregate result (avg → 45.38461538461539).
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const short = shortDecimal(abs);
  if (short !== undefined) return layout(x, short);
  // JS already prints the shortest round-tripping digits, closest to x; only the 1-digit case differs.
  const shortest = parseExponential(abs.toExponential());
  const decimal = shortest.digits.length > 1 ? shortest : candidateOfLength(abs, 2, isSameDouble, shortest) ?? shortest;
  return layout(x, decimal);
}

/** Java `Float.toString`: like {@link javaDouble}, but the digits are the shortest that round-trip as float32. */
export function javaFloat(x: number): string {
  const f = Math.fround(x);
  const special = nonFinite(f);
  if (special !== undefined) return special;
  const abs = Math.abs(f);
  // An integral float below 2^24 is its own shortest decimal (neighbours are at most 1 apart).
  if (abs < 16777216 && Number.isInteger(abs)) return layout(f, decimalOfNumber(abs, 0));
  return layout(f, shortestFloatDigits(abs));
}

/** `NaN`, `Infinity`, `-Infinity`, `0.0`, `-0.0`, or undefined for other values. */
function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  return undefined;
}

/**
 * Fast path for doubles that are short decimals (`3.0`, `12.25`, `0.001`): when `x × 10^k` is an
 * integer y below 1e15 and y / 10^k gives x back, y × 10^-k is the only decimal of at most 15
 * digits that rounds to x, hence the shortest (and the 1-digit case prints the same as Java's
 * two digits, `d.0`).
 */
function shortDecimal(abs: number): Decimal | undefined {
  for (let k = 0; k <= 8; k++) {
    const y = abs * POW10_EXACT[k]!;
    if (y >= 1e15) return undefined;
    if (Number.isInteger(y) && y / POW10_EXACT[k]! === abs) return decimalOfNumber(y, -k);
  }
  return undefined;
}

const isSameDouble = (text: string, x: number): boolean => Number(text) === x;
const isSameFloat = (text: string, x: number): boolean => Math.fround(Number(text)) === x;

interface Decimal { digits: string; exponent: number }

/**
 * The decimal Java picks: among the decimals of the minimal length m that round to x (but at
 * least 2 digits when m is 1) the one closest to x, the even one on a tie. Round-tripping is
 * monotonic in the length, so the length is found by binary search.
 *
 * A float never needs more than 9 digits, so the closest p-digit decimal is the closest 9-digit
 * one (`toExponential(8)`, held as an integer) rounded to p digits — except when those 9 digits
 * end in an exact `50…0` after digit p, where only the exact value can tell (candidateOfLength).
 */
function shortestFloatDigits(abs: number): Decimal {
  const text = abs.toExponential(8);
  const nine = Number(text[0]! + text.slice(2, 10));
  const exponent = Number(text.slice(11));
  let lo = 1;
  let hi = 9;
  let best: Decimal | undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const found = floatCandidate(abs, mid, nine, exponent);
    if (found === undefined) {
      lo = mid + 1;
    } else {
      hi = mid;
      best = found;
    }
  }
  best ??= floatCandidate(abs, hi, nine, exponent) ?? decimalOfNumber(nine, exponent - 8);
  if (hi === 1) return floatCandidate(abs, 2, nine, exponent) ?? best;
  return best;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

function floatCandidate(abs: number, p: number, nine: number, exponent: number): Decimal | undefined {
  const unit = POW10[9 - p]!;
  const tail = nine % unit;
  const half = unit / 2;
  if (tail === half) return candidateOfLength(abs, p, isSameFloat, parseExponential(abs.toExponential()));
  const head = (nine - tail) / unit + (tail > half ? 1 : 0);
  const exp10 = exponent - p + 1;
  const value = decimalValue(head, exp10);
  if (Math.fround(value) === abs) return decimalOfNumber(head, exp10);
  const neighbour = head + (value < abs ? 1 : -1);
  return Math.fround(decimalValue(neighbour, exp10)) === abs ? decimalOfNumber(neighbour, exp10) : undefined;
}

/**
 * The double nearest to `c × 10^exp10`. Powers of ten up to 1e22 are exact doubles, so one
 * multiplication or division rounds correctly (Clinger's fast path); beyond that, parse the text.
 */
function decimalValue(c: number, exp10: number): number {
  if (exp10 >= 0 && exp10 <= 22) return c * POW10_EXACT[exp10]!;
  if (exp10 < 0 && exp10 >= -22) return c / POW10_EXACT[-exp10]!;
  return Number(`${c}e${exp10}`);
}

const POW10_EXACT = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** The decimal `c × 10^exp10` for a safe integer c > 0. */
function decimalOfNumber(c: number, exp10: number): Decimal {
  let n = c;
  let e = exp10;
  while (n % 10 === 0 && n !== 0) {
    n /= 10;
    e++;
  }
  const digits = String(n);
  return { digits, exponent: e + digits.length - 1 };
}

/**
 * The p-digit decimal closest to x that rounds back to x, if any. `toExponential(p - 1)` is the
 * closest one (ties go up); when it does not round back (next to powers of two the rounding
 * interval is lopsided) its neighbour on the other side of x may. `shortest` (the double's
 * shortest digits) is x's exact expansion whenever x has few digits, which is when ties occur.
 */
function candidateOfLength(abs: number, p: number, roundsTo: (text: string, x: number) => boolean,
  shortest: Decimal): Decimal | undefined {
  if (shortest.digits.length === p + 1 && shortest.digits.endsWith('5')) {
    const scale = shortest.exponent - p;
    if (isExactly(abs, BigInt(shortest.digits), scale)) {
      const down = BigInt(shortest.digits.slice(0, -1));
      for (const c of down % 2n === 0n ? [down, down + 1n] : [down + 1n, down]) {
        if (roundsTo(`${c}e${scale + 1}`, abs)) return decimalOf(c, scale + 1);
      }
      return undefined;
    }
  }
  const closest = abs.toExponential(p - 1);
  if (roundsTo(closest, abs)) return parseExponential(closest);
  const { digits, exponent } = parseExponential(closest, false);
  const neighbour = BigInt(digits) + (Number(closest) < abs ? 1n : -1n);
  const exp10 = exponent - digits.length + 1;
  return roundsTo(`${neighbour}e${exp10}`, abs) ? decimalOf(neighbour, exp10) : undefined;
}

/** The decimal `c × 10^exp10`. */
function decimalOf(c: bigint, exp10: number): Decimal {
  const text = c.toString();
  return { digits: text.replace(/0+$/, '') || '0', exponent: exp10 + text.length - 1 };
}

const bits = new DataView(new ArrayBuffer(8));

/** Whether the double `x` is exactly `t × 10^exp10` (exact rational comparison). */
function isExactly(x: number, t: bigint, exp10: number): boolean {
  bits.setFloat64(0, x);
  const raw = bits.getBigUint64(0);
  const biased = Number((raw >> 52n) & 0x7ffn);
  let lhs = raw & ((1n << 52n) - 1n);
  let e2 = -1074;
  if (biased !== 0) {
    lhs |= 1n << 52n;
    e2 = biased - 1075;
  }
  let rhs = t;
  if (e2 >= 0) lhs <<= BigInt(e2); else rhs <<= BigInt(-e2);
  if (exp10 >= 0) rhs *= 10n ** BigInt(exp10); else lhs *= 10n ** BigInt(-exp10);
  return lhs === rhs;
}

/** `1.2300e+5` → digits `123`, exponent 5 (trailing zeros removed unless `trim` is false). */
function parseExponential(text: string, trim = true): Decimal {
  const e = text.indexOf('e');
  let digits = e > 1 ? text[0]! + text.slice(2, e) : text[0]!;
  if (trim) {
    let end = digits.length;
    while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
    digits = digits.slice(0, end);
  }
  return { digits, exponent: Number(text.slice(e + 1)) };
}

function layout(x: number, { digits, exponent }: Decimal): string {
  const sign = x < 0 ? '-' : '';
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${intPart}.${digits.slice(exponent + 1) || '0'}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/**
 * Java `BigDecimal.toString()` of `unscaled × 10^-scale`: plain when scale ≥ 0 and the adjusted
 * exponent is ≥ -6 (`123.45`, `1.500`, `0.000001`), otherwise scientific (`1E-7`, `1.2E+3`).
 */
export function javaBigDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const coefficient = (negative ? -unscaled : unscaled).toString();
  const sign = negative ? '-' : '';
  const adjusted = coefficient.length - 1 - scale;
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) return sign + coefficient;
    if (coefficient.length > scale) {
      const point = coefficient.length - scale;
      return `${sign}${coefficient.slice(0, point)}.${coefficient.slice(point)}`;
    }
    return `${sign}0.${'0'.repeat(scale - coefficient.length)}${coefficient}`;
  }
  const mantissa = coefficient.length > 1 ? `${coefficient[0]}.${coefficient.slice(1)}` : coefficient;
  return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}
