/**
 * JavaScript-side casts of literal / parameter values (CrateDB `DataType.implicitCast` /
 * `explicitCast` semantics, types.md §3 and §8).
 *
 * JS value of each CrateDB type ("literal value" convention shared with the analyzer):
 *   boolean → boolean · byte/smallint/integer → number · bigint → number (bigint when
 *   outside ±2^53) · real/double → number · numeric → decimal string · text/varchar/
 *   character/ip/uuid/bit/json → string · timestamps/date → epoch ms number ·
 *   interval → {months, days, micros} · object/geo_shape → plain object · geo_point →
 *   [lon, lat] · arrays/float_vector → JS arrays · NULL → null.
 *
 * `castValue` throws `CastFailure`; callers turn it into CrateDB's message (with the literal
 * printed as a symbol at compile time, or as a bare value for parameters).
 */
import { higherType, isFloating, isIntegral, type DataType } from '../../types/data-type.js';
import { javaDouble, javaFloat } from '../../types/java-number-format.js';
import { parseTimestampText } from './timestamp-text.js';
import { ipFromLong, normaliseIp } from './ip-address.js';
import { parsePgArrayText } from './pg-array-text.js';
import {
  decimalFromNumber, formatDecimal, parseDecimal, toNumericType, truncToBigInt, type Decimal,
} from './decimal-text.js';
import { formatIntervalText, isIntervalValue, parseIntervalText } from './interval-value.js';
import { castGeoValue } from './geo-value.js';
import { CastFailure } from './cast-failure.js';
import { regOidFromText, regText } from './reg-types.js';

export { CastFailure };

export type CastMode = 'implicit' | 'explicit' | 'try' | 'assignment';


const fail = (message?: string): never => { throw new CastFailure(message); };

const INT_RANGES: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n],
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};

const BOOL_TEXT: Record<string, boolean> = {
  t: true, true: true, y: true, yes: true, on: true, '1': true,
  f: false, false: false, n: false, no: false, off: false, '0': false,
};

const JAVA_FLOAT_RE = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;

/** The CrateDB type of a JS value with no declared type (parameters). */
export function inferValueType(v: unknown): DataType {
  if (v === null || v === undefined) return { kind: 'undefined' };
  if (typeof v === 'boolean') return { kind: 'boolean' };
  if (typeof v === 'string') return { kind: 'text' };
  if (typeof v === 'bigint') return v >= -(2n ** 31n) && v < 2n ** 31n ? { kind: 'integer' } : { kind: 'bigint' };
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || Object.is(v, -0)) return { kind: 'double precision' };
    return v >= -(2 ** 31) && v < 2 ** 31 ? { kind: 'integer' } : { kind: 'bigint' };
  }
  if (Array.isArray(v)) {
    // the element type of highest precedence; NULL elements do not count
    let inner: DataType = { kind: 'undefined' };
    for (const item of v) inner = higherType(inner, inferValueType(item));
    return { kind: 'array', inner };
  }
  if (isIntervalValue(v)) return { kind: 'interval' };
  if (typeof v === 'object') return { kind: 'object', policy: 'dynamic', fields: [] };
  return { kind: 'undefined' };
}

/** JS number, or a bigint when outside the safe-integer range. */
const toJsInt = (v: bigint): number | bigint =>
  v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;

function toIntegral(v: unknown, from: DataType, to: DataType): number | bigint {
  let big: bigint;
  if (typeof v === 'bigint') big = v;
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail();
    big = BigInt(Math.trunc(v));
  } else if (typeof v === 'string') {
    if (from.kind === 'numeric') {
      const d = parseDecimal(v);
      big = d ? truncToBigInt(d) : fail();
    } else {
      if (!/^[+-]?\d+$/.test(v)) return fail();
      big = BigInt(v);
    }
  } else return fail();
  const [lo, hi] = INT_RANGES[to.kind]!;
  if (big < lo || big > hi) return fail();
  return toJsInt(big);
}

