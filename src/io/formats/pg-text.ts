/**
 * PostgreSQL's COPY formats for `COPY … FROM STDIN` (https://www.postgresql.org/docs/current/sql-copy.html
 * "File Formats"): rows map by position to the column list (or every top-level column).
 *
 *   text  one row per line, fields split by DELIMITER (default tab), NULL (default `\N`),
 *         backslash escapes (\b \f \n \r \t \v \\, \ooo octal, \xhh hex, \<c> = c)
 *   csv   RFC 4180 with QUOTE / ESCAPE, quoted fields may span lines, NULL (default: an unquoted
 *         empty field), FORCE_NOT_NULL / FORCE_NULL columns
 *
 * HEADER skips the first line (`match` also checks the names). A line `\.` ends the data.
 * Wrong field counts fail that row with PostgreSQL's words (`missing data for column "x"`,
 * `extra data after last expected column`); the other rows still load.
 */
import { SQLParseException } from '../../errors/errors.js';
import { CsvSyntaxError, CsvTokenizer, type CsvField } from './csv-tokenizer.js';
import type { LineOutcome, LineParser, RowError } from './records.js';
import type { TextConverter } from './text-values.js';

export interface PgFormatOptions {
  readonly columns: readonly string[];
  readonly converters: readonly TextConverter[];
  readonly delimiter: string;
  readonly nullString: string;
  readonly header: boolean | 'match';
  /** csv only */
  readonly quote: string;
  readonly escape: string;
  readonly forceNotNull: ReadonlySet<string>;
  readonly forceNull: ReadonlySet<string>;
}

abstract class PgParser implements LineParser {
  done = false;
  private headerPending: boolean;

  constructor(protected readonly o: PgFormatOptions) {
    this.headerPending = o.header !== false;
  }

  protected row(line: number, fields: readonly (string | null)[]): LineOutcome {
    if (this.headerPending) {
      this.headerPending = false;
      if (this.o.header === 'match') this.matchHeader(fields);
      return undefined;
    }
    const cols = this.o.columns;
    if (fields.length < cols.length) return { line, error: `missing data for column "${cols[fields.length]}"` };
    if (fields.length > cols.length) return { line, error: 'extra data after last expected column' };
    const values = new Array<unknown>(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      values[i] = f === null ? null : this.o.converters[i]!(f);
    }
    return { line, columns: cols, values };
  }

  private matchHeader(fields: readonly (string | null)[]): void {
    const cols = this.o.columns;
    if (fields.length !== cols.length) {
      throw new SQLParseException(`wrong number of fields in header line: got ${fields.length}, expected ${cols.length}`);
    }
    fields.forEach((f, i) => {
      if (f !== cols[i]) throw new SQLParseException(`column name mismatch in header line field ${i + 1}: got "${f ?? ''}", expected "${cols[i]}"`);
    });
  }

  abstract parse(text: string, line: number): LineOutcome;
  end(): RowError | undefined { return undefined; }
}

export class PgTextParser extends PgParser {
  parse(text: string, line: number): LineOutcome {
    if (this.done) return undefined;
    if (text === '\\.') {
      this.done = true;
      return undefined;
    }
    let fields: (string | null)[];
    try {
      fields = splitText(text, this.o.delimiter, this.o.nullString);
    } catch (e) {
      return { line, error: e instanceof Error ? e.message : String(e) };
    }
    return this.row(line, fields);
  }
}

/** One line of the text format → fields (NULL for the null marker, compared before unescaping). */
export function splitText(text: string, delimiter: string, nullString: string): (string | null)[] {
  const out: (string | null)[] = [];
  if (text.indexOf('\\') < 0) {
    for (const f of text.split(delimiter)) out.push(f === nullString ? null : f);
    return out;
  }
  let cur = '';
  let raw = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === delimiter) {
      out.push(raw === nullString ? null : cur);
      cur = '';
      raw = '';
      continue;
    }
    if (c !== '\\') {
      cur += c;
      raw += c;
      continue;
    }
    const n = text[i + 1];
    if (n === undefined) throw new SQLParseException('end-of-copy marker corrupt');
    raw += c + n;
    i++;
    switch (n) {
      case 'b': cur += '\b'; break;
      case 'f': cur += '\f'; break;
      case 'n': cur += '\n'; break;
      case 'r': cur += '\r'; break;
      case 't': cur += '\t'; break;
      case 'v': cur += '\v'; break;
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1, i + 3));
        if (!m) {
          cur += 'x';
          break;
        }
        cur += String.fromCharCode(parseInt(m[0], 16));
        raw += m[0];
        i += m[0].length;
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          const m = /^[0-7]{1,3}/.exec(text.slice(i, i + 3))!;
          cur += String.fromCharCode(parseInt(m[0], 8));
          raw += m[0].slice(1);
          i += m[0].length - 1;
        } else {
          cur += n;
        }
    }
  }
  out.push(raw === nullString ? null : cur);
  return out;
}

export class PgCsvParser extends PgParser {
  private readonly tokenizer: CsvTokenizer;
  private startLine = 0;
  private readonly notNull: boolean[];
  private readonly forceNull: boolean[];

  constructor(o: PgFormatOptions) {
    super(o);
    this.tokenizer = new CsvTokenizer({ delimiter: o.delimiter, quote: o.quote, escape: o.escape, trim: false, multiline: true });
    this.notNull = o.columns.map((c) => o.forceNotNull.has(c));
    this.forceNull = o.columns.map((c) => o.forceNull.has(c));
  }

  parse(text: string, line: number): LineOutcome {
    if (this.done) return undefined;
    if (!this.tokenizer.open) {
      if (text === '\\.') {
        this.done = true;
        return undefined;
      }
      this.startLine = line;
    }
    let fields: CsvField[] | undefined;
    try {
      fields = this.tokenizer.line(text);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      return { line, error: e.message };
    }
    if (!fields) return undefined;
    const nullString = this.o.nullString;
    return this.row(this.startLine, fields.map((f, i) => {
      if (f.text !== nullString) return f.text;
      if (!f.quoted) return this.notNull[i] ? f.text : null;
      return this.forceNull[i] ? null : f.text;
    }));
  }

  override end(): RowError | undefined {
    if (!this.tokenizer.open) return undefined;
    this.tokenizer.reset();
    return { line: this.startLine, error: 'unterminated CSV quoted field' };
  }
}
