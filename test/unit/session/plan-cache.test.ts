/**
 * A session keeps the analysis of SELECTs without parameters by text, and analyses again when
 * the catalog or the session's settings changed, when the translation embeds the statement time,
 * reads system tables or has parameters. Runs a real in-memory Database; analyses are counted by
 * observing (not replacing) Session.analyzerContext.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Session } from '../../../src/session/session.js';
import { openMemorySession, type MemorySession } from '../../helpers/memory-session.js';

let m: MemorySession;
let session: Session;
let analyses = 0;

before(async () => {
  m = await openMemorySession();
  session = m.session;
  const analyzerContext = session.analyzerContext.bind(session);
  session.analyzerContext = (...a) => {
    analyses++;
    return analyzerContext(...a);
  };
  await rows('CREATE TABLE t (i INT PRIMARY KEY)');
  await rows('INSERT INTO t VALUES (1), (2)');
  await rows('CREATE TABLE s.t (i INT, j TEXT)');
  await rows("INSERT INTO s.t VALUES (7, 'x')");
  await rows('REFRESH TABLE t, s.t');
});

after(() => m.close());

const rows = (sql: string, args: unknown[] = []) => m.rows(sql, args);

/** rows of `sql` and the number of analyses it took */
async function counted(sql: string, args: unknown[] = []): Promise<[unknown[][], number]> {
  const before = analyses;
  const r = await rows(sql, args);
  return [r, analyses - before];
}

test('a repeated SELECT is analysed once', async () => {
  assert.deepEqual(await counted('SELECT i FROM t ORDER BY i'), [[[1], [2]], 1]);
  assert.deepEqual(await counted('SELECT i FROM t ORDER BY i'), [[[1], [2]], 0]);
  assert.deepEqual(await counted('SELECT i FROM t ORDER BY i'), [[[1], [2]], 0]);
  // a different text is a different entry
  assert.deepEqual(await counted('SELECT i FROM t ORDER BY i DESC'), [[[2], [1]], 1]);
});

test('DDL makes the same text analysed again against the new catalog', async () => {
  const sql = 'SELECT * FROM t ORDER BY i';
  assert.deepEqual((await counted(sql))[0], [[1], [2]]);
  assert.equal((await counted(sql))[1], 0);
  await rows('ALTER TABLE t ADD COLUMN k TEXT');
  assert.deepEqual(await counted(sql), [[[1, null], [2, null]], 1]);
  await rows('DROP TABLE t');
  await assert.rejects(rows(sql), /RelationUnknown|Relation 'doc.t' unknown/);
  await rows('CREATE TABLE t (i INT PRIMARY KEY)');
  await rows('INSERT INTO t VALUES (1), (2)');
  await rows('REFRESH TABLE t');
  assert.deepEqual(await counted(sql), [[[1], [2]], 1]);
});

test('SET search_path makes the same text resolve again', async () => {
  const sql = 'SELECT i FROM t ORDER BY i';
  assert.deepEqual((await counted(sql))[0], [[1], [2]]);
  await rows('SET search_path TO s');
  try {
    assert.deepEqual(await counted(sql), [[[7]], 1]);
    assert.deepEqual(await counted(sql), [[[7]], 0]);
  } finally {
    await rows('RESET search_path');
  }
  assert.deepEqual(await counted(sql), [[[1], [2]], 1]);
});

test('statement time, system tables and parameters are analysed every time', async () => {
  for (const sql of ['SELECT now() > 0', 'SELECT CURRENT_TIMESTAMP > 0']) {
    assert.equal((await counted(sql))[1], 1);
    assert.equal((await counted(sql))[1], 1);
  }
  const t1 = (await rows("SELECT date_format('%s%f', now())"))[0]![0];
  await new Promise((r) => setTimeout(r, 5));
  const t2 = (await rows("SELECT date_format('%s%f', now())"))[0]![0];
  assert.notEqual(t1, t2);
  const tables = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'later'";
  assert.deepEqual(await counted(tables), [[[0n]], 1]);
  await rows('CREATE TABLE later (x INT)');
  assert.deepEqual(await counted(tables), [[[1n]], 1]);
  assert.deepEqual(await counted('SELECT i FROM t WHERE i = ?', [1]), [[[1]], 1]);
  assert.deepEqual(await counted('SELECT i FROM t WHERE i = ?', [2]), [[[2]], 1]);
});
