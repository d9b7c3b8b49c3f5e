/**
 * Bind parameter values → JS values for Session.execute (pgwire.md §5.2, types.md §3–§7 "PG
 * input"). The declared type (from the Parse OIDs, type-oids.ts) picks the decoder; the result
 * is the JS shape the analyzer takes for that CrateDB type: numbers/bigints, epoch-ms numbers
 * for timestamps and dates, `{months, days, micros}` intervals, parsed JSON for objects, nested
 * JS arrays, strings for text/numeric/uuid/timetz. Parameters whose type is `undefined` (OID 0)
 * stay text and are cast by the statement (the analyzer's `unknown` handling).
 */
import { SQLParseException } from '../../../errors/errors.js';
import { parseDecimal } from '../../../analyzer/casting/decimal-text.js';
import { parseIntervalText } from '../../../analyzer/casting/interval-value.js';
import { parsePgArrayText, type PgArrayValue } from '../../../analyzer/casting/pg-array-text.js';
import { typeSignature, type DataType } from '../../../types/data-type.js';
import { decodeNumericBinary } from './pg-numeric.js';
import { millisFromPgMicros, parseDateParam, parseTimestampParam, PG_EPOCH_DAYS, timetzText } from './pg-temporal.js';
import { MS_PER_DAY } from './raw-values.js';

const INT_RANGE: Record<string, readonly [bigint, bigint]> = {
  byte: [-128n, 127n], smallint: [-32768n, 32767n], integer: [-(2n ** 31n), 2n ** 31n - 1n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n], regclass: [-(2n ** 31n), 2n ** 31n - 1n],
  regproc: [-(2n ** 31n), 2n ** 31n - 1n], regtype: [-(2n ** 31n), 2n ** 31n - 1n],
};

const JAVA_FLOAT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;

const numberFormat = (text: string) => new SQLParseException(`For input string: "${text}"`);
const cannotParse = (text: string, t: DataType) => new SQLParseException(`Cannot cast value \`${text}\` to type \`${typeSignature(t)}\``);

const jsInt = (v: bigint): number | bigint => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

function parseJsonParam(text: string): unknown {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new SQLParseException(`Cannot cast value \`${text}\` to type \`object\``);
  }
  if (v === null || typeof v !== 'object') throw new SQLParseException(`Cannot cast value \`${text}\` to type \`object\``);
  return v;
}

/** Text-format parameter of type `t` → JS value. */
export function decodeTextParam(text: string, t: DataType): unknown {
  switch (t.kind) {
    case 'boolean': return ['1', 't', 'T', 'true', 'TRUE'].includes(text);
    case 'byte': case 'smallint': case 'integer': case 'bigint':
    case 'regclass': case 'regproc': case 'regtype': {
      const s = text.trim();
      if (!/^[+-]?\d+$/.test(s)) throw numberFormat(text);
      const v = BigInt(s);
      const [lo, hi] = INT_RANGE[t.kind]!;
      if (v < lo || v > hi) throw numberFormat(text);
      return jsInt(v);
    }
    case 'real': case 'double precision': {
      const s = text.trim();
      if (!JAVA_FLOAT.test(s)) throw numberFormat(text);
      const n = Number(s.replace(/[fFdD]$/, ''));
      return t.kind === 'real' ? Math.fround(n) : n;
    }
    case 'numeric':
      if (!parseDecimal(text)) throw numberFormat(text);
      return text.trim();
    case 'timestamp with time zone': case 'timestamp without time zone': {
      const ms = parseTimestampParam(text, t.kind === 'timestamp with time zone');
      if (ms === undefined) throw cannotParse(text, t);
      return ms;
    }
    case 'date': {
      const ms = parseDateParam(text);
      if (ms === undefined) throw cannotParse(text, t);
      return ms;
    }
    case 'interval': {
      const iv = parseIntervalText(text);
      if (!iv) throw cannotParse(text, t);
      return iv;
    }
    case 'uuid':
      if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text.trim())) throw cannotParse(text, t);
      return text.trim().toLowerCase();
    case 'object': case 'geo_shape': case 'json': return t.kind === 'json' ? text : parseJsonParam(text);
    case 'geo_point': {
      const nums = text.split(/[(),\s]+/).filter((s) => s !== '').map(Number);
      if (nums.length < 2 || nums.slice(0, 2).some(Number.isNaN)) throw cannotParse(text, t);
      return [nums[0], nums[1]];
    }
    case 'bit': return /^[bB]'/.test(text) ? text.slice(2, -1) : text;
    case 'record': throw new SQLParseException('Input of record type values is not implemented');
    case 'oidvector': return text.trim() === '' ? [] : text.trim().split(/\s+/).map((s) => decodeTextParam(s, { kind: 'integer' }));
    case 'float_vector': return decodeTextParam(text, { kind: 'array', inner: { kind: 'real' } });
    case 'array': {
      const parsed = parsePgArrayText(text);
      if (!parsed) throw cannotParse(text, t);
      return decodeArrayText(parsed, t.inner);
    }
    default: return text;
  }
}

