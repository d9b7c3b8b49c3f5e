/**
 * Bulk INSERTs over the PG wire protocol take the column-wise path (analyzer/dml/insert-rows.ts):
 * pipelined Bind/Execute batches before one Sync (pgwire.md §5.4; what pgx, JDBC executeBatch
 * and TSBS' CrateDB loader send) and multi-row INSERTs with parameters (node-postgres, psycopg).
 * Each case is checked against the same rows sent one statement at a time.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { fe, RawPgClient } from '../../helpers/pg-wire.js';
import { startServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

async function session(): Promise<RawPgClient> {
  return (await RawPgClient.startup(server.pgPort)).client;
}

type Value = string | null;

/** One Parse, then Bind + Execute per row, then one Sync: the pipelined batch. */
async function pipelined(client: RawPgClient, sql: string, rows: Value[][], oids: number[] = []): Promise<string[]> {
  const messages = [fe.parse('', sql, oids)];
  for (const row of rows) messages.push(fe.bind('', '', row), fe.execute(''));
  messages.push(fe.sync());
  return client.exchange(...messages);
}

/** The same rows one Bind/Execute/Sync at a time: each runs as its own statement. */
async function oneByOne(client: RawPgClient, sql: string, rows: Value[][], oids: number[] = []): Promise<string[]> {
  const out: string[] = [];
  for (const row of rows) {
    const m = await client.exchange(fe.parse('', sql, oids), fe.bind('', '', row), fe.execute(''), fe.sync());
    out.push(...m.filter((t) => t.startsWith('C ') || t.startsWith('E ')));
  }
  return out;
}

/** `C INSERT 0 1` → 1, `C INSERT 0 -3` → -3, an ErrorResponse → 'E' */
const outcomes = (messages: string[]) => messages.filter((t) => t.startsWith('C ') || t.startsWith('E '))
  .map((t) => (t.startsWith('E ') ? 'E' : Number(t.split(' ').pop())));

const CPU_DDL = (name: string) => `CREATE TABLE ${name} (tags OBJECT AS (hostname STRING, region STRING), ts TIMESTAMP,
  usage_user DOUBLE, usage_system DOUBLE)`;
const cpuRow = (i: number): Value[] => [JSON.stringify({ hostname: `host_${i % 10}`, region: 'eu-west-1' }),
  new Date(1451606400000 + Math.floor(i / 10) * 10000).toISOString(), String(i % 100), String((i * 7) % 100)];

test('a pipelined batch of one INSERT: one BindComplete and one CommandComplete per row, one ReadyForQuery', async () => {
  const client = await session();
  await client.exchange(fe.query(CPU_DDL('cpu_pipe')));
  const rows = Array.from({ length: 2000 }, (_, i) => cpuRow(i));
  const messages = await pipelined(client,
    'INSERT INTO "doc"."cpu_pipe" (tags, ts, usage_user, usage_system) VALUES (?, ?, ?, ?)', rows);
  assert.equal(messages.length, 1 + 2 * rows.length + 1);
  assert.equal(messages[0], '1');
  assert.equal(messages.filter((t) => t === '2').length, rows.length);
  assert.equal(messages.filter((t) => t === 'C INSERT 0 1').length, rows.length);
  assert.equal(messages.at(-1), 'Z I');
  assert.deepEqual(await server.rows(`SELECT count(*), sum(usage_user), min(ts), max(ts), count(DISTINCT tags['hostname'])
    FROM cpu_pipe`), [[2000, rows.reduce((s, r) => s + Number(r[2]), 0), 1451606400000, 1451606400000 + 199 * 10000, 10]]);
  client.end();
});