function toFloating(v: unknown, to: DataType): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'bigint') n = Number(v);
  else if (typeof v === 'string') {
    const s = v.trim();
    if (!JAVA_FLOAT_RE.test(s)) return fail();
    n = Number(s.replace(/[fFdD]$/, ''));
  } else return fail();
  if (to.kind === 'real') {
    // out of range only when the value does not round to a finite float (3.4028235E38 does)
    if (Number.isFinite(n) && !Number.isFinite(Math.fround(n))) return fail();
    return Math.fround(n);
  }
  return n;
}

function toNumeric(v: unknown, to: DataType & { kind: 'numeric' }): string {
  let d: Decimal | undefined;
  if (typeof v === 'number') d = decimalFromNumber(v);
  else if (typeof v === 'bigint') d = { unscaled: v, scale: 0 };
  else if (typeof v === 'string') d = parseDecimal(v);
  if (!d) return fail();
  const r = toNumericType(d, to.precision, to.scale);
  return r ? formatDecimal(r) : fail();
}

function toText(v: unknown, from: DataType, to: DataType, mode: CastMode): string {
  let s: string;
  if ((from.kind === 'regtype' || from.kind === 'regproc') && typeof v === 'number') s = regText(v, from.kind);
  else if (typeof v === 'string') s = from.kind === 'bit' ? `B'${v}'` : v;
  else if (typeof v === 'boolean') s = v ? 't' : 'f';
  else if (typeof v === 'bigint') s = String(v);
  else if (typeof v === 'number') {
    s = from.kind === 'real' ? javaFloat(v) : isFloating(from) ? javaDouble(v)
      : Number.isInteger(v) ? String(v) : javaDouble(v);
  } else if (isIntervalValue(v)) s = formatIntervalText(v);
  else if (Array.isArray(v) || from.kind === 'geo_point') return fail();
  else if (typeof v === 'object' && v !== null) s = JSON.stringify(v);
  else return fail();
  return fitLength(s, to, mode);
}

/** varchar(n) / character(n): explicit casts truncate (and pad char(n)); assignment checks. */
function fitLength(s: string, to: DataType, mode: CastMode): string {
  if (to.kind !== 'varchar' && to.kind !== 'character') return s;
  const n = to.length;
  const chars = [...s];
  if (chars.length > n) {
    if (mode === 'assignment') {
      if (chars.slice(n).join('').trim() !== '') {
        const what = to.kind === 'varchar' ? 'text' : 'character';
        return fail(`'${s}' is too long for the ${what} type of length: ${n}`);
      }
    } else if (mode === 'implicit' && to.kind === 'varchar') {
      return s;
    }
    s = chars.slice(0, n).join('');
  }
  return to.kind === 'character' ? s.padEnd(n, ' ') : s;
}

function toTimestamp(v: unknown, from: DataType, to: DataType): number {
  if (typeof v === 'string') {
    const ms = parseTimestampText(v, to.kind === 'timestamp with time zone');
    return ms === undefined ? fail() : ms;
  }
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail();
    return isFloating(from) || (from.kind === 'undefined' && !Number.isInteger(v)) ? Math.trunc(v * 1000) : Math.trunc(v);
  }
  return fail();
}

function toDate(v: unknown, from: DataType): number {
  if (typeof v === 'string') {
    const ms = parseTimestampText(v, false);
    if (ms === undefined) return fail();
    return /^[+-]?\d+$/.test(v) ? Math.trunc(ms / 86400000) * 86400000 : Math.floor(ms / 86400000) * 86400000;
  }
  const ms = toTimestamp(v, from, { kind: 'timestamp without time zone' });
  return Math.trunc(ms / 86400000) * 86400000 + 0;
}

