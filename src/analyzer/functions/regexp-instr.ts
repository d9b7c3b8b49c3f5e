/**
 * `regexp_instr(s, pattern [, start [, n [, endoption [, flags [, subexpr]]]]])` (functions.md
 * §2.5), run in JS: where the n-th match at or after `start` begins (endoption 0) or ends + 1
 * (endoption 1), or where its capture group `subexpr` does; 0 when there is none. Positions count
 * UTF-16 units from 1, as Java's (CrateDB's) strings do. Flags: i, s, m, x as in CrateDB (x strips
 * blanks and `#` comments); g, u, U, d change nothing here.
 *
 *   regexp_instr('abcabc', 'b')              → 2
 *   regexp_instr('abcabc', 'b', 1, 2, 1)     → 6
 *   regexp_instr('abc123', '([a-z])(\d)', 1, 1, 0, '', 2) → 4
 */

export class RegexpInstrError extends Error {}

export function regexpInstr(
  s: string, pattern: string, start: number, n: number, endOption: number, flags: string, subexpr: number,
): number {
  if (start < 1) throw new RegexpInstrError('start must be greater than zero');
  if (n < 1) throw new RegexpInstrError('n must be greater than zero');
  if (endOption !== 0 && endOption !== 1) throw new RegexpInstrError('endoption must be 0 or 1');
  if (subexpr < 0) throw new RegexpInstrError('subexpr must not be negative');
  let source = pattern;
  let jsFlags = 'gd';
  for (const f of flags) {
    if ((f === 'i' || f === 's' || f === 'm') && !jsFlags.includes(f)) jsFlags += f;
    else if (f === 'x') source = source.replace(/\\#/g, '\u0000').replace(/#[^\n]*/g, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
    else if (!'gimsuUdx'.includes(f)) throw new RegexpInstrError(`The regular expression flag is unknown: ${f}`);
  }
  let re: RegExp;
  try {
    re = new RegExp(source, jsFlags);
  } catch (e) {
    throw new RegexpInstrError((e as Error).message);
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
