/**
 * Writing converted rows (leaf-writers.ts) into a table, set-based, with per-row outcomes.
 *
 * Two ways in:
 *   direct   the rows are final in JS (no DEFAULT, generated column, CHECK, primary key or
 *            text-staged type involved): into the table itself, all or none — up to 2,048 rows
 *            by one INSERT reading them from JS, more by one appender pass in one transaction.
 *   staged   the rows are appended to a temporary table of this connection, then moved by ONE
 *            `INSERT INTO t SELECT … FROM (staged rows) src WHERE <checks> [ON CONFLICT …]` built
 *            by insert.ts `insertProjection` — the SQL of a one-row INSERT, over many rows.
 *
 * A failing set-based statement has no effect; the rows are then bisected (halves, recursively)
 * until each error is pinned to its row, so outcomes are exactly those of row-at-a-time inserts.
 * With a primary key and per-row outcomes the rows are first computed into a second temporary
 * table, so that duplicates (existing, or repeated within the batch) are known per row before
 * anything is written.
 */
import type { TableMeta } from '../../catalog/table-meta.js';
import { findColumn } from '../../catalog/table-meta.js';
import { isTransactionConflict } from '../../engine/duckdb-errors.js';
import type { AppendColumn, EngineConnection } from '../../engine/engine.js';
import { rowSource } from '../../engine/chunk-appender.js';
import { TableLayoutChanged } from '../../engine/engine.js';
import { DuplicateKeyException, JobKilledException } from '../../errors/errors.js';
import type { Insert } from '../../sql/ast/index.js';
import { quoteIdent } from '../../translator/duckdb-types.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { QueryAnalyzer } from '../query.js';
import { Scope } from '../scope.js';
import { insertProjection, onConflictSql } from './insert.js';
import { flagColumn, stageColumn, type RowLayout } from './leaf-writers.js';
import { defaultValue, quantizeGeoPoint } from './row-values.js';

/** Rows converted to leaf values, column-major. */
export interface StagedRows {
  /** index (into the caller's rows) of each staged row, ascending */
  readonly rowIndex: number[];
  /** per leaf slot of a supplied column: the values, one per staged row */
  readonly values: (unknown[] | undefined)[];
  /** per DEFAULT slot: whether the row takes the default */
  readonly flags: (boolean[] | undefined)[];
}

export interface WriteOutcome {
  /** rows (caller's indexes) written */
  written(index: number): void;
  /** rows skipped as duplicates */
  skipped(index: number): void;
  failed(index: number, error: unknown): void;
}

export interface WriteOptions {
  /** ON CONFLICT clause to apply (the statement's, or built from onDuplicate) */
  readonly onConflict: Insert['onConflict'];
  /** without an ON CONFLICT clause: skip duplicates (true) or fail them (false) */
  readonly skipDuplicates: boolean;
  /** all or nothing: the first error is thrown */
  readonly atomic: boolean;
}

/** Whether the rows can go straight into the table: nothing is left for SQL to compute. */
export function canAppendDirectly(table: TableMeta, layout: RowLayout, columns: readonly string[]): boolean {
  if (table.primaryKey.length || table.checks.length || layout.defaultSlots.length) return false;
  const supplied = new Set(columns);
  for (const leaf of layout.leaves) {
    if (leaf.fromStage) return false;
    const col = leaf.col;
    if (!col) continue;
    if (col.generatedExpr) return false;
    if (col.defaultExpr && !supplied.has(col.path[0]!)) return false;
  }
  return true;
}

const physicalLayouts = new WeakMap<TableMeta, { name: string; type: AppendColumn['type'] }[]>();

/**
 * Batches of at most this many rows (one DataChunk) go in through an INSERT reading them from JS;
 * larger ones through the appender. Per statement, the INSERT saves the appender's flush on the
 * event loop (about 1.5 ms for a 22-column table, whatever the row count) and two of the three
 * statements around it; for larger batches each further chunk is one more wait of the INSERT
 * for the event loop, and the appender was measured as fast or faster (HTTP bulk_args of 5,000).
 */
