/**
 * Parser for PostgreSQL array text (`'{ab, CD, "CD", null, "null"}'`), used by the explicit
 * cast text → array (types.md §7.1, §8.3): unquoted `null` (any case) is NULL, quoted
 * elements keep their text (backslash escapes), surrounding blanks of unquoted elements are
 * trimmed, nested braces give nested arrays. Returns undefined for malformed input.
 */

export type PgArrayValue = (string | null | PgArrayValue)[];

export function parsePgArrayText(text: string): PgArrayValue | undefined {
  const s = text.trim();
  let pos = 0;

  const skipBlanks = () => { while (pos < s.length && /\s/.test(s[pos]!)) pos++; };

  const parseArray = (): PgArrayValue | undefined => {
    if (s[pos] !== '{') return undefined;
    pos++;
    const out: PgArrayValue = [];
    skipBlanks();
    if (s[pos] === '}') { pos++; return out; }
    for (;;) {
      skipBlanks();
      const c = s[pos];
      if (c === undefined) return undefined;
      if (c === '{') {
        const inner = parseArray();
        if (!inner) return undefined;
        out.push(inner);
      } else if (c === '"') {
        pos++;
        let v = '';
        for (;;) {
          const ch = s[pos];
          if (ch === undefined) return undefined;
          pos++;
          if (ch === '"') break;
          if (ch === '\\') {
            const next = s[pos];
            if (next === undefined) return undefined;
            v += next;
            pos++;
          } else {
            v += ch;
          }
        }
        out.push(v);
      } else {
        let v = '';
        while (pos < s.length && s[pos] !== ',' && s[pos] !== '}') {
          if (s[pos] === '\\' && pos + 1 < s.length) pos++;
          v += s[pos];
          pos++;
        }
        const trimmed = v.trim();
        if (trimmed === '') return undefined;
        out.push(trimmed.toLowerCase() === 'null' ? null : trimmed);
      }
      skipBlanks();
      if (s[pos] === ',') { pos++; continue; }
      if (s[pos] === '}') { pos++; return out; }
      return undefined;
    }
  };

  const result = parseArray();
  skipBlanks();
  return result && pos === s.length ? result : undefined;
}
