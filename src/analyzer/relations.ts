/**
 * FROM clause → DuckDB FROM SQL plus the Scope relations that name resolution uses.
 *
 *   doc.t AS x            → main."t12" AS r0            (columns r0."c3" …)
 *   (SELECT …) AS s       → (SELECT … AS "o0", …) AS r1  (columns r1."o0" …)
 *   unnest([1,2]) AS u(v) → (SELECT * FROM unnest(…)) AS r2("o0")
 *   information_schema.tables → an inline VALUES relation filled just before execution
 */
import {
  SQLParseException, UnsupportedFeatureException, UnsupportedFunctionException,
} from '../errors/errors.js';
import type { Expression, Query, Relation } from '../sql/ast/index.js';
import { printExpression } from '../sql/ast/printer.js';
import { parseStatement } from '../sql/parser/parser.js';
import { quoteIdent } from '../translator/duckdb-types.js';
import type { AnalyzerContext } from './analyzer-context.js';
import { compileExpr, toBoolean } from './expression.js';
import type { CompiledQuery, ExprContext } from './expression-context.js';
import { lookupFunction } from './functions/registry.js';
import { Scope, columnValueSql, type ScopeRelation } from './scope.js';
import { pathName, walkColumns } from '../catalog/table-meta.js';
import { checkTableAccess } from './table-access.js';

export interface CompiledFrom { sql: string; relations: ScopeRelation[] }

export interface QueryCompiler {
  compileQuery(query: Query, outer: Scope | undefined, ctes: CteMap): CompiledQuery;
  exprContext(scope: Scope, ctes: CteMap, allowAggregates: boolean): ExprContext;
}

/** CTEs visible at a point: name → definition (inlined at every use, like CrateDB) */
export type CteMap = ReadonlyMap<string, { query: Query; columns?: string[] }>;

export function compileFrom(
  relations: readonly Relation[], cx: AnalyzerContext, qc: QueryCompiler, outer: Scope | undefined, ctes: CteMap,
): CompiledFrom {
  const parts: CompiledFrom[] = relations.map((r) => compileRelation(r, cx, qc, outer, ctes));
  return {
    sql: parts.map((p) => p.sql).join(' CROSS JOIN '),
    relations: parts.flatMap((p) => p.relations),
  };
}

function compileRelation(r: Relation, cx: AnalyzerContext, qc: QueryCompiler, outer: Scope | undefined, ctes: CteMap): CompiledFrom {
  switch (r.kind) {
    case 'TableRef': return compileTableRef(r.name, r.alias, r.pos, cx, qc, ctes);
    case 'SubqueryRef': {
      if (!r.alias) throw new SQLParseException('Subquery in FROM clause must have an alias', r.pos);
      const q = qc.compileQuery(r.query, undefined, ctes);
      return derived(q, r.alias.name, r.alias.columns, cx);
    }
    case 'TableFunctionRef': return compileTableFunction(r.name, r.args, r.alias, cx, qc, ctes, outer);
    case 'Join': {
      const left = compileRelation(r.left, cx, qc, outer, ctes);
      const right = compileRelation(r.right, cx, qc, outer, ctes);
      const relations = [...left.relations, ...right.relations];
      if (r.type === 'CROSS') return { sql: `${left.sql} CROSS JOIN ${right.sql}`, relations };
      const type = r.type === 'INNER' ? 'INNER' : `${r.type} OUTER`;
      if (r.natural) return { sql: `${left.sql} NATURAL ${type} JOIN ${right.sql}`, relations };
      if (r.using) {
        const scope = new Scope(relations, outer);
        const conds = r.using.map((c) => {
          const l = new Scope(left.relations).resolveOrThrow([c], [], r.pos);
          const rr = new Scope(right.relations).resolveOrThrow([c], [], r.pos);
          void scope;
          return `(${l.sql} = ${rr.sql})`;
        });
        return { sql: `${left.sql} ${type} JOIN ${right.sql} ON ${conds.join(' AND ')}`, relations };
      }
      const scope = new Scope(relations, outer);
      const on = r.on ? toBoolean(compileExpr(r.on, qc.exprContext(scope, ctes, false))) : 'true';
      return { sql: `${left.sql} ${type} JOIN ${right.sql} ON ${on}`, relations };
    }
  }
}

