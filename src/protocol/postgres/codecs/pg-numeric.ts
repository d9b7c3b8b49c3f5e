/**
 * PostgreSQL `numeric` binary layout (types.md §3.4):
 *
 *   int16 ndigits | int16 weight | int16 sign (0x0000 +, 0x4000 −) | int16 dscale | ndigits × int16 (base 10000)
 *
 * dscale = max(0, scale); no trailing zero digit groups; zero is ndigits 0, weight -1 (CrateDB).
 */
import type { DecimalParts } from './raw-values.js';

const NBASE = 10_000n;

export function encodeNumericBinary(d: DecimalParts): Buffer {
  const negative = d.unscaled < 0n;
  let unscaled = negative ? -d.unscaled : d.unscaled;
  let scale = d.scale;
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const dscale = scale;
  if (unscaled === 0n) {
    const zero = Buffer.alloc(8);
    zero.writeInt16BE(0, 0);
    zero.writeInt16BE(-1, 2);
    zero.writeInt16BE(0, 4);
    zero.writeInt16BE(dscale, 6);
    return zero;
  }
  // align the fraction to whole base-10000 groups
  const pad = (4 - (scale % 4)) % 4;
  let value = unscaled * 10n ** BigInt(pad);
  const fracGroups = (scale + pad) / 4;
  const groups: number[] = [];
  while (value > 0n) {
    groups.unshift(Number(value % NBASE));
    value /= NBASE;
  }
  let weight = groups.length - fracGroups - 1;
  // strip leading and trailing zero groups
  while (groups.length > 0 && groups[0] === 0) { groups.shift(); weight--; }
  while (groups.length > 0 && groups[groups.length - 1] === 0) groups.pop();
  const out = Buffer.alloc(8 + groups.length * 2);
  out.writeInt16BE(groups.length, 0);
  out.writeInt16BE(weight, 2);
  out.writeUInt16BE(negative ? 0x4000 : 0, 4);
  out.writeInt16BE(dscale, 6);
  groups.forEach((g, i) => out.writeInt16BE(g, 8 + i * 2));
  return out;
}

/** Binary numeric → decimal text (`-12.50`); throws on NaN/Infinity (not representable in CrateDB). */
export function decodeNumericBinary(b: Buffer): string {
  if (b.length < 8) throw new RangeError('numeric value too short');
  const ndigits = b.readInt16BE(0);
  const weight = b.readInt16BE(2);
  const sign = b.readUInt16BE(4);
  const dscale = b.readInt16BE(6);
  if (sign !== 0 && sign !== 0x4000) throw new RangeError('NaN and Infinity are not supported numeric values');
  if (b.length < 8 + ndigits * 2) throw new RangeError('numeric value too short');
  let value = 0n;
  for (let i = 0; i < ndigits; i++) value = value * NBASE + BigInt(b.readInt16BE(8 + i * 2));
  // value × 10000^(weight - ndigits + 1)
  let exp10 = (weight - ndigits + 1) * 4;
  if (exp10 > 0) {
    value *= 10n ** BigInt(exp10);
    exp10 = 0;
  }
  let scale = -exp10;
  // adjust to dscale
  if (scale > dscale) {
    value /= 10n ** BigInt(scale - dscale);
    scale = dscale;
  } else if (scale < dscale) {
    value *= 10n ** BigInt(dscale - scale);
    scale = dscale;
  }
  const digits = value.toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return sign === 0x4000 && value !== 0n ? `-${text}` : text;
}
