/**
 * COPY FROM results per URI (copy.md §1.6): rows written, rows failed, and the errors grouped by
 * message with their line numbers. Bounded like CrateDB's collector, so a file with a million
 * bad lines costs a few kilobytes: at most 25 distinct messages per URI (later new messages only
 * count in `error_count`) and at most 50 line numbers per message (later ones only raise
 * `count`).
 *
 * Out: the RETURN SUMMARY rows (`node`, `uri`, `success_count`, `error_count`, `errors`, ordered by
 * URI), and the text of CrateDB's fail_fast error, `Job killed. NODE: n1\n[URI: …, ERRORS: {…}]`.
 */
import type { ResultColumn } from '../session/result-sink.js';
import { T } from '../types/data-type.js';

export const MAX_ERROR_MESSAGES = 25;
export const MAX_LINE_NUMBERS = 50;

export interface ErrorGroup { count: number; lineNumbers: number[] }

export class UriResult {
  successCount = 0;
  errorCount = 0;
  /** the URI could not be read (counts are NULL in the summary) */
  uriFailure = false;
  readonly errors = new Map<string, ErrorGroup>();

  constructor(readonly uri: string) {}

  rowFailed(message: string, lineNumber: number): void {
    this.errorCount++;
    this.addError(message, lineNumber);
  }

  /** the whole URI failed (missing file, unreadable stream, bad header …) */
  failed(message: string): void {
    this.uriFailure = true;
    this.addError(message);
  }

  private addError(message: string, lineNumber?: number): void {
    let group = this.errors.get(message);
    if (!group) {
      if (this.errors.size >= MAX_ERROR_MESSAGES) return;
      group = { count: 0, lineNumbers: [] };
      this.errors.set(message, group);
    }
    group.count++;
    if (lineNumber !== undefined && group.lineNumbers.length < MAX_LINE_NUMBERS) group.lineNumbers.push(lineNumber);
  }

  /** `{"msg": {"count": n, "line_numbers": [...]}}` */
  errorsObject(): Record<string, { count: number; line_numbers: number[] }> {
    const out: Record<string, { count: number; line_numbers: number[] }> = {};
    for (const [message, g] of this.errors) out[message] = { count: g.count, line_numbers: [...g.lineNumbers] };
    return out;
  }

  /** Java's Map.toString of the errors, as in CrateDB's fail_fast message */
  errorsText(): string {
    const parts = [...this.errors].map(([m, g]) => `${m}={count=${g.count}, line_numbers=[${g.lineNumbers.join(', ')}]}`);
    return `{${parts.join(', ')}}`;
  }
}

export class CopySummary {
  private readonly results = new Map<string, UriResult>();

  forUri(uri: string): UriResult {
    let r = this.results.get(uri);
    if (!r) {
      r = new UriResult(uri);
      this.results.set(uri, r);
    }
    return r;
  }

  get successCount(): number {
    let n = 0;
    for (const r of this.results.values()) n += r.successCount;
    return n;
  }

  get errorCount(): number {
    let n = 0;
    for (const r of this.results.values()) n += r.errorCount + (r.uriFailure ? 1 : 0);
    return n;
  }

  sorted(): UriResult[] {
    return [...this.results.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /** RETURN SUMMARY rows, ordered by URI */
  rows(node: { id: string; name: string }): unknown[][] {
    return this.sorted().map((r) => [
      { id: node.id, name: node.name },
      r.uri,
      r.uriFailure ? null : r.successCount,
      r.uriFailure ? null : r.errorCount,
      r.errorsObject(),
    ]);
  }

  /** the message of CrateDB's JobKilledException for fail_fast (UpsertResults.resultsToFailure) */
  failFastMessage(nodeName: string): string {
    const uris = this.sorted().filter((r) => r.errors.size > 0 || r.errorCount > 0 || r.uriFailure);
    return `Job killed. NODE: ${nodeName}${uris.map((r) => `\n[URI: ${r.uri}, ERRORS: ${r.errorsText()}]`).join(',')}`;
  }
}

export const SUMMARY_COLUMNS: readonly ResultColumn[] = [
  { name: 'node', type: T.object('dynamic', [{ name: 'id', type: T.text }, { name: 'name', type: T.text }]) },
  { name: 'uri', type: T.text },
  { name: 'success_count', type: T.bigint },
  { name: 'error_count', type: T.bigint },
  { name: 'errors', type: T.object() },
];
