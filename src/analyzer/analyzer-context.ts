/**
 * Per-statement analysis state: catalog, session view (search path, user, settings), arguments,
 * and counters for generating DuckDB aliases. Also resolves relation names along the search path.
 */
import type { Catalog } from '../catalog/catalog.js';
import { collectTableStats } from '../catalog/table-stats.js';
import type { EngineConnection } from '../engine/engine.js';
import { SYSTEM_SCHEMAS } from '../catalog/catalog.js';
import { getSystemTable } from '../catalog/system/registry.js';
import type { SystemContext, SystemTable } from '../catalog/system/system-table.js';
import type { TableMeta } from '../catalog/table-meta.js';
import { SQLParseException, relationUnknown, schemaUnknown } from '../errors/errors.js';
import type { FunctionContext, ParamBinder } from './functions/function-types.js';
import { duckParam } from '../engine/params.js';
import type { Param } from '../engine/engine.js';
import type { DataType } from '../types/data-type.js';
import { inlineRelation } from './system-relation.js';
import { quoteIdent, toDuckDbType } from '../translator/duckdb-types.js';

export interface AnalyzerSession {
  user: string;
  /** search_path without pg_catalog; first entry is the current schema */
  searchPath: string[];
  settings: ReadonlyMap<string, string>;
  errorOnUnknownObjectKey: boolean;
}

export type ResolvedRelation =
  | { kind: 'table'; table: TableMeta }
  | { kind: 'system'; table: SystemTable };

/**
 * Inline relations of catalog-only system tables (SystemTable.catalogOnly) per catalog, with the
 * catalog version they were made at: the same SQL text again also lets the connection reuse its
 * prepared statement (engine.ts prepareRead) instead of DuckDB parsing the rows anew.
 */
const catalogRelations = new WeakMap<Catalog, Map<SystemTable, { version: number; sql: string }>>();

/** A bound-parameter placeholder of enableParamBinding: nonce, index. */
const BOUND_PARAM = /__cratelite_p_([a-z0-9]+)_(\d+)__/g;

export class AnalyzerContext {
  private aliasCounter = 0;
  readonly fctx: FunctionContext;

  constructor(
    readonly catalog: Catalog,
    readonly session: AnalyzerSession,
    readonly args: readonly unknown[],
    readonly systemContext: () => SystemContext,
    statementTimeMs: number,
    /** client type hints of `args` */
    readonly argTypes?: readonly DataType[],
  ) {
    const settings = session.settings;
    const statementTimeSql = `make_timestamptz(${statementTimeMs * 1000})`;
    const self = this;
    this.fctx = {
      currentSchema: this.currentSchema,
      user: session.user,
      get statementTimeSql() {
        self.usesStatementTime = true;
        return statementTimeSql;
      },
      setting: (name) => settings.get(name),
      catalog,
      searchPath: session.searchPath,
    };
  }

  get currentSchema(): string { return this.session.searchPath[0] ?? 'doc'; }

  /** set when the translation embeds the statement's start time (now(), CURRENT_TIMESTAMP …) */
  private usesStatementTime = false;

  /**
   * Whether the plan of this analysis may run again for the same text: its DuckDB SQL depends
   * only on the text, the catalog version and the session's user and settings — no statement
   * time, no system-table rows inlined at execution, no parameter values.
   */
  get reusable(): boolean {
    return !this.usesStatementTime && !this.describing && this.systemRelations.length === 0
      && this.boundParams.length === 0 && this.args.length === 0;
  }

  nextAlias(prefix = 'r'): string { return `${prefix}${this.aliasCounter++}`; }

  /** parameter types inferred from their use while describing (index 0 = `$1`) */
  readonly inferredParamTypes: (DataType | undefined)[] = [];
  /** set by Session.describe: parameter values are unknown, their types are to be inferred */
  describing = false;

  /** DuckDB column names of the relations used → CrateDB names, to translate DuckDB's errors */
  readonly columnNames = new Map<string, string>();

  /**
   * DuckDB's binder reports ungrouped columns by their internal names; CrateDB says
   * `'a' must appear in the GROUP BY clause or be used in an aggregation function`.
   */
  translateError(e: unknown): unknown {
    const msg = e instanceof Error ? e.message : '';
    const m = /column "?([\w]+)"? must appear in the GROUP BY clause/.exec(msg);
    if (!m) return e;
    const name = this.columnNames.get(m[1]!) ?? m[1]!;
    return new SQLParseException(`'${name}' must appear in the GROUP BY clause or be used in an aggregation function`);
  }

  /** system tables used by the statement; their rows are inlined by `finalizeSql` */
  readonly systemRelations: { token: string; table: SystemTable }[] = [];
  private readonly nonce = Math.random().toString(36).slice(2, 10);

