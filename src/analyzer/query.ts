/**
 * Queries (SELECT, set operations, VALUES, WITH) → one DuckDB SELECT whose output columns are
 * aliased "o0", "o1", … and described by CrateDB names and types (sql.md §4).
 *
 * CrateDB rules kept here: output names (function name only, printed expressions), `*` expands
 * top-level columns only, GROUP BY resolves a bare name to a source column before an output
 * alias, ORDER BY sees output names and ordinals, LIMIT/OFFSET NULL mean none.
 */
import { SQLParseException, UnsupportedFeatureException } from '../errors/errors.js';
import type { Expression, Query, QueryBody, QuerySpec, SelectItem, SortItem, WindowSpec } from '../sql/ast/index.js';
import { outputName } from '../sql/ast/printer.js';
import type { ResultColumn } from '../session/result-sink.js';
import { T, type DataType } from '../types/data-type.js';
import { quoteIdent } from '../translator/duckdb-types.js';
import type { AnalyzerContext } from './analyzer-context.js';
import { emitCast } from './casts.js';
import { compileExpr, toBoolean } from './expression.js';
import type { CompiledQuery, ExprContext } from './expression-context.js';
import type { CompiledExpr } from './functions/function-types.js';
import { unifyTypes } from './operators.js';
import { compileFrom, type CteMap, type QueryCompiler } from './relations.js';
import { Scope } from './scope.js';

const NOT_SORTABLE = new Set(['object', 'geo_point', 'geo_shape', 'array']);

/** literal types whose JS value is also the raw value the result encoders expect */
const CONSTANT_KINDS = new Set(['boolean', 'integer', 'bigint', 'double precision', 'text', 'undefined']);

export class QueryAnalyzer implements QueryCompiler {
  /** the select list whose columns are the statement's result (see `rawJsonOutputs`) */
  private resultSpec?: QuerySpec;
  private started = false;

  /**
   * rawJsonOutputs: the statement's own result columns show values of type `undefined` as the
   * JSON they hold (CompiledExpr.rawJson) — for a SELECT's result, not for what an INSERT, a
   * view or a subquery reads (there they stay text).
   */
  constructor(readonly cx: AnalyzerContext, private readonly options: { rawJsonOutputs?: boolean } = {}) {}

  exprContext(scope: Scope, ctes: CteMap, allowAggregates: boolean, windows = new Map<string, WindowSpec>()): ExprContext {
    return {
      scope,
      fctx: this.cx.fctx,
      args: this.cx.args,
      argTypes: this.cx.argTypes,
      bindParam: this.cx.bindParam,
      inferParam: this.cx.describing
        ? (i, t) => { this.cx.inferredParamTypes[i - 1] ??= t; }
        : undefined,
      allowAggregates,
      errorOnUnknownObjectKey: this.cx.session.errorOnUnknownObjectKey,
      windows,
      compileSubquery: (q, outer) => this.compileQuery(q, outer, ctes),
    };
  }

  compileQuery(query: Query, outer: Scope | undefined, ctes: CteMap): CompiledQuery {
    if (!this.started) {
      this.started = true;
      if (this.options.rawJsonOutputs && query.body.kind === 'QuerySpec') this.resultSpec = query.body;
    }
    let scopeCtes = ctes;
    if (query.with.length) {
      const m = new Map(ctes);
      for (const w of query.with) m.set(w.name, { query: w.query, columns: w.columns });
      scopeCtes = m;
    }
    if (query.body.kind === 'QuerySpec') {
      return this.compileSpec(query.body, outer, scopeCtes, query);
    }
    const body = this.compileBody(query.body, outer, scopeCtes);
    return this.applyOrderLimit(body, query, scopeCtes);
  }

