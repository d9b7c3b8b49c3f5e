/**
 * `[NOT] LIKE` / `[NOT] ILIKE` with optional ANY/ALL and ESCAPE (functions.md §1.3).
 *
 * CrateDB's default escape character is backslash; DuckDB has none, so an explicit ESCAPE is
 * always emitted: `s LIKE 'a\%'` → `(s LIKE 'a\%' ESCAPE '\')`. `ESCAPE ''` disables escaping.
 * A literal pattern ending in the escape character fails like CrateDB
 * (`pattern 'ab\' must not end with escape character '\'`).
 * `s NOT LIKE ANY (arr)` is CrateDB's `any_not_like`: true if some pattern does not match.
 */
import { SQLParseException } from '../../errors/errors.js';
import { T } from '../../types/data-type.js';
import { quoteString } from '../../translator/duckdb-types.js';
import { castExpr } from '../casts.js';
import { compiled, stringLiteral } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { quantifiedSql } from './quantified.js';

export interface LikeOptions {
  readonly caseInsensitive: boolean;
  readonly negated: boolean;
  readonly quantifier?: 'ANY' | 'ALL';
}

function checkPattern(pattern: string, escape: string): void {
  if (escape === '') return;
  let escaped = false;
  for (const c of pattern) {
    if (!escaped && c === escape) escaped = true;
    else escaped = false;
  }
  if (escaped) throw new SQLParseException(`pattern '${pattern}' must not end with escape character '${escape}'`);
}

function escapeSql(escape: CompiledExpr | undefined): { sql: string; value?: string } {
  if (!escape) return { sql: quoteString('\\'), value: '\\' };
  const value = stringLiteral(escape);
  if (value !== undefined) {
    if ([...value].length > 1) throw new SQLParseException('ESCAPE must be a single character');
    return { sql: quoteString(value), value };
  }
  return { sql: castExpr(escape, T.text, 'implicit').sql };
}

export function emitLike(
  operand: CompiledExpr, pattern: CompiledExpr, escape: CompiledExpr | undefined, opts: LikeOptions,
): CompiledExpr {
  const esc = escapeSql(escape);
  const keyword = `${opts.negated ? 'NOT ' : ''}${opts.caseInsensitive ? 'ILIKE' : 'LIKE'}`;
  const s = castExpr(operand, T.text, 'implicit');
  if (opts.quantifier) {
    const arr = pattern.type.kind === 'array' ? castExpr(pattern, T.array(T.text), 'implicit') : pattern;
    if (Array.isArray(pattern.literal?.value) && esc.value !== undefined) {
      for (const p of pattern.literal.value) if (typeof p === 'string') checkPattern(p, esc.value);
    }
    const sql = quantifiedSql(opts.quantifier, s, arr, (x, e) => `(${x.sql} ${keyword} ${e.sql} ESCAPE ${esc.sql})`);
    return compiled(sql, T.boolean, operand, pattern);
  }
  const p = castExpr(pattern, T.text, 'implicit');
  const literal = stringLiteral(pattern);
  if (literal !== undefined && esc.value !== undefined) checkPattern(literal, esc.value);
  return compiled(`(${s.sql} ${keyword} ${p.sql} ESCAPE ${esc.sql})`, T.boolean, operand, pattern);
}
