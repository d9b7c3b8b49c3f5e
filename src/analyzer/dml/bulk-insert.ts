/**
 * `INSERT INTO t (…) VALUES (…)[, (…)]` analysed once, for any number of argument lists: the
 * bridge from a statement to `insertRows`. Used by multi-row VALUES (planInsert), HTTP
 * `bulk_args` and pipelined PG Bind/Execute batches (Session.executeInsertBatch).
 *
 *   INSERT INTO t (a, b, c) VALUES (?, 'x', ?)   with args [1, 2]
 *   → columns [a, b, c], row [1, 'x', 2]
 *
 * A statement qualifies when every VALUES cell is a parameter or a constant (a literal, or an
 * expression of literals), there is no RETURNING and no DEFAULT cell, and the values of each
 * column share one type rule (see `columnHints`). Anything else takes the statement path.
 */
import { maxParameterIndex } from '../../sql/ast/parameters.js';
import type { TableMeta } from '../../catalog/table-meta.js';
import { SQLParseException } from '../../errors/errors.js';
import type { Expression, Insert } from '../../sql/ast/index.js';
import { T, type DataType } from '../../types/data-type.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { identicalType } from '../casts.js';
import { inferValueType } from '../casting/value-cast.js';
import { compileExpr } from '../expression.js';
import { QueryAnalyzer } from '../query.js';
import { Scope } from '../scope.js';
import { checkTableAccess } from '../table-access.js';

/** Where a VALUES cell's value comes from. */
type Cell = { readonly param: number; readonly pos: number } | { readonly value: unknown; readonly type: DataType };

export interface ValuesInsert {
  readonly table: TableMeta;
  /** target column names */
  readonly columns: readonly string[];
  /** VALUES rows of cells, `columns` order */
  readonly cells: readonly (readonly Cell[])[];
  /** the highest parameter number used (0: none) */
  readonly paramCount: number;
  readonly onConflict: Insert['onConflict'];
  /** whether ON CONFLICT … DO UPDATE SET uses parameters (they differ per argument list) */
  readonly conflictUsesParams: boolean;
}

/**
 * The statement as a ValuesInsert, or undefined when it does not qualify. Errors CrateDB raises
 * during analysis are left to the statement path, which raises them with the right wording.
 */
export function analyzeValuesInsert(stmt: Insert, cx: AnalyzerContext): ValuesInsert | undefined {
  const body = stmt.source.body;
  if (body.kind !== 'Values' || stmt.source.orderBy.length || stmt.source.limit || stmt.returning) return undefined;
  let resolved;
  try {
    resolved = cx.resolveRelation(stmt.table, stmt.pos);
  } catch {
    return undefined;
  }
  if (resolved.kind !== 'table' || resolved.table.kind !== 'table') return undefined;
  const table = resolved.table;
  try {
    checkTableAccess(table, 'INSERT');
  } catch {
    return undefined;
  }
  const width = body.rows[0]?.length ?? 0;
  const columns = stmt.columns ?? table.columns.slice(0, width).map((c) => c.name);
  if (body.rows.some((r) => r.length !== columns.length) || new Set(columns).size !== columns.length) return undefined;
  const qa = new QueryAnalyzer(cx);
  const ecx = qa.exprContext(new Scope([]), new Map(), false);
  let paramCount = 0;
  const cells: Cell[][] = [];
  for (const row of body.rows) {
    const out: Cell[] = [];
    for (const e of row) {
      if (e.kind === 'Default') return undefined;
      const expr = e as Expression;
      if (expr.kind === 'Parameter') {
        paramCount = Math.max(paramCount, expr.index);
        out.push({ param: expr.index - 1, pos: expr.pos });
        continue;
      }
      const constant = plainConstant(expr);
      if (constant) {
        out.push(constant);
        continue;
      }
      if (maxParameterIndex(expr) > 0) return undefined;
      let compiled;
      try {
        compiled = compileExpr(expr, ecx);
      } catch {
        return undefined;
      }
      if (!compiled.literal) return undefined;
      out.push({ value: compiled.literal.value, type: compiled.type });
    }
    cells.push(out);
  }
  const conflictParams = stmt.onConflict ? maxParameterIndex(stmt.onConflict) : 0;
  return {
    table, columns, cells, paramCount: Math.max(paramCount, conflictParams), onConflict: stmt.onConflict,
    conflictUsesParams: conflictParams > 0,
  };
}

const OBJECT = T.object();
const INT32 = 2n ** 31n;
const INT64 = 2n ** 63n;

/**
 * The value of a plain literal, or of an object literal of them, as compileExpr would give it
 * (analyzer/expression.ts `compileLiteral`), without compiling SQL for it: literal VALUES are
 * often thousands of cells. Undefined for anything else.
 */
