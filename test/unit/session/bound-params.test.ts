/**
 * Parameters of SELECT statements compare as bound DuckDB parameters: the DuckDB text stays the
 * same from one execution to the next (one prepared statement), and results equal the inlined
 * literals' results for every bindable type. Runs a real in-memory Database; the connection's
 * query method is observed (not replaced) to see the DuckDB text and parameters.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Session } from '../../../src/session/session.js';
import { CollectingSink } from '../../../src/session/result-sink.js';
import { openMemorySession, type MemorySession } from '../../helpers/memory-session.js';

let m: MemorySession;
let session: Session;
const seen: { sql: string; params: number }[] = [];

before(async () => {
  m = await openMemorySession();
  session = m.session;
  const conn = session.conn;
  const query = conn.query.bind(conn);
  conn.query = (sql, params = []) => {
    seen.push({ sql, params: params.length });
    return query(sql, params);
  };
  await rows(`CREATE TABLE t (i INT PRIMARY KEY, b BIGINT, d DOUBLE, r REAL, s TEXT, f BOOLEAN, ts TIMESTAMP WITH TIME ZONE, tn TIMESTAMP WITHOUT TIME ZONE)`);
  await rows(`INSERT INTO t VALUES
    (1, 9007199254740993, 1.5, 0.5, 'a', true, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00'),
    (2, -5, -2.25, 1.25, 'grüße', false, '2024-06-01T12:00:00.123Z', '2024-06-01T12:00:00.123'),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  await rows('REFRESH TABLE t');
});

after(() => m.close());

const rows = (sql: string, args: unknown[] = []) => m.rows(sql, args);

test('point lookups bind their parameter: one DuckDB text for every value', async () => {
  seen.length = 0;
  assert.deepEqual(await rows('SELECT s FROM t WHERE i = ?', [1]), [['a']]);
  assert.deepEqual(await rows('SELECT s FROM t WHERE i = ?', [2]), [['grüße']]);
  assert.deepEqual(await rows('SELECT s FROM t WHERE i = ?', [4]), []);
  assert.equal(seen.length, 3);
  assert.equal(new Set(seen.map((s) => s.sql)).size, 1, seen.map((s) => s.sql).join('\n'));
  assert.ok(seen.every((s) => s.params === 1 && s.sql.includes('$1')), seen[0]!.sql);
});

test('every bindable type compares like its literal', async () => {
  const cases: [string, unknown[], unknown[][]][] = [
    ['SELECT i FROM t WHERE b = ?', [9007199254740993n], [[1]]],
    ['SELECT i FROM t WHERE b = ?', ['9007199254740993'], [[1]]],
    ['SELECT i FROM t WHERE d < ? ORDER BY i', [0], [[2]]],
    ['SELECT i FROM t WHERE r >= ? ORDER BY i', [0.5], [[1], [2]]],
    ['SELECT i FROM t WHERE s = ?', ['grüße'], [[2]]],
    ['SELECT i FROM t WHERE f = ?', [false], [[2]]],
    ['SELECT i FROM t WHERE ts >= ? ORDER BY i', ['2024-03-01T00:00:00Z'], [[2]]],
    ['SELECT i FROM t WHERE ts = ?', [1717243200123], [[2]]],
    ['SELECT i FROM t WHERE tn < ? ORDER BY i', ['2024-03-01T00:00:00'], [[1]]],
    ['SELECT i FROM t WHERE i IN (?, ?, ?) ORDER BY i', [3, 1, 99], [[1], [3]]],
    ['SELECT i FROM t WHERE i BETWEEN ? AND ? ORDER BY i', [2, 3], [[2], [3]]],
    ['SELECT i FROM t WHERE i = ? OR s = ? ORDER BY i', [1, 'grüße'], [[1], [2]]],
    ['SELECT i FROM t WHERE i = ?', [null], []],
    ['SELECT i FROM t WHERE s = $1 OR s = $1', ['a'], [[1]]],
  ];
  for (const [sql, args, expected] of cases) {
    const inlined = sql.replace(/\?|\$1/g, () => 'X');
    assert.deepEqual(await rows(sql, args), expected, `${sql} ${JSON.stringify(args, (_k, v) => (typeof v === 'bigint' ? String(v) : v))} (${inlined})`);
  }
});

test('parameters outside comparisons and in DML stay literals', async () => {
  seen.length = 0;
  assert.deepEqual(await rows('SELECT ? || s FROM t WHERE i = 1', ['x']), [['xa']]);
  assert.equal(seen.at(-1)!.params, 0);
  const sink = new CollectingSink();
  await session.execute('UPDATE t SET s = ? WHERE i = ?', ['z', 3], sink);
  assert.equal(sink.rowCount, 1);
  assert.deepEqual(await rows('SELECT s FROM t WHERE i = ?', [3]), [['z']]);
});
