/**
 * The catalog: CrateDB tables, views and schemas, kept in memory and persisted as JSON rows in
 * the DuckDB table `_cratelite.catalog` of the same database file, so DDL and data commit in one
 * DuckDB transaction.
 *
 * DDL goes through `ddl(conn, fn)`: a node-wide lock (dynamic columns and DDL from concurrent
 * sessions must not interleave), one DuckDB transaction for the physical change and the catalog
 * row, and the in-memory update only after COMMIT succeeded.
 */
import type { EngineConnection } from '../engine/engine.js';
import { quoteString } from '../translator/duckdb-types.js';
import { fqn, type ColumnMeta, type TableMeta } from './table-meta.js';

const BUILTIN_SCHEMAS = ['blob', 'doc', 'information_schema', 'pg_catalog', 'sys'];
export const SYSTEM_SCHEMAS = new Set(['information_schema', 'pg_catalog', 'sys']);

export interface CatalogChange {
  /** DuckDB statements to run first, inside the transaction */
  sql: string[];
  /** tables/views to write (created or changed) */
  put?: TableMeta[];
  /** fully qualified names to delete */
  remove?: string[];
  /** explicit schemas to add/remove */
  addSchema?: string;
  removeSchema?: string;
}

export class Catalog {
  private readonly tables = new Map<string, TableMeta>();
  private readonly explicitSchemas = new Set<string>();
  private nextOid = 1;
  private lock: Promise<unknown> = Promise.resolve();
  /** bumps on every change, so cached analyses can be invalidated */
  version = 0;
  /**
   * The columns a view has now (its query re-analysed against today's tables: `SELECT *` over a
   * table that gained a column lists it), or undefined when it no longer analyses; set by the
   * database (the analyzer lives above the catalog). Without it, the columns of its creation.
   */
  viewColumns?: (view: TableMeta) => ColumnMeta[] | undefined;

  static async load(conn: EngineConnection): Promise<Catalog> {
    const cat = new Catalog();
    await conn.run('CREATE SCHEMA IF NOT EXISTS _cratelite');
    await conn.run('CREATE TABLE IF NOT EXISTS _cratelite.catalog (name VARCHAR PRIMARY KEY, kind VARCHAR, def VARCHAR)');
    for (const [name, kind, def] of await conn.all('SELECT name, kind, def FROM _cratelite.catalog') as [string, string, string][]) {
      if (kind === 'schema') {
        cat.explicitSchemas.add(name);
      } else {
        const meta = JSON.parse(def) as TableMeta;
        cat.tables.set(name, meta);
        cat.nextOid = Math.max(cat.nextOid, meta.oid + 1);
      }
    }
    return cat;
  }

  allocateOid(): number { return this.nextOid++; }

  get(schema: string, name: string): TableMeta | undefined { return this.tables.get(`${schema}.${name}`); }

  all(): TableMeta[] { return [...this.tables.values()]; }

  /** Schemas that exist: built-ins, explicit ones, and those holding a table or view. */
  schemas(): string[] {
    const s = new Set([...BUILTIN_SCHEMAS, ...this.explicitSchemas]);
    for (const t of this.tables.values()) s.add(t.schema);
    return [...s].sort();
  }

  schemaExists(schema: string): boolean { return this.schemas().includes(schema); }
  isExplicitSchema(schema: string): boolean { return this.explicitSchemas.has(schema); }

  /** Serialise catalog changes node-wide; `fn` runs under the lock and returns the change to apply. */
  async ddl<R>(conn: EngineConnection, fn: () => Promise<{ change?: CatalogChange; result: R }> | { change?: CatalogChange; result: R }): Promise<R> {
    const run = async (): Promise<R> => {
      const { change, result } = await fn();
      if (change) await this.apply(conn, change);
      return result;
    };
    const next = this.lock.then(run, run);
    this.lock = next.catch(() => undefined);
    return next;
  }

  private async apply(conn: EngineConnection, change: CatalogChange): Promise<void> {
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const s of change.sql) await conn.run(s);
      for (const name of change.remove ?? []) {
        await conn.run(`DELETE FROM _cratelite.catalog WHERE name = ${quoteString(name)}`);
      }
      for (const t of change.put ?? []) {
        const name = quoteString(fqn(t));
        await conn.run(`DELETE FROM _cratelite.catalog WHERE name = ${name}`);
        await conn.run(`INSERT INTO _cratelite.catalog VALUES (${name}, ${quoteString(t.kind)}, ${quoteString(JSON.stringify(t))})`);
      }
      if (change.addSchema) {
        await conn.run(`INSERT INTO _cratelite.catalog VALUES (${quoteString(change.addSchema)}, 'schema', '{}')`);
      }
      if (change.removeSchema) {
        await conn.run(`DELETE FROM _cratelite.catalog WHERE name = ${quoteString(change.removeSchema)} AND kind = 'schema'`);
      }
      await conn.run('COMMIT');
    } catch (e) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
    for (const name of change.remove ?? []) this.tables.delete(name);
    for (const t of change.put ?? []) this.tables.set(fqn(t), t);
    if (change.addSchema) this.explicitSchemas.add(change.addSchema);
    if (change.removeSchema) this.explicitSchemas.delete(change.removeSchema);
    this.version++;
  }
}
