/**
 * Prepared statements and portals of the extended query protocol (pgwire.md §5).
 *
 * A PreparedStatement is the analysed result of Parse: its text, its statement, the declared
 * parameter types and the described result columns. A Portal is a Bind of it: decoded
 * arguments, result formats and — once a row-limited Execute needs it — the materialised rows,
 * served in slices by later Executes.
 */
import type { ResultColumn } from '../../session/result-sink.js';
import type { Statement } from '../../sql/ast/index.js';
import type { DataType } from '../../types/data-type.js';

export interface PreparedStatement {
  readonly name: string;
  readonly sql: string;
  /** undefined for the empty query */
  readonly statement: Statement | undefined;
  /** one per parameter: declared by Parse, `undefined` kind where the client sent OID 0 */
  readonly paramTypes: readonly DataType[];
  /** result columns; undefined for row-count statements */
  readonly columns: readonly ResultColumn[] | undefined;
  /** writes are deferred to Sync / Flush and batched (pgwire.md §5.4) */
  readonly deferred: boolean;
}

export interface Portal {
  readonly name: string;
  readonly statement: PreparedStatement;
  readonly args: readonly unknown[];
  readonly argTypes: readonly DataType[];
  readonly resultFormats: readonly number[];
  /** materialised result rows (row-major), after the first row-limited Execute */
  rows?: unknown[][];
  /** the result columns the rows belong to */
  rowColumns?: readonly ResultColumn[];
  /** rows already sent */
  offset: number;
  /** ran to completion */
  done: boolean;
}

/** CrateDB's write operations: executed at Sync, bulk when repeated (pgwire.md §5.4). */
export function isDeferredWrite(statement: Statement | undefined, columns: readonly ResultColumn[] | undefined): boolean {
  if (!statement || columns) return false;
  return statement.kind === 'Insert' || statement.kind === 'Update' || statement.kind === 'Delete'
    || statement.kind === 'CopyFrom';
}