const ROW_SOURCE_MAX_ROWS = 2048;

/**
 * The rows into the table, all or none, committed (unless the caller's transaction is open)
 * when it resolves: one INSERT reading them from JS (engine/chunk-appender.ts `rowSource`), or
 * one appender pass in one transaction. Returns the rows written.
 */
export async function appendDirect(
  conn: EngineConnection, table: TableMeta, layout: RowLayout, staged: StagedRows,
): Promise<number> {
  const count = staged.rowIndex.length;
  if (count === 0) return 0;
  const slotOf = new Map(layout.leaves.map((l, i) => [l.internal, i]));
  let nulls: unknown[] | undefined;
  await withConflictRetry(async () => {
    let physical = physicalLayouts.get(table);
    if (!physical) physicalLayouts.set(table, physical = await conn.tableColumns('main', table.internal));
    const columns = physical.map((p) => {
      const slot = slotOf.get(p.name);
      const values = slot === undefined ? undefined : staged.values[slot];
      return { type: p.type!, values: values ?? (nulls ??= new Array(count).fill(null)) };
    });
    if (count > ROW_SOURCE_MAX_ROWS) {
      await appendInTransaction(conn, table, columns, count);
      return;
    }
    // the columns by name: one another session adds meanwhile (a dynamic column) stays NULL here
    const names = physical.map((p) => quoteIdent(p.name)).join(', ');
    const rows = rowSource(conn.raw, columns, count);
    let written;
    try {
      written = await conn.run(`INSERT INTO main.${quoteIdent(table.internal)} (${names}) SELECT * FROM ${rows.sql}`);
    } catch (e) {
      // a column gone or changed since the layout was read: read it again next time
      physicalLayouts.delete(table);
      throw e;
    } finally {
      rows.release();
    }
    if (written !== count) throw new Error(`INSERT wrote ${written} of ${count} rows`);
  });
  return count;
}

/** One appender pass into the table, in one transaction. */
async function appendInTransaction(conn: EngineConnection, table: TableMeta, columns: AppendColumn[], count: number): Promise<void> {
  try {
    const target = { schema: 'main', table: table.internal };
    // One transaction: all rows or none (the appender alone would commit every 204,800 rows),
    // and the COMMIT — the WAL write and its fsync — runs off the event loop, where the
    // appender's own commit at close would block it.
    await conn.transaction(async () => {
      // DuckDB starts a transaction at its first use of the database, waiting while another
      // connection commits (or checkpoints); the appender would start it synchronously and
      // block the event loop that long, so a statement starts it off the loop first
      await conn.run(`SELECT 1 FROM main.${quoteIdent(table.internal)} LIMIT 0`);
      await conn.append(target, columns, count);
    });
  } catch (e) {
    if (e instanceof TableLayoutChanged) physicalLayouts.delete(table);
    throw e;
  }
}

/** Staging tables of a connection, by column signature. */
const stagingTables = new WeakMap<EngineConnection, Map<string, string>>();

/**
 * Stage the rows in a temporary table and move them with set-based INSERTs; each row's
 * outcome is reported to `outcome`. Returns the number of rows the INSERTs changed.
 */
export async function insertStaged(
  cx: AnalyzerContext, conn: EngineConnection, table: TableMeta, layout: RowLayout, columns: readonly string[],
  staged: StagedRows, options: WriteOptions, outcome: WriteOutcome,
): Promise<number> {
  if (staged.rowIndex.length === 0) return 0;
  const stage = await stagingTable(conn, layout);
  await conn.append({ catalog: 'temp', schema: 'main', table: stage.name }, stage.columns(staged), staged.rowIndex.length);
  try {
    const sql = new StagedSql(cx, table, layout, columns, stage.name);
    if (options.atomic) {
      // the statement an INSERT … VALUES would run, with the staged rows as its VALUES
      return await withConflictRetry(() => conn.run(sql.insert('', options)));
    }
    if (table.primaryKey.length) return await insertWithKeys(conn, sql, staged, options, outcome);
    let changed = 0;
    await bisect(staged.rowIndex, async (lo, hi) => {
      changed += await conn.run(sql.insert(rangeWhere(staged.rowIndex, lo, hi), options));
    }, (i) => outcome.written(i), outcome.failed);
    return changed;
  } finally {
    await conn.run(`DELETE FROM temp.main.${quoteIdent(stage.name)}`);
  }
}

