/**
 * The contract between the analyzer and the function library.
 *
 * The analyzer compiles each argument to DuckDB SQL with its CrateDB type (`CompiledExpr`), then
 * asks the registry to resolve the call. A `FunctionDef` decides whether the argument types fit
 * (applying CrateDB's implicit casts), and returns the DuckDB SQL and the CrateDB result type.
 * Unknown names / unmatched signatures become `UnsupportedFunctionException` in the analyzer.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { DataType } from '../../types/data-type.js';

export interface CompiledExpr {
  /** DuckDB SQL, fully parenthesised where precedence could matter */
  readonly sql: string;
  readonly type: DataType;
  /** present when the expression is a literal (or a parameter whose value is known): its JS value */
  readonly literal?: { readonly value: unknown };
  /** true when the expression contains an aggregate call (outside a window) */
  readonly aggregate?: boolean;
  /**
   * Called with the target type whenever the expression is cast; set on parameters of unknown
   * type while describing a statement, so their type can be inferred from the context
   * (`id = $1` → integer) for PG ParameterDescription.
   */
  readonly onCast?: (to: DataType) => void;
  /**
   * Set on parameters of statements whose DuckDB SQL takes bound parameters (SELECT): returns
   * the SQL of the value as a bound DuckDB parameter, or undefined when it must be inlined.
   * Kept through literal casts, so `ts >= $1` binds the already converted timestamp.
   */
  readonly bind?: ParamBinder;
  /** a reference to a stored table column: where it comes from (see ResultColumn.origin) */
  readonly column?: import('../../session/result-sink.js').ColumnOrigin;
  /** see ResolvedCall.groupKey */
  readonly groupKey?: string;
  /**
   * An undeclared key of an IGNORED object (CrateDB type `undefined`): the value as DuckDB JSON.
   * `sql` reads it as text for expressions; a result column shows this (QueryAnalyzer
   * `rawJsonOutputs`), and further subscripts read into it.
   */
  readonly rawJson?: string;
}

export type ParamBinder = (value: unknown, type: DataType) => string | undefined;

export interface FunctionContext {
  /** the session's current schema (first of search_path) */
  readonly currentSchema: string;
  readonly user: string;
  /**
   * DuckDB SQL for the statement's start time as TIMESTAMPTZ (CrateDB's `now()` and
   * CURRENT_TIMESTAMP are constant per statement).
   */
  readonly statementTimeSql: string;
  /** session settings visible to current_setting(), by name */
  setting(name: string): string | undefined;
  /**
   * The catalog and the session's search path (pg_catalog only when set explicitly), for the
   * pg_catalog functions that look relations up (pg_table_is_visible, pg_get_constraintdef,
   * `'name'::regclass`). Absent where no catalog exists (unit tests of the function library).
   */
  readonly catalog?: Catalog;
  readonly searchPath?: readonly string[];
}

export type FunctionKind = 'scalar' | 'aggregate' | 'window' | 'table';

export interface ResolvedCall {
  readonly sql: string;
  readonly type: DataType;
  /**
   * A cheaper expression with exactly the same groups, of which `sql` is a function (here an
   * injective one): GROUP BY uses it, so `sql` is computed once per group instead of per row
   * (`date_trunc` groups by DuckDB's TIMESTAMP date_trunc, converted to TIMESTAMPTZ after).
   */
  readonly groupKey?: string;
}

/** Table functions return rows: named, typed columns. `sql` is a DuckDB table expression. */
export interface ResolvedTableCall {
  readonly sql: string;
  readonly columns: readonly { readonly name: string; readonly type: DataType }[];
}

export interface CallOptions {
  readonly distinct: boolean;
  /** compiled FILTER (WHERE …) condition of an aggregate */
  readonly filter?: CompiledExpr;
  /** IGNORE NULLS / RESPECT NULLS of window functions */
  readonly nulls?: 'IGNORE' | 'RESPECT';
}

export interface FunctionDef {
  readonly name: string;
  readonly kind: FunctionKind;
  /**
   * Return undefined when the arguments do not fit any signature; the analyzer then reports
   * `Invalid arguments in: name(args) with (types). Valid types: ...` using `signatures`.
   * For aggregates/windows, `sql` is the complete call including FILTER / IGNORE NULLS; the
   * analyzer appends the OVER clause for window use.
   */
  resolve(args: readonly CompiledExpr[], ctx: FunctionContext, options: CallOptions): ResolvedCall | undefined;
  /** only for kind 'table' */
  resolveTable?(args: readonly CompiledExpr[], ctx: FunctionContext): ResolvedTableCall | undefined;
  /** human-readable signatures for error messages, e.g. ['(integer)', '(bigint)'] */
  readonly signatures: readonly string[];
}
