/**
 * In-process tests on a real in-memory Database (no server): one session and a helper that runs a
 * statement and returns its rows.
 *
 *   const m = await openMemorySession();
 *   assert.deepEqual(await m.rows('SELECT 1'), [[1]]);
 *   await m.close();
 */
import { Database } from '../../src/session/database.js';
import { CollectingSink } from '../../src/session/result-sink.js';
import type { Session } from '../../src/session/session.js';

export interface MemorySession {
  readonly db: Database;
  readonly session: Session;
  rows(sql: string, args?: unknown[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

export async function openMemorySession(memoryLimit = '1GB'): Promise<MemorySession> {
  const db = await Database.open({ dataPath: ':memory:', memoryLimit, nodeName: 'n', clusterName: 'c' }, ':memory:');
  const session = await db.createSession();
  return {
    db,
    session,
    async rows(sql, args = []) {
      const sink = new CollectingSink();
      await session.execute(sql, args, sink);
      return sink.rows;
    },
    async close() {
      session.close();
      await db.close();
    },
  };
}
