/**
 * File placeholders for SLT records that read or write files (COPY FROM / COPY TO, test/slt/copy):
 *
 *   __SLT_DIR__   the test/slt folder (fixtures such as test/slt/copy/data/…)
 *   __TEST_DIR__  an empty temporary folder, one per connection (= per file and protocol),
 *                 removed when the process exits
 *   __NODE_ID__   (results only) the server's node id, which RETURN SUMMARY rows show
 *
 * They are replaced in the SQL before it runs, and the real paths in results and error messages
 * are turned back into the placeholders, so expectations (and `--complete`) stay portable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, QueryResult } from './connection.js';
import { SqlError } from './connection.js';
import { SLT_DIR } from './files.js';
import type { SqlValue } from './values.js';

const testDirs = new WeakMap<object, string>();
const nodeIds = new WeakMap<object, string>();
const created: string[] = [];
process.once('exit', () => { for (const d of created) rmSync(d, { recursive: true, force: true }); });

function testDir(conn: object): string {
  let dir = testDirs.get(conn);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'cratelite-slt-'));
    created.push(dir);
    testDirs.set(conn, dir);
  }
  return dir;
}

const usesPlaceholders = (sql: string) => sql.includes('__TEST_DIR__') || sql.includes('__SLT_DIR__');

/** Learn the node id once per connection, for statements whose results show it. */
export async function prepareRecord(sql: string, conn: Connection): Promise<void> {
  if (nodeIds.has(conn) || !/return\s+summary/i.test(sql)) return;
  const r = await conn.query('SELECT id FROM sys.nodes');
  if (r.kind === 'rows' && typeof r.rows[0]?.[0] === 'string') nodeIds.set(conn, r.rows[0][0]);
}

/** Replace the placeholders in `sql` (the temp folder is created on first use). */
export function substitutePaths(sql: string, conn: object): string {
  if (!usesPlaceholders(sql)) return sql;
  return sql.replaceAll('__TEST_DIR__', testDir(conn)).replaceAll('__SLT_DIR__', SLT_DIR);
}

function restore(text: string, conn: object): string {
  const dir = testDirs.get(conn);
  let out = dir ? text.replaceAll(dir, '__TEST_DIR__').replaceAll(encodeURI(dir), '__TEST_DIR__') : text;
  out = out.replaceAll(SLT_DIR, '__SLT_DIR__').replaceAll(encodeURI(SLT_DIR), '__SLT_DIR__');
  const node = nodeIds.get(conn);
  return node ? out.replaceAll(node, '__NODE_ID__') : out;
}

function restoreValue(v: SqlValue, conn: object): SqlValue {
  if (typeof v === 'string') return restore(v, conn);
  if (Array.isArray(v)) return v.map((x) => restoreValue(x, conn));
  if (v && typeof v === 'object' && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [restore(k, conn), restoreValue(x as SqlValue, conn)]));
  }
  return v;
}

/** Real paths in a result → placeholders. */
export function restoreResult(result: QueryResult, conn: object): QueryResult {
  if (result.kind !== 'rows') return result;
  return { ...result, rows: result.rows.map((r) => r.map((v) => restoreValue(v, conn))) };
}

/** Real paths in an error → placeholders. */
export function restoreError(e: SqlError, conn: object): SqlError {
  return new SqlError(e.code, restore(e.message, conn));
}