function plainConstant(e: Expression): { value: unknown; type: DataType } | undefined {
  if (e.kind === 'Literal') {
    switch (e.type) {
      case 'null': return { value: null, type: T.undefined };
      case 'boolean': return { value: e.value, type: T.boolean };
      case 'string': return { value: e.value, type: T.text };
      case 'decimal': return { value: Number(e.value), type: T.double };
      case 'integer':
        if (e.value >= -INT32 && e.value < INT32) return { value: Number(e.value), type: T.integer };
        if (e.value >= -INT64 && e.value < INT64) return { value: e.value, type: T.bigint };
        return undefined;
      default: return undefined;
    }
  }
  if (e.kind === 'ObjectLiteral') {
    const entries: [string, unknown][] = [];
    const keys = new Set<string>();
    for (const { key, value } of e.entries) {
      const c = plainConstant(value);
      if (!c || keys.has(key)) return undefined;
      keys.add(key);
      entries.push([key, c.value]);
    }
    return { value: Object.fromEntries(entries), type: OBJECT };
  }
  return undefined;
}

/**
 * The type rule of each column's values for insertRows' `valueTypes`, or undefined when one
 * rule does not fit them all. Parameters follow their client type (`argTypes`: PG Parse types,
 * `undefined` kind for untyped text; none: the JS value's own type). Constants keep their SQL
 * type: that is the JS value's own for plain literals, else it must be the column's only type.
 */
export function columnHints(src: ValuesInsert, argTypes?: readonly (DataType | undefined)[]): (DataType | undefined)[] | undefined {
  const hints: (DataType | undefined)[] = [];
  for (let c = 0; c < src.columns.length; c++) {
    let paramHint: DataType | undefined | null = null; // null: no parameter seen yet
    const constantTypes: DataType[] = [];
    for (const row of src.cells) {
      const cell = row[c]!;
      if ('param' in cell) {
        const h = argTypes?.[cell.param];
        if (paramHint === null) paramHint = h;
        else if (!sameHint(paramHint, h)) return undefined;
      } else if (cell.value !== null && cell.value !== undefined) {
        constantTypes.push(cell.type);
        if (paramHint === null && constantTypes.length > 1 && !sameType(constantTypes[0]!, cell.type)) {
          // several constant types: fine while each is its value's own type
          if (!plainConstants(src, c)) return undefined;
        }
      }
    }
    if (paramHint !== null) {
      // constants beside parameters must read the same way the parameters do
      const ok = paramHint === undefined
        ? plainConstants(src, c)
        : src.cells.every((row) => { const cell = row[c]!; return 'param' in cell || cell.value === null || sameType(cell.type, paramHint!); });
      if (!ok) return undefined;
      hints.push(paramHint);
    } else {
      hints.push(plainConstants(src, c) ? undefined : constantTypes[0]);
    }
  }
  return hints;
}

function sameHint(a: DataType | undefined, b: DataType | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return equalTypes(a, b);
}

/** Types that read a value the same way: objects are split by their keys, whatever their fields. */
function sameType(a: DataType, b: DataType): boolean {
  return (a.kind === 'object' && b.kind === 'object') || equalTypes(a, b);
}

/** `identicalType`, cheap for the common case (this runs per VALUES cell). */
function equalTypes(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  return !('length' in a || 'precision' in a || 'dimensions' in a || 'inner' in a || 'fields' in a) || identicalType(a, b);
}

/** Whether every constant of column `c` has its JS value's own type (inferValueType). */
function plainConstants(src: ValuesInsert, c: number): boolean {
  return src.cells.every((row) => {
    const cell = row[c]!;
    return 'param' in cell || cell.value === null || sameType(inferValueType(cell.value), cell.type);
  });
}

/**
 * The rows of one argument list: one per VALUES row. Too few arguments is CrateDB's analysis
 * error (analyzer/expression.ts `compileParameter`).
 */
export function valuesRows(src: ValuesInsert, args: readonly unknown[]): (readonly unknown[])[] {
  const starts = consecutiveStarts(src);
  // `VALUES ($1, $2, …, $n)` in column order: the arguments are the row
  if (src.cells.length === 1 && starts[0] === 0 && args.length >= src.columns.length) return [args];
  const width = src.columns.length;
  const rows: (readonly unknown[])[] = new Array(src.cells.length);
  for (let r = 0; r < rows.length; r++) {
    const start = starts[r]!;
    if (start >= 0 && start + width <= args.length) {
      // `($k+1, …, $k+n)`: a slice of the arguments (multi-row INSERTs of parameters)
      rows[r] = args.slice(start, start + width);
      continue;
    }
    rows[r] = src.cells[r]!.map((cell) => {
      if (!('param' in cell)) return cell.value;
      if (cell.param >= args.length) {
        throw new SQLParseException(
          `The query contains a parameter placeholder $${cell.param + 1}, but there are only ${args.length} parameter values`, cell.pos);
      }
      return args[cell.param];
    });
  }
  return rows;
}

const consecutive = new WeakMap<ValuesInsert, Int32Array>();

/** Per VALUES row: k when the row is `($k+1, $k+2, …, $k+n)`, else -1. */
function consecutiveStarts(src: ValuesInsert): Int32Array {
  let starts = consecutive.get(src);
  if (!starts) {
    starts = new Int32Array(src.cells.length);
    src.cells.forEach((row, r) => {
      const first = row[0];
      const base = first && 'param' in first ? first.param : -1;
      starts![r] = base >= 0 && row.every((c, i) => 'param' in c && c.param === base + i) ? base : -1;
    });
    consecutive.set(src, starts);
  }
  return starts;
}
