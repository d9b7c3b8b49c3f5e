/**
 * Exact decimal handling for `numeric(p, s)` values in JavaScript (types.md §3.4).
 *
 * Values are kept as canonical decimal strings; arithmetic uses BigInt (unscaled value +
 * scale). Casting to numeric(p, s) rounds HALF_UP to s digits and fails when the integer part
 * needs more than p − s digits, as CrateDB's NumericType does.
 */

export interface Decimal { readonly unscaled: bigint; readonly scale: number }

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parse decimal text (`1.5`, `-.5`, `1e3`, `1.25E-2`); undefined when malformed. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return undefined;
  const intDigits = m[2]!;
  const fracDigits = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  let unscaled = BigInt((intDigits + fracDigits) || '0');
  let scale = fracDigits.length - exp;
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale };
}

/** Decimal for a JS number, using its shortest round-trip digits (Java `BigDecimal.valueOf`). */
export function decimalFromNumber(x: number): Decimal | undefined {
  if (!Number.isFinite(x)) return undefined;
  return parseDecimal(x.toExponential());
}

/** Round HALF_UP (away from zero on ties) to `scale` fraction digits. */
export function rescale(d: Decimal, scale: number): Decimal {
  if (scale >= d.scale) return { unscaled: d.unscaled * 10n ** BigInt(scale - d.scale), scale };
  const div = 10n ** BigInt(d.scale - scale);
  const neg = d.unscaled < 0n;
  const abs = neg ? -d.unscaled : d.unscaled;
  let q = abs / div;
  if ((abs % div) * 2n >= div) q += 1n;
  return { unscaled: neg ? -q : q, scale };
}

/** Number of digits before the decimal point (0 for |d| < 1). */
export function integerDigits(d: Decimal): number {
  const abs = d.unscaled < 0n ? -d.unscaled : d.unscaled;
  const intPart = abs / 10n ** BigInt(d.scale);
  return intPart === 0n ? 0 : intPart.toString().length;
}

/** Plain decimal text, e.g. `-12.50`. */
export function formatDecimal(d: Decimal): string {
  const neg = d.unscaled < 0n;
  const digits = (neg ? -d.unscaled : d.unscaled).toString().padStart(d.scale + 1, '0');
  const intPart = digits.slice(0, digits.length - d.scale);
  const frac = d.scale > 0 ? `.${digits.slice(digits.length - d.scale)}` : '';
  return `${neg ? '-' : ''}${intPart}${frac}`;
}

/**
 * Cast a decimal to numeric(precision, scale): round to scale and check the precision.
 * Returns undefined when the value does not fit.
 */
export function toNumericType(d: Decimal, precision?: number, scale?: number): Decimal | undefined {
  if (precision === undefined) return d;
  const r = rescale(d, scale ?? 0);
  return integerDigits(r) > precision - (scale ?? 0) ? undefined : r;
}

/** The integer part (truncated toward zero) as a BigInt. */
export function truncToBigInt(d: Decimal): bigint {
  return d.unscaled / 10n ** BigInt(d.scale);
}
