/**
 * What compiling an expression needs to know: the scope for names, the statement's arguments,
 * the session for functions, and how to compile subqueries (provided by the query compiler,
 * which avoids a module cycle).
 */
import type { Query, WindowSpec } from '../sql/ast/index.js';
import type { FunctionContext } from './functions/function-types.js';
import type { Scope } from './scope.js';
import type { ResultColumn } from '../session/result-sink.js';

export interface CompiledQuery {
  sql: string;
  columns: ResultColumn[];
  /** a single row of constants (`SELECT 1`, `SELECT 'a', true`): answered without DuckDB */
  constantRow?: unknown[];
  /**
   * Run it to completion rather than stream it (engine.query): the result is small or DuckDB
   * holds all of it before the first row anyway (aggregates, GROUP BY, a literal LIMIT), or it
   * is filtered (WHERE): a stream then delivers the few rows that pass of each 2,048-row vector
   * as a chunk of its own, a thread-pool round trip each, where the materialized result comes
   * in full chunks. Plain scans without WHERE (exports) stream, so their memory stays bounded.
   */
  bounded?: boolean;
}

export interface ExprContext {
  scope: Scope;
  fctx: FunctionContext;
  /** statement arguments (`$1` is args[0]) */
  args: readonly unknown[];
  /** while describing: record the type a `$n` of unknown type is cast to */
  inferParam?: (index: number, type: import('../types/data-type.js').DataType) => void;
  /** client type hints of args, when the protocol knows them */
  argTypes?: readonly import('../types/data-type.js').DataType[];
  /** set when the statement's DuckDB SQL can take bound parameters (see CompiledExpr.bind) */
  bindParam?: import('./functions/function-types.js').ParamBinder;
  /** where aggregates are legal (select list, HAVING, ORDER BY of a grouped query) */
  allowAggregates: boolean;
  /** whether unknown object keys raise (session setting error_on_unknown_object_key) */
  errorOnUnknownObjectKey: boolean;
  /** named windows of the current query spec */
  windows: Map<string, WindowSpec>;
  compileSubquery(query: Query, outer: Scope): CompiledQuery;
}