test('pipelined rows that fail get INSERT 0 -3, the others are written; same as one at a time', async () => {
  const client = await session();
  const ddl = (t: string) => `CREATE TABLE ${t} (id INT PRIMARY KEY, name TEXT NOT NULL, score DOUBLE CHECK (score >= 0),
    o OBJECT(STRICT) AS (a INT), ts TIMESTAMP WITH TIME ZONE, d TEXT DEFAULT 'dflt')`;
  await client.exchange(fe.query(`${ddl('pf')}; ${ddl('ps')}`));
  const rows: Value[][] = [
    ['1', 'a', '1.5', '{"a": 1}', '2016-01-01T00:00:00Z'],
    ['2', null, '1', null, null],
    ['3', 'c', '-1', null, null],
    ['1', 'dup', '1', null, null],
    ['4', 'd', '1', '{"a": "x"}', null],
    ['5', 'e', '2', '{"b": 1}', null],
    ['6', 'f', '0', '{"a": "7"}', '2016-01-01'],
    ['6', 'again', '0', null, null],
  ];
  const insert = (t: string) => `INSERT INTO ${t} (id, name, score, o, ts) VALUES ($1, $2, $3, $4, $5)`;
  const batch = outcomes(await pipelined(client, insert('pf'), rows));
  assert.deepEqual(batch, [1, -3, -3, -3, -3, -3, 1, -3]);
  const single = outcomes(await oneByOne(client, insert('ps'), rows));
  assert.deepEqual(single, [1, 'E', 'E', 'E', 'E', 'E', 1, 'E']);
  const fast = await server.rows('SELECT id, name, score, o, ts, d FROM pf ORDER BY id');
  assert.deepEqual(fast, await server.rows('SELECT id, name, score, o, ts, d FROM ps ORDER BY id'));
  assert.deepEqual(fast, [[1, 'a', 1.5, { a: 1 }, 1451606400000, 'dflt'], [6, 'f', 0, { a: 7 }, 1451606400000, 'dflt']]);
  client.end();
});

