/**
 * Date/time values in PostgreSQL wire form (types.md §3.9–§3.11):
 *
 *   timestamptz text   `2021-03-09 14:15:16.123+00`  (always UTC, exactly 3 fraction digits)
 *   timestamp text     `2021-03-09 14:15:16.123`
 *   date text          `2021-03-09`                  (`… BC` suffix for years before 1)
 *   timetz text        `13:00:00+01:00`              (offset only when non-zero)
 *   binary             int64 µs / int32 days since 2000-01-01 — CrateDB has millisecond resolution
 *
 * and the parameter parsers for the opposite direction.
 */
import { parseTimestampText } from '../../../analyzer/casting/timestamp-text.js';

/** 2000-01-01T00:00:00Z in epoch milliseconds / days: the PostgreSQL epoch. */
export const PG_EPOCH_MS = 946_684_800_000;
export const PG_EPOCH_DAYS = 10_957;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyy-MM-dd` (year of era) and the era suffix, for an epoch-ms instant read in UTC. */
function datePart(d: Date): { text: string; bc: boolean } {
  const year = d.getUTCFullYear();
  const bc = year < 1;
  const yoe = bc ? 1 - year : year;
  return { text: `${pad(yoe, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, bc };
}

export function timestampText(ms: number, withTimeZone: boolean): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const date = datePart(d);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${date.text} ${time}${withTimeZone ? '+00' : ''}${date.bc ? ' BC' : ''}`;
}

export function dateText(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const date = datePart(d);
  return date.bc ? `${date.text} BC` : date.text;
}

/** ISO local time (fraction only when non-zero, trailing zeros dropped) + `±HH:MM[:SS]` when non-zero. */
export function timetzText(micros: bigint, offsetSeconds: number): string {
  const total = Number(micros);
  const secs = Math.floor(total / 1e6);
  const frac = total - secs * 1e6;
  let s = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  if (frac !== 0) s += `.${pad(frac, 6).replace(/0+$/, '')}`;
  if (offsetSeconds !== 0) {
    const abs = Math.abs(offsetSeconds);
    s += `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
    if (abs % 60 !== 0) s += `:${pad(abs % 60)}`;
  }
  return s;
}

/** Timestamp binary: µs since 2000-01-01 of an epoch-ms value. */
export const timestampMicros = (ms: number): bigint => (BigInt(Math.trunc(ms)) - BigInt(PG_EPOCH_MS)) * 1000n;

/** Binary µs since 2000-01-01 → epoch ms (integer division truncating toward zero, as CrateDB). */
export const millisFromPgMicros = (micros: bigint): number => Number(micros / 1000n) + PG_EPOCH_MS;

// ─── parameter input ─────────────────────────────────────────────────────────

/** PG style `2016-05-14 00:00:00+02`, `… BC`: the fallback after CrateDB's own rules. */
const PG_TIMESTAMP = /^(\d{4,})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?\s*([+-]\d{2}(?::?\d{2})?(?::?\d{2})?)?(?: (BC|AD))?$/i;

/** Text timestamp parameter → epoch ms, or undefined (types.md §3.9 "PG input"). */
export function parseTimestampParam(text: string, withTimeZone: boolean): number | undefined {
  const t = text.trim();
  const direct = parseTimestampText(t, withTimeZone);
  if (direct !== undefined) return direct;
  const m = PG_TIMESTAMP.exec(t);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (m[9]?.toUpperCase() === 'BC') year = 1 - year;
  const yearText = year < 0 || year > 9999 ? `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 4)}` : pad(year, 4);
  const time = m[4] === undefined ? '' : `T${m[4]}:${m[5]}:${m[6]}${m[7] ? `.${m[7]}` : ''}`;
  const zone = m[8] === undefined || m[4] === undefined ? '' : m[8];
  return parseTimestampText(`${yearText}-${m[2]}-${m[3]}${time}${zone}`, withTimeZone);
}

/** Text date parameter: strict ISO `yyyy-MM-dd` → epoch ms of 00:00 UTC. */
export function parseDateParam(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return undefined;
  return parseTimestampText(t, false);
}
