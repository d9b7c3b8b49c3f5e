/**
 * Text helpers run as DuckDB UDFs: `initcap` and `quote_ident` (functions.md §2.1).
 *
 * initcap: the first letter of each word upper-case, the rest lower-case; a word is a run of
 * letters/digits (`'heLlo WORLD'` → `Hello World`).
 * quote_ident: quotes only when needed — not a lower-case identifier (`[a-z_][a-z0-9_]*`) or a
 * reserved word (sql.md §1) — and doubles embedded quotes.
 */
import { RESERVED_KEYWORDS } from '../../sql/lexer/keywords.js';

/** CrateDB's reserved words (sql.md §1; `pg_get_keywords()` catcode 'R'). */
export const RESERVED_WORDS: ReadonlySet<string> = RESERVED_KEYWORDS;

export function initcap(s: string): string {
  let out = '';
  let inWord = false;
  for (const c of s) {
    const isWordChar = /[\p{L}\p{N}]/u.test(c);
    out += isWordChar ? (inWord ? c.toLowerCase() : c.toUpperCase()) : c;
    inWord = isWordChar;
  }
  return out;
}

export function quoteIdent(s: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(s) && !RESERVED_WORDS.has(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}
