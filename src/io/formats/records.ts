/**
 * What the COPY FROM format readers produce: rows as column names + values (values are what
 * JSON gives, or text for CSV and PostgreSQL text), or a per-line error. Rows that share one
 * `columns` array (CSV, PostgreSQL formats) are written together cheaply; JSON rows are grouped
 * by their key sets.
 */

export interface ParsedRow {
  /** 1-based line number of the row (its first line when a quoted CSV field spans lines) */
  readonly line: number;
  readonly columns: readonly string[];
  readonly values: unknown[];
}

export interface RowError { readonly line: number; readonly error: string }

export type LineOutcome = ParsedRow | RowError | undefined;

export const isRowError = (o: ParsedRow | RowError): o is RowError => 'error' in o;

/** A line-based format reader. */
export interface LineParser {
  /** one physical line → a row, a row error, or nothing (empty line, header, unfinished record) */
  parse(text: string, line: number): LineOutcome;
  /** end of input: an unfinished record is an error */
  end(): RowError | undefined;
  /** true after PostgreSQL's end-of-data marker `\.` */
  readonly done?: boolean;
}
