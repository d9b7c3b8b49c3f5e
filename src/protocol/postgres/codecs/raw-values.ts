/**
 * Normalising raw result values (what @duckdb/node-api returns, or the JS shapes cratelite
 * computes itself) into the few primitive forms the PG codecs work with: numbers/bigints,
 * epoch milliseconds, decimal (unscaled, scale), list items, JSON array element texts.
 * Shape knowledge shared with HTTP comes from protocol/http (json-values, temporal-format).
 */
import { DuckDBDecimalValue, DuckDBDateValue } from '@duckdb/node-api';
import { listItems } from '../../../types/json-values.js';
import { epochMillisText } from '../../../types/temporal-format.js';
import { parseDecimal } from '../../../analyzer/casting/decimal-text.js';

export { listItems };

export const MS_PER_DAY = 86_400_000;

/** Epoch milliseconds of a timestamp/date-like raw value (`{micros}`, `{days}`, numbers, Date…). */
export function millisOf(v: unknown): number {
  const text = epochMillisText(v);
  if (text !== undefined) return Number(text);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  throw new TypeError(`not a timestamp value: ${String(v)}`);
}

/** Days since 1970-01-01 of a date-like raw value. */
export function epochDaysOf(v: unknown): number {
  if (v instanceof DuckDBDateValue) return v.days;
  return Math.floor(millisOf(v) / MS_PER_DAY);
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number(v);
}

export function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (v instanceof DuckDBDecimalValue) return v.value / 10n ** BigInt(v.scale);
  return BigInt(String(v));
}

export interface DecimalParts { readonly unscaled: bigint; readonly scale: number }

/** A numeric raw value as unscaled digits + scale. */
export function decimalOf(v: unknown): DecimalParts {
  if (v instanceof DuckDBDecimalValue) return { unscaled: v.value, scale: v.scale };
  if (typeof v === 'bigint') return { unscaled: v, scale: 0 };
  const d = parseDecimal(typeof v === 'number' ? String(v) : String(v));
  if (!d) throw new TypeError(`not a numeric value: ${String(v)}`);
  return d;
}

/**
 * The texts of the top-level elements of a JSON array (`[1, {"a": 2}, "x"]` → `1`, `{"a": 2}`,
 * `"x"`), each trimmed; undefined when the text is not an array. Used for arrays of objects and
 * records, which DuckDB hands over as one JSON document: re-parsing with JSON.parse would lose
 * CrateDB's number forms (`1.0`).
 */
export function jsonArrayElements(text: string): string[] | undefined {
  const s = text.trim();
  if (!s.startsWith('[') || !s.endsWith(']')) return undefined;
  const out: string[] = [];
  let depth = 0;
  let start = 1;
  let inString = false;
  for (let i = 1; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = s.slice(start, s.length - 1).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}

/** Items of an array raw value: a DuckDB LIST/ARRAY, a JS array, or a JSON array text. */
export function arrayItems(v: unknown): readonly unknown[] | undefined {
  const items = listItems(v);
  if (items) return items;
  if (typeof v === 'string') {
    const elements = jsonArrayElements(v);
    return elements?.map((e) => (e === 'null' ? null : new JsonText(e)));
  }
  return undefined;
}

/** One element of a JSON document, kept as its source text. */
export class JsonText {
  constructor(readonly text: string) {}
  toString(): string { return this.text; }
  /** The element as a JS value (strings unquoted, numbers as numbers). */
  value(): unknown { return JSON.parse(this.text); }
}