  private compileBody(body: QueryBody, outer: Scope | undefined, ctes: CteMap): CompiledQuery {
    switch (body.kind) {
      case 'QuerySpec': return this.compileSpec(body, outer, ctes);
      case 'Query': return this.compileQuery(body, outer, ctes);
      case 'Values': return this.compileValues(body.rows as Expression[][], outer, ctes);
      case 'SetOperation': {
        const left = this.compileBody(body.left, outer, ctes);
        const right = this.compileBody(body.right, outer, ctes);
        if (left.columns.length !== right.columns.length) {
          throw new SQLParseException('Number of output columns must be the same for all parts of a UNION');
        }
        const types = left.columns.map((c, i) => unifyTypes([c.type, right.columns[i]!.type]));
        const op = body.op === 'UNION' ? (body.distinct ? 'UNION' : 'UNION ALL') : body.op;
        const sql = `${castColumns(left, types)} ${op} ${castColumns(right, types)}`;
        return { sql, columns: left.columns.map((c, i) => ({ name: c.name, type: types[i]! })) };
      }
    }
  }

  private compileValues(rows: Expression[][], outer: Scope | undefined, ctes: CteMap): CompiledQuery {
    const ecx = this.exprContext(new Scope([], outer), ctes, false);
    const compiled = rows.map((r) => r.map((e) => {
      if ((e as { kind: string }).kind === 'Default') throw new SQLParseException('DEFAULT is only allowed in INSERT');
      return compileExpr(e, ecx);
    }));
    const width = compiled[0]?.length ?? 0;
    if (compiled.some((r) => r.length !== width)) throw new SQLParseException('VALUES lists must all be the same length');
    const types = Array.from({ length: width }, (_, i) => unifyTypes(compiled.map((r) => r[i]!.type)));
    const values = compiled.map((r) => `(${r.map((e, i) => castTo(e, types[i]!)).join(', ')})`);
    const names = types.map((_, i) => quoteIdent(`o${i}`));
    return {
      sql: `SELECT * FROM (VALUES ${values.join(', ')}) AS v(${names.join(', ')})`,
      columns: types.map((t, i) => ({ name: `col${i + 1}`, type: t })),
    };
  }

  private compileSpec(spec: QuerySpec, outer: Scope | undefined, ctes: CteMap, query?: Query): CompiledQuery {
    const from = compileFrom(spec.from, this.cx, this, outer, ctes);
    const scope = new Scope(from.relations, outer);
    const windows = new Map<string, WindowSpec>();
    for (const w of spec.windows) windows.set(w.name, w.spec);
    const plain = this.exprContext(scope, ctes, false, windows);
    const aggCx = this.exprContext(scope, ctes, true, windows);

    const items = this.expandSelect(spec.select, scope, aggCx);
    const where = spec.where ? toBoolean(compileExpr(spec.where, plain)) : undefined;

    let groupBy: string[] = [];
    if (spec.groupBy === 'ALL') {
      groupBy = items.filter((i) => !i.expr.aggregate).map((i) => groupSql(i.expr));
    } else {
      groupBy = spec.groupBy.map((g) => this.groupItem(g, items, scope, plain));
    }
    const having = spec.having ? toBoolean(compileExpr(spec.having, aggCx)) : undefined;
    const grouped = groupBy.length > 0 || items.some((i) => i.expr.aggregate) || having !== undefined;
    if (spec.distinct) {
      for (const i of items) {
        if (i.expr.type.kind === 'object' || i.expr.type.kind === 'geo_shape') {
          throw new SQLParseException(`Cannot use DISTINCT on '${i.name}': invalid data type '${i.expr.type.kind}'`);
        }
      }
    }

    // result columns showing a JSON-held value (grouped: the groups are of the text, so text)
    const rawJson = items.map((i) => (spec === this.resultSpec && !grouped ? i.expr.rawJson : undefined));
    const select = items.map((i, n) => `${rawJson[n] !== undefined ? `CAST(${rawJson[n]} AS VARCHAR)` : i.expr.sql} AS ${quoteIdent(`o${n}`)}`);
    let sql = `SELECT ${spec.distinct ? 'DISTINCT ' : ''}${select.length ? select.join(', ') : '1'}`;
    if (from.sql) sql += ` FROM ${from.sql}`;
    if (where) sql += ` WHERE ${where}`;
    if (groupBy.length) sql += ` GROUP BY ${groupBy.join(', ')}`;
    if (having) sql += ` HAVING ${having}`;
    // RowDescription names the table only for a plain selection of stored columns of one table
    const fromOneTable = from.relations.length === 1 && from.relations[0]!.table?.kind === 'table'
      && items.every((i) => i.expr.column) && !grouped;
    const columns: ResultColumn[] = items.map((i, n) => (rawJson[n] !== undefined ? { name: i.name, type: T.undefined, json: true }
      : fromOneTable ? { name: i.name, type: i.expr.type, origin: i.expr.column }
        : { name: i.name, type: i.expr.type }));
    const constantRow = !from.sql && !where && !groupBy.length && !having && !spec.distinct && items.length > 0
      && (!query || (!query.orderBy.length && !query.limit && !query.offset))
      && items.every((i) => i.expr.literal && CONSTANT_KINDS.has(i.expr.type.kind))
      ? items.map((i) => i.expr.literal!.value) : undefined;
    const bounded = grouped || where !== undefined;
    if (!query) return { sql, columns, constantRow, bounded };
    const orderCx = this.exprContext(scope, ctes, grouped, windows);
    const order = this.orderBy(query.orderBy, columns, items.map((i) => i.expr), orderCx);
    if (order) sql += ` ORDER BY ${order}`;
    sql += this.limitOffset(query, plain);
    return { sql, columns, constantRow, bounded: bounded || smallLimit(query) };
  }

