/**
 * Newline-delimited JSON (copy.md §1.3): every non-empty line is one JSON object whose keys are
 * column names (case-sensitive). Zero-length lines are skipped; a line of blanks is a parse
 * error. Errors read `JSON parser error: …` (CrateDB's prefix).
 */
import type { LineOutcome, LineParser, RowError } from './records.js';

export class JsonLinesParser implements LineParser {
  parse(text: string, line: number): LineOutcome {
    if (text.length === 0) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { line, error: `JSON parser error: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { line, error: `JSON parser error: expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
    }
    const obj = value as Record<string, unknown>;
    const columns = Object.keys(obj);
    const values = new Array<unknown>(columns.length);
    for (let i = 0; i < columns.length; i++) values[i] = obj[columns[i]!];
    return { line, columns, values };
  }

  end(): RowError | undefined { return undefined; }
}