test('declared parameter types (Parse OIDs) are applied per row like Bind does for one statement', async () => {
  const client = await session();
  const ddl = (t: string) => `CREATE TABLE ${t} (id INT, b BOOLEAN, bi BIGINT, r REAL, ts TIMESTAMP WITH TIME ZONE,
    t VARCHAR(3), j OBJECT AS (k INT), arr ARRAY(INTEGER))`;
  await client.exchange(fe.query(`${ddl('tf')}; ${ddl('ts1')}`));
  // int4, bool, int8, float4, timestamptz, varchar, json, int4[]
  const oids = [23, 16, 20, 700, 1184, 1043, 114, 1007];
  const rows: Value[][] = [
    ['1', 't', '9007199254740993', '1.25', '2016-01-01 00:00:00+00', 'abc', '{"k": 1}', '{1,2,3}'],
    ['2', 'f', '-5', '3.4028235e38', '2016-01-01T10:00:00.123Z', 'ab ', '{"k": "2"}', '{}'],
    ['3', null, null, null, null, null, null, null],
    ['4', 't', '1', '1', '2016-01-01', 'abcd', null, null],
    ['5', 'f', '1', '1', null, null, null, null],
  ];
  const insert = (t: string) => `INSERT INTO ${t} (id, b, bi, r, ts, t, j, arr) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
  const batch = outcomes(await pipelined(client, insert('tf'), rows, oids));
  const single = outcomes(await oneByOne(client, insert('ts1'), rows, oids));
  assert.deepEqual(batch.map((o) => (o === -3 ? 'E' : o)), single);
  const fast = await server.rows('SELECT * FROM tf ORDER BY id');
  assert.deepEqual(fast, await server.rows('SELECT * FROM ts1 ORDER BY id'));
  assert.deepEqual(fast.map((r) => r[0]), [1, 2, 3, 5]);
  assert.deepEqual(fast[0], [1, true, 9007199254740993, 1.25, 1451606400000, 'abc', { k: 1 }, [1, 2, 3]]);
  client.end();
});

test('runs of different statements in one pipeline keep their order', async () => {
  const client = await session();
  await client.exchange(fe.query('CREATE TABLE ord (id INT PRIMARY KEY, v TEXT)'));
  const a = fe.parse('a', 'INSERT INTO ord (id, v) VALUES ($1, $2)', []);
  const b = fe.parse('b', 'INSERT INTO ord (id, v) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET v = excluded.v', []);
  const messages = await client.exchange(a, b,
    fe.bind('', 'a', ['1', 'a1']), fe.execute(''), fe.bind('', 'a', ['2', 'a2']), fe.execute(''),
    fe.bind('', 'b', ['1', 'b1']), fe.execute(''),
    fe.bind('', 'a', ['1', 'a3']), fe.execute(''), fe.bind('', 'a', ['3', 'a3']), fe.execute(''),
    fe.sync());
  assert.deepEqual(outcomes(messages), [1, 1, 1, -3, 1]);
  assert.deepEqual(await server.rows('SELECT id, v FROM ord ORDER BY id'), [[1, 'b1'], [2, 'a2'], [3, 'a3']]);
  client.end();
});

test('node-postgres: multi-row INSERT with untyped text parameters (tags JSON, ISO timestamps)', async () => {
  const client = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc' });
  await client.connect();
  try {
    await client.query(CPU_DDL('cpu_multi'));
    await client.query(CPU_DDL('cpu_single'));
    const rows = Array.from({ length: 250 }, (_, i) => cpuRow(i));
    const values = rows.map((_, r) => `(${[1, 2, 3, 4].map((c) => `$${r * 4 + c}`).join(', ')})`).join(', ');
    const insert = (t: string, v: string) => `INSERT INTO "doc"."${t}" (tags, ts, usage_user, usage_system) VALUES ${v}`;
    // sent without awaiting: node-postgres queues them on the connection
    const pending = [0, 1, 2, 3].map(() => client.query(insert('cpu_multi', values), rows.flat()));
    const results = await Promise.all(pending);
    assert.deepEqual(results.map((r) => [r.command, r.rowCount]), [['INSERT', 250], ['INSERT', 250], ['INSERT', 250], ['INSERT', 250]]);
    for (const row of rows) await client.query(insert('cpu_single', '($1, $2, $3, $4)'), row);
    const agg = 'SELECT count(*), sum(usage_user), sum(usage_system), min(ts), max(ts), count(DISTINCT tags[\'hostname\']), max(tags[\'region\'])';
    const multi = await server.rows(`${agg} FROM cpu_multi`);
    const single = await server.rows(`${agg} FROM cpu_single`);
    assert.deepEqual(multi, [[1000, ...(single[0] as number[]).slice(1, 3).map((x) => x * 4), ...(single[0] as unknown[]).slice(3)]]);
    assert.deepEqual(single[0]!.slice(5), [10, 'eu-west-1']);
    // one bad row fails the whole statement, nothing of it is written
    await client.query('CREATE TABLE chk (id INT, v DOUBLE CHECK (v >= 0))');
    await assert.rejects(client.query('INSERT INTO chk (id, v) VALUES ($1, $2), ($3, $4), ($5, $6)', ['1', '1', '2', '-1', '3', '3']),
      /Failed CONSTRAINT/);
    assert.deepEqual(await server.rows('SELECT count(*) FROM chk'), [[0]]);
    const ok = await client.query('INSERT INTO chk (id, v) VALUES ($1, $2), ($3, $4), ($5, $6)', ['1', '1', '2', '2.5', '3', null]);
    assert.equal(ok.rowCount, 3);
    assert.deepEqual(await server.rows('SELECT id, v FROM chk ORDER BY id'), [[1, 1], [2, 2.5], [3, null]]);
  } finally {
    await client.end();
  }
});

test('node-postgres: multi-row VALUES of runs of parameters, literals and reordered parameters; too few parameters', async () => {
  const client = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc' });
  await client.connect();
  try {
    await client.query('CREATE TABLE mix (a INT, b TEXT, c DOUBLE)');
    const r = await client.query(
      "INSERT INTO mix (a, b, c) VALUES ($1, $2, $3), ($4, 'lit', $5), ($7, $6, $8), (4, 'all literal', 4.5), ($9, $10, $11)",
      ['1', 'one', '1.5', '2', '2.5', 'three', '3', '3.5', '5', 'five', '5.5']);
    assert.equal(r.rowCount, 5);
    assert.deepEqual(await server.rows('SELECT a, b, c FROM mix ORDER BY a'), [
      [1, 'one', 1.5], [2, 'lit', 2.5], [3, 'three', 3.5], [4, 'all literal', 4.5], [5, 'five', 5.5],
    ]);
    // the second row's run reaches past the last value given
    await assert.rejects(client.query('INSERT INTO mix (a, b, c) VALUES ($1, $2, $3), ($4, $5, $6)', ['6', 'x', '6.5', '7', 'y']),
      /The query contains a parameter placeholder \$6, but there are only 5 parameter values/);
    assert.deepEqual(await server.rows('SELECT count(*) FROM mix'), [[5]]);
  } finally {
    await client.end();
  }
});
