/**
 * Bind parameters are decoded straight from the message body (protocol/postgres/bind-params.ts):
 * UTF-8 text, NULLs, binary and mixed formats, very long values, values split across TCP
 * chunks, integer texts read from their bytes, and the parse errors of texts that are not
 * numbers. Also: answers to an unfinished pipeline wait for Sync or Flush, and a multi-row
 * INSERT analysed once follows DDL and search_path changes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { fe, RawPgClient, seededRandom, type BackendMessage } from '../../helpers/pg-wire.js';
import { startServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const texts = (m: BackendMessage[]) => m.map((x) => x.text);

async function session(): Promise<RawPgClient> {
  return (await RawPgClient.startup(server.pgPort)).client;
}

type Value = string | Buffer | null;

/** Parse, Bind + Execute per row, Sync; or each row as its own Parse/Bind/Execute/Sync. */
async function insertRows(client: RawPgClient, sql: string, rows: Value[][], opts: {
  oids?: number[]; formats?: number[]; pipelined: boolean;
}): Promise<string[]> {
  if (opts.pipelined) {
    const messages = [fe.parse('', sql, opts.oids)];
    for (const row of rows) messages.push(fe.bind('', '', row, opts.formats), fe.execute(''));
    return client.exchange(...messages, fe.sync());
  }
  const out: string[] = [];
  for (const row of rows) out.push(...await client.exchange(fe.parse('', sql, opts.oids), fe.bind('', '', row, opts.formats), fe.execute(''), fe.sync()));
  return out;
}

const outcomes = (messages: string[]) => messages.filter((t) => t.startsWith('C ') || t.startsWith('E '))
  .map((t) => (t.startsWith('E ') ? t : Number(t.split(' ').pop())));

