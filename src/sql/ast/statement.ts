/** Statement nodes (sql.md §3). One union, `Statement`; `kind` names the statement. */
import type { ColumnDefinition, Expression, GenericProperty, Node, TypeRef } from './expression.js';
import type { Query, SelectItem } from './query.js';

export type Statement =
  | SelectStatement | Insert | Update | Delete | CreateTable | CreateTableAs | DropTable | AlterTable
  | CreateView | DropView | CreateSchema | DropSchema | SetSession | ResetSession | SetTransaction
  | ShowSetting | ShowTables | ShowSchemas | ShowColumns | ShowCreateTable | ShowTransactionIsolation
  | Begin | Commit | Rollback | Refresh | Optimize | Analyze | Explain | Deallocate | Discard | Kill
  | CopyFrom | CopyTo | SetGlobal | ResetGlobal | Unsupported;

/** `table[PARTITION (col = v, …)]` */
export interface TableWithPartition { name: string[]; partition?: GenericProperty[] }

export interface SelectStatement extends Node { kind: 'Select'; query: Query }

export type ReturningItems = SelectItem[];

export interface Assignment { target: Expression; value: Expression }

export interface Insert extends Node {
  kind: 'Insert';
  table: string[];
  columns?: string[];
  /** VALUES rows (may contain DEFAULT) or a query */
  source: Query;
  onConflict?: { columns: Expression[]; action: 'NOTHING' } | { columns: Expression[]; action: 'UPDATE'; assignments: Assignment[] };
  returning?: ReturningItems;
}

export interface Update extends Node {
  kind: 'Update'; table: string[]; alias?: string; assignments: Assignment[]; where?: Expression; returning?: ReturningItems;
}

export interface Delete extends Node { kind: 'Delete'; table: string[]; alias?: string; where?: Expression }

export type TableElement =
  | ColumnDefinition
  | { kind: 'PrimaryKeyConstraint'; name?: string; columns: Expression[]; pos: number }
  | { kind: 'CheckConstraint'; name?: string; expr: Expression; pos: number }
  | { kind: 'IndexDefinition'; name: string; method: string; columns: Expression[]; properties: GenericProperty[]; pos: number };

export interface CreateTable extends Node {
  kind: 'CreateTable';
  ifNotExists: boolean;
  table: string[];
  elements: TableElement[];
  /** `(LIKE src INCLUDING …)` form */
  like?: { table: string[]; options: { including: boolean; what: string }[] };
  partitionedBy: Expression[];
  clusteredBy?: Expression;
  shards?: Expression;
  with: GenericProperty[];
}

export interface CreateTableAs extends Node { kind: 'CreateTableAs'; ifNotExists: boolean; table: string[]; query: Query }
export interface DropTable extends Node { kind: 'DropTable'; ifExists: boolean; table: string[]; blob: boolean }

export type AlterTableAction =
  | { kind: 'SetProperties'; properties: GenericProperty[] }
  | { kind: 'ResetProperties'; names: string[] }
  | { kind: 'AddColumn'; column: ColumnDefinition }
  | { kind: 'DropColumn'; ifExists: boolean; column: Expression }
  | { kind: 'RenameColumn'; from: Expression; to: Expression }
  | { kind: 'SetDefault'; column: Expression; expr: Expression }
  | { kind: 'DropDefault'; column: Expression }
  | { kind: 'DropConstraint'; name: string }
  | { kind: 'Open' } | { kind: 'Close' }
  | { kind: 'RenameTo'; name: string[] }
  | { kind: 'Reroute'; text: string };

export interface AlterTable extends Node {
  kind: 'AlterTable'; blob: boolean; only: boolean; table: TableWithPartition; actions: AlterTableAction[];
}

export interface CreateView extends Node { kind: 'CreateView'; orReplace: boolean; name: string[]; query: Query; queryText: string }
export interface DropView extends Node { kind: 'DropView'; ifExists: boolean; names: string[][] }
export interface CreateSchema extends Node { kind: 'CreateSchema'; ifNotExists: boolean; name: string }
export interface DropSchema extends Node { kind: 'DropSchema'; ifExists: boolean; names: string[]; behavior: 'CASCADE' | 'RESTRICT' }

