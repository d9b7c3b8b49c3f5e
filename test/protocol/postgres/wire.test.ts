/**
 * The PostgreSQL wire protocol byte by byte against the real server (pgwire.md §2–§9): start-up
 * variants, framing errors, the extended protocol's ordering rules (deferred writes, bulk `-3`,
 * skip-until-Sync, portal suspension), transaction status letters and CancelRequest.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../../helpers/server.js';
import { dataRow, fe, RawPgClient, type BackendMessage } from '../../helpers/pg-wire.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const texts = (m: BackendMessage[]) => m.map((x) => x.text);

async function session(params: Record<string, string> = {}) {
  return (await RawPgClient.startup(server.pgPort, params)).client;
}

test('start-up: AuthenticationOk, ParameterStatus in CrateDB order, BackendKeyData, ReadyForQuery', async () => {
  const { client, messages } = await RawPgClient.startup(server.pgPort, { database: 'doc', application_name: 'test' });
  assert.deepEqual(texts(messages), [
    'R 0', 'S crate_version=6.5.0', 'S server_version=14.0', 'S server_encoding=UTF8', 'S client_encoding=UTF8',
    'S datestyle=ISO', 'S TimeZone=UTC', 'S integer_datetimes=on', 'S standard_conforming_strings=on', 'K', 'Z I',
  ]);
  const key = messages.find((m) => m.type === 'K')!.body;
  assert.ok(key.readInt32BE(0) > 0, 'process id = session id');
  client.end();
});

test('SSLRequest and GSSENCRequest are answered with N, then the start-up continues', async () => {
  const client = await RawPgClient.connect(server.pgPort);
  await client.send(fe.gssencRequest());
  assert.equal((await client.readBytes(1)).toString(), 'N');
  await client.send(fe.sslRequest());
  assert.equal((await client.readBytes(1)).toString(), 'N');
  await client.send(fe.startup({ user: 'crate' }));
  assert.equal((await client.readyForQuery()).at(-1)!.text, 'Z I');
  client.end();
});

test('protocol 3.2 gets NegotiateProtocolVersion listing only unknown _pq_ options', async () => {
  const client = await RawPgClient.connect(server.pgPort);
  await client.send(fe.startup({ user: 'crate', '_pq_.foo': 'bar', application_name: 'x' }, 2));
  const messages = await client.readyForQuery();
  assert.equal(messages[0]!.text, 'v 196608 1');
  assert.match(messages[0]!.body.toString('latin1'), /_pq_\.foo\0$/);
  assert.equal(messages[1]!.text, 'R 0');
  client.end();
});

test('unknown users, old protocols and bad first packets get a FATAL error and a closed socket', async () => {
  const cases: [Buffer, RegExp][] = [
    [fe.startup({ user: 'john' }), /^E 28000 trust authentication failed for user "john"$/],
    [Buffer.from('0000000800020000', 'hex'), /^E XX000 Unsupported frontend protocol 2\.0: server supports 3\.0 to 3\.0$/],
    [Buffer.from('00000003', 'hex'), /^E XX000 invalid length of startup packet$/],
    [Buffer.from('0000ffff', 'hex'), /^E XX000 invalid length of startup packet$/],
  ];
  for (const [packet, expected] of cases) {
    const client = await RawPgClient.connect(server.pgPort);
    await client.send(packet);
    const messages = await client.readUntil(() => false);
    assert.equal(messages.length, 1, messages.map((m) => m.text).join(' | '));
    assert.match(messages[0]!.text, expected);
    assert.ok(client.closed);
  }
  const auth = await RawPgClient.connect(server.pgPort);
  await auth.send(fe.startup({ user: 'john' }));
  const [err] = await auth.readUntil(() => false);
  assert.match(err!.body.toString('latin1'), /^SFATAL\0M.*\0C28000\0RClientAuthentication\0\0$/);
});

test('garbage and oversized messages close only that connection', async () => {
  const other = await session();
  const garbage = await session();
  await garbage.send(Buffer.from([0x51, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3]));
  const [fatal] = await garbage.readUntil(() => false);
  assert.match(fatal!.text, /^E XX000 Message too large/);
  assert.ok(garbage.closed);
  const tiny = await session();
  await tiny.send(Buffer.from([0x51, 0, 0, 0, 1]));
  assert.match((await tiny.readUntil(() => false))[0]!.text, /^E XX000 invalid message length/);
  const unauthenticated = await RawPgClient.connect(server.pgPort);
  await unauthenticated.send(Buffer.concat([Buffer.from([0, 0, 0x30, 0]), Buffer.alloc(12_284)]));
  assert.match((await unauthenticated.readUntil(() => false))[0]!.text, /invalid length of startup packet/);
  assert.deepEqual(await other.exchange(fe.query('select 1 as x')), ['T x:23:0', 'D ["1"]', 'C SELECT 1', 'Z I']);
  other.end();
});

test('unsupported message types: ErrorResponse without ReadyForQuery, connection stays usable', async () => {
  const client = await session();
  await client.send(Buffer.from([0x46, 0, 0, 0, 4]));
  assert.deepEqual(await client.exchange(fe.query('select 2 as y')),
    ['E XX000 Unsupported messageType: 70', 'T y:23:0', 'D ["2"]', 'C SELECT 1', 'Z I']);
  client.end();
});

test('simple query: several statements, tag word from the whole string, stop at the first error', async () => {
  const client = await session();
  assert.deepEqual(await client.exchange(fe.query('create table s1 (x int)')), ['C CREATE 1', 'Z I']);
  assert.deepEqual(await client.exchange(fe.query('select 1 as a; insert into s1 (x) values (1);; select 2 as b')),
    ['T a:23:0', 'D ["1"]', 'C SELECT 1', 'C SELECT 1', 'T b:23:0', 'D ["2"]', 'C SELECT 1', 'Z I']);
  assert.deepEqual(await client.exchange(fe.query('insert into s1 (x) values (2); select * from missing; insert into s1 (x) values (3)')),
    ['C INSERT 0 1', "E 42P01 Relation 'missing' unknown", 'Z I']);
  assert.deepEqual(await client.exchange(fe.query('refresh table s1; select count(*) as n from s1')),
    ['C REFRESH 1', 'T n:20:0', 'D ["2"]', 'C REFRESH 1', 'Z I']);
  assert.deepEqual(await client.exchange(fe.query(' ;; ')), ['I', 'Z I']);
  assert.deepEqual((await client.exchange(fe.query('selec 1; select 1')))[1], 'Z I');
  assert.deepEqual(await client.exchange(fe.query('begin')), ['C BEGIN', 'Z I']);
  client.end();
});

test('extended: Describe S reports parameters and columns; Describe P the result formats', async () => {
  const client = await session();
  await client.exchange(fe.query('create table d1 (id int, name text, ts timestamp with time zone)'));
  assert.deepEqual(await client.exchange(fe.parse('q', 'select id, name, ts from d1 where id = $1 and name = $2', [23, 0]),
    fe.describe('S', 'q'), fe.bind('p', 'q', ['1', 'x'], [], [1, 0, 1]), fe.describe('P', 'p'), fe.sync()),
  // $2 was sent without a type: like CrateDB, its type comes from the context (name = $2 → varchar)
  ['1', 't 23,1043', 'T id:23:0,name:1043:0,ts:1184:0', '2', 'T id:23:1,name:1043:0,ts:1184:1', 'Z I']);
  assert.deepEqual(await client.exchange(fe.parse('u', 'select $1 as v', [0]), fe.describe('S', 'u'), fe.sync()),
    ['1', 't 705', 'T v:705:0', 'Z I']);
  assert.deepEqual(await client.exchange(fe.parse('w', 'insert into d1 (id) values ($1)', [23]), fe.describe('S', 'w'), fe.sync()),
    ['1', 't 23', 'n', 'Z I']);
  assert.deepEqual(await client.exchange(fe.parse('x', 'select 1', [3802]), fe.sync()),
    ["E XX000 Can't map PGType with oid=3802 to Crate type", 'Z E']);
  assert.deepEqual(await client.exchange(fe.close('S', 'q'), fe.close('P', 'nope'), fe.describe('S', 'q'), fe.sync()),
    ['3', '3', 'E XX000 No statement found with name: q', 'Z E']);
  client.end();
});

test('extended: writes are deferred to Sync, repeated ones run as a bulk with -3 for failing rows', async () => {
  const client = await session();
  await client.exchange(fe.query('create table w1 (id int primary key, v text)'));
  const insert = fe.parse('', 'insert into w1 (id, v) values ($1, $2)', [23, 1043]);
  assert.deepEqual(await client.exchange(insert,
    fe.bind('', '', ['1', 'a']), fe.execute(''), fe.bind('', '', ['2', 'b']), fe.execute(''),
    fe.bind('', '', ['1', 'again']), fe.execute(''), fe.sync()),
  ['1', '2', '2', '2', 'C INSERT 0 1', 'C INSERT 0 1', 'C INSERT 0 -3', 'Z I']);
  assert.deepEqual(await client.exchange(insert, fe.bind('', '', ['2', 'b']), fe.execute(''), fe.sync()),
    ['1', '2', 'E 23505 A document with the same primary key exists already', 'Z I']);
  assert.deepEqual(await client.exchange(insert, fe.bind('', '', ['3', 'c']), fe.execute(''),
    fe.parse('s', 'select 1', []), fe.bind('', 's', []), fe.execute(''), fe.sync()),
  ['1', '2', '1', '2', 'E XX000 Only write operations are allowed in Batch statements', 'Z E']);
  // Flush runs deferred writes without a Sync (postgres.js, pg-cursor)
  await client.send(Buffer.concat([insert, fe.bind('', '', ['4', 'd']), fe.execute(''), fe.flush()]));
  assert.deepEqual(texts(await client.readUntil((m) => m.some((x) => x.type === 'C'))), ['1', '2', 'C INSERT 0 1']);
  assert.deepEqual(await client.exchange(fe.sync()), ['Z I']);
  assert.deepEqual(await client.exchange(fe.query('refresh table w1; select id from w1 order by id')),
    ['C REFRESH 1', 'T id:23:0', 'D ["1"]', 'D ["2"]', 'D ["4"]', 'C REFRESH 3', 'Z I']);
  client.end();
});

test('extended: a synchronous error skips until Sync and answers Z E; runtime errors do not', async () => {
  const client = await session();
  assert.deepEqual(await client.exchange(fe.parse('', 'select * from nowhere', []), fe.bind('', '', []),
    fe.describe('P', ''), fe.execute(''), fe.sync(), fe.query('select 1 as ok')),
  ["E 42P01 Relation 'nowhere' unknown", 'Z E', 'T ok:23:0', 'D ["1"]', 'C SELECT 1', 'Z I']);
  assert.deepEqual(await client.exchange(fe.parse('', 'select 1/(x - 1) as r from unnest([1]) as t(x)', []), fe.bind('', '', []),
    fe.execute(''), fe.sync()).then((m) => m.map((x) => x.slice(0, 8))), ['1', '2', 'E XX000 ', 'Z I']);
  assert.deepEqual(await client.exchange(fe.bind('', 'unknown', []), fe.execute(''), fe.sync()),
    ['E XX000 No statement found with name: unknown', 'Z E']);
  client.end();
});

test('extended: BEGIN makes ReadyForQuery T until COMMIT; simple query always answers I', async () => {
  const client = await session();
  const run = (sql: string) => [fe.parse('', sql, []), fe.bind('', '', []), fe.execute(''), fe.sync()];
  assert.deepEqual(await client.exchange(...run('BEGIN')), ['1', '2', 'C BEGIN', 'Z T']);
  assert.deepEqual(await client.exchange(...run('select 1')), ['1', '2', 'D ["1"]', 'C SELECT 1', 'Z T']);
  assert.deepEqual(await client.exchange(fe.query('select 1')), ['T 1:23:0', 'D ["1"]', 'C SELECT 1', 'Z I']);
  assert.deepEqual(await client.exchange(...run('COMMIT')), ['1', '2', 'C COMMIT 0', 'Z I']);
  client.end();
});

test('extended: row limits suspend the portal; the exact end is CommandComplete (CrateDB looks ahead)', async () => {
  const client = await session();
  const q = fe.parse('', 'select x from generate_series(1, 5) as t(x) order by x', []);
  assert.deepEqual(await client.exchange(q, fe.bind('', '', []), fe.execute('', 2), fe.sync()),
    ['1', '2', 'D ["1"]', 'D ["2"]', 's', 'Z I']);
  assert.deepEqual(await client.exchange(fe.execute('', 2), fe.sync()), ['D ["3"]', 'D ["4"]', 's', 'Z I']);
  assert.deepEqual(await client.exchange(fe.execute('', 1), fe.sync()), ['D ["5"]', 'C SELECT 1', 'Z I']);
  assert.deepEqual(await client.exchange(q, fe.bind('p', '', []), fe.execute('p', 5), fe.sync()),
    ['1', '2', 'D ["1"]', 'D ["2"]', 'D ["3"]', 'D ["4"]', 'D ["5"]', 'C SELECT 5', 'Z I']);
  assert.deepEqual(await client.exchange(q, fe.bind('p', '', []), fe.execute('p', 4), fe.execute('p', 0), fe.sync()),
    ['1', '2', 'D ["1"]', 'D ["2"]', 'D ["3"]', 'D ["4"]', 's', 'D ["5"]', 'C SELECT 1', 'Z I']);
  client.end();
});

test('extended: empty query, DEALLOCATE and named statement reuse', async () => {
  const client = await session();
  assert.deepEqual(await client.exchange(fe.parse('', '', []), fe.bind('', '', []), fe.describe('P', ''), fe.execute(''), fe.sync()),
    ['1', '2', 'n', 'I', 'Z I']);
  assert.deepEqual(await client.exchange(fe.parse('st', 'select $1::int * 2 as d', [23]), fe.sync()), ['1', 'Z I']);
  for (const v of ['1', '21']) {
    assert.deepEqual(await client.exchange(fe.bind('', 'st', [v]), fe.execute(''), fe.sync()),
      ['2', `D ["${Number(v) * 2}"]`, 'C SELECT 1', 'Z I']);
  }
  assert.deepEqual(await client.exchange(fe.query('deallocate st')), ['C DEALLOCATE 0', 'Z I']);
  assert.deepEqual(await client.exchange(fe.bind('', 'st', ['1']), fe.sync()), ['E XX000 No statement found with name: st', 'Z E']);
  client.end();
});

test('CancelRequest interrupts the running statement of the matching session only', async () => {
  const { client, messages } = await RawPgClient.startup(server.pgPort);
  const key = messages.find((m) => m.type === 'K')!.body;
  const [pid, secret] = [key.readInt32BE(0), key.readInt32BE(4)];
  const started = Date.now();
  await client.send(fe.query('SELECT sum(a.x * b.x) FROM generate_series(1, 100000) AS a (x), generate_series(1, 100000) AS b (x)'));
  await new Promise((r) => setTimeout(r, 300));
  for (const wrong of [secret ^ 1]) {
    const c = await RawPgClient.connect(server.pgPort);
    await c.send(fe.cancelRequest(pid, wrong));
    await c.readUntil(() => false);
  }
  const cancel = await RawPgClient.connect(server.pgPort);
  await cancel.send(fe.cancelRequest(pid, secret));
  assert.deepEqual(await cancel.readUntil(() => false), [], 'nothing is written back');
  const out = texts(await client.readyForQuery(1, 20_000));
  assert.deepEqual(out.slice(-2), ['E XX000 Job killed. Cancellation request by: crate', 'Z I']);
  assert.ok(Date.now() - started < 15_000);
  assert.deepEqual(await client.exchange(fe.query('select 1 as x')), ['T x:23:0', 'D ["1"]', 'C SELECT 1', 'Z I']);
  client.end();
});

test('a closed connection in the middle of a large result does not disturb the server', async () => {
  const client = await session();
  await client.send(fe.query('select x, repeat(\'y\', 100) from generate_series(1, 200000) as t(x)'));
  await client.readUntil((m) => m.length > 10);
  client.socket.destroy();
  const other = await session();
  assert.deepEqual(await other.exchange(fe.query('select 3 as z')), ['T z:23:0', 'D ["3"]', 'C SELECT 1', 'Z I']);
  other.end();
});

test('binary result format, byte for byte', async () => {
  const client = await session();
  await client.send(Buffer.concat([
    fe.parse('', "select -3::smallint as s, -1.5::double as d, '2021-03-09T14:15:16.123Z'::timestamp with time zone as ts, "
      + "12.50::numeric(10,2) as n, [1, null] as a, 'ü' as t, {x=1} as o, true as b, null as z", []),
    fe.bind('', '', [], [], [1]), fe.describe('P', ''), fe.execute(''), fe.sync(),
  ]));
  const messages = await client.readyForQuery();
  const row = messages.find((m) => m.type === 'D')!;
  const cells = dataRow(row.body).map((c) => c?.toString('hex') ?? null);
  assert.deepEqual(cells, [
    'fffd',
    'bff8000000000000',
    ((1615299316123n - 946684800000n) * 1000n).toString(16).padStart(16, '0'),
    '0002' + '0000' + '0000' + '0002' + '000c' + '1388',
    '00000001' + '00000001' + '00000017' + '00000002' + '00000002' + '00000004' + '00000001' + 'ffffffff',
    'c3bc',
    Buffer.from('{"x":1}').toString('hex'),
    '01',
    null,
  ]);
  assert.match(messages.find((m) => m.type === 'T')!.text, /^T s:21:1,d:701:1,ts:1184:1,n:1700:1,a:1007:1,t:1043:1,o:114:1,b:16:1,z:705:1$/);
  client.end();
});

test('backpressure: a large result and a long pipeline arrive complete while the client reads slowly', async () => {
  const client = await session();
  client.socket.pause();
  await client.send(fe.query('select x, \'row\' || x as label from generate_series(1, 100000) as t(x)'));
  const pipeline = Array.from({ length: 2000 }, (_, i) => [fe.parse('', `select ${i} as i`, []), fe.bind('', '', []), fe.execute(''), fe.sync()]).flat();
  await client.send(Buffer.concat(pipeline));
  await new Promise((r) => setTimeout(r, 500));
  client.socket.resume();
  const messages = await client.readyForQuery(2001, 60_000);
  const rows = messages.filter((m) => m.type === 'D');
  assert.equal(rows.length, 100_000 + 2000);
  assert.equal(rows[99_999]!.text, 'D ["100000","row100000"]');
  assert.equal(rows.at(-1)!.text, 'D ["1999"]');
  assert.equal(messages.filter((m) => m.type === 'E').length, 0);
  const big = 'x'.repeat(200_000); // below statement_max_length (262144)
  assert.deepEqual((await client.exchange(fe.query(`select '${big}' as s`))).map((t) => t.slice(0, 12)), ['T s:1043:0', `D ["${'x'.repeat(8)}`, 'C SELECT 1', 'Z I']);
  client.end();
});

test('backpressure again and again on one connection leaves no listeners behind on its socket', async () => {
  // each full socket buffer used to leave a 'close' and an 'error' listener on the socket:
  // Node warns (MaxListenersExceededWarning) past 10
  const client = await session();
  const before = server.stderr().length;
  for (let round = 0; round < 12; round++) {
    client.socket.pause();
    await client.send(fe.query('select x, repeat(\'y\', 400) as label from generate_series(1, 30000) as t(x)'));
    await new Promise((r) => setTimeout(r, 100));
    client.socket.resume();
    const rows = (await client.readyForQuery(1, 60_000)).filter((m) => m.type === 'D');
    assert.equal(rows.length, 30_000);
  }
  client.end();
  await new Promise((r) => setTimeout(r, 100));
  assert.doesNotMatch(server.stderr().slice(before), /MaxListenersExceeded/);
});
