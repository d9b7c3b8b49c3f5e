/**
 * One CSV tokenizer for CrateDB's CSV (line-based, values trimmed, like Jackson's CsvParser with
 * TRIM_SPACES) and PostgreSQL's CSV (quoted fields may span lines, nothing trimmed, QUOTE and
 * ESCAPE configurable). Fields remember whether they were quoted: PostgreSQL tells NULL (an
 * unquoted empty field) from '' (`""`) that way.
 */

export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string;
  /** the character escaping a quote inside quotes; equal to `quote` for RFC 4180 `""` */
  readonly escape: string;
  /** trim blanks around unquoted values and outside quotes (CrateDB) */
  readonly trim: boolean;
  /** a quoted field may continue on the next line (PostgreSQL) */
  readonly multiline: boolean;
}

export interface CsvField { readonly text: string; readonly quoted: boolean }

export class CsvSyntaxError extends Error {}

const isBlank = (c: string) => c === ' ' || c === '\t';

export class CsvTokenizer {
  private fields: CsvField[] = [];
  private cur = '';
  private curQuoted = false;
  private inQuotes = false;

  constructor(private readonly d: CsvDialect) {}

  /** a record continues on the next line */
  get open(): boolean { return this.inQuotes; }

  /** Feed one line; the record's fields, or undefined while a quoted field continues. */
  line(text: string): CsvField[] | undefined {
    const { delimiter, quote, escape, trim } = this.d;
    if (!this.inQuotes && text.indexOf(quote) < 0) {
      // fast path: no quotes on this line
      const parts = text.split(delimiter);
      const out = this.fields;
      this.fields = [];
      for (const p of parts) out.push({ text: trim ? trimBlanks(p) : p, quoted: false });
      return out;
    }
    let i = 0;
    if (this.inQuotes) this.cur += '\n';
    const n = text.length;
    while (i < n) {
      const c = text[i]!;
      if (this.inQuotes) {
        if (c === escape && escape !== quote && i + 1 < n && (text[i + 1] === quote || text[i + 1] === escape)) {
          this.cur += text[i + 1];
          i += 2;
        } else if (c === quote) {
          if (escape === quote && text[i + 1] === quote) {
            this.cur += quote;
            i += 2;
          } else {
            this.inQuotes = false;
            i++;
          }
        } else {
          this.cur += c;
          i++;
        }
        continue;
      }
      if (c === delimiter) {
        this.pushField();
        i++;
      } else if (c === quote && !this.curQuoted && (trim ? this.cur.trim() === '' : this.cur === '')) {
        this.cur = '';
        this.curQuoted = true;
        this.inQuotes = true;
        i++;
      } else if (this.curQuoted && trim && isBlank(c)) {
        i++;
      } else if (this.curQuoted && trim) {
        throw new CsvSyntaxError(`Unexpected character ('${c}') after a quoted value: expected column separator`);
      } else {
        this.cur += c;
        i++;
      }
    }
    if (this.inQuotes) {
      if (this.d.multiline) return undefined;
      this.reset();
      throw new CsvSyntaxError('Missing closing quote for value');
    }
    this.pushField();
    const out = this.fields;
    this.fields = [];
    return out;
  }

  reset(): void {
    this.fields = [];
    this.cur = '';
    this.curQuoted = false;
    this.inQuotes = false;
  }

  private pushField(): void {
    this.fields.push({ text: this.curQuoted || !this.d.trim ? this.cur : trimBlanks(this.cur), quoted: this.curQuoted });
    this.cur = '';
    this.curQuoted = false;
  }
}

function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBlank(s[a]!)) a++;
  while (b > a && isBlank(s[b - 1]!)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