/**
 * Per-row outcomes with a primary key: compute the rows (errors pinned by bisection, nothing
 * written yet), classify duplicates, then insert what is left.
 */
async function insertWithKeys(
  conn: EngineConnection, sql: StagedSql, staged: StagedRows, options: WriteOptions, outcome: WriteOutcome,
): Promise<number> {
  const computed = sql.computedTable;
  await conn.run(sql.createComputed());
  try {
    const ok: number[] = [];
    await bisect(staged.rowIndex, async (lo, hi) => {
      await conn.run(sql.compute(rangeWhere(staged.rowIndex, lo, hi)));
    }, (i) => ok.push(i), outcome.failed);
    ok.sort((a, b) => a - b);
    if (ok.length === 0) return 0;
    // per computed row: does its key exist already, and which occurrence of its key is it
    const keys = await conn.all(sql.keyStatus());
    const exists = new Set<number>();
    const occurrence = new Map<number, number>();
    for (const [row, e, occ] of keys as [number, boolean, bigint | number][]) {
      if (e) exists.add(Number(row));
      occurrence.set(Number(row), Number(occ));
    }
    const updating = options.onConflict?.action === 'UPDATE';
    if (!updating) {
      // existing keys and repeats fail (single-row INSERT semantics) or are skipped
      const dropped = ok.filter((r) => exists.has(r) || occurrence.get(r)! > 1);
      const skip = options.onConflict?.action === 'NOTHING' || (!options.onConflict && options.skipDuplicates);
      for (const r of dropped) {
        if (skip) outcome.skipped(r);
        else outcome.failed(r, new DuplicateKeyException('A document with the same primary key exists already'));
      }
      const rest = dropped.length ? ok.filter((r) => !exists.has(r) && occurrence.get(r)! === 1) : ok;
      if (dropped.length) await conn.run(`DELETE FROM temp.main.${quoteIdent(computed)} WHERE "__row" IN (${dropped.join(', ')})`);
      return await moveComputed(conn, sql, rest, options, outcome);
    }
    // upserts: the n-th occurrences of the keys go in round n, so repeats apply in row order
    const rounds: number[][] = [];
    for (const r of ok) (rounds[occurrence.get(r)! - 1] ??= []).push(r);
    let changed = 0;
    for (const round of rounds) if (round) changed += await moveComputed(conn, sql, round, options, outcome, rounds.length > 1);
    return changed;
  } finally {
    await conn.run(`DROP TABLE IF EXISTS temp.main.${quoteIdent(computed)}`);
  }
}

async function moveComputed(
  conn: EngineConnection, sql: StagedSql, rows: number[], options: WriteOptions, outcome: WriteOutcome, listed = false,
): Promise<number> {
  let changed = 0;
  await bisect(rows, async (lo, hi) => {
    const where = listed ? ` WHERE "__row" IN (${rows.slice(lo, hi + 1).join(', ')})` : rangeWhere(rows, lo, hi, '"__row"');
    changed += await conn.run(sql.moveComputed(where, options));
  }, (i) => outcome.written(i), outcome.failed);
  return changed;
}

/**
 * The set-based INSERT of rows given by an SQL relation shaped like a staging table (`"__row"`,
 * then `v<slot>` per supplied slot and `d<slot>` per DEFAULT slot, in the leaves' stage types):
 * COPY FROM's files read by DuckDB itself (io/fast-json-load.ts). Tables without a primary key.
 */