function toObject(v: unknown, to: DataType & { kind: 'object' }, mode: CastMode): Record<string, unknown> {
  let obj: unknown = v;
  if (typeof v === 'string') {
    try { obj = JSON.parse(v); } catch { return fail(); }
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return fail();
  const out: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
  for (const f of to.fields) {
    if (out[f.name] === undefined || out[f.name] === null) continue;
    try {
      out[f.name] = castValue(out[f.name], inferValueType(out[f.name]), f.type, mode === 'try' ? 'explicit' : mode);
    } catch (e) {
      if (!(e instanceof CastFailure) || e.specificMessage) throw e;
      const shown = typeof out[f.name] === 'object' ? JSON.stringify(out[f.name]) : String(out[f.name]);
      return fail(`Cannot cast object element \`${f.name}\` with value \`${shown}\` to type \`${f.type.kind}\``);
    }
  }
  return out;
}

function toArray(v: unknown, from: DataType, to: DataType & { kind: 'array' }, mode: CastMode): unknown[] {
  let items: unknown[];
  let innerFrom: DataType;
  if (Array.isArray(v)) {
    items = v;
    innerFrom = from.kind === 'array' ? from.inner : inferValueType(v).kind === 'array'
      ? (inferValueType(v) as { inner: DataType }).inner : { kind: 'undefined' };
  } else if (typeof v === 'string' && mode !== 'implicit') {
    const parsed = parsePgArrayText(v);
    if (!parsed) return fail();
    items = parsed;
    innerFrom = { kind: 'text' };
  } else return fail();
  return items.map((item) => {
    const itemFrom = Array.isArray(item) ? { kind: 'array', inner: innerFrom } as DataType
      : innerFrom.kind === 'undefined' ? inferValueType(item) : innerFrom;
    return castValue(item, itemFrom, to.inner, mode);
  });
}

/**
 * Cast the JS value `v` of CrateDB type `from` to `to`. Throws CastFailure when CrateDB would
 * reject the value (callers decide the message; 'try' callers turn it into NULL).
 */
export function castValue(v: unknown, from: DataType, to: DataType, mode: CastMode): unknown {
  if (v === null || v === undefined) return null;
  switch (to.kind) {
    case 'undefined': return v;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') return BOOL_TEXT[v.toLowerCase()] ?? fail();
      if (typeof v === 'number' || typeof v === 'bigint') return Number(v) > 0;
      return fail();
    case 'byte': case 'smallint': case 'integer': case 'bigint':
      if (typeof v === 'boolean') return fail();
      return toIntegral(v, from, to);
    case 'real': case 'double precision': return typeof v === 'boolean' ? fail() : toFloating(v, to);
    case 'numeric': return typeof v === 'boolean' ? fail() : toNumeric(v, to);
    case 'text': case 'varchar': case 'character': return toText(v, from, to, mode);
    case 'timestamp with time zone': case 'timestamp without time zone': return toTimestamp(v, from, to);
    case 'date': return toDate(v, from);
    case 'interval':
      if (isIntervalValue(v)) return v;
      return typeof v === 'string' ? parseIntervalText(v) ?? fail() : fail();
    case 'ip':
      if (typeof v === 'string') return normaliseIp(v) ?? fail();
      if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint') return ipFromLong(v) ?? fail();
      return fail();
    case 'uuid':
      if (typeof v !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return fail();
      return v.toLowerCase();
    case 'json': return typeof v === 'string' ? v : JSON.stringify(v);
    case 'object': return toObject(v, to, mode);
    case 'geo_point': case 'geo_shape': return castGeoValue(v, to) ?? fail();
    case 'array': return toArray(v, from, to, mode);
    case 'float_vector': {
      if (!Array.isArray(v)) return fail();
      if (v.some((x) => x === null)) return fail('null values are not allowed for float_vector');
      if (v.length !== to.dimensions) return fail('The number of vector dimensions does not match the field type');
      return v.map((x) => toFloating(x, { kind: 'real' }));
    }
    case 'bit': {
      if (typeof v !== 'string' || !/^[01]*$/.test(v)) return fail();
      if (mode === 'assignment' && v.length !== to.length) {
        return fail(`bit string length ${v.length} does not match type bit(${to.length})`);
      }
      return mode === 'explicit' || mode === 'try' ? v.slice(0, to.length).padEnd(to.length, '0') : v;
    }
    case 'regclass': case 'regproc': case 'regtype':
      if (typeof v === 'string') return regOidFromText(v, to.kind);
      return isIntegral(from) || typeof v === 'number' ? v : fail();
    case 'time with time zone':
      return typeof v === 'string' && /^\s*\d{1,2}(:?\d{2}(:?\d{2})?)?(\.\d{1,6})?\s*([+-]\d{1,2}(:?\d{2}(:?\d{2})?)?|[A-Za-z][\w/+-]*)?\s*$/.test(v) ? v : fail();
    default:
      return v;
  }
}