  addSystemRelation(table: SystemTable): string {
    const token = `__cratelite_sys_${this.nonce}_${this.systemRelations.length}__`;
    this.systemRelations.push({ token, table });
    return token;
  }

  /** values bound by `bindParam`, by placeholder number */
  private readonly boundParams: Param[] = [];
  /** set by enableParamBinding (see CompiledExpr.bind) */
  bindParam: ParamBinder | undefined;

  /**
   * Let parameters compare as bound DuckDB parameters (placeholders replaced by `$n` in
   * finalizeQuery), so the same statement text reuses one DuckDB prepared statement.
   * Only for statements whose SQL runs through finalizeQuery; never while describing.
   */
  enableParamBinding(): void {
    if (this.describing) return;
    this.bindParam = (value, type) => {
      const p = duckParam(value, type);
      if (!p) return undefined;
      this.boundParams.push(p);
      return `CAST(__cratelite_p_${this.nonce}_${this.boundParams.length - 1}__ AS ${toDuckDbType(type)})`;
    };
  }

  /** finalizeSql, then bound-parameter placeholders → `$1…$n` in order of appearance. */
  async finalizeQuery(sql: string, conn: EngineConnection): Promise<{ sql: string; params: Param[] }> {
    const text = await this.finalizeSql(sql, conn);
    if (this.boundParams.length === 0) return { sql: text, params: [] };
    const params: Param[] = [];
    const numbers = new Map<number, number>();
    // one regular expression for every context (a new RegExp per statement is compiled anew);
    // a placeholder of another nonce (a user's text that looks like one) stays as it is
    const out = text.replace(BOUND_PARAM, (m, nonce: string, k: string) => {
      if (nonce !== this.nonce) return m;
      let n = numbers.get(Number(k));
      if (n === undefined) {
        params.push(this.boundParams[Number(k)]!);
        n = params.length;
        numbers.set(Number(k), n);
      }
      return `$${n}`;
    });
    return { sql: out, params };
  }

  /** Replace system-table placeholders with inline relations of their current rows. */
  async finalizeSql(sql: string, conn: EngineConnection): Promise<string> {
    if (this.systemRelations.length === 0) return sql;
    let ctx = this.systemContext();
    if (this.systemRelations.some((r) => r.table.needsStats)) {
      ctx = { ...ctx, stats: await collectTableStats(conn, this.catalog.all()) };
    }
    for (const { token, table } of this.systemRelations) {
      sql = sql.split(token).join(await this.relationSql(table, ctx));
    }
    return sql;
  }

  /** A system table's rows as an inline relation; catalog-only tables' kept per catalog version. */
  private async relationSql(table: SystemTable, ctx: SystemContext): Promise<string> {
    if (!table.catalogOnly) return inlineRelation(table, await table.rows(ctx));
    let cached = catalogRelations.get(this.catalog);
    if (!cached) catalogRelations.set(this.catalog, cached = new Map());
    const hit = cached.get(table);
    if (hit && hit.version === this.catalog.version) return hit.sql;
    const version = this.catalog.version;
    const sql = inlineRelation(table, await table.rows(ctx));
    cached.set(table, { version, sql });
    return sql;
  }

  /** `[catalog.][schema.]name` → table, view or system table */
  resolveRelation(name: readonly string[], pos?: number): ResolvedRelation {
    const parts = name.length === 3 && name[0] === 'crate' ? name.slice(1) : name;
    if (parts.length === 2) {
      const [schema, table] = parts as [string, string];
      if (SYSTEM_SCHEMAS.has(schema)) {
        const sys = getSystemTable(schema, table);
        if (sys) return { kind: 'system', table: sys };
        throw relationUnknown(`${schema}.${table}`, pos);
      }
      const t = this.catalog.get(schema, table);
      if (t) return { kind: 'table', table: t };
      if (!this.catalog.schemaExists(schema)) throw schemaUnknown(schema);
      throw relationUnknown(`${schema}.${table}`, pos);
    }
    const table = parts[parts.length - 1]!;
    // pg_catalog is searched first unless listed explicitly (sql.md §4.3)
    const pg = getSystemTable('pg_catalog', table);
    if (pg && !this.session.searchPath.includes('pg_catalog')) return { kind: 'system', table: pg };
    for (const schema of this.session.searchPath) {
      if (SYSTEM_SCHEMAS.has(schema)) {
        const sys = getSystemTable(schema, table);
        if (sys) return { kind: 'system', table: sys };
        continue;
      }
      const t = this.catalog.get(schema, table);
      if (t) return { kind: 'table', table: t };
    }
    throw relationUnknown(table, pos);
  }
}

/** `(SELECT * FROM (VALUES …) AS v("c0", …))`, typed by the system table's columns. */