export function relationInsertSql(
  cx: AnalyzerContext, table: TableMeta, layout: RowLayout, columns: readonly string[], relation: string,
): string {
  return new StagedSql(cx, table, layout, columns, '_cratelite_relation', `(${relation})`)
    .insert('', { onConflict: undefined, skipDuplicates: false, atomic: false });
}

/** The SQL over one staging table. */
class StagedSql {
  readonly computedTable: string;
  private readonly qa: QueryAnalyzer;
  private readonly target: string;
  private readonly names: string[];
  private readonly select: string[];
  private readonly checks: string[];
  private readonly source: string;

  /** `from`: the staged rows' relation (default: the temporary table `stage`) */
  constructor(
    cx: AnalyzerContext, private readonly table: TableMeta, layout: RowLayout, columns: readonly string[], stage: string,
    from = `temp.main.${quoteIdent(stage)}`,
  ) {
    this.qa = new QueryAnalyzer(cx);
    this.computedTable = `${stage}_computed`;
    this.target = `main.${quoteIdent(table.internal)}`;
    const p = insertProjection(table, new Set(columns), this.qa, false);
    this.names = p.names;
    this.select = p.select;
    this.checks = p.checks;
    this.source = stagedSource(layout, from, this.qa);
  }

  /** `INSERT INTO t (…) SELECT … FROM (staged rows [where]) AS src WHERE <checks> [ON CONFLICT …]` */
  insert(where: string, options: WriteOptions): string {
    let sql = `INSERT INTO ${this.target} (${this.names.join(', ')}) SELECT ${this.select.join(', ')} FROM (${this.source}${where}) AS src`;
    if (this.checks.length) sql += ` WHERE ${this.checks.join(' AND ')}`;
    return sql + onConflictSql(options.onConflict, this.table, options.skipDuplicates, this.qa);
  }

