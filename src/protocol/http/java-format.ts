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
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const abs = Math.abs(x);
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
  return layout(f, shortestFloatDigits(Math.abs(f)));
}

/** `NaN`, `Infinity`, `-Infinity`, `0.0`, `-0.0`, or undefined for other values. */
function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  return undefined;
}

const isSameDouble = (text: string, x: number): boolean => Number(text) === x;
const isSameFloat = (text: string, x: number): boolean => Math.fround(Number(text)) === x;

interface Decimal { digits: string; exponent: number }

/**
 * The decimal Java picks: among the decimals of the minimal length m that round to x (but at
 * least 2 digits when m is 1) the one closest to x, the even one on a tie. Round-tripping is
 * monotonic in the length, so the length is found by binary search; the double's own shortest
 * digits bound it from above.
 */
function shortestFloatDigits(abs: number): Decimal {
  const nine = parseExponential(abs.toExponential(8), false);
  let lo = 1;
  let hi = 9;
  let best: Decimal | undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const found = floatCandidate(abs, mid, nine);
    if (found === undefined) {
      lo = mid + 1;
    } else {
      hi = mid;
      best = found;
    }
  }
  best ??= floatCandidate(abs, hi, nine) ?? parseExponential(abs.toExponential(8));
  if (hi === 1) return floatCandidate(abs, 2, nine) ?? best;
  return best;
}

/**
 * {@link candidateOfLength} for float32, cheaper: a float never needs more than 9 digits, so the
 * closest p-digit decimal is the closest 9-digit one rounded to p digits — except when those
 * 9 digits end in an exact `50…0` after digit p, where only the exact value can tell.
 */
function floatCandidate(abs: number, p: number, nine: Decimal): Decimal | undefined {
  const tail = nine.digits.slice(p);
  if (/^50*$/.test(tail)) return candidateOfLength(abs, p, isSameFloat, parseExponential(abs.toExponential()));
  let head = Number(nine.digits.slice(0, p));
  if (tail.charCodeAt(0) >= 0x35) head += 1;
  const exp10 = nine.exponent - p + 1;
  if (isSameFloat(`${head}e${exp10}`, abs)) return decimalOf(BigInt(head), exp10);
  const neighbour = head + (Number(`${head}e${exp10}`) < abs ? 1 : -1);
  return isSameFloat(`${neighbour}e${exp10}`, abs) ? decimalOf(BigInt(neighbour), exp10) : undefined;
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
  let digits = text.slice(0, e).replace('.', '');
  if (trim) digits = digits.replace(/0+$/, '') || '0';
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
