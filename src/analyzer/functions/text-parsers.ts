/**
 * JavaScript parsers behind `parse_ident`, `parse_uri`, `parse_url` and the bytea-style
 * `encode`/`decode` (functions.md §2.1), run as DuckDB UDFs.
 *
 *   parse_ident('"SomeSchema".sometable') → ["SomeSchema", "sometable"] (unquoted parts
 *                                           lower-cased; junk after the name fails unless strict = false)
 *   parse_uri / parse_url                  → decoded RFC 3986 components (no default ports, as
 *                                           CrateDB: URL.getPort() = -1 → null); parse_url adds
 *                                           `parameters`: each key → all its decoded values
 *   encode(bytea, fmt) / decode(text, fmt) → base64 / hex / escape (octal) like CrateDB's
 *                                           EncodeDecodeFunction; binary results as `\x…` hex
 */

export class TextParseError extends Error {}

export function parseIdent(input: string, strict: boolean): string[] {
  const parts: string[] = [];
  let i = 0;
  const fail = () => new TextParseError(`String is not a valid identifier: "${input}"`);
  for (;;) {
    while (input[i] === ' ') i++;
    if (input[i] === '"') {
      let part = '';
      i++;
      for (;;) {
        if (i >= input.length) throw fail();
        if (input[i] === '"') {
          if (input[i + 1] === '"') { part += '"'; i += 2; continue; }
          i++;
          break;
        }
        part += input[i++];
      }
      if (part === '') throw fail();
      parts.push(part);
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_$@]*/.exec(input.slice(i));
      if (!m) throw fail();
      parts.push(m[0].toLowerCase());
      i += m[0].length;
    }
    while (input[i] === ' ') i++;
    if (input[i] === '.') { i++; continue; }
    if (i < input.length && strict) throw fail();
    return parts;
  }
}

const URI_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

function percentDecode(s: string | undefined, plusIsSpace: boolean): string | null {
  if (s === undefined) return null;
  const text = plusIsSpace ? s.replace(/\+/g, ' ') : s;
  try { return decodeURIComponent(text); } catch { return text; }
}

/** `parse_uri` / `parse_url` as a JSON object text (keys sorted like CrateDB's output). */
export function parseUri(text: string, url: boolean): string {
  const m = URI_RE.exec(text);
  if (!m) throw new TextParseError(`unable to parse uri ${text}`);
  const decode = (s: string | undefined) => percentDecode(s, url);
  const out: Record<string, unknown> = {
    fragment: decode(m[7]),
    hostname: m[3] === undefined || m[3] === '' ? null : m[3],
  };
  if (url) {
    let parameters: Record<string, (string | null)[]> | null = null;
    if (m[6] !== undefined) {
      parameters = {};
      for (const p of m[6].split(/&(?!amp)/)) {
        const idx = p.indexOf('=');
        const key = decode(idx > 0 ? p.slice(0, idx) : p) ?? '';
        const value = idx > 0 && p.length > idx + 1 ? decode(p.slice(idx + 1)) : null;
        (parameters[key] ??= []).push(value);
      }
    }
    out.parameters = parameters;
  }
  out.path = decode(m[5]);
  out.port = m[4] ? Number(m[4]) : null;
  out.query = decode(m[6]);
  out.scheme = m[1] ?? null;
  out.userinfo = decode(m[2]);
  return JSON.stringify(out);
}

/** Bytes of bytea text: `\x…` hex, else the escape format (`\\` and `\ooo` octal). */
function byteaBytes(text: string): Buffer {
  if (/^\\x/i.test(text)) return hexBytes(text.slice(2));
  const out: number[] = [];
  for (let i = 0; i < text.length;) {
    if (text[i] === '\\') {
      if (text[i + 1] === '\\') { out.push(92); i += 2; continue; }
      const oct = /^[0-7]{3}/.exec(text.slice(i + 1));
      // like CrateDB, a backslash not starting an escape is kept as a byte
      if (!oct) { out.push(92); i += 1; continue; }
      out.push(parseInt(oct[0], 8) & 255);
      i += 4;
    } else {
      const cp = text.codePointAt(i)!;
      out.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return Buffer.from(out);
}

function hexBytes(hex: string): Buffer {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new TextParseError(`invalid hexadecimal digit: ${hex}`);
  return Buffer.from(hex, 'hex');
}

function escapeText(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    if (b === 92) out += '\\\\';
    else if (b >= 32 && b <= 126) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out;
}

export function encodeBytea(input: string, format: string): string {
  const bytes = byteaBytes(input);
  switch (format.toLowerCase()) {
    case 'base64': return bytes.toString('base64');
    case 'hex': return bytes.toString('hex');
    case 'escape': return escapeText(bytes);
    default: throw new TextParseError(`Encoding format '${format}' is not supported`);
  }
}

export function decodeBytea(text: string, format: string): string {
  switch (format.toLowerCase()) {
    case 'base64': return `\\x${Buffer.from(text, 'base64').toString('hex')}`;
    case 'hex': return `\\x${hexBytes(text).toString('hex')}`;
    case 'escape': return `\\x${byteaBytes(text).toString('hex')}`;
    default: throw new TextParseError(`Encoding format '${format}' is not supported`);
  }
}
