/**
 * postgres.js (`postgres`) against the real server. It prepares every parameterised query with
 * Parse + Describe S + Flush, serialises the values by the OIDs of ParameterDescription, and
 * runs its type-fetching query against pg_catalog at connect — a different client shape from
 * node-postgres.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { startServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
let sql: postgres.Sql;
before(async () => {
  server = await startServer();
  sql = postgres({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc', max: 4, idle_timeout: 5, onnotice: () => {} });
});
after(async () => {
  await sql.end({ timeout: 5 });
  await server.close();
});

test('parameterized queries', async () => {
  await sql`create table pj (id int primary key, name text, ts timestamp with time zone, score double precision, ok boolean)`;
  const ts = new Date('2021-03-09T14:15:16.123Z');
  for (const [id, name, score, ok] of [[1, 'one', 1.5, true], [2, 'zwei ü', -2, false]] as const) {
    const r = await sql`insert into pj (id, name, ts, score, ok) values (${id}, ${name}, ${ts}, ${score}, ${ok})`;
    assert.equal(r.count, 1);
    assert.equal(r.command, 'INSERT');
  }
  await sql`refresh table pj`;
  const rows = await sql`select id, name, ts, score, ok from pj where id >= ${1} order by id`;
  assert.deepEqual([...rows], [
    { id: 1, name: 'one', ts, score: 1.5, ok: true },
    { id: 2, name: 'zwei ü', ts, score: -2, ok: false },
  ]);
  const byName = await sql`select id from pj where name = ${'zwei ü'}`;
  assert.deepEqual([...byName], [{ id: 2 }]);
  // the same query again: postgres.js reuses its prepared statement (Bind + Execute only)
  const again = await sql`select id from pj where name = ${'one'}`;
  assert.deepEqual([...again], [{ id: 1 }]);
  const unsafe = await sql.unsafe('select $1::int + $2::int as n', [40, 2]);
  assert.deepEqual([...unsafe], [{ n: 42 }]);
});

test('a transaction block: BEGIN and COMMIT are accepted (no-ops in CrateDB)', async () => {
  await sql`create table tx (id int)`;
  const result = await sql.begin(async (tx) => {
    await tx`insert into tx (id) values (${1})`;
    await tx`insert into tx (id) values (${2})`;
    return tx`select 'inside' as where_`;
  });
  assert.deepEqual([...result], [{ where_: 'inside' }]);
  await sql`refresh table tx`;
  assert.deepEqual([...await sql`select count(*) as n from tx`], [{ n: '2' }]);
});

test('errors carry CrateDB messages and SQLSTATEs; the connection stays usable', async () => {
  await assert.rejects(sql`select * from nowhere where x = ${1}`,
    (e: postgres.PostgresError) => e.code === '42P01' && e.message === "Relation 'nowhere' unknown");
  await assert.rejects(sql`selec ${1}`, (e: postgres.PostgresError) => e.code === '42601');
  await assert.rejects(sql`select ${'abc'}::int as n`, (e: postgres.PostgresError) => e.code === 'XX000');
  await sql`create table pk (id int primary key)`;
  await sql`insert into pk (id) values (${1})`;
  await assert.rejects(sql`insert into pk (id) values (${1})`, (e: postgres.PostgresError) => e.code === '23505');
  assert.deepEqual([...await sql`select ${5}::int as five`], [{ five: 5 }]);
});

test('many concurrent queries over the pool', async () => {
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => sql`select ${i}::int as i`));
  results.forEach((r, i) => assert.deepEqual([...r], [{ i }]));
});
