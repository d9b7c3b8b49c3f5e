/**
 * `--complete`: rewrite the expectations of a file from what the server actually returned.
 * Only for reviewed use — a wrong server answer becomes a wrong expectation; always read the diff.
 *
 * What is rewritten: the expected rows of `query` records that returned a result set (and the type
 * string when its length does not match the column count), and `statement count N` numbers.
 * Records that failed with an error are left alone (reported by the caller).
 */
import type { QueryRecord, SltRecord } from './parser.js';
import { splitLines } from './parser.js';
import { renderResult, type ActualOutput } from './runner.js';
import { typeLetterOf } from './values.js';

export interface Completion { readonly record: SltRecord; readonly actual: ActualOutput }

/** Returns the new file text; `text` is the file the records were parsed from. */
export function completeFile(text: string, completions: readonly Completion[]): string {
  const lines = splitLines(text);
  // bottom-up, so earlier line indexes stay valid
  const sorted = [...completions].sort((a, b) => b.record.start - a.record.start);
  for (const { record, actual } of sorted) {
    if (actual.kind !== 'result') continue;
    const headerIndex = record.line - 1;
    if (record.kind === 'statement' && record.expect.type === 'count') {
      const count = actual.result.kind === 'count' ? actual.result.rowCount : actual.result.rows.length;
      lines[headerIndex] = `statement count ${count}`;
    } else if (record.kind === 'query' && actual.result.kind === 'rows') {
      const { columns, rows } = actual.result;
      const rendered = renderResult(record, columns, rows);
      if (record.types.length !== columns.length) lines[headerIndex] = rewriteHeader(record, columns.length, rows);
      if (record.separator >= 0) {
        lines.splice(record.separator + 1, record.end - record.separator - 1, ...rendered);
      } else {
        lines.splice(record.end, 0, '----', ...rendered);
      }
    }
  }
  return lines.join('\n') + '\n';
}

function rewriteHeader(record: QueryRecord, columnCount: number, rows: readonly (readonly unknown[])[]): string {
  const types = Array.from({ length: columnCount }, (_, c) => {
    const letters = new Set(rows.map((r) => typeLetterOf(r[c] as never)).filter((l) => l !== '?'));
    return letters.size === 1 ? [...letters][0]! : '?';
  }).join('');
  const options = [record.sortMode === 'nosort' ? '' : record.sortMode, record.colnames ? 'colnames' : ''].filter(Boolean);
  return ['query', types, ...options].join(' ');
}