const NUM_DDL = (t: string) => `CREATE TABLE ${t} (id INT, i INT, b BIGINT, s SMALLINT, d DOUBLE, r REAL, t TEXT, ts TIMESTAMP)`;
const NUM_INSERT = (t: string) => `INSERT INTO ${t} (id, i, b, s, d, r, t, ts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const NUM_ROWS: Value[][] = [
  ['1', '-0', '-0', '-0', '-12', '-7', 'héllo wörld ✓ 🎉 日本', '2016-01-01T00:00:00Z'],
  ['2', '+5', '007', '32767', '123456789012345', '16777217', 'x', null],
  ['3', ' 42 ', '9007199254740993', '-32768', '1234567890123456789', '1.5e3', '', '2016-01-01'],
  ['4', '2147483647', '-9223372036854775808', '0', '0.5', '0.5', null, null],
  ['5', '0000000000000001', '000000000000001', '-1', '-999999999999999', '-16777217', 'ß', null],
  [null, null, null, null, null, null, null, null],
];
const NUM_EXPECTED = [
  [1, 0, 0, 0, -12, -7, 'héllo wörld ✓ 🎉 日本', 1451606400000],
  [2, 5, 7, 32767, 123456789012345, 16777216, 'x', null],
  [3, 42, 9007199254740993, -32768, 1234567890123456789, 1500, '', 1451606400000],
  [4, 2147483647, -9223372036854775808, 0, 0.5, 0.5, null, null],
  [5, 1, 1, -1, -999999999999999, -16777216, 'ß', null],
  [null, null, null, null, null, null, null, null],
];

test('untyped text parameters: numbers from their bytes, UTF-8 text and NULLs, pipelined and one at a time', async () => {
  const client = await session();
  await client.exchange(fe.query(`${NUM_DDL('np')}; ${NUM_DDL('ns')}`));
  assert.deepEqual(outcomes(await insertRows(client, NUM_INSERT('np'), NUM_ROWS, { pipelined: true })), NUM_ROWS.map(() => 1));
  assert.deepEqual(outcomes(await insertRows(client, NUM_INSERT('ns'), NUM_ROWS, { pipelined: false })), NUM_ROWS.map(() => 1));
  await client.exchange(fe.query('REFRESH TABLE np, ns'));
  for (const t of ['np', 'ns']) {
    assert.deepEqual(await server.rows(`SELECT id, i, b, s, d, r, t, ts FROM ${t} ORDER BY id NULLS LAST`), NUM_EXPECTED, t);
  }
  client.end();
});

test('repeated parameter texts are read once, yet every value is its own: equal lengths, non-ASCII, invalid UTF-8', async () => {
  const client = await session();
  await client.exchange(fe.query('CREATE TABLE rp (id INT, ts TIMESTAMP, o OBJECT AS (a TEXT))'));
  const rows: Value[][] = [
    ['1', '2016-01-01T00:00:00Z', '{"a":"é"}'],
    // the bytes of the previous text's characters as Latin-1: invalid UTF-8, read as U+FFFD
    ['2', '2016-01-01T00:00:00Z', Buffer.from('{"a":"é"}', 'latin1')],
    ['3', '2016-01-01T00:00:01Z', '{"a":"x"}'],
    ['4', '2016-01-01T00:00:01Z', '{"a":"x"}'],
    ['5', '2016-01-01T00:00:00Z', '{"a":"y"}'],
    ['6', '2016-01-01T00:00:00Z', '{"a":"é"}'],
  ];
  assert.deepEqual(outcomes(await insertRows(client, 'INSERT INTO rp (id, ts, o) VALUES ($1, $2, $3)', rows, { pipelined: true })),
    rows.map(() => 1));
  await client.exchange(fe.query('REFRESH TABLE rp'));
  assert.deepEqual(await server.rows("SELECT id, ts, o['a'] FROM rp ORDER BY id"), [
    [1, 1451606400000, 'é'], [2, 1451606400000, '\uFFFD'], [3, 1451606401000, 'x'], [4, 1451606401000, 'x'],
    [5, 1451606400000, 'y'], [6, 1451606400000, 'é'],
  ]);
  client.end();
});

test('declared types (Parse OIDs) take the same readings as inferred ones', async () => {
  const client = await session();
  await client.exchange(fe.query(NUM_DDL('nd')));
  // int4, int4, int8, int2, float8, float4, text, timestamp
  const oids = [23, 23, 20, 21, 701, 700, 25, 1114];
  assert.deepEqual(outcomes(await insertRows(client, NUM_INSERT('nd'), NUM_ROWS, { oids, pipelined: true })), NUM_ROWS.map(() => 1));
  await client.exchange(fe.query('REFRESH TABLE nd'));
  assert.deepEqual(await server.rows('SELECT id, i, b, s, d, r, t, ts FROM nd ORDER BY id NULLS LAST'), NUM_EXPECTED);
  client.end();
});

test('texts that are not numbers in range fail the Bind with the parser message; the pipeline is skipped until Sync', async () => {
  const client = await session();
  await client.exchange(fe.query(NUM_DDL('nbad')));
  const cases: [number, string, string][] = [
    [1, '2147483648', 'For input string: "2147483648"'],
    [1, '-2147483649', 'For input string: "-2147483649"'],
    [3, '32768', 'For input string: "32768"'],
    [1, '12a', 'For input string: "12a"'],
    [1, '-', 'For input string: "-"'],
    [1, '', 'For input string: ""'],
    [2, '9223372036854775808', 'For input string: "9223372036854775808"'],
    [4, '1.2.3', 'For input string: "1.2.3"'],
  ];
  for (const [col, text, message] of cases) {
    const good = ['1', '1', '1', '1', '1', '1', 'ok', null];
    const bad = [...good];
    bad[col] = text;
    const sql = NUM_INSERT('nbad');
    const answer = await client.exchange(fe.parse('', sql), fe.bind('', '', good), fe.execute(''),
      fe.bind('', '', bad), fe.execute(''), fe.bind('', '', good), fe.execute(''), fe.sync());
    assert.deepEqual(answer.slice(0, 2), ['1', '2'], text);
    assert.match(answer[2]!, /^E /, text);
    assert.ok(answer[2]!.includes(message), `${text}: ${answer[2]}`);
    assert.equal(answer.at(-1), 'Z E', text);
    assert.equal(answer.length, 4, text);
  }
  await client.exchange(fe.query('REFRESH TABLE nbad'));
  assert.deepEqual(await server.rows('SELECT count(*) FROM nbad'), [[0]]);
  client.end();
});

test('binary and mixed parameter formats are still decoded, untyped binary values as UTF-8 text', async () => {
  const client = await session();
  await client.exchange(fe.query('CREATE TABLE bin (id INT, d DOUBLE, t TEXT, b BIGINT)'));
  const int4 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
  const float8 = (n: number) => { const b = Buffer.alloc(8); b.writeDoubleBE(n); return b; };
  const int8 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b; };
  const sql = 'INSERT INTO bin (id, d, t, b) VALUES ($1, $2, $3, $4)';
  // all binary: int4, float8, untyped (text bytes), int8
  const allBinary = await insertRows(client, sql, [
    [int4(1), float8(2.25), Buffer.from('bïnary', 'utf8'), int8(-(2n ** 62n))],
    [int4(2), null, null, int8(7n)],
  ], { oids: [23, 701, 0, 20], formats: [1], pipelined: true });
  // one format per parameter: binary, text, binary, text
  const mixed = await insertRows(client, sql, [[int4(3), '0.125', Buffer.from('mïxed', 'utf8'), '42']],
    { oids: [23, 0, 0, 0], formats: [1, 0, 1, 0], pipelined: false });
  assert.deepEqual(outcomes([...allBinary, ...mixed]), [1, 1, 1]);
  await client.exchange(fe.query('REFRESH TABLE bin'));
  assert.deepEqual(await server.rows('SELECT id, d, t, b FROM bin ORDER BY id'),
    [[1, 2.25, 'bïnary', -(2 ** 62)], [2, null, null, 7], [3, 0.125, 'mïxed', 42]]);
  // a binary int4 of the wrong length is an error of that Bind
  const wrong = await client.exchange(fe.parse('', sql, [23, 0, 0, 0]), fe.bind('', '', [Buffer.from([0, 1]), null, null, null], [1]),
    fe.execute(''), fe.sync());
  assert.match(wrong[1]!, /^E .*Invalid binary length 2/);
  client.end();
});

test('very long values and values split across TCP chunks arrive whole', async () => {
  const client = await session();
  await client.exchange(fe.query('CREATE TABLE big (id INT, t TEXT, o OBJECT AS (k TEXT, n INT, i INT))'));
  const long = 'ü'.repeat(600_000) + 'end';
  const object = JSON.stringify({ k: 'v'.repeat(100_000), n: 1 });
  const sql = 'INSERT INTO big (id, t, o) VALUES ($1, $2, $3)';
  const bytes = Buffer.concat([fe.parse('', sql), fe.bind('', '', ['1', long, object]), fe.execute(''),
    fe.bind('', '', ['2', 'kurz', '{}']), fe.execute(''), fe.sync()]);
  // a few large pieces with pauses: each lands in its own 'data' event on the server
  const cuts = [3, 20, 1000, 600_000, 1_200_000, bytes.length - 10];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    client.socket.write(bytes.subarray(from, cut));
    from = cut;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(outcomes(texts(await client.readyForQuery(1, 60_000))), [1, 1]);
  // and many tiny random pieces
  const rows = Array.from({ length: 20 }, (_, i) => [String(10 + i), `zeile ${i} – ä`, `{"i": ${i}}`]);
  const pieces = Buffer.concat([fe.parse('', sql), ...rows.flatMap((r) => [fe.bind('', '', r), fe.execute('')]), fe.sync()]);
  await client.send(pieces, seededRandom(7));
  assert.deepEqual(outcomes(texts(await client.readyForQuery(1, 60_000))), rows.map(() => 1));
  await client.exchange(fe.query('REFRESH TABLE big'));
  assert.deepEqual(await server.rows('SELECT id, char_length(t), substr(t, 600000), o[\'n\'], char_length(o[\'k\']) FROM big WHERE id = 1'),
    [[1, 600_003, 'üend', 1, 100_000]]);
  assert.deepEqual(await server.rows('SELECT count(*), sum(o[\'i\']), max(t) FROM big WHERE id >= 10'), [[20, 190, 'zeile 9 – ä']]);
  client.end();
});

test('answers to a pipeline wait for Sync or Flush, as PostgreSQL sends them', async () => {
  const client = await session();
  await client.exchange(fe.query('CREATE TABLE held (id INT)'));
  await client.send(Buffer.concat([fe.parse('', 'INSERT INTO held (id) VALUES ($1)'), fe.bind('', '', ['1']), fe.execute('')]));
  // nothing before Flush
  await assert.rejects(client.readUntil((m) => m.length > 0, 300), /timeout; received so far: $/);
  await client.send(fe.flush());
  const flushed = texts(await client.readUntil((m) => m.some((x) => x.text === 'C INSERT 0 1'), 10_000));
  assert.deepEqual(flushed, ['1', '2', 'C INSERT 0 1']);
  assert.deepEqual((await client.exchange(fe.sync())).slice(-1), ['Z I']);
  client.end();
});

test('node-postgres: a multi-row INSERT analysed once follows search_path and DDL changes', async () => {
  const client = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc' });
  await client.connect();
  try {
    await client.query('CREATE TABLE s1.m (a INT, b TEXT)');
    await client.query('CREATE TABLE s2.m (a TEXT, b INT)');
    const insert = 'INSERT INTO m (a, b) VALUES ($1, $2), ($3, $4)';
    await client.query('SET search_path TO s1');
    assert.equal((await client.query(insert, ['1', 'x', '2', 'y'])).rowCount, 2);
    await client.query('SET search_path TO s2');
    assert.equal((await client.query(insert, ['p', '3', 'q', '4'])).rowCount, 2);
    await client.query('DROP TABLE s2.m');
    await client.query('CREATE TABLE s2.m (a DOUBLE, b TEXT, c INT DEFAULT 9)');
    assert.equal((await client.query(insert, ['1.5', 'z', '2.5', 'w'])).rowCount, 2);
    await client.query('SET search_path TO s1');
    await assert.rejects(client.query(insert, ['n', 'x', '3', 'y']), /Cannot cast value `n` to type `integer`|For input string: "n"/);
    await client.query('REFRESH TABLE s1.m, s2.m');
    assert.deepEqual(await server.rows('SELECT a, b FROM s1.m ORDER BY a'), [[1, 'x'], [2, 'y']]);
    assert.deepEqual(await server.rows('SELECT a, b, c FROM s2.m ORDER BY a'), [[1.5, 'z', 9], [2.5, 'w', 9]]);
  } finally {
    await client.end();
  }
});
