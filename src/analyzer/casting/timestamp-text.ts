/**
 * CrateDB's text → timestamp parser, in JavaScript (types.md §3.9, CrateDB
 * `TimestampType.parseTimestamp` / `parseTimestampIgnoreTimeZone`).
 *
 * Accepted (case-insensitive):
 *   digits only (optionally signed)            → epoch milliseconds
 *   yyyy-MM-dd [('T'|' ') HH:mm[:ss[.f{1,9}]] [offset]]
 *   offset: Z | ±HH | ±HHmm | ±HH:mm | zone id (Europe/Berlin, UTC, EST …)
 * Years outside 0000–9999 need a sign (`+10000-03-09`). Invalid calendar dates fail (strict
 * resolver). `with time zone` applies the offset; `without` ignores it. Fractions beyond
 * milliseconds are truncated (CrateDB keeps ms).
 *
 * Used for compile-time folding of casts and by the run-time UDF `cratelite_text_to_ts`.
 */

const TS_RE = new RegExp(
  '^([+-]\\d{4,}|\\d{4})-(\\d{2})-(\\d{2})'
  + '(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?'
  + '(Z|[+-]\\d{2}(?::?\\d{2})?|[A-Z][A-Z0-9_/+\\-]*)?)?$', 'i');

const LONG_RE = /^[+-]?\d+$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Epoch ms for CrateDB timestamp text, or undefined when the text is not a valid timestamp. */
export function parseTimestampText(text: string, withTimeZone: boolean): number | undefined {
  if (LONG_RE.test(text)) {
    const v = BigInt(text);
    return v < LONG_MIN || v > LONG_MAX ? undefined : Number(v);
  }
  const m = TS_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = utcMillis(year, month, day, hour, minute, second, millis);
  if (local === undefined) return undefined;
  const zone = m[8];
  if (zone === undefined || !withTimeZone || m[4] === undefined) {
    // A zone is only valid after a time; without time zone it is parsed and ignored.
    if (zone !== undefined && resolveZone(zone) === undefined) return undefined;
    return local;
  }
  const z = resolveZone(zone);
  if (z === undefined) return undefined;
  return localToInstant(local, z);
}

/**
 * Milliseconds for a proleptic-Gregorian UTC date-time; undefined for impossible dates
 * (2021-02-30). Unlike Date.UTC, years 0–99 are not shifted to the 1900s.
 */
export function utcMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, ms);
  if (Number.isNaN(dt.getTime()) || dt.getUTCDate() !== d || dt.getUTCMonth() !== mo - 1) return undefined;
  return dt.getTime();
}

/** A time zone: either a fixed offset in ms (east of UTC positive) or an IANA zone name. */
export type Zone = { offsetMs: number } | { name: string };

/**
 * Parse a CrateDB time zone argument: `Z`, `UTC`, `+01`, `+0100`, `+01:00`, `-05:30`,
 * IANA names (`Europe/Vienna`) and the abbreviations the JS runtime knows (`EST`).
 */
export function resolveZone(text: string): Zone | undefined {
  const t = text.trim();
  if (/^(z|utc|gmt|ut)$/i.test(t)) return { offsetMs: 0 };
  const off = /^(?:(?:utc|gmt|ut))?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i.exec(t);
  if (off) {
    const h = Number(off[2]);
    const mi = off[3] === undefined ? 0 : Number(off[3]);
    const s = off[4] === undefined ? 0 : Number(off[4]);
    if (h > 18 || mi > 59 || s > 59) return undefined;
    const ms = ((h * 60 + mi) * 60 + s) * 1000;
    return { offsetMs: off[1] === '-' ? -ms : ms };
  }
  if (!/^[A-Za-z][A-Za-z0-9_/+\-]*$/.test(t)) return undefined;
  try {
    formatterFor(t);
    return { name: t };
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset (ms, east positive) of `zone` at the instant `epochMs`. */
export function zoneOffsetAt(zone: Zone, epochMs: number): number {
  if ('offsetMs' in zone) return zone.offsetMs;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone.name).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = utcMillis(year, Number(parts.month), Number(parts.day), Number(parts.hour) % 24,
    Number(parts.minute), Number(parts.second)) ?? epochMs;
  const floored = Math.floor(epochMs / 1000) * 1000;
  return wall - floored;
}

/** The instant whose wall-clock time in `zone` is `localMs` (interpreted as if UTC). */
export function localToInstant(localMs: number, zone: Zone): number {
  if ('offsetMs' in zone) return localMs - zone.offsetMs;
  let guess = localMs - zoneOffsetAt(zone, localMs);
  const second = localMs - zoneOffsetAt(zone, guess);
  if (second !== guess) guess = second;
  return guess;
}

/** Wall-clock ms (as if UTC) in `zone` for the instant `epochMs`. */
export const instantToLocal = (epochMs: number, zone: Zone): number => epochMs + zoneOffsetAt(zone, epochMs);

/** DuckDB (ICU) spelling of a CrateDB zone: fixed offsets become `UTC±hh:mm`. */
export function duckDbZoneName(zone: Zone): string {
  if ('name' in zone) return zone.name;
  if (zone.offsetMs === 0) return 'UTC';
  const abs = Math.abs(zone.offsetMs) / 1000;
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `UTC${zone.offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}
