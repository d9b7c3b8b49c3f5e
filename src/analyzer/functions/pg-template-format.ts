/**
 * `to_char` template formatting (PostgreSQL datetime templates as CrateDB implements them in
 * `PGDateTimeTemplates`; functions.md §2.2). The tokenizer walks a trie of the pattern
 * names and, like CrateDB, backs up to the longest complete pattern; text that matches no
 * pattern is copied, `"…"` is literal text with backslash escapes, and `TH`/`th` adds the
 * ordinal suffix of the preceding number.
 */
import { fieldsOf, isoWeekOf, MONTHS, ordinalSuffix, pad, weekOf, WEEKDAYS, type Fields } from './calendar.js';

/** A formatted piece; `num` is the numeric value for a following TH (undefined: non-numeric). */
type Out = { text: string; num?: number };
type Pattern = (f: Fields) => Out;

const n = (value: number, width = 0): Out => ({ text: width ? pad(value, width) : String(value), num: value });
const t = (text: string): Out => ({ text });
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
const padEnd = (s: string, w: number) => s.padEnd(w, ' ');
const year4 = (f: Fields) => pad(f.year, 4);
const roman = (m: number) => ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][m - 1]!;

const PATTERNS: Record<string, Pattern> = {};
const both = (names: string[], p: Pattern) => { for (const name of names) PATTERNS[name] = p; };

both(['HH', 'hh', 'HH12', 'hh12'], (f) => n(f.hour >= 12 ? f.hour - 12 : f.hour, 2));
both(['HH24', 'hh24'], (f) => n(f.hour, 2));
both(['MI', 'mi'], (f) => n(f.minute, 2));
both(['SS', 'ss'], (f) => n(f.second, 2));
both(['MS', 'ms'], (f) => n(f.millis, 3));
both(['US', 'us'], (f) => n(f.micros, 6));
both(['FF1', 'ff1'], (f) => n(Math.floor(f.micros / 100000)));
both(['FF2', 'ff2'], (f) => n(Math.floor(f.micros / 10000)));
both(['FF3', 'ff3'], (f) => n(Math.floor(f.micros / 1000)));
both(['FF4', 'ff4'], (f) => n(Math.floor(f.micros / 100)));
both(['FF5', 'ff5'], (f) => n(Math.floor(f.micros / 10)));
both(['FF6', 'ff6'], (f) => n(f.micros));
both(['SSSS', 'ssss', 'SSSSS', 'sssss'], (f) => n(f.hour * 3600 + f.minute * 60 + f.second));
both(['AM', 'PM'], (f) => t(f.hour >= 12 ? 'PM' : 'AM'));
both(['am', 'pm'], (f) => t(f.hour >= 12 ? 'pm' : 'am'));
both(['A.M.', 'P.M.'], (f) => t(f.hour >= 12 ? 'P.M.' : 'A.M.'));
both(['a.m.', 'p.m.'], (f) => t(f.hour >= 12 ? 'p.m.' : 'a.m.'));
both(['Y,YYY', 'y,yyy'], (f) => { const s = String(f.year); return t(`${s.slice(0, 1)},${s.slice(1)}`); });
both(['YYYY', 'yyyy'], (f) => ({ text: year4(f), num: f.year }));
both(['YYY', 'yyy'], (f) => ({ text: year4(f).slice(-3), num: f.year }));
both(['YY', 'yy'], (f) => ({ text: year4(f).slice(-2), num: f.year }));
both(['Y', 'y'], (f) => ({ text: year4(f).slice(-1), num: f.year }));
both(['IYYY', 'iyyy'], (f) => n(isoWeekOf(f).weekYear));
both(['IYY', 'iyy'], (f) => { const y = isoWeekOf(f).weekYear; return { text: String(y).slice(-3), num: y }; });
both(['IY', 'iy'], (f) => { const y = isoWeekOf(f).weekYear; return { text: String(y).slice(-2), num: y }; });
both(['I', 'i'], (f) => { const y = isoWeekOf(f).weekYear; return { text: String(y).slice(-1), num: y }; });
both(['BC', 'AD'], (f) => t(f.year >= 1 ? 'AD' : 'BC'));
both(['bc', 'ad'], (f) => t(f.year >= 1 ? 'ad' : 'bc'));
both(['B.C', 'A.D'], (f) => t(f.year >= 1 ? 'A.D' : 'B.C'));
both(['b.c', 'a.d'], (f) => t(f.year >= 1 ? 'a.d' : 'b.c'));
PATTERNS.MONTH = (f) => t(padEnd(MONTHS[f.month - 1]!.toUpperCase(), 7));
PATTERNS.Month = (f) => t(padEnd(MONTHS[f.month - 1]!, 7));
PATTERNS.month = (f) => t(padEnd(MONTHS[f.month - 1]!.toLowerCase(), 7));
PATTERNS.MON = (f) => t(MONTHS[f.month - 1]!.slice(0, 3).toUpperCase());
PATTERNS.Mon = (f) => t(cap(MONTHS[f.month - 1]!.slice(0, 3)));
PATTERNS.mon = (f) => t(MONTHS[f.month - 1]!.slice(0, 3).toLowerCase());
both(['MM', 'mm'], (f) => n(f.month, 2));
PATTERNS.DAY = (f) => t(padEnd(WEEKDAYS[f.weekday]!.toUpperCase(), 8));
PATTERNS.Day = (f) => t(padEnd(WEEKDAYS[f.weekday]!, 8));
PATTERNS.day = (f) => t(padEnd(WEEKDAYS[f.weekday]!.toLowerCase(), 8));
PATTERNS.DY = (f) => t(WEEKDAYS[f.weekday]!.slice(0, 3).toUpperCase());
PATTERNS.Dy = (f) => t(WEEKDAYS[f.weekday]!.slice(0, 3));
PATTERNS.dy = (f) => t(WEEKDAYS[f.weekday]!.slice(0, 3).toLowerCase());
both(['DDD', 'ddd'], (f) => n(f.dayOfYear, 3));
both(['IDDD', 'iddd'], (f) => n((isoWeekOf(f).week - 1) * 7 + (f.weekday === 0 ? 7 : f.weekday), 3));
both(['DD', 'dd'], (f) => n(f.day, 2));
both(['D', 'd'], (f) => n(f.weekday + 1));
both(['ID', 'id'], (f) => n(f.weekday === 0 ? 7 : f.weekday));
both(['W', 'w'], (f) => n(Math.floor(f.day / 7) + 1));
both(['WW', 'ww'], (f) => n(weekOf(f.epochDay, f.year, 0, 1).week, 2));
both(['IW', 'iw'], (f) => n(isoWeekOf(f).week, 2));
both(['CC', 'cc'], (f) => n(Math.trunc((f.year - 1) / 100) + 1));
both(['J', 'j'], (f) => n(f.epochDay + 2440588));
both(['Q', 'q'], (f) => n(Math.floor((f.month + 2) / 3)));
PATTERNS.RM = (f) => t(padEnd(roman(f.month), 4));
PATTERNS.rm = (f) => t(padEnd(roman(f.month).toLowerCase(), 4));
both(['TZ', 'tz', 'TZH', 'tzh', 'TZM', 'tzm', 'OF', 'of'], () => t(''));
PATTERNS.TH = () => t('');
PATTERNS.th = () => t('');

