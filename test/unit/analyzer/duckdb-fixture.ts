/**
 * Test fixture for the analyzer's SQL generators: one in-memory DuckDB per test file, set up
 * like the engine's connections (UTC, CrateDB NULL order, cratelite UDFs), plus helpers that
 * evaluate a generated expression and return plain JS values.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { registerBuiltinUdfs } from '../../../src/analyzer/functions/udf-registry.js';
import { classifyDuckDbError } from '../../../src/engine/duckdb-errors.js';
import type { CompiledExpr } from '../../../src/analyzer/functions/function-types.js';
import type { DataType } from '../../../src/types/data-type.js';
import { T } from '../../../src/types/data-type.js';
import { literalSql } from '../../../src/analyzer/casts.js';
import { lookupFunction } from '../../../src/analyzer/functions/registry.js';

export interface TestDb {
  /** Evaluate `SELECT <sql>` and return the single value (bigints as numbers when safe). */
  value(sql: string): Promise<unknown>;
  /** All rows of a query, values normalised like `value`. */
  rows(sql: string): Promise<unknown[][]>;
  /** The CrateDB error (class name + message) a query raises, or undefined. */
  error(sql: string): Promise<string | undefined>;
  close(): void;
  readonly connection: DuckDBConnection;
}

function normalise(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(normalise);
  if (v instanceof Date) return v.getTime();
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, normalise(x)]));
  }
  return v;
}

export async function openTestDb(): Promise<TestDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
  await registerBuiltinUdfs(connection);
  const rows = async (sql: string) => {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowsJS().map((r) => r.map(normalise));
  };
  return {
    connection,
    rows,
    async value(sql: string) {
      const r = await rows(`SELECT ${sql}`);
      return r[0]![0];
    },
    async error(sql: string) {
      try {
        await connection.runAndReadAll(sql.trimStart().toUpperCase().startsWith('SELECT') ? sql : `SELECT ${sql}`);
        return undefined;
      } catch (e) {
        const c = classifyDuckDbError(e);
        return `${c.crateName}[${c.message}]`;
      }
    },
    close() { connection.closeSync(); instance.closeSync(); },
  };
}

/** A literal CompiledExpr, e.g. lit(5) → {sql: '5', type: integer, literal: {value: 5}}. */
export function lit(value: unknown, type?: DataType, sql?: string): CompiledExpr {
  const t = type ?? (value === null ? T.undefined : typeof value === 'boolean' ? T.boolean
    : typeof value === 'string' ? T.text : typeof value === 'bigint' ? T.bigint
    : Number.isInteger(value) && Math.abs(value as number) < 2 ** 31 ? T.integer : typeof value === 'number'
      && Number.isInteger(value) ? T.bigint : T.double);
  const text = sql ?? (value === null ? 'NULL' : typeof value === 'string' ? `'${value.replace(/'/g, "''")}'`
    : typeof value === 'object' ? literalSql(value, t)
    : t.kind === 'double precision' ? `CAST(${String(value)} AS DOUBLE)` : String(value));
  return { sql: text, type: t, literal: { value } };
}

/** A non-literal CompiledExpr of SQL `sql` and type `type` (like a column reference). */
export const col = (sql: string, type: DataType): CompiledExpr => ({ sql, type });

/** Expected outcomes of a case: a value, a run-time CrateDB error, or a compile-time throw. */
export type Expected = unknown | { runtimeError: RegExp } | { compileError: RegExp };

export interface Case { name: string; build: () => string; expected: Expected }

const isRuntimeError = (e: unknown): e is { runtimeError: RegExp } =>
  typeof e === 'object' && e !== null && 'runtimeError' in e;
const isCompileError = (e: unknown): e is { compileError: RegExp } =>
  typeof e === 'object' && e !== null && 'compileError' in e;

/**
 * Check one case: build the SQL (or expect it to throw), run `SELECT <sql>` in DuckDB and
 * compare the value (or the classified CrateDB error text).
 */
export async function check(db: TestDb, c: Case): Promise<void> {
  const { strict: assert } = await import('node:assert');
  let sql: string;
  try {
    sql = c.build();
  } catch (e) {
    if (isCompileError(c.expected)) {
      assert.match(`${(e as { crateName?: string }).crateName ?? ''}[${(e as Error).message}]`, c.expected.compileError);
      return;
    }
    throw e;
  }
  if (isCompileError(c.expected)) assert.fail(`expected a compile-time error, got SQL ${sql}`);
  if (isRuntimeError(c.expected)) {
    const err = await db.error(`SELECT ${sql}`);
    assert.ok(err, `expected a run-time error from ${sql}`);
    assert.match(err, c.expected.runtimeError);
    return;
  }
  const err = await db.error(`SELECT ${sql}`);
  assert.equal(err, undefined, `unexpected error for ${sql}`);
  assert.deepStrictEqual(await db.value(sql), c.expected, sql);
}

/** A FunctionContext for tests: schema doc, user crate, statement time 2021-01-01T00:00:00Z. */
export const testContext = {
  currentSchema: 'doc',
  user: 'crate',
  statementTimeSql: 'make_timestamptz(1609459200000000)',
  setting: (name: string) => ({ search_path: 'doc', application_name: 'test', statement_timeout: '0' } as Record<string, string>)[name],
};

/** Resolve a registry function call and return its SQL (throws when no signature fits). */
export function callSql(name: string, args: CompiledExpr[], options: { distinct?: boolean; filter?: CompiledExpr; nulls?: 'IGNORE' | 'RESPECT' } = {}): string {
  const def = lookupFunction(name);
  if (!def) throw new Error(`unknown function ${name}`);
  const resolved = def.resolve(args, testContext, { distinct: options.distinct ?? false, filter: options.filter, nulls: options.nulls });
  if (!resolved) throw new Error(`no signature of ${name} fits`);
  return resolved.sql;
}
