/**
 * `regexp_instr(s, pattern [, start [, n [, endoption [, flags [, subexpr]]]]])` (functions.md
 * §2.5), run in JS: where the n-th match at or after `start` begins (endoption 0) or ends + 1
 * (endoption 1), or where its capture group `subexpr` does; 0 when there is none. Positions count
 * UTF-16 units from 1, as Java's (CrateDB's) strings do. Flags as the other regex functions read
 * them (regex-functions.ts `readFlags`); i, s, m become the JS RegExp's own.
 *
 *   regexp_instr('abcabc', 'b')              → 2
 *   regexp_instr('abcabc', 'b', 1, 2, 1)     → 6
 *   regexp_instr('abc123', '([a-z])(\d)', 1, 1, 0, '', 2) → 4
 */
import { readFlags } from './regex-functions.js';
import { TextParseError } from './text-parsers.js';

/** Throws TextParseError for a bad argument or pattern, SQLParseException for an unknown flag. */
export function regexpInstr(
  s: string, pattern: string, start: number, n: number, endOption: number, flags: string, subexpr: number,
): number {
  if (start < 1) throw new TextParseError('start must be greater than zero');
  if (n < 1) throw new TextParseError('n must be greater than zero');
  if (endOption !== 0 && endOption !== 1) throw new TextParseError('endoption must be 0 or 1');
  if (subexpr < 0) throw new TextParseError('subexpr must not be negative');
  const { pattern: source, modes } = readFlags(pattern, flags);
  let re: RegExp;
  try {
    re = new RegExp(source, `gd${modes}`);
  } catch (e) {
    throw new TextParseError((e as Error).message);
  }
  re.lastIndex = start - 1;
  let seen = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0] === '') re.lastIndex++;
    if (++seen < n) continue;
    const span = m.indices?.[subexpr];
    if (subexpr >= m.length || !span) return 0;
    return (endOption === 1 ? span[1] : span[0]) + 1;
  }
  return 0;
}
