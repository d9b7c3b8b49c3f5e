/**
 * In-process database for the client catalog-query tests: one Database with a session, the
 * tables the client queries look at, and helpers returning rows as plain JSON values (the shapes
 * HTTP `/_sql` sends, so OIDs are numbers, booleans booleans, arrays arrays).
 *
 * Objects created:
 *   doc.t1            id INT PRIMARY KEY, name TEXT NOT NULL, o OBJECT AS (k TEXT), tags TEXT[],
 *                     CONSTRAINT positive CHECK (id > 0)
 *   doc.parted        PARTITIONED BY (day)
 *   doc.v1            view over t1 (OID: hash of `VIEWdoc.v1`)
 *   my_schema.events  PRIMARY KEY (kind, n)
 * User tables get sequential stored OIDs in creation order (see `oidOf`).
 */
import assert from 'node:assert/strict';
import { Database } from '../../../src/session/database.js';
import { CollectingSink } from '../../../src/session/result-sink.js';
import type { Session } from '../../../src/session/session.js';
import { encodeColumn, encoderFor } from '../../../src/types/json-values.js';
import { parseStatementsWithText } from '../../../src/sql/parser/parser.js';
import type { DataType } from '../../../src/types/data-type.js';

export interface Result {
  readonly cols: string[];
  readonly types: string[];
  readonly rows: unknown[][];
}

export interface Fixture {
  readonly db: Database;
  readonly session: Session;
  /** run one statement; rows as JSON values */
  query(sql: string, args?: readonly unknown[], argTypes?: readonly DataType[]): Promise<Result>;
  /** run a simple-query string of several statements, one result each */
  queryAll(sql: string): Promise<Result[]>;
  /** the statement fails and the error message matches */
  rejects(sql: string, pattern: RegExp, args?: readonly unknown[]): Promise<void>;
  /** Parse-time analysis (what the PG extended protocol does on Parse) succeeds */
  describes(sql: string, paramTypes?: readonly DataType[]): Promise<string[]>;
  close(): Promise<void>;
}

export const SETUP = [
  'CREATE TABLE doc.t1 (id INT PRIMARY KEY, name TEXT NOT NULL, o OBJECT AS (k TEXT), tags ARRAY(TEXT), '
    + 'CONSTRAINT positive CHECK (id > 0))',
  'CREATE TABLE doc.parted (id BIGINT, day TIMESTAMP WITH TIME ZONE, title TEXT) PARTITIONED BY (day)',
  'CREATE VIEW doc.v1 AS SELECT id, name FROM doc.t1',
  'CREATE TABLE my_schema.events (kind TEXT, n BIGINT, PRIMARY KEY (kind, n))',
];

export async function openFixture(): Promise<Fixture> {
  const db = await Database.open({ dataPath: ':memory:', memoryLimit: '1GB', nodeName: 'n', clusterName: 'c' }, ':memory:');
  const session = await db.createSession();
  const run = async (sql: string, args: readonly unknown[] = [], argTypes?: readonly DataType[]): Promise<Result> => {
    const sink = new CollectingSink();
    await session.execute(sql, args, sink, argTypes ? { argTypes } : {});
    const cols = sink.cols ?? [];
    const encoders = cols.map((c) => encoderFor(c.type));
    const columns = cols.map((_, i) => encodeColumn(encoders[i]!, sink.rows.map((r) => r[i]), sink.rows.length));
    const rows = sink.rows.map((_, r) => columns.map((c) => JSON.parse(c[r]!) as unknown));
    return { cols: cols.map((c) => c.name), types: cols.map((c) => c.type.kind), rows };
  };
  for (const sql of SETUP) await run(sql);
  return {
    db,
    session,
    query: run,
    async queryAll(sql) {
      const out: Result[] = [];
      for (const { text } of parseStatementsWithText(sql)) out.push(await run(text));
      return out;
    },
    async rejects(sql, pattern, args = []) {
      await assert.rejects(run(sql, args), (e: Error) => {
        assert.match(`${e.constructor.name}: ${e.message}`, pattern);
        return true;
      });
    },
    async describes(sql, paramTypes = []) {
      const d = await session.describe(sql, paramTypes);
      return d.columns.map((c) => c.name);
    },
    async close() {
      session.close();
      await db.close();
    },
  };
}

/** the pg_class OID of a relation */
export async function oidOf(f: Fixture, relation: string): Promise<number> {
  const r = await f.query(`SELECT '${relation}'::regclass::integer AS oid`);
  return r.rows[0]![0] as number;
}

/** the values of column `name` */
export function column(r: Result, name: string): unknown[] {
  const i = r.cols.indexOf(name);
  assert.ok(i >= 0, `no column ${name} in ${r.cols.join(', ')}`);
  return r.rows.map((row) => row[i]);
}

/** rows as records keyed by column name (the last column wins on duplicate names) */
export function records(r: Result): Record<string, unknown>[] {
  return r.rows.map((row) => Object.fromEntries(r.cols.map((c, i) => [c, row[i]])));
}
