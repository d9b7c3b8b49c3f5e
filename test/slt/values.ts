/**
 * Result values of the SLT runner and their canonical text rendering (the rules are stated in
 * runner.ts). Numbers are kept as the exact text the server sent — CrateDB prints doubles the
 * Java way (`1.0`, `1.0E-4`) and `JSON.parse` would turn `1.0` into `1` — so responses are read
 * with the small number-preserving JSON reader below instead of `JSON.parse`.
 */

/** A JSON number kept as its source text, e.g. `1.0`, `308534400000`, `1.0E-4`. */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string { return this.text; }
}

export type SqlValue = null | boolean | string | JsonNumber | SqlValue[] | { [key: string]: SqlValue };

/** Parse JSON text, keeping numbers as {@link JsonNumber}. Throws SyntaxError on bad input. */
export function parseJsonPreservingNumbers(text: string): SqlValue {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`invalid JSON at offset ${pos}: ${what}`);
  };
  const skipWs = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
  };
  const parseString = (): string => {
    // text[pos] === '"'
    pos++;
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const ch = text[pos++]!;
      if (ch === '"') return out;
      if (ch !== '\\') { out += ch; continue; }
      const esc = text[pos++];
      switch (esc) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default: fail('bad escape');
      }
    }
  };
  const parseValue = (): SqlValue => {
    skipWs();
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const obj: { [key: string]: SqlValue } = {};
      skipWs();
      if (text[pos] === '}') { pos++; return obj; }
      for (;;) {
        skipWs();
        if (text[pos] !== '"') fail('expected object key');
        const key = parseString();
        skipWs();
        if (text[pos++] !== ':') fail('expected :');
        obj[key] = parseValue();
        skipWs();
        const sep = text[pos++];
        if (sep === '}') return obj;
        if (sep !== ',') fail('expected , or }');
      }
    }
    if (ch === '[') {
      pos++;
      const arr: SqlValue[] = [];
      skipWs();
      if (text[pos] === ']') { pos++; return arr; }
      for (;;) {
        arr.push(parseValue());
        skipWs();
        const sep = text[pos++];
        if (sep === ']') return arr;
        if (sep !== ',') fail('expected , or ]');
      }
    }
    if (ch === '"') return parseString();
    if (text.startsWith('true', pos)) { pos += 4; return true; }
    if (text.startsWith('false', pos)) { pos += 5; return false; }
    if (text.startsWith('null', pos)) { pos += 4; return null; }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m) fail('unexpected character');
    pos += m![0].length;
    return new JsonNumber(m![0]);
  };
  const value = parseValue();
  skipWs();
  if (pos !== text.length) fail('trailing characters');
  return value;
}

/** Compact JSON with object keys sorted (CrateDB does not guarantee key order). */
export function toCanonicalJson(value: SqlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toCanonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${toCanonicalJson(value[k]!)}`).join(',')}}`;
}

/** Render one result value as it appears in an expected-results line (see runner.ts). */
export function renderValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'string') {
    if (value === '') return '(empty)';
    return value.replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
  }
  return toCanonicalJson(value);
}

/** Type letter that best describes a value; used by `--complete` when it must invent a type string. */
export function typeLetterOf(value: SqlValue): string {
  if (typeof value === 'boolean') return 'B';
  if (typeof value === 'string') return 'T';
  if (value instanceof JsonNumber) return /[.eE]/.test(value.text) ? 'R' : 'I';
  return '?';
}
