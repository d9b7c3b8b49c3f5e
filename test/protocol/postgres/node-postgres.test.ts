/**
 * node-postgres (`pg`) against the real server: simple and extended queries, named prepared
 * statements, multi-statement strings, pipelining, binary results, type round trips, errors in
 * the middle of a batch, cancellation and many parallel connections.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

async function connect(options: pg.ClientConfig = {}): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc', ...options });
  await client.connect();
  return client;
}

async function withClient<T>(fn: (c: pg.Client) => Promise<T>, options?: pg.ClientConfig): Promise<T> {
  const c = await connect(options);
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test('simple query', () => withClient(async (c) => {
  const r = await c.query('select 1 as a, \'x\' as b');
  assert.deepEqual(r.rows, [{ a: 1, b: 'x' }]);
  assert.equal(r.command, 'SELECT');
  assert.equal(r.rowCount, 1);
  assert.deepEqual(r.fields.map((f) => [f.name, f.dataTypeID]), [['a', 23], ['b', 1043]]);
}));

test('extended query with parameters (OID 0, text values cast by the statement)', () => withClient(async (c) => {
  await c.query('create table p1 (id int primary key, name text, score double precision, ok boolean)');
  const ins = await c.query('insert into p1 (id, name, score, ok) values ($1, $2, $3, $4)', [1, 'one', 1.5, true]);
  assert.equal(ins.command, 'INSERT');
  assert.equal(ins.rowCount, 1);
  await c.query('insert into p1 (id, name, score, ok) values ($1, $2, $3, $4)', [2, 'two', null, false]);
  await c.query('refresh table p1');
  const r = await c.query('select id, name, score, ok from p1 where id = $1', [1]);
  assert.deepEqual(r.rows, [{ id: 1, name: 'one', score: 1.5, ok: true }]);
  const none = await c.query('select id from p1 where name = $1', ['nobody']);
  assert.equal(none.rowCount, 0);
  const upd = await c.query('update p1 set score = $1 where id > $2', [3, 0]);
  assert.equal(upd.command, 'UPDATE');
  assert.equal(upd.rowCount, 2);
  const del = await c.query('delete from p1 where id = $1', [2]);
  assert.deepEqual([del.command, del.rowCount], ['DELETE', 1]);
}));

test('named prepared statements are parsed once and reused', () => withClient(async (c) => {
  for (let i = 1; i <= 5; i++) {
    const r = await c.query({ name: 'double-it', text: 'select $1::int * 2 as v', values: [i] });
    assert.deepEqual(r.rows, [{ v: i * 2 }]);
  }
  const other = await c.query({ name: 'other', text: 'select $1::text || $2::text as s', values: ['a', 'b'] });
  assert.deepEqual(other.rows, [{ s: 'ab' }]);
}));

test('several statements in one simple query', () => withClient(async (c) => {
  const results = await c.query('select 1 as a; select 2 as b; create table m1 (x int)') as unknown as pg.QueryResult[];
  assert.equal(results.length, 3);
  assert.deepEqual(results[0]!.rows, [{ a: 1 }]);
  assert.deepEqual(results[1]!.rows, [{ b: 2 }]);
  assert.equal(results[2]!.command, 'SELECT', 'the tag word comes from the first statement (CrateDB)');
}));

test('pipelining: many queries in flight on one client', () => withClient(async (c) => {
  const queries = Array.from({ length: 50 }, (_, i) => (i % 2 === 0
    ? c.query('select $1::int as i', [i])
    : c.query(`select ${i} as i`)));
  const results = await Promise.all(queries);
  results.forEach((r, i) => assert.deepEqual(r.rows, [{ i }]));
}));

test('binary results', () => withClient(async (c) => {
  // pg-protocol turns every DataRow cell into a UTF-8 string before the binary parsers see it, so
  // bytes >= 0x80 do not survive inside `pg`; the values here encode to ASCII-safe bytes. The
  // binary encodings themselves are checked byte by byte in wire.test.ts and the codec unit tests.
  await c.query('create table b1 (i int, l bigint, s smallint, d double precision, r real, b boolean, ts timestamp with time zone, t text, a array(int))');
  await c.query("insert into b1 values (42, 9007199254740993, 3, 2.0, 2.5, true, '2000-01-01T00:00:01Z', 'ü', [1, 2])");
  await c.query('refresh table b1');
  const r = await c.query({ text: 'select * from b1 where i = $1', values: [42] });
  assert.deepEqual(r.fields.map((f) => f.format), Array(9).fill('binary'));
  const row = r.rows[0];
  assert.equal(row.i, 42);
  assert.equal(row.l, '9007199254740993');
  assert.equal(row.s, 3);
  assert.equal(row.d, 2);
  assert.equal(row.r, 2.5);
  assert.equal(row.b, true);
  assert.equal((row.ts as Date).toISOString(), '2000-01-01T00:00:01.000Z');
  assert.equal(row.t, 'ü');
  assert.deepEqual(row.a, [1, 2]);
}, { binary: true }));

test('common types round-trip through parameters', () => withClient(async (c) => {
  await c.query(`create table rt (id int primary key, i int, l bigint, d double precision, r real, t text, b boolean,
    ts timestamp with time zone, o object(dynamic) as (x int, y text), a array(int), ta array(text))`);
  const ts = new Date('2021-03-09T14:15:16.123Z');
  await c.query('insert into rt (id, i, l, d, r, t, b, ts, o, a, ta) values ($1, $2, $3, $4, $5, $6, $7, $8, $9::object, $10::array(int), $11::array(text))',
    [1, -7, '9223372036854775807', 0.1, 1.5, 'Grüße 👋 "quoted", comma', true, ts, { x: 1, y: 'z' }, [1, null, 3], ['a b', 'c,d']]);
  await c.query('insert into rt (id) values ($1)', [2]);
  await c.query('refresh table rt');
  const r = await c.query('select i, l, d, r, t, b, ts, o, a, ta from rt order by id');
  assert.deepEqual(r.rows[0], {
    i: -7, l: '9223372036854775807', d: 0.1, r: 1.5, t: 'Grüße 👋 "quoted", comma', b: true, ts,
    o: { x: 1, y: 'z' }, a: [1, null, 3], ta: ['a b', 'c,d'],
  });
  assert.deepEqual(r.rows[1], { i: null, l: null, d: null, r: null, t: null, b: null, ts: null, o: null, a: null, ta: null });
  assert.deepEqual(r.fields.map((f) => f.dataTypeID), [23, 20, 701, 700, 1043, 16, 1184, 114, 1007, 1015]);
  const raw = await c.query({ text: "select 1.0::double as d, '2021-03-09T14:15:16.123Z'::timestamp with time zone as ts, [1.5]::array(double) as a", rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
  assert.deepEqual(raw.rows[0], ['1.0', '2021-03-09 14:15:16.123+00', '{"1.5"}']);
}));

test('an error in the middle of a batch, then a working statement', () => withClient(async (c) => {
  const [a, b, d] = await Promise.allSettled([
    c.query('select 1 as x'),
    c.query('select * from does_not_exist where x = $1', [1]),
    c.query('select 3 as x'),
  ]);
  assert.equal(a.status, 'fulfilled');
  assert.equal(b.status, 'rejected');
  const err = (b as PromiseRejectedResult).reason as pg.DatabaseError;
  assert.equal(err.code, '42P01');
  assert.equal(err.message, "Relation 'does_not_exist' unknown");
  assert.equal(err.severity, 'ERROR');
  assert.deepEqual((d as PromiseFulfilledResult<pg.QueryResult>).value.rows, [{ x: 3 }]);
  await assert.rejects(c.query('selec 1'), (e: pg.DatabaseError) => e.code === '42601' && /mismatched input 'selec'/.test(e.message));
  await assert.rejects(c.query('select 1 / 0 as z'), (e: pg.DatabaseError) => e.code === 'XX000');
  assert.deepEqual((await c.query('select 4 as x')).rows, [{ x: 4 }]);
}));

test('cancel a long query with pg\'s cancel (CancelRequest)', () => withClient(async (c) => {
  const started = Date.now();
  const long = c.query('SELECT sum(a.x * b.x) FROM generate_series(1, 100000) AS a (x), generate_series(1, 100000) AS b (x)');
  await new Promise((r) => setTimeout(r, 300));
  const canceller = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate' });
  // pg's own cancel path: a fresh connection sending CancelRequest with the BackendKeyData of `c`
  await (canceller as unknown as { cancel(target: pg.Client, q: unknown): void }).cancel(c, (c as unknown as { activeQuery: unknown }).activeQuery);
  await assert.rejects(long, (e: pg.DatabaseError) => e.code === 'XX000' && e.message === 'Job killed. Cancellation request by: crate');
  assert.ok(Date.now() - started < 15_000, 'interrupted, not run to the end');
  assert.deepEqual((await c.query('select 1 as ok')).rows, [{ ok: 1 }]);
}));

test('200 parallel connections each running a query', async () => {
  const clients = await Promise.all(Array.from({ length: 200 }, () => connect()));
  try {
    const results = await Promise.all(clients.map((c, i) => c.query('select $1::int + 1 as n, count(*) as c from sys.nodes', [i])));
    results.forEach((r, i) => assert.deepEqual(r.rows, [{ n: i + 1, c: '1' }]));
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
});

test('startup parameters: database selects the default schema, options -c settings apply', async () => {
  await withClient(async (c) => {
    assert.deepEqual((await c.query('select current_schema() as s')).rows, [{ s: 'custom' }]);
    assert.deepEqual((await c.query('show search_path')).rows, [{ search_path: 'custom' }]);
  }, { database: 'custom' });
  await withClient(async (c) => {
    assert.deepEqual((await c.query('show error_on_unknown_object_key')).rows, [{ error_on_unknown_object_key: 'false' }]);
  }, { options: '-c error_on_unknown_object_key=false' });
  const bad = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'arthur' });
  await assert.rejects(bad.connect(), (e: pg.DatabaseError) => e.code === '28000' && e.message === 'trust authentication failed for user "arthur"');
});

test('RowDescription names the table and column position of plain single-table selections', () => withClient(async (c) => {
  await c.query('CREATE TABLE rowdesc_t (a INT, b TEXT, o OBJECT AS (x INT))');
  const [{ oid }] = (await c.query("SELECT attrelid::int AS oid FROM pg_catalog.pg_attribute WHERE attrelid = 'rowdesc_t'::regclass AND attname = 'a'")).rows;
  const fields = async (sql: string, values?: unknown[]) => (await c.query(sql, values)).fields.map((f) => [f.name, f.tableID, f.columnID]);
  assert.deepEqual(await fields('SELECT b, a FROM rowdesc_t'), [['b', oid, 2], ['a', oid, 1]]);
  assert.deepEqual(await fields('SELECT * FROM rowdesc_t WHERE a = $1', [1]), [['a', oid, 1], ['b', oid, 2], ['o', oid, 3]]);
  assert.deepEqual(await fields("SELECT o['x'] FROM rowdesc_t"), [["o['x']", oid, 4]]);
  // any computed column: 0 for all (pgwire.md §5.8)
  assert.deepEqual(await fields('SELECT b, a + 1 AS n FROM rowdesc_t'), [['b', 0, 0], ['n', 0, 0]]);
  assert.deepEqual(await fields('SELECT count(*) FROM rowdesc_t'), [['count', 0, 0]]);
  assert.deepEqual(await fields('SELECT 1 AS one'), [['one', 0, 0]]);
  await c.query('DROP TABLE rowdesc_t');
}));