interface TrieNode { children: Map<string, TrieNode>; pattern?: string; parent?: TrieNode }

const ROOT: TrieNode = { children: new Map() };
for (const name of Object.keys(PATTERNS)) {
  let node = ROOT;
  for (const c of name) {
    let next = node.children.get(c);
    if (!next) { next = { children: new Map(), parent: node }; node.children.set(c, next); }
    node = next;
  }
  node.pattern = name;
}

type Token = { literal: string } | { pattern: string };

/** Tokenize like CrateDB's trie walker (literal text after a backtrack is not rescanned). */
export function tokenizeTemplate(template: string): Token[] {
  const tokens: Token[] = [];
  let rest = template;
  let idx = 0;
  let node = ROOT;
  while (rest.length > 0 && idx <= rest.length) {
    if (idx === 0 && rest[0] === '"') {
      let lit = '';
      let pos = 1;
      let closed = false;
      while (pos < rest.length) {
        const c = rest[pos]!;
        if (c === '\\' && pos + 1 < rest.length) { lit += rest[pos + 1]; pos += 2; }
        else if (c === '"') { closed = true; break; }
        else { lit += c; pos++; }
      }
      tokens.push({ literal: lit });
      rest = closed ? rest.slice(pos + 1) : '';
      continue;
    }
    const next = idx === rest.length ? undefined : node.children.get(rest[idx]!);
    if (next) { node = next; idx++; continue; }
    if (idx === 0) { tokens.push({ literal: rest[0]! }); rest = rest.slice(1); continue; }
    if (node.pattern) {
      tokens.push({ pattern: node.pattern });
    } else {
      let depth = idx;
      let n: TrieNode | undefined = node;
      while (depth > 0) {
        depth--;
        n = n!.parent;
        if (n?.pattern) { tokens.push({ pattern: n.pattern }); break; }
      }
      tokens.push({ literal: rest.slice(depth, idx) });
    }
    rest = rest.slice(idx);
    node = ROOT;
    idx = 0;
  }
  return tokens;
}

/** `to_char(timestamp, template)` of wall-clock microseconds. */
export function formatPgTemplate(template: string, micros: bigint): string {
  const f = fieldsOf(micros);
  let out = '';
  let prev: number | 'literal' | 'text' = 'literal';
  for (const token of tokenizeTemplate(template)) {
    if ('literal' in token) { out += token.literal; prev = 'literal'; continue; }
    if (token.pattern === 'TH' || token.pattern === 'th') {
      const suffix = prev === 'literal' ? 'th' : prev === 'text' ? '' : ordinalSuffix(prev);
      out += token.pattern === 'TH' ? suffix.toUpperCase() : suffix;
      prev = 'literal';
      continue;
    }
    const piece = PATTERNS[token.pattern]!(f);
    out += piece.text;
    prev = piece.num === undefined ? 'text' : piece.num;
  }
  return out;
}
