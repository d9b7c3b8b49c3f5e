/**
 * `format(fmt, args…)`: a JavaScript subset of java.util.Formatter, the formatter CrateDB's
 * `format` uses (functions.md §2.1). Arguments arrive as text (the UDF receives VARCHARs):
 * numbers in Java's text form, booleans as `true`/`false`, timestamps as epoch milliseconds
 * (so `%tY` works as in CrateDB, where timestamps are longs), NULL as null.
 *
 * Supported: `%[index$][flags][width][.precision]conversion` with conversions
 * b B s S c C d o x X e E f g G % n and the date/time conversions `%t…`/`%T…`
 * (Y y C m d e H I k l M S L N p j B b h A a Z z s Q R T r D F c).
 */
import { fieldsOf, MONTHS, pad, WEEKDAYS } from './calendar.js';

export class FormatError extends Error {}

const SPEC = /%(\d+\$|<)?([-#+ 0,(]*)(\d+)?(\.\d+)?([tT])?([a-zA-Z%])/g;

function justify(s: string, flags: string, width: number | undefined): string {
  if (width === undefined || s.length >= width) return s;
  return flags.includes('-') ? s.padEnd(width, ' ') : s.padStart(width, ' ');
}

function signed(body: string, negative: boolean, flags: string, width: number | undefined): string {
  let prefix = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  let suffix = '';
  if (negative && flags.includes('(')) { prefix = '('; suffix = ')'; }
  if (flags.includes(',')) {
    const [int, frac] = body.split('.');
    body = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  if (flags.includes('0') && width !== undefined) {
    body = body.padStart(width - prefix.length - suffix.length, '0');
  }
  return justify(prefix + body + suffix, flags, width);
}

function javaExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatNumber(conv: string, arg: string, flags: string, width?: number, precision?: number): string {
  const x = Number(arg);
  if (Number.isNaN(x) || !Number.isFinite(x)) return justify(Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity', flags, width);
  const p = precision ?? 6;
  const abs = Math.abs(x);
  let body: string;
  if (conv === 'f') body = abs.toFixed(p);
  else if (conv === 'e' || conv === 'E') body = javaExponent(abs.toExponential(p));
  else {
    const digits = p === 0 ? 1 : p;
    body = abs !== 0 && (abs < 1e-4 || abs >= 10 ** digits)
      ? javaExponent(abs.toExponential(digits - 1)) : abs.toFixed(Math.max(digits - 1 - Math.floor(Math.log10(abs || 1)), 0));
  }
  const out = signed(body, x < 0 || Object.is(x, -0), flags, width);
  return conv === conv.toUpperCase() ? out.toUpperCase() : out;
}

function formatInteger(conv: string, arg: string, flags: string, width?: number): string {
  if (!/^[+-]?\d+$/.test(arg.trim())) throw new FormatError(`${conv} != ${arg.includes('.') ? 'java.lang.Double' : 'java.lang.String'}`);
  const v = BigInt(arg.trim());
  if (conv === 'd') return signed((v < 0n ? -v : v).toString(), v < 0n, flags, width);
  const twos = v < 0n ? (1n << 64n) + v : v;
  let body = twos.toString(conv === 'o' ? 8 : 16);
  if (flags.includes('#')) body = (conv === 'o' ? '0' : '0x') + body;
  if (flags.includes('0') && width !== undefined) body = body.padStart(width, '0');
  const out = justify(body, flags, width);
  return conv === 'X' ? out.toUpperCase() : out;
}

function formatTime(suffix: string, arg: string): string {
  if (!/^[+-]?\d+$/.test(arg)) throw new FormatError(`Illegal date/time argument: ${arg}`);
  const ms = BigInt(arg);
  const f = fieldsOf(ms * 1000n);
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const parts: Record<string, () => string> = {
    Y: () => pad(f.year, 4), y: () => pad(((f.year % 100) + 100) % 100, 2), C: () => pad(Math.floor(f.year / 100), 2),
    m: () => pad(f.month, 2), d: () => pad(f.day, 2), e: () => String(f.day), H: () => pad(f.hour, 2), I: () => pad(h12, 2),
    k: () => String(f.hour), l: () => String(h12), M: () => pad(f.minute, 2), S: () => pad(f.second, 2),
    L: () => pad(f.millis, 3), N: () => pad(f.millis * 1000000, 9), p: () => (f.hour < 12 ? 'am' : 'pm'),
    j: () => pad(f.dayOfYear, 3), B: () => MONTHS[f.month - 1]!, b: () => MONTHS[f.month - 1]!.slice(0, 3),
    h: () => MONTHS[f.month - 1]!.slice(0, 3), A: () => WEEKDAYS[f.weekday]!, a: () => WEEKDAYS[f.weekday]!.slice(0, 3),
    Z: () => 'UTC', z: () => '+0000', s: () => String(ms / 1000n - (ms % 1000n < 0n ? 1n : 0n)), Q: () => String(ms),
  };
  const composite: Record<string, string> = { R: 'H:M', T: 'H:M:S', D: 'm/d/y', F: 'Y-m-d' };
  if (suffix in composite) return composite[suffix]!.replace(/[A-Za-z]/g, (c) => parts[c]!());
  if (suffix === 'r') return `${parts.I!()}:${parts.M!()}:${parts.S!()} ${parts.p!().toUpperCase()}`;
  if (suffix === 'c') return `${parts.a!()} ${parts.b!()} ${parts.d!()} ${parts.H!()}:${parts.M!()}:${parts.S!()} UTC ${parts.Y!()}`;
  const part = parts[suffix];
  if (!part) throw new FormatError(`Conversion = 't${suffix}'`);
  return part();
}

/** Format like Java's `String.format(fmt, args…)` with text arguments. */
export function javaFormat(fmt: string, args: readonly (string | null)[]): string {
  let next = 0;
  let last = -1;
  return fmt.replace(SPEC, (spec, index: string | undefined, flags: string, w: string | undefined, prec: string | undefined,
    time: string | undefined, conv: string) => {
    if (!time && conv === '%') return justify('%', flags, w === undefined ? undefined : Number(w));
    if (!time && conv === 'n') return '\n';
    const i = index === '<' ? last : index ? Number(index.slice(0, -1)) - 1 : next++;
    if (i < 0 || i >= args.length) throw new FormatError(`Format specifier '${spec}'`);
    last = i;
    const arg = args[i]!;
    const width = w === undefined ? undefined : Number(w);
    const precision = prec === undefined ? undefined : Number(prec.slice(1));
    let out: string;
    if (time) out = arg === null ? 'null' : formatTime(conv, arg);
    else if (conv === 'b' || conv === 'B') out = String(arg !== null && arg !== 'false');
    else if (conv === 's' || conv === 'S') out = arg === null ? 'null' : arg;
    else if (conv === 'c' || conv === 'C') out = arg === null ? 'null' : /^\d+$/.test(arg) ? String.fromCodePoint(Number(arg)) : arg.slice(0, 1);
    else if (arg === null) out = 'null';
    else if ('doxX'.includes(conv)) return formatInteger(conv, arg, flags, width);
    else if ('eEfgG'.includes(conv)) return formatNumber(conv, arg, flags, width, precision);
    else throw new FormatError(`Conversion = '${conv}'`);
    if (time) return justify(time === 'T' ? out.toUpperCase() : out, flags, width);
    if (precision !== undefined) out = out.slice(0, precision);
    out = justify(out, flags, width);
    return conv === conv.toUpperCase() ? out.toUpperCase() : out;
  });
}
