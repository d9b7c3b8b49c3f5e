/**
 * Text fields (CSV, PostgreSQL text/csv) → insert values. Everything stays text — insertRows
 * casts text with CrateDB's rules — except where the text form of a value is one the text cast
 * does not read:
 *
 *   array / object columns:  JSON text (`[1,2]`, `{"a":1}`) → the parsed value (copy.md §1.3)
 *   array columns:           PostgreSQL array text (`{"1","2"}`, `{}`, what COPY TO STDOUT writes) → elements
 *   geo_point columns:       PostgreSQL's point text `(1.5,2)` (what COPY TO STDOUT writes) → [1.5, 2]
 *
 * Anything that does not parse is passed on as text, so the cast reports it.
 */
import type { DataType } from '../../types/data-type.js';
import { parsePgArrayText } from '../../analyzer/casting/pg-array-text.js';

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

export type TextConverter = (text: string) => unknown;

const identity: TextConverter = (t) => t;

export function textConverter(type: DataType | undefined): TextConverter {
  switch (type?.kind) {
    case 'array':
    case 'float_vector':
      return (t) => {
        const s = t.trimStart();
        if (s[0] === '{') return parsePgArrayText(t) ?? t;
        return s[0] === '[' ? parseJson(s) ?? t : t;
      };
    case 'object':
      return (t) => {
        const s = t.trimStart();
        return s[0] === '{' ? parseJson(s) ?? t : t;
      };
    case 'geo_point':
      return (t) => {
        const m = /^\s*\(\s*([^,()\s]+)\s*,\s*([^,()\s]+)\s*\)\s*$/.exec(t);
        if (!m) return t;
        const x = Number(m[1]);
        const y = Number(m[2]);
        return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : t;
      };
    default:
      return identity;
  }
}
