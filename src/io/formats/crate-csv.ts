/**
 * CrateDB's CSV input (copy.md §1.3): one record per line, `delimiter` (default `,`), optional
 * double quotes with `""`, blanks around values trimmed; all values are text.
 *
 *   header = true   the file's first line names the columns; with a column list only those
 *                   are imported. More values than names → `Number of values exceeds number of
 *                   keys in csv file at line N`; fewer → the missing columns are absent.
 *                   Empty or duplicate names fail the whole file.
 *   header = false  values map to the column list (or every top-level column) by position;
 *                   fewer → `Expected X values, encountered Y at line N. …`, extra ones are ignored.
 *   empty_string_as_null  '' → NULL
 */
import { UriFailure } from '../sources.js';
import { CsvSyntaxError, CsvTokenizer, type CsvField } from './csv-tokenizer.js';
import type { LineOutcome, LineParser, RowError } from './records.js';
import type { TextConverter } from './text-values.js';

export interface CrateCsvOptions {
  readonly delimiter: string;
  readonly header: boolean;
  readonly emptyStringAsNull: boolean;
  /** the statement's column list (header: filter; no header: positions) */
  readonly targetColumns?: readonly string[];
  /** top-level table columns in DDL order (no header, no column list) */
  readonly tableColumns: readonly string[];
  readonly converter: (column: string) => TextConverter;
}

export class CrateCsvParser implements LineParser {
  private readonly tokenizer: CsvTokenizer;
  /** header mode: name per field position, null = not imported */
  private keys: (string | null)[] | undefined;
  private headerCount = 0;
  private columns: string[] = [];
  private converters: TextConverter[] = [];
  /** field positions that are imported */
  private positions: number[] = [];
  private readonly partialColumns = new Map<number, string[]>();

  constructor(private readonly o: CrateCsvOptions) {
    this.tokenizer = new CsvTokenizer({ delimiter: o.delimiter, quote: '"', escape: '"', trim: true, multiline: false });
    if (!o.header) this.setColumns([...(o.targetColumns?.length ? o.targetColumns : o.tableColumns)].map((c) => c));
  }

  private setColumns(keys: (string | null)[]): void {
    this.keys = keys;
    this.headerCount = keys.length;
    this.positions = [];
    this.columns = [];
    keys.forEach((k, i) => {
      if (k !== null) {
        this.positions.push(i);
        this.columns.push(k);
      }
    });
    this.converters = this.columns.map((c) => this.o.converter(c));
  }

  parse(text: string, line: number): LineOutcome {
    if (text.length === 0) return undefined;
    let fields: CsvField[];
    try {
      fields = this.tokenizer.line(text)!;
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      if (!this.keys) throw new UriFailure(`Invalid header: ${e.message}`);
      return { line, error: e.message };
    }
    if (!this.keys) {
      this.readHeader(fields);
      return undefined;
    }
    if (this.o.header) {
      if (fields.length > this.headerCount) {
        return { line, error: `Number of values exceeds number of keys in csv file at line ${line}` };
      }
    } else if (fields.length < this.headerCount) {
      return {
        line,
        error: `Expected ${this.headerCount} values, encountered ${fields.length} at line ${line}. This is not allowed when there is no header provided)`,
      };
    }
    let columns: readonly string[] = this.columns;
    let positions = this.positions;
    if (fields.length < this.headerCount) {
      // a short record: the missing columns are absent (their defaults apply)
      const n = positions.findIndex((p) => p >= fields.length);
      positions = positions.slice(0, n < 0 ? positions.length : n);
      columns = this.partial(positions.length);
    }
    const values = new Array<unknown>(positions.length);
    for (let i = 0; i < positions.length; i++) {
      const t = fields[positions[i]!]!.text;
      values[i] = this.o.emptyStringAsNull && t === '' ? null : this.converters[i]!(t);
    }
    return { line, columns, values };
  }

  end(): RowError | undefined { return undefined; }

  private partial(n: number): string[] {
    let cols = this.partialColumns.get(n);
    if (!cols) {
      cols = this.columns.slice(0, n);
      this.partialColumns.set(n, cols);
    }
    return cols;
  }

  private readHeader(fields: CsvField[]): void {
    const names = fields.map((f) => f.text);
    const unique = new Set(names);
    unique.delete('');
    if (unique.size !== names.length || unique.size === 0) {
      throw new UriFailure('Invalid header: duplicate entries or no entries present');
    }
    const target = this.o.targetColumns;
    this.setColumns(names.map((n) => (!target?.length || target.includes(n) ? n : null)));
  }
}