function compileTableRef(
  name: string[], alias: { name: string; columns?: string[] } | undefined, pos: number,
  cx: AnalyzerContext, qc: QueryCompiler, ctes: CteMap,
): CompiledFrom {
  if (name.length === 1 && ctes.has(name[0]!)) {
    const cte = ctes.get(name[0]!)!;
    const inner = new Map(ctes);
    inner.delete(name[0]!);
    const q = qc.compileQuery(cte.query, undefined, inner);
    return derived(q, alias?.name ?? name[0]!, alias?.columns ?? cte.columns, cx);
  }
  const resolved = cx.resolveRelation(name, pos);
  const sqlAlias = cx.nextAlias();
  if (resolved.kind === 'system') {
    const t = resolved.table;
    const token = cx.addSystemRelation(t);
    const rel: ScopeRelation = {
      alias: alias?.name ?? t.name,
      schema: alias ? undefined : t.schema,
      sqlAlias,
      columns: t.columns.map((c, i) => ({ name: c.name, type: c.type, sql: `${sqlAlias}.${quoteIdent(`c${i}`)}` })),
    };
    return { sql: `${token} AS ${sqlAlias}`, relations: [rel] };
  }
  const t = resolved.table;
  if (t.kind === 'view') {
    const stmt = parseStatement(t.viewQuery!);
    if (stmt.kind !== 'Select') throw new SQLParseException(`Invalid view ${t.schema}.${t.name}`);
    const q = qc.compileQuery(stmt.query, undefined, new Map());
    const d = derived(q, alias?.name ?? t.name, alias?.columns, cx);
    if (!alias) d.relations[0]!.schema = t.schema;
    return d;
  }
  checkTableAccess(t, 'READ');
  for (const c of walkColumns(t.columns)) cx.columnNames.set(c.internal, pathName(c.path));
  const rel: ScopeRelation = {
    alias: alias?.name ?? t.name,
    schema: alias ? undefined : t.schema,
    sqlAlias,
    table: t,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, sql: columnValueSql(sqlAlias, c), meta: c })),
  };
  return { sql: `main.${quoteIdent(t.internal)} AS ${sqlAlias}`, relations: [rel] };
}

/** A compiled subquery as a relation; its output columns are "o0", "o1", … */
function derived(q: CompiledQuery, alias: string, columnAliases: string[] | undefined, cx: AnalyzerContext): CompiledFrom {
  const sqlAlias = cx.nextAlias();
  if (columnAliases && columnAliases.length > q.columns.length) {
    throw new SQLParseException(`Too many column aliases for relation ${alias}`);
  }
  q.columns.forEach((c, i) => cx.columnNames.set(`o${i}`, columnAliases?.[i] ?? c.name));
  const rel: ScopeRelation = {
    alias,
    sqlAlias,
    columns: q.columns.map((c, i) => ({
      name: columnAliases?.[i] ?? c.name, type: c.type, sql: `${sqlAlias}.${quoteIdent(`o${i}`)}`,
    })),
  };
  return { sql: `(${q.sql}) AS ${sqlAlias}`, relations: [rel] };
}

function compileTableFunction(
  name: string[], args: Expression[], alias: { name: string; columns?: string[] } | undefined,
  cx: AnalyzerContext, qc: QueryCompiler, ctes: CteMap, outer?: Scope,
): CompiledFrom {
  const fname = name[name.length - 1]!;
  const def = lookupFunction(name.length > 1 && (name[0] === 'pg_catalog' || name[0] === 'information_schema') ? fname : name.join('.'));
  // arguments may reference the enclosing query (`ARRAY(SELECT … FROM unnest(t.col))`)
  const ecx = qc.exprContext(new Scope([], outer), ctes, false);
  const call = { kind: 'FunctionCall', pos: 0, name, args, distinct: false, star: false } as const;
  if (!def) throw new UnsupportedFunctionException(`Unknown function: ${printExpression(call)}`);
  const compiledArgs = args.map((a) => compileExpr(a, ecx));
  const sqlAlias = cx.nextAlias();
  let sql: string;
  let columns: { name: string; type: import('../types/data-type.js').DataType }[];
  if (def.kind === 'table') {
    const t = def.resolveTable?.(compiledArgs, cx.fctx);
    if (!t) {
      throw new UnsupportedFunctionException(`Invalid arguments in: ${printExpression(call)}. Valid types: ${def.signatures.join(', ')}`);
    }
    columns = [...t.columns];
    sql = `(SELECT * FROM ${t.sql}) AS ${sqlAlias}(${columns.map((_, i) => quoteIdent(`o${i}`)).join(', ')})`;
  } else if (def.kind === 'scalar') {
    const c = def.resolve(compiledArgs, cx.fctx, { distinct: false });
    if (!c) throw new UnsupportedFunctionException(`Invalid arguments in: ${printExpression(call)}`);
    columns = [{ name: fname, type: c.type }];
    sql = `(SELECT ${c.sql} AS "o0") AS ${sqlAlias}`;
  } else {
    throw new UnsupportedFeatureException(`Aggregate function ${fname} is not allowed in FROM`);
  }
  const rel: ScopeRelation = {
    alias: alias?.name ?? fname,
    sqlAlias,
    columns: columns.map((c, i) => ({
      // CrateDB names the only column of an aliased function after the alias: `generate_series(1, 3) AS i`
      name: alias?.columns?.[i] ?? (columns.length === 1 && alias ? alias.name : c.name),
      type: c.type,
      sql: `${sqlAlias}.${quoteIdent(`o${i}`)}`,
    })),
  };
  return { sql, relations: [rel] };
}
