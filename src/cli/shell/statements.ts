/**
 * Splitting shell input into statements: `;` ends a statement unless it sits inside a
 * '…' string, a "…" identifier, a -- comment or a block comment. Each statement keeps its
 * offset in the input, so an error position can be shown against what the user typed.
 */

export interface Statement {
  /** the statement text without the terminating `;` */
  sql: string;
  /** offset of `sql` in the input */
  start: number;
}

type State = 'code' | 'single' | 'double' | 'line-comment' | 'block-comment';

interface Scan { statements: Statement[]; rest: Statement; state: State }

function scan(text: string): Scan {
  const statements: Statement[] = [];
  let state: State = 'code';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    switch (state) {
      case 'code':
        if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
        else if (c === '-' && text[i + 1] === '-') { state = 'line-comment'; i++; }
        else if (c === '/' && text[i + 1] === '*') { state = 'block-comment'; i++; }
        else if (c === ';') {
          statements.push({ sql: text.slice(start, i), start });
          start = i + 1;
        }
        break;
      case 'single':
        if (c === "'") { if (text[i + 1] === "'") i++; else state = 'code'; }
        break;
      case 'double':
        if (c === '"') { if (text[i + 1] === '"') i++; else state = 'code'; }
        break;
      case 'line-comment':
        if (c === '\n') state = 'code';
        break;
      case 'block-comment':
        if (c === '*' && text[i + 1] === '/') { state = 'code'; i++; }
        break;
    }
  }
  return { statements, rest: { sql: text.slice(start), start }, state };
}

/** All statements in `text`, including an unterminated last one; empty and comment-only ones dropped. */
export function splitStatements(text: string): Statement[] {
  const { statements, rest } = scan(text);
  return [...statements, rest].filter((s) => !isBlank(s.sql));
}

/**
 * Is this REPL input ready to run? Yes when its last statement is terminated by `;` (crash runs
 * the buffer when it ends with `;`), or when it is only whitespace and comments.
 */
export function isComplete(text: string): boolean {
  const { statements, rest, state } = scan(text);
  if (state === 'single' || state === 'double' || state === 'block-comment') return false;
  return isBlank(rest.sql) && (statements.length > 0 || isBlank(text));
}

/** Are we inside a string, identifier or block comment at the end of `text`? */
export function isInsideLiteral(text: string): boolean {
  const { state } = scan(text);
  return state === 'single' || state === 'double' || state === 'block-comment';
}

/** Whitespace and comments only. */
export function isBlank(sql: string): boolean {
  return stripLeadingNoise(sql) === '';
}

function stripLeadingNoise(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.replace(/^\s+/, '');
    if (t.startsWith('--')) {
      const nl = t.indexOf('\n');
      s = nl < 0 ? '' : t.slice(nl + 1);
    } else if (t.startsWith('/*')) {
      const end = t.indexOf('*/');
      s = end < 0 ? '' : t.slice(end + 2);
    } else {
      return t;
    }
  }
}

/** crash `stmt_type`: the first word of the statement, upper-cased (SELECT, INSERT, CREATE, …). */
export function statementType(sql: string): string {
  const word = /[\p{L}\p{N}_]+/u.exec(stripLeadingNoise(sql));
  return word ? word[0].toUpperCase() : '';
}

/**
 * One line for the history file: line breaks become spaces and `--` comments are dropped (they
 * would swallow the rest of the line); breaks inside string literals stay.
 */
export function toSingleLine(text: string): string {
  let out = '';
  let state: State = 'code';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    switch (state) {
      case 'code':
        if (c === '-' && text[i + 1] === '-') { state = 'line-comment'; continue; }
        if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
        else if (c === '/' && text[i + 1] === '*') state = 'block-comment';
        out += c === '\n' ? ' ' : c;
        break;
      case 'line-comment':
        if (c === '\n') { state = 'code'; out += ' '; }
        break;
      case 'single':
        if (c === "'") state = 'code';
        out += c;
        break;
      case 'double':
        if (c === '"') state = 'code';
        out += c;
        break;
      case 'block-comment':
        if (c === '*' && text[i + 1] === '/') { state = 'code'; out += '*/'; i++; continue; }
        out += c === '\n' ? ' ' : c;
        break;
    }
  }
  return out.replace(/[ \t]+/g, ' ').trim();
}
