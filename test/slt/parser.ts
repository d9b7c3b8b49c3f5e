/**
 * Parser for `.slt` files: text in, a list of records out (grammar in runner.ts).
 * Records remember their line span so that `--complete` can rewrite them in place.
 */

export type Protocol = 'http' | 'pg';
export const PROTOCOLS: readonly Protocol[] = ['http', 'pg'];

export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

export interface Condition { readonly kind: 'onlyif' | 'skipif'; readonly protocol: Protocol }

interface RecordBase {
  /** 1-based line of the `statement` / `query` / `halt` header; part of the record's id */
  readonly line: number;
  /** 0-based index of the first line of the record (its first condition line, or the header) */
  readonly start: number;
  /** 0-based index one past the record's last line */
  readonly end: number;
  readonly conditions: readonly Condition[];
}

export type StatementExpectation =
  | { readonly type: 'ok' }
  | { readonly type: 'error'; readonly pattern: string }
  | { readonly type: 'count'; readonly count: number };

export interface StatementRecord extends RecordBase {
  readonly kind: 'statement';
  readonly sql: string;
  readonly expect: StatementExpectation;
}

export interface QueryRecord extends RecordBase {
  readonly kind: 'query';
  readonly sql: string;
  /** one letter per column: I integer, R real/double, T text, B boolean, ? anything */
  readonly types: string;
  readonly sortMode: SortMode;
  /** the first expected line holds the output column names */
  readonly colnames: boolean;
  readonly expected: readonly string[];
  /** 0-based index of the `----` line, or -1 when the record has none (expects no rows) */
  readonly separator: number;
}

export interface HaltRecord extends RecordBase { readonly kind: 'halt' }

export type SltRecord = StatementRecord | QueryRecord | HaltRecord;

export class SltParseError extends Error {}

const isBlank = (s: string) => s.trim() === '';
const isComment = (s: string) => s.trimStart().startsWith('#');

export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parseSlt(text: string, fileName = '<input>'): SltRecord[] {
  const lines = splitLines(text);
  const records: SltRecord[] = [];
  const err = (i: number, msg: string): never => {
    throw new SltParseError(`${fileName}:${i + 1}: ${msg}`);
  };
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i]!) || isComment(lines[i]!)) { i++; continue; }
    const start = i;
    const conditions: Condition[] = [];
    for (;;) {
      const m = /^(onlyif|skipif)\s+(\S+)\s*$/.exec(lines[i]!.trim());
      if (!m) break;
      const protocol = m[2] as Protocol;
      if (!PROTOCOLS.includes(protocol)) err(i, `unknown protocol '${m[2]}' (expected http or pg)`);
      conditions.push({ kind: m[1] as 'onlyif' | 'skipif', protocol });
      i++;
      if (i >= lines.length || isBlank(lines[i]!)) err(i - 1, 'condition without a record');
    }
    const header = lines[i]!.trim();
    const headerIndex = i;
    const words = header.split(/\s+/);
    i++;
    const readBody = (stopAtSeparator: boolean): string[] => {
      const body: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!) && !(stopAtSeparator && lines[i]!.trim() === '----')) {
        body.push(lines[i]!);
        i++;
      }
      return body;
    };
    if (words[0] === 'halt') {
      if (words.length !== 1) err(headerIndex, 'halt takes no arguments');
      records.push({ kind: 'halt', line: headerIndex + 1, start, end: i, conditions });
      continue;
    }
    if (words[0] === 'statement') {
      let expect: StatementExpectation;
      if (words[1] === 'ok' && words.length === 2) expect = { type: 'ok' };
      else if (words[1] === 'error') expect = { type: 'error', pattern: header.replace(/^statement\s+error\s*/, '') };
      else if (words[1] === 'count' && words.length === 3 && /^-?\d+$/.test(words[2]!)) {
        expect = { type: 'count', count: Number(words[2]) };
      } else {
        return err(headerIndex, `bad statement header '${header}' (statement ok | statement error [pattern] | statement count N)`);
      }
      const body = readBody(false);
      if (body.length === 0) err(headerIndex, 'statement without SQL');
      records.push({ kind: 'statement', line: headerIndex + 1, start, end: i, conditions, sql: body.join('\n'), expect });
      continue;
    }
    if (words[0] === 'query') {
      const types = words[1];
      if (!types || !/^[ITRB?]+$/.test(types)) err(headerIndex, `bad query type string '${types ?? ''}' (letters I T R B ?)`);
      let sortMode: SortMode = 'nosort';
      let colnames = false;
      for (const w of words.slice(2)) {
        if (w === 'nosort' || w === 'rowsort' || w === 'valuesort') sortMode = w;
        else if (w === 'colnames') colnames = true;
        else err(headerIndex, `unknown query option '${w}'`);
      }
      const body = readBody(true);
      if (body.length === 0) err(headerIndex, 'query without SQL');
      let separator = -1;
      const expected: string[] = [];
      if (i < lines.length && lines[i]!.trim() === '----') {
        separator = i;
        i++;
        while (i < lines.length && !isBlank(lines[i]!)) {
          expected.push(lines[i]!);
          i++;
        }
      }
      records.push({
        kind: 'query', line: headerIndex + 1, start, end: i, conditions, sql: body.join('\n'),
        types: types!, sortMode, colnames, expected, separator,
      });
      continue;
    }
    err(headerIndex, `expected 'statement', 'query', 'halt', 'onlyif' or 'skipif', found '${header}'`);
  }
  return records;
}

/** True if the record must not run over this protocol. */
export function isSkipped(record: SltRecord, protocol: Protocol): boolean {
  return record.conditions.some((c) => (c.kind === 'onlyif' ? c.protocol !== protocol : c.protocol === protocol));
}
