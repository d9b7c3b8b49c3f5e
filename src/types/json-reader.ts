/**
 * A strict JSON reader that hands numbers over as their source text and objects as ordered
 * entries, so a caller keeps what `JSON.parse` loses: `1.0` vs `1`, integers beyond 2^53, and
 * the order of keys like "1" that JS objects move to the front.
 *
 *   readJson('{"a": 1.0}', { number: (t) => t, object: (e) => new Map(e), array: (a) => a }, err)
 *     → Map { 'a' => '1.0' }
 *
 * Users: the shell (Python-like values, to print what crash prints) and the SLT runner (numbers
 * exactly as the server wrote them). `nonFinite`, when given, also accepts Python's `NaN`,
 * `Infinity` and `-Infinity`; without it they are syntax errors, as in JSON.
 */

export interface JsonBuilders<V> {
  /** a JSON number, as written (`-1`, `1.0`, `1.0E-4`) */
  number(text: string): V;
  /** key/value pairs in document order (a repeated key appears twice) */
  object(entries: [string, V][]): V;
  array(items: V[]): V;
  nonFinite?(value: number): V;
}

/**
 * Parses `text` into values built by `b`; strings, booleans and null are returned as they are.
 * `error(what, offset)` makes the exception thrown for malformed input.
 */
export function readJson<V>(text: string, b: JsonBuilders<V>, error: (what: string, offset: number) => Error): V {
  let i = 0;
  const fail = (what: string): never => { throw error(what, i); };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const value = (): V => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, V][] = [];
      ws();
      if (text[i] === '}') { i++; return b.object(entries); }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected object key');
        const key = string();
        ws();
        if (text[i++] !== ':') fail('expected :');
        entries.push([key, value()]);
        ws();
        const sep = text[i++];
        if (sep === '}') return b.object(entries);
        if (sep !== ',') fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const items: V[] = [];
      ws();
      if (text[i] === ']') { i++; return b.array(items); }
      for (;;) {
        items.push(value());
        ws();
        const sep = text[i++];
        if (sep === ']') return b.array(items);
        if (sep !== ',') fail('expected , or ]');
      }
    }
    if (c === '"') return string() as V;
    if (text.startsWith('true', i)) { i += 4; return true as V; }
    if (text.startsWith('false', i)) { i += 5; return false as V; }
    if (text.startsWith('null', i)) { i += 4; return null as V; }
    if (b.nonFinite) {
      if (text.startsWith('NaN', i)) { i += 3; return b.nonFinite(NaN); }
      if (text.startsWith('Infinity', i)) { i += 8; return b.nonFinite(Infinity); }
      if (text.startsWith('-Infinity', i)) { i += 9; return b.nonFinite(-Infinity); }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return b.number(m[0]);
  };
  const string = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i]!;
      if (c === '"') { out += text.slice(start, i); i++; return out; }
      if (c === '\\') {
        out += text.slice(start, i);
        const e = text[i + 1];
        i += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default: fail('bad escape');
        }
        start = i;
        continue;
      }
      i++;
    }
  };
  const result = value();
  ws();
  if (i !== text.length) fail('trailing characters');
  return result;
}
