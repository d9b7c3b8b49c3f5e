/**
 * Regular-expression functions (functions.md §2.5). CrateDB uses Java regex, DuckDB RE2:
 * flags become RE2 inline flags (`i` → `(?i)`, `s` → `(?s)`, `m` → `(?m)`; `x` strips
 * whitespace and `#` comments; `u`, `U`, `d` are ignored — Java's `U` must never reach RE2,
 * where it means "ungreedy"), `g` selects replace-all, and Java's `$N` group references in
 * replacements become RE2's `\N`.
 *
 *   regexp_replace('abc', '(b)', '<$1>')      → `regexp_replace('abc', '(b)', '<\1>')`
 *   regexp_replace(s, 'a', 'b', 'gi')         → `regexp_replace(s, '(?i)a', 'b', 'g')`
 */
import { SQLParseException } from '../../errors/errors.js';
import { T } from '../../types/data-type.js';
import { quoteString } from '../../translator/duckdb-types.js';
import { stringLiteral } from '../expr-util.js';
import { coerceArgs, result, scalar } from './define.js';
import type { CompiledExpr, FunctionDef } from './function-types.js';

/**
 * CrateDB flags read: the pattern with `x` applied, the modes among i, s, m (each once, in the
 * order given), and whether `g` was given; u, U, d change nothing.
 */
export function readFlags(pattern: string, flags: string): { pattern: string; modes: string; global: boolean } {
  let p = pattern;
  let modes = '';
  for (const f of flags) {
    if (f === 'i' || f === 's' || f === 'm') { if (!modes.includes(f)) modes += f; }
    else if (f === 'x') p = p.replace(/\\#/g, '\u0000').replace(/#[^\n]*/g, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
    else if (f === 'g' || f === 'u' || f === 'U' || f === 'd') continue;
    else throw new SQLParseException(`The regular expression flag is unknown: ${f}`);
  }
  return { pattern: p, modes, global: flags.includes('g') };
}

/** A pattern with CrateDB flags applied as RE2 inline flags, and whether `g` was given. */
export function withFlags(pattern: string, flags: string): { pattern: string; global: boolean } {
  const { pattern: p, modes, global } = readFlags(pattern, flags);
  return { pattern: modes ? `(?${modes})${p}` : p, global };
}

/** Java replacement text → RE2 replacement text (`$1` → `\1`, `\$` → `$`). */
export function javaReplacement(repl: string): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '\\' && i + 1 < repl.length) {
      const next = repl[++i]!;
      out += next === '\\' ? '\\\\' : next;
    } else if (c === '$' && /\d/.test(repl[i + 1] ?? '')) {
      out += `\\${repl[++i]}`;
    } else if (c === '\\') {
      out += '\\\\';
    } else {
      out += c;
    }
  }
  return out;
}

function patternSql(pattern: CompiledExpr, flags: CompiledExpr | undefined): { sql: string; global: string } {
  const p = stringLiteral(pattern);
  const f = flags ? stringLiteral(flags) : '';
  if (p !== undefined && f !== undefined) {
    const applied = withFlags(p, f);
    return { sql: quoteString(applied.pattern), global: applied.global ? "'g'" : "''" };
  }
  if (flags && f === undefined) throw new SQLParseException('regular expression flags must be a literal');
  return { sql: pattern.sql, global: "''" };
}

export const regexFunctions: FunctionDef[] = [
  scalar('regexp_instr', [
    '(text, text)', '(text, text, integer)', '(text, text, integer, integer)', '(text, text, integer, integer, integer)',
    '(text, text, integer, integer, integer, text)', '(text, text, integer, integer, integer, text, integer)',
  ], (args) => {
    const types = [T.text, T.text, T.integer, T.integer, T.integer, T.text, T.integer].slice(0, args.length);
    const a = coerceArgs(args, types);
    if (!a || a.length < 2) return undefined;
    const defaults = ['1', '1', '0', "''", '0'];
    const rest = defaults.map((d, i) => a[i + 2]?.sql ?? d);
    return result(`cratelite_regexp_instr(${a[0]!.sql}, ${a[1]!.sql}, ${rest.join(', ')})`, T.integer);
  }),
  scalar('regexp_replace', ['(text, text, text)', '(text, text, text, text)'], (args) => {
    const a = coerceArgs(args, args.map(() => T.text));
    if (!a || (a.length !== 3 && a.length !== 4)) return undefined;
    const { sql: pattern, global } = patternSql(a[1]!, a[3]);
    const replLiteral = stringLiteral(a[2]!);
    const repl = replLiteral !== undefined ? quoteString(javaReplacement(replLiteral))
      : `regexp_replace(${a[2]!.sql}, '\\$(\\d)', '\\\\\\1', 'g')`;
    return result(`regexp_replace(${a[0]!.sql}, ${pattern}, ${repl}, ${global})`, T.text);
  }),
  scalar('regexp_count', ['(text, text)', '(text, text, integer)', '(text, text, integer, text)'], (args) => {
    const types = [T.text, T.text, T.integer, T.text].slice(0, args.length);
    const a = coerceArgs(args, types);
    if (!a || a.length < 2) return undefined;
    const { sql: pattern } = patternSql(a[1]!, a[3]);
    const start = a[2]?.sql;
    const s = start ? `substring(${a[0]!.sql}, ${start})` : a[0]!.sql;
    const count = `CAST(len(regexp_extract_all(${s}, ${pattern})) AS INTEGER)`;
    return result(start ? `CASE WHEN ${start} < 1 THEN error('cratelite:SQLParseException:start must be greater than zero') ELSE ${count} END` : count, T.integer);
  }),
];