  createComputed(): string {
    return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(this.computedTable)} AS SELECT src."__row" AS "__row", ${
      this.select.map((s, i) => `${s} AS ${this.names[i]}`).join(', ')} FROM (${this.source}) AS src LIMIT 0`;
  }

  compute(where: string): string {
    let sql = `INSERT INTO temp.main.${quoteIdent(this.computedTable)} SELECT src."__row", ${this.select.join(', ')} FROM (${this.source}${where}) AS src`;
    if (this.checks.length) sql += ` WHERE ${this.checks.join(' AND ')}`;
    return sql;
  }

  /** `(__row, key exists in the table, occurrence of the key in the batch)` per computed row */
  keyStatus(): string {
    const pk = this.table.primaryKey.map((p) => quoteIdent(findColumn(this.table.columns, p)!.internal));
    const match = pk.map((k) => `x.${k} = c.${k}`).join(' AND ');
    return `SELECT c."__row", EXISTS (SELECT 1 FROM ${this.target} AS x WHERE ${match}), `
      + `row_number() OVER (PARTITION BY ${pk.map((k) => `c.${k}`).join(', ')} ORDER BY c."__row") `
      + `FROM temp.main.${quoteIdent(this.computedTable)} AS c`;
  }

  moveComputed(where: string, options: WriteOptions): string {
    return `INSERT INTO ${this.target} (${this.names.join(', ')}) SELECT ${this.names.join(', ')} FROM temp.main.${
      quoteIdent(this.computedTable)}${where}${onConflictSql(options.onConflict, this.table, options.skipDuplicates, this.qa)}`;
  }
}

/**
 * `SELECT s."__row", <one expression per leaf> FROM <stage> AS s`: staged values (cast where
 * staged as text), DEFAULTs for absent children, and for the columns not supplied their
 * DEFAULT or NULL (row-values.ts `columnLeaves` with no value).
 */
function stagedSource(layout: RowLayout, from: string, qa: QueryAnalyzer): string {
  const ecx = qa.exprContext(new Scope([]), new Map(), false);
  const supplied = new Set(layout.suppliedSlots);
  const defaults = new Set(layout.defaultSlots);
  const exprs = layout.leaves.map((leaf, slot) => {
    const col = leaf.col;
    const dflt = (): string => {
      if (!col) return `CAST(NULL AS ${leaf.targetType})`;
      const sql = defaultValue(col, ecx);
      return col.type.kind === 'geo_point' ? quantizeGeoPoint(sql) : sql;
    };
    let sql: string;
    if (supplied.has(slot)) {
      const ref = `s.${stageColumn(slot)}`;
      sql = leaf.fromStage ? leaf.fromStage(ref) : ref;
      if (defaults.has(slot)) sql = `CASE WHEN s.${flagColumn(slot)} THEN ${dflt()} ELSE ${sql} END`;
    } else {
      sql = dflt();
    }
    return `${sql} AS ${quoteIdent(leaf.internal)}`;
  });
  return `SELECT s."__row" AS "__row", ${exprs.join(', ')} FROM ${from} AS s`;
}

/** A temporary table (per connection, per column signature) for staged rows. */
async function stagingTable(conn: EngineConnection, layout: RowLayout): Promise<{
  name: string; columns: (staged: StagedRows) => AppendColumn[];
}> {
  const defs = ['"__row" INTEGER'];
  for (const slot of layout.suppliedSlots) defs.push(`${stageColumn(slot)} ${layout.leaves[slot]!.stageType}`);
  for (const slot of layout.defaultSlots) defs.push(`${flagColumn(slot)} BOOLEAN`);
  const signature = defs.join(', ');
  let tables = stagingTables.get(conn);
  if (!tables) stagingTables.set(conn, tables = new Map());
  let name = tables.get(signature);
  if (!name) {
    name = `_cratelite_bulk_${tables.size}`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} (${signature})`);
    tables.set(signature, name);
  }
  return {
    name,
    columns: (staged) => {
      const n = staged.rowIndex.length;
      const out: AppendColumn[] = [{ values: staged.rowIndex }];
      for (const slot of layout.suppliedSlots) out.push({ values: staged.values[slot] ?? new Array(n).fill(null) });
      for (const slot of layout.defaultSlots) out.push({ values: staged.flags[slot] ?? new Array(n).fill(false) });
      return out;
    },
  };
}

/** ` WHERE "__row" BETWEEN a AND b` for list[lo..hi] (the whole list: no condition). */
function rangeWhere(list: readonly number[], lo: number, hi: number, col = 's."__row"'): string {
  if (lo === 0 && hi === list.length - 1) return '';
  return ` WHERE ${col} BETWEEN ${list[lo]} AND ${list[hi]}`;
}

/**
 * Run `exec` over list[0..n-1]; when it fails, over each half, down to single rows, whose error
 * is then theirs. A failed `exec` must have had no effect. Cancellation is not a row error.
 */
async function bisect(
  list: readonly number[], exec: (lo: number, hi: number) => Promise<void>,
  done: (index: number) => void, failed: (index: number, error: unknown) => void,
): Promise<void> {
  const run = async (lo: number, hi: number): Promise<void> => {
    try {
      await withConflictRetry(() => exec(lo, hi));
    } catch (e) {
      if (e instanceof JobKilledException || isTransactionConflict(e)) throw e;
      if (lo === hi) { failed(list[lo]!, e); return; }
      const mid = (lo + hi) >> 1;
      await run(lo, mid);
      await run(mid + 1, hi);
      return;
    }
    for (let i = lo; i <= hi; i++) done(list[i]!);
  };
  if (list.length) await run(0, list.length - 1);
}

const MAX_CONFLICT_RETRIES = 20;

/**
 * A concurrent schema change (another session adding a dynamic column) aborts a statement
 * without effect; run it again.
 */
export async function withConflictRetry<R>(fn: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransactionConflict(e) || attempt >= MAX_CONFLICT_RETRIES) throw e;
      await new Promise((r) => setTimeout(r, attempt * 5 + Math.random() * 10));
    }
  }
}