function decodeArrayText(items: PgArrayValue, inner: DataType): unknown[] {
  return items.map((x) => {
    if (x === null) return null;
    if (Array.isArray(x)) return decodeArrayText(x, inner.kind === 'array' ? inner.inner : inner);
    return decodeTextParam(x, inner);
  });
}

/** Binary-format parameter of type `t` → JS value. */
export function decodeBinaryParam(b: Buffer, t: DataType): unknown {
  const expect = (n: number) => {
    if (b.length !== n) throw new SQLParseException(`Invalid binary length ${b.length} for a parameter of type ${typeSignature(t)}`);
  };
  switch (t.kind) {
    case 'boolean':
      expect(1);
      if (b[0] !== 0 && b[0] !== 1) throw new SQLParseException(`Unsupported binary bool: ${b[0]}`);
      return b[0] === 1;
    case 'byte': case 'smallint':
      if (b.length === 1) return b.readInt8(0);
      expect(2);
      return b.readInt16BE(0);
    case 'integer': case 'regclass': case 'regproc': case 'regtype': expect(4); return b.readInt32BE(0);
    case 'bigint': expect(8); return jsInt(b.readBigInt64BE(0));
    case 'real': expect(4); return b.readFloatBE(0);
    case 'double precision': expect(8); return b.readDoubleBE(0);
    case 'numeric': return decodeNumericBinary(b);
    case 'timestamp with time zone': case 'timestamp without time zone':
      expect(8);
      return millisFromPgMicros(b.readBigInt64BE(0));
    case 'date': expect(4); return (b.readInt32BE(0) + PG_EPOCH_DAYS) * MS_PER_DAY;
    case 'time with time zone': expect(12); return timetzText(b.readBigInt64BE(0), b.readInt32BE(8));
    case 'interval': {
      expect(16);
      const micros = Number(b.readBigInt64BE(0) / 1000n) * 1000;
      return { months: b.readInt32BE(12), days: b.readInt32BE(8), micros };
    }
    case 'uuid': {
      expect(16);
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 'geo_point': expect(16); return [b.readDoubleBE(0), b.readDoubleBE(8)];
    case 'bit': {
      const n = b.readInt32BE(0);
      let s = '';
      for (let i = 0; i < n; i++) s += (b[4 + (i >> 3)]! & (0x80 >> (i & 7))) ? '1' : '0';
      return s;
    }
    case 'object': case 'geo_shape': return parseJsonParam(b.toString('utf8'));
    case 'record': throw new SQLParseException('Input of record type values is not implemented');
    case 'oidvector': return decodeBinaryArray(b, { kind: 'integer' });
    case 'float_vector': return decodeBinaryArray(b, { kind: 'real' });
    case 'array': return decodeBinaryArray(b, innermost(t));
    default: return b.toString('utf8');
  }
}

function innermost(t: DataType): DataType {
  return t.kind === 'array' ? innermost(t.inner) : t;
}

/** `ndim | flags | elem OID | ndim × (length, lbound) | elements` → nested JS arrays (lower bounds ignored). */
function decodeBinaryArray(b: Buffer, element: DataType): unknown[] {
  if (b.length < 12) throw new SQLParseException('Invalid binary array');
  const ndim = b.readInt32BE(0);
  if (ndim === 0) return [];
  if (ndim < 0 || ndim > 6 || b.length < 12 + ndim * 8) throw new SQLParseException('Invalid binary array');
  const dims: number[] = [];
  for (let i = 0; i < ndim; i++) dims.push(b.readInt32BE(12 + i * 8));
  let pos = 12 + ndim * 8;
  const readLevel = (level: number): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < dims[level]!; i++) {
      if (level < ndim - 1) {
        out.push(readLevel(level + 1));
        continue;
      }
      if (pos + 4 > b.length) throw new SQLParseException('Invalid binary array');
      const len = b.readInt32BE(pos);
      pos += 4;
      if (len === -1) {
        out.push(null);
        continue;
      }
      if (len < 0 || pos + len > b.length) throw new SQLParseException('Invalid binary array');
      out.push(decodeBinaryParam(b.subarray(pos, pos + len), element));
      pos += len;
    }
    return out;
  };
  return readLevel(0);
}