  private expandSelect(select: SelectItem[], scope: Scope, cx: ExprContext): { name: string; expr: CompiledExpr }[] {
    const out: { name: string; expr: CompiledExpr }[] = [];
    for (const item of select) {
      if (item.kind === 'SelectStar') {
        const q = item.qualifier;
        const rels = scope.relations.filter((r) => !q || (q.length === 1 ? r.alias === q[0] : r.schema === q[0] && r.alias === q[1]));
        if (q && rels.length === 0) throw new SQLParseException(`The relation "${q.join('.')}" is not in the FROM clause.`, item.pos);
        for (const r of rels) {
          for (const c of r.columns) {
            const column = c.meta && r.table?.kind === 'table' ? { tableOid: r.table.oid, attnum: c.meta.position } : undefined;
            out.push({ name: c.name, expr: column ? { sql: c.sql, type: c.type, column } : { sql: c.sql, type: c.type } });
          }
        }
        continue;
      }
      out.push({ name: item.alias ?? outputName(item.expr), expr: compileExpr(item.expr, cx) });
    }
    return out;
  }

  /** GROUP BY item: ordinal, source column, or output alias (in that order, sql.md §4.2) */
  private groupItem(g: Expression, items: { name: string; expr: CompiledExpr }[], scope: Scope, cx: ExprContext): string {
    if (g.kind === 'Literal' && g.type === 'integer') {
      const n = Number(g.value);
      if (n < 1 || n > items.length) throw new SQLParseException(`GROUP BY position ${n} is not in select list`, g.pos);
      return groupSql(items[n - 1]!.expr);
    }
    if (g.kind === 'ColumnRef' && g.parts.length === 1 && !scope.resolve(g.parts, [])) {
      const item = items.find((i) => i.name === g.parts[0]);
      if (item) return groupSql(item.expr);
    }
    const c = compileExpr(g, cx);
    if (c.type.kind === 'object') throw new SQLParseException(`Cannot GROUP BY '${outputName(g)}': invalid data type 'object'`);
    return groupSql(c);
  }