/** `SET [SESSION|LOCAL] name {TO|=} value, …` / `SET name TO DEFAULT` / `SET TIME ZONE …` */
export interface SetSession extends Node {
  kind: 'SetSession'; scope: 'SESSION' | 'LOCAL'; name: string; values: Expression[] | 'DEFAULT';
}
/** `RESET name` / `RESET ALL` (extension accepted for drivers) */
export interface ResetSession extends Node { kind: 'ResetSession'; name: string | 'ALL' }
export interface SetTransaction extends Node { kind: 'SetTransaction'; modes: string[] }
export interface SetGlobal extends Node { kind: 'SetGlobal'; persistent: boolean; properties: GenericProperty[] }
export interface ResetGlobal extends Node { kind: 'ResetGlobal'; names: string[] }
export interface ShowSetting extends Node { kind: 'ShowSetting'; name: string | 'ALL' }
export interface ShowTables extends Node { kind: 'ShowTables'; schema?: string; like?: string; where?: Expression }
export interface ShowSchemas extends Node { kind: 'ShowSchemas'; like?: string; where?: Expression }
export interface ShowColumns extends Node { kind: 'ShowColumns'; table: string[]; schema?: string; like?: string; where?: Expression }
export interface ShowCreateTable extends Node { kind: 'ShowCreateTable'; table: string[] }
export interface ShowTransactionIsolation extends Node { kind: 'ShowTransactionIsolation' }
export interface Begin extends Node { kind: 'Begin' }
export interface Commit extends Node { kind: 'Commit' }
export interface Rollback extends Node { kind: 'Rollback' }
export interface Refresh extends Node { kind: 'Refresh'; tables: TableWithPartition[] }
export interface Optimize extends Node { kind: 'Optimize'; tables: TableWithPartition[]; with: GenericProperty[] }
export interface Analyze extends Node { kind: 'Analyze' }
export interface Explain extends Node { kind: 'Explain'; analyze: boolean; verbose: boolean; costs: boolean; statement: Statement }
export interface Deallocate extends Node { kind: 'Deallocate'; name: string | 'ALL' }
export interface Discard extends Node { kind: 'Discard'; what: 'ALL' | 'PLANS' | 'SEQUENCES' | 'TEMPORARY' }
export interface Kill extends Node { kind: 'Kill'; jobId: Expression | 'ALL' }

export interface CopyFrom extends Node {
  kind: 'CopyFrom';
  table: TableWithPartition;
  columns?: string[];
  /** the source expression, or `STDIN` (PostgreSQL: the client sends the rows, copy-protocol.ts) */
  uri: Expression | 'STDIN';
  /**
   * Options; PostgreSQL's forms (`WITH (FORMAT csv, HEADER)`, `CSV HEADER DELIMITER ','`) are
   * normalised to `name = value` (a name without value = `true`, a column list = array of names)
   */
  with: GenericProperty[];
  returnSummary: boolean;
}

export interface CopyTo extends Node {
  kind: 'CopyTo';
  /** the table, or else `query` (PostgreSQL's `COPY (SELECT …) TO STDOUT`) */
  table?: TableWithPartition;
  query?: Query;
  columns?: Expression[];
  where?: Expression;
  directory: boolean;
  /** the target directory expression, or `STDOUT` (PostgreSQL: rows go to the client) */
  uri: Expression | 'STDOUT';
  with: GenericProperty[];
}

/**
 * Valid CrateDB statements cratelite does not implement (users, GRANT, snapshots, repositories,
 * publications, ...). The parser recognises the leading keywords and skips the rest; the session
 * answers with `UnsupportedFeatureException`. `name` is upper-case, e.g. 'CREATE USER'.
 */
export interface Unsupported extends Node {
  kind: 'Unsupported';
  name: string;
  /** the statement's source text (without the trailing `;`), so printing reproduces it */
  text?: string;
}

export type { TypeRef };