  private orderBy(orderBy: SortItem[], columns: ResultColumn[], _exprs: CompiledExpr[], cx: ExprContext): string | undefined {
    if (!orderBy.length) return undefined;
    return orderBy.map((s) => {
      let sql: string;
      let type: DataType;
      const e = s.expr;
      if (e.kind === 'Literal' && e.type === 'integer') {
        const n = Number(e.value);
        if (n < 1 || n > columns.length) throw new SQLParseException(`ORDER BY position ${n} is not in select list`, e.pos);
        sql = quoteIdent(`o${n - 1}`);
        type = columns[n - 1]!.type;
      } else {
        const idx = e.kind === 'ColumnRef' && e.parts.length === 1 ? columns.findIndex((c) => c.name === e.parts[0]) : -1;
        if (idx >= 0) {
          sql = quoteIdent(`o${idx}`);
          type = columns[idx]!.type;
        } else {
          const c = compileExpr(e, cx);
          sql = c.sql;
          type = c.type;
        }
      }
      if (NOT_SORTABLE.has(type.kind)) {
        throw new SQLParseException(`Cannot ORDER BY '${outputName(e)}': invalid data type '${type.kind}'.`);
      }
      return `${sql} ${s.direction}${s.nulls ? ` NULLS ${s.nulls}` : ''}`;
    }).join(', ');
  }

  private limitOffset(query: Query, cx: ExprContext): string {
    let sql = '';
    // LIMIT NULL / OFFSET NULL mean none; an untyped parameter is a number (sql.md §4.2)
    const isNull = (e: CompiledExpr) => e.type.kind === 'undefined' && e.literal?.value === null && !e.onCast;
    if (query.limit && query.limit !== 'ALL') {
      const l = compileExpr(query.limit, cx);
      l.onCast?.(T.bigint);
      if (!isNull(l)) sql += ` LIMIT ${castTo(l, T.bigint)}`;
    }
    if (query.offset) {
      const o = compileExpr(query.offset, cx);
      o.onCast?.(T.bigint);
      if (!isNull(o)) sql += ` OFFSET ${castTo(o, T.bigint)}`;
    }
    return sql;
  }

  /** ORDER BY / LIMIT around a set operation or VALUES: only output names and ordinals. */
  private applyOrderLimit(body: CompiledQuery, query: Query, ctes: CteMap): CompiledQuery {
    if (!query.orderBy.length && !query.limit && !query.offset) return body;
    const outScope = new Scope([{
      alias: '', sqlAlias: 's', columns: body.columns.map((c, i) => ({ name: c.name, type: c.type, sql: quoteIdent(`o${i}`) })),
    }]);
    const cx = this.exprContext(outScope, ctes, false);
    let sql = `SELECT * FROM (${body.sql}) AS s`;
    const order = this.orderBy(query.orderBy, body.columns, [], cx);
    if (order) sql += ` ORDER BY ${order}`;
    sql += this.limitOffset(query, cx);
    return { sql, columns: body.columns, bounded: smallLimit(query) };
  }
}

/** what GROUP BY groups by for an expression (CompiledExpr.groupKey) */
const groupSql = (e: CompiledExpr): string => e.groupKey ?? e.sql;

/** LIMIT n with a literal n of at most 100,000 rows */
function smallLimit(query: Query): boolean {
  const l = query.limit;
  return l !== undefined && l !== 'ALL' && l.kind === 'Literal' && l.type === 'integer' && l.value <= 100_000n;
}

function castTo(e: CompiledExpr, t: DataType): string {
  if (e.type.kind === t.kind && t.kind !== 'array') return e.sql;
  if (e.type.kind === 'undefined') return `CAST(${e.sql} AS ${duckType(t)})`;
  return emitCast(e, t, 'implicit');
}

function duckType(t: DataType): string {
  return toDuck(t);
}

import { toDuckDbType as toDuck } from '../translator/duckdb-types.js';

function castColumns(q: CompiledQuery, types: DataType[]): string {
  if (q.columns.every((c, i) => c.type.kind === types[i]!.kind)) return `(${q.sql})`;
  const cols = q.columns.map((c, i) =>
    `${castTo({ sql: quoteIdent(`o${i}`), type: c.type }, types[i]!)} AS ${quoteIdent(`o${i}`)}`);
  return `(SELECT ${cols.join(', ')} FROM (${q.sql}) AS u)`;
}

export { UnsupportedFeatureException };

