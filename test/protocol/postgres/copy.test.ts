/**
 * PostgreSQL COPY sub-protocol (copy-protocol.ts): `COPY … FROM STDIN` / `TO STDOUT` with
 * node-postgres + pg-copy-streams (text, csv and binary formats), psql's \copy, and raw wire messages (CopyInResponse,
 * CopyData, CopyDone, CopyFail, CopyOutResponse, NoticeResponse). Rows load with CrateDB's COPY
 * semantics: good rows are written, bad ones are reported (NoticeResponse or RETURN SUMMARY).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startServer, type TestServer } from '../../helpers/server.js';
import { fe, message, RawPgClient } from '../../helpers/pg-wire.js';

const run = promisify(execFile);
let server: TestServer;
let dir: string;
before(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'cratelite-copy-pg-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(fn: (c: pg.Client, notices: string[]) => Promise<T>): Promise<T> {
  const c = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc' });
  const notices: string[] = [];
  c.on('notice', (n) => notices.push(n.message));
  await c.connect();
  try {
    return await fn(c, notices);
  } finally {
    await c.end();
  }
}

/** COPY … FROM STDIN fed with `chunks`; the stream's rowCount */
async function copyIn(c: pg.Client, sql: string, chunks: (string | Buffer)[]): Promise<number> {
  const stream = c.query(copyFrom(sql));
  await pipeline(Readable.from(chunks), stream);
  return stream.rowCount;
}

/** COPY … TO STDOUT; the bytes (and as text) and the rowCount */
async function copyOut(c: pg.Client, sql: string): Promise<{ text: string; bytes: Buffer; rowCount: number }> {
  const stream = c.query(copyTo(sql));
  const parts: Buffer[] = [];
  await pipeline(stream, new Writable({ write(chunk: Buffer, _e, cb) { parts.push(chunk); cb(); } }));
  const bytes = Buffer.concat(parts);
  return { text: bytes.toString('utf8'), bytes, rowCount: stream.rowCount };
}

/** PostgreSQL's binary COPY format: signature, flags, header extension, tuples, trailer */
const PGCOPY = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
const field = (v: Buffer | null) => (v === null ? int32(-1) : Buffer.concat([int32(v.length), v]));
const tuple = (...fields: (Buffer | null)[]) => Buffer.concat([int16(fields.length), ...fields.map(field)]);
const binaryCopy = (...tuples: Buffer[]) => Buffer.concat([PGCOPY, int32(0), int32(0), ...tuples, int16(-1)]);

const TYPES_DDL = `(id INT PRIMARY KEY, name TEXT, score DOUBLE PRECISION, n BIGINT, ts TIMESTAMP WITH TIME ZONE,
  d TIMESTAMP WITHOUT TIME ZONE, flag BOOLEAN, tags ARRAY(TEXT), nums ARRAY(INTEGER), o OBJECT AS (a INT, b TEXT),
  pt GEO_POINT, ip IP)`;

async function fillTypes(c: pg.Client, table: string): Promise<void> {
  await c.query(`CREATE TABLE ${table} ${TYPES_DDL}`);
  await c.query(`INSERT INTO ${table} VALUES
    (1, 'plain', 1.5, 9007199254740993, '2024-01-01T10:20:30.123Z', '2024-01-01T10:20:30', true, ['a', 'b c', 'd,e'], [1, 2], {a = 1, b = 'x'}, [13.4, 52.5], '127.0.0.1'),
    (2, E'tab\\there\\nnew line, comma; "quote" back\\\\slash', -0.25, -1, 0, 0, false, [], [], {}, [0, 0], '::1'),
    (3, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (4, NULL, 0, 0, '1969-12-31T23:59:59.999Z', '1999-12-31T23:59:59', true, [NULL, 'x'], [NULL], {a = NULL}, NULL, NULL)`);
  await c.query(`REFRESH TABLE ${table}`);
}

const selectAll = (table: string) => `SELECT * FROM ${table} ORDER BY id`;

test('COPY FROM STDIN, text format: escapes, \\N, bad rows reported as notices', () => withClient(async (c, notices) => {
  await c.query('CREATE TABLE t_text (id INT PRIMARY KEY, name TEXT, v DOUBLE PRECISION)');
  // chunks split in the middle of lines and of a multi-byte character
  const data = Buffer.from('1\tone\t1.5\n2\ttab\\there\\\\x \\x41\\101\t\\N\n3\tü\t2\nbad\tx\t1\n4\tshort\n5\ta\t1\textra\n1\tdup\t0\n6\t\\N\t-1\r\n', 'utf8');
  const chunks = [data.subarray(0, 5), data.subarray(5, 40), data.subarray(40, 52), data.subarray(52)];
  const n = await copyIn(c, 'COPY t_text FROM STDIN', chunks);
  assert.equal(n, 4);
  await c.query('REFRESH TABLE t_text');
  const r = await c.query('SELECT id, name, v FROM t_text ORDER BY id');
  assert.deepEqual(r.rows, [
    { id: 1, name: 'one', v: 1.5 },
    { id: 2, name: 'tab\there\\x AA', v: null },
    { id: 3, name: 'ü', v: 2 },
    { id: 6, name: null, v: -1 },
  ]);
  assert.deepEqual(notices.sort(), [
    'COPY FROM STDIN: 1 row(s) not loaded: A document with the same primary key exists already (line 7)',
    'COPY FROM STDIN: 1 row(s) not loaded: Cannot cast value `bad` to type `integer` (line 4)',
    'COPY FROM STDIN: 1 row(s) not loaded: extra data after last expected column (line 6)',
    'COPY FROM STDIN: 1 row(s) not loaded: missing data for column "v" (line 5)',
  ]);
}));

test('COPY FROM STDIN, csv: header, quotes spanning lines, NULL and FORCE_NOT_NULL, column list, end marker', () => withClient(async (c) => {
  await c.query('CREATE TABLE t_csv (id INT, name TEXT, note TEXT)');
  const csv = 'id|note|name\n1|"multi\nline ""quoted"""|a\n2||""\n3|NA|b\n\\.\n9|ignored|after end marker\n';
  assert.equal(await copyIn(c, "COPY t_csv (id, note, name) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER '|', NULL 'NA', FORCE_NOT_NULL (note))", [csv]), 3);
  // legacy syntax, as psql's \copy passes it on
  assert.equal(await copyIn(c, 'COPY t_csv FROM STDIN CSV', ['4,x,\n']), 1);
  await c.query('REFRESH TABLE t_csv');
  const r = await c.query('SELECT id, name, note FROM t_csv ORDER BY id');
  assert.deepEqual(r.rows, [
    { id: 1, name: 'a', note: 'multi\nline "quoted"' },
    { id: 2, name: '', note: '' },
    { id: 3, name: 'b', note: 'NA' },
    { id: 4, name: 'x', note: null },
  ]);
}));

test('COPY FROM STDIN: JSON lines (cratelite), partitions, dynamic columns, RETURN SUMMARY rejected over HTTP', () => withClient(async (c) => {
  await c.query("CREATE TABLE t_json (id INT, day TIMESTAMP WITH TIME ZONE) PARTITIONED BY (day) WITH (column_policy = 'dynamic')");
  const lines = ['{"id": 1, "day": 0, "extra": "x"}\n', '{"id": 2, "day": 86400000}\n', 'not json\n'];
  assert.equal(await copyIn(c, "COPY t_json FROM STDIN WITH (format = 'json')", lines), 2);
  assert.equal(await copyIn(c, "COPY t_json PARTITION (day = 0) FROM STDIN WITH (format = 'json')", ['{"id": 3, "day": 86400000}\n']), 1);
  await c.query('REFRESH TABLE t_json');
  const r = await c.query('SELECT id, day, extra FROM t_json ORDER BY id');
  assert.deepEqual(r.rows.map((x) => [x.id, x.day.getTime(), x.extra]), [[1, 0, 'x'], [2, 86400000, null], [3, 0, null]]);
  const http = await server.sql('COPY t_json FROM STDIN');
  assert.equal(http.status, 400);
  assert.match(http.body.error.message, /COPY FROM STDIN is only supported over the PostgreSQL wire protocol/);
}));

test('COPY TO STDOUT: text and csv, header, column list, WHERE, COPY (query)', () => withClient(async (c) => {
  await fillTypes(c, 'src_out');
  // a table's rows come in no particular order (as in CrateDB)
  const text = await copyOut(c, 'COPY src_out (id, name, flag, nums) WHERE id < 4 TO STDOUT');
  assert.equal(text.rowCount, 3);
  assert.deepEqual(text.text.split('\n').sort(), [
    '',
    '1\tplain\tt\t{"1","2"}',
    '2\ttab\\there\\nnew line, comma; "quote" back\\\\slash\tf\t{}',
    '3\t\t\\N\t\\N',
  ]);
  const csv = await copyOut(c, "COPY src_out (id, name, score) TO STDOUT WITH (FORMAT csv, HEADER true, FORCE_QUOTE (score))");
  const [header, ...rows] = csv.text.split(/\n(?=\d|$)/);
  assert.equal(header, 'id,name,score');
  assert.deepEqual(rows.sort(), [
    '',
    '1,plain,"1.5"',
    '2,"tab\there\nnew line, comma; ""quote"" back\\slash","-0.25"',
    '3,"",',
    '4,,"0.0"',
  ]);
  const q = await copyOut(c, "COPY (SELECT id, upper(name) AS n FROM src_out WHERE id = 1) TO STDOUT WITH CSV HEADER DELIMITER ';'");
  assert.equal(q.text, 'id;n\n1;PLAIN\n');
  assert.equal(q.rowCount, 1);
}));

test('COPY TO STDOUT → COPY FROM STDIN round trips every value (text, csv and binary)', () => withClient(async (c) => {
  await fillTypes(c, 'rt_src');
  const expected = (await c.query(selectAll('rt_src'))).rows;
  for (const [format, options] of [['text', ''], ['csv', ' WITH (FORMAT csv, HEADER true)'], ['binary', ' WITH (FORMAT binary)']] as const) {
    const out = await copyOut(c, `COPY rt_src TO STDOUT${options}`);
    await c.query(`CREATE TABLE rt_${format} ${TYPES_DDL}`);
    // binary: in chunks that cut the header, the tuples and the values
    const input = format === 'binary' ? [5, 19, 40, 41, 200].map((at, i, a) => out.bytes.subarray(i ? a[i - 1] : 0, at)).concat(out.bytes.subarray(200)) : [out.text];
    assert.equal(await copyIn(c, `COPY rt_${format} FROM STDIN${options}`, input), 4, format);
    await c.query(`REFRESH TABLE rt_${format}`);
    assert.deepEqual((await c.query(selectAll(`rt_${format}`))).rows, expected, format);
    // and the second export has the same lines as the first (in any order)
    const again = await copyOut(c, `COPY rt_${format} TO STDOUT${options}`);
    if (format === 'binary') {
      assert.equal(again.bytes.length, out.bytes.length);
      assert.deepEqual(out.bytes.subarray(0, 19), Buffer.concat([PGCOPY, int32(0), int32(0)]));
      assert.deepEqual(out.bytes.subarray(-2), int16(-1));
    } else {
      assert.deepEqual(again.text.split('\n').sort(), out.text.split('\n').sort(), format);
    }
  }
}));

test('COPY FROM STDIN WITH (FORMAT binary): typed values, NULLs, bad tuples reported, broken streams fail', () => withClient(async (c, notices) => {
  await c.query('CREATE TABLE t_bin (id INT PRIMARY KEY, name TEXT, v DOUBLE PRECISION, n BIGINT, ts TIMESTAMP WITH TIME ZONE, ok BOOLEAN)');
  const f64 = (x: number) => { const b = Buffer.alloc(8); b.writeDoubleBE(x); return b; };
  const i64 = (x: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(x); return b; };
  const data = binaryCopy(
    tuple(int32(1), Buffer.from('eins'), f64(1.5), i64(9007199254740993n), i64(0n), Buffer.from([1])),
    tuple(int32(2), null, null, null, i64(-946684800000000n), Buffer.from([0])),
    tuple(int32(3), Buffer.from('short')),
    tuple(Buffer.from([0, 0, 4]), Buffer.from('bad int'), null, null, null, null),
    tuple(int32(1), Buffer.from('dup'), null, null, null, null),
  );
  assert.equal(await copyIn(c, 'COPY t_bin FROM STDIN WITH (FORMAT binary)', [data.subarray(0, 3), data.subarray(3, 30), data.subarray(30)]), 2);
  await c.query('REFRESH TABLE t_bin');
  const r = await c.query('SELECT id, name, v, n::TEXT AS n, ts, ok FROM t_bin ORDER BY id');
  assert.deepEqual(r.rows, [
    { id: 1, name: 'eins', v: 1.5, n: '9007199254740993', ts: new Date('2000-01-01T00:00:00Z'), ok: true },
    { id: 2, name: null, v: null, n: null, ts: new Date(0), ok: false },
  ]);
  assert.deepEqual(notices.sort(), [
    'COPY FROM STDIN: 1 row(s) not loaded: A document with the same primary key exists already (line 5)',
    'COPY FROM STDIN: 1 row(s) not loaded: Invalid binary length 3 for a parameter of type integer (line 4)',
    'COPY FROM STDIN: 1 row(s) not loaded: row field count is 2, expected 6 (line 3)',
  ]);
  // a column list; no trailer is fine when the stream ends between tuples
  const partial = binaryCopy(tuple(Buffer.from('drei'), int32(3))).subarray(0, -2);
  assert.equal(await copyIn(c, 'COPY t_bin (name, id) FROM STDIN (FORMAT binary)', [partial]), 1);
  await assert.rejects(copyIn(c, 'COPY t_bin FROM STDIN (FORMAT binary)', [Buffer.from('1\tx\n')]), (e: Error & { code?: string }) =>
    e.code === '22P04' && /COPY file signature not recognized/.test(e.message));
  await assert.rejects(copyIn(c, 'COPY t_bin (id) FROM STDIN (FORMAT binary)', [binaryCopy(tuple(int32(7))).subarray(0, -4)]), (e: Error & { code?: string }) =>
    e.code === '22P04' && /unexpected EOF in COPY data/.test(e.message));
  await assert.rejects(c.query("COPY t_bin FROM STDIN WITH (FORMAT binary, DELIMITER ',')"), /cannot specify DELIMITER in BINARY mode/);
  await assert.rejects(c.query('COPY t_bin TO STDOUT WITH (FORMAT binary, HEADER)'), /cannot specify HEADER in BINARY mode/);
  await c.query('REFRESH TABLE t_bin');
  assert.deepEqual((await c.query('SELECT id FROM t_bin ORDER BY id')).rows, [{ id: 1 }, { id: 2 }, { id: 3 }]);
}));

test('CopyFail aborts the COPY with 57014; stray CopyData afterwards is ignored; the session stays usable', async () => {
  const { client } = await RawPgClient.startup(server.pgPort);
  try {
    await client.send(fe.query('CREATE TABLE t_fail (id INT)'));
    await client.readyForQuery();
    await client.send(fe.query('COPY t_fail FROM STDIN'));
    const g = await client.readUntil((m) => m.some((x) => x.type === 'G'));
    assert.deepEqual(g.map((m) => m.type), ['G']);
    assert.deepEqual([...g[0]!.body], [0, 0, 1, 0, 0]);
    await client.send(Buffer.concat([message('d', Buffer.from('1\n2\n')), message('f', Buffer.from('client gave up\0'))]));
    const failed = await client.readyForQuery();
    const e = failed.find((m) => m.type === 'E')!;
    assert.match(e.text, /57014 COPY from stdin failed: client gave up/);
    // late CopyData / CopyDone (a client still sending) are discarded
    await client.send(Buffer.concat([message('d', Buffer.from('3\n')), message('c'), fe.query('SELECT 1')]));
    const after = await client.readyForQuery();
    assert.deepEqual(after.map((m) => m.type), ['T', 'D', 'C', 'Z']);
    // an unexpected message during copy-in ends it with a protocol error
    await client.send(fe.query('COPY t_fail FROM STDIN'));
    await client.readUntil((m) => m.some((x) => x.type === 'G'));
    await client.send(Buffer.concat([message('d', Buffer.from('5\n')), message('H'), message('S'), fe.query('SELECT 2')]));
    const broken = await client.readyForQuery();
    assert.match(broken.find((m) => m.type === 'E')!.text, /08P01 unexpected message type 0x51 during COPY from stdin/);
    await client.send(fe.query('REFRESH TABLE t_fail'));
    await client.readyForQuery();
    await client.send(fe.query('SELECT count(*) FROM t_fail'));
    const count = await client.readyForQuery();
    assert.equal(count.find((m) => m.type === 'D')!.text, 'D ["0"]');
  } finally {
    client.end();
  }
});

test('COPY FROM STDIN WITH (fail_fast = true): the first bad row fails the statement, the client may still be sending', async () => {
  const { client } = await RawPgClient.startup(server.pgPort);
  try {
    await client.send(fe.query('CREATE TABLE t_ff (id INT)'));
    await client.readyForQuery();
    await client.send(fe.query('COPY t_ff FROM STDIN WITH (fail_fast = true, bulk_size = 1)'));
    await client.readUntil((m) => m.some((x) => x.type === 'G'));
    await client.send(message('d', Buffer.from('1\nx\n')));
    const failed = await client.readyForQuery();
    assert.match(failed.find((m) => m.type === 'E')!.text, /XX000 Job killed\. NODE: .*\n\[URI: stdin, ERRORS: \{Cannot cast value `x` to type `integer`=\{count=1, line_numbers=\[2\]\}\}\]/);
    await client.send(Buffer.concat([message('d', Buffer.from('3\n')), message('c'), fe.query('SELECT count(*) FROM t_ff')]));
    const after = await client.readyForQuery();
    assert.deepEqual(after.map((m) => m.type), ['T', 'D', 'C', 'Z']);
  } finally {
    client.end();
  }
});

test('COPY FROM STDIN … RETURN SUMMARY answers the summary row (uri stdin)', async () => {
  const { client } = await RawPgClient.startup(server.pgPort);
  try {
    await client.send(fe.query('CREATE TABLE t_sum (id INT PRIMARY KEY)'));
    await client.readyForQuery();
    await client.send(fe.query('COPY t_sum FROM STDIN RETURN SUMMARY'));
    await client.readUntil((m) => m.some((x) => x.type === 'G'));
    await client.send(Buffer.concat([message('d', Buffer.from('1\n1\nx\n2\n')), message('c')]));
    const r = await client.readyForQuery();
    assert.deepEqual(r.map((m) => m.type), ['T', 'D', 'C', 'Z']);
    const row = JSON.parse(`[${r[1]!.text.slice(2).slice(1, -1)}]`) as (string | null)[];
    assert.equal(row[1], 'stdin');
    assert.equal(row[2], '2');
    assert.equal(row[3], '2');
    assert.deepEqual(JSON.parse(row[4]!), {
      'A document with the same primary key exists already': { count: 1, line_numbers: [2] },
      'Cannot cast value `x` to type `integer`': { count: 1, line_numbers: [3] },
    });
    assert.equal(r[2]!.text, 'C COPY 1');
  } finally {
    client.end();
  }
});

test('unsupported PostgreSQL COPY options', () => withClient(async (c) => {
  await c.query('CREATE TABLE t_opts (id INT)');
  await assert.rejects(c.query('COPY t_opts FROM STDIN WITH (FORMAT xml)'), /COPY format "xml" not recognized/);
  await assert.rejects(c.query("COPY t_opts FROM STDIN WITH (QUOTE '''')"), /COPY quote available only in CSV mode/);
  await assert.rejects(c.query('COPY t_opts TO STDOUT WITH (FORMAT csv, FORCE_NOT_NULL (id))'), /only available using COPY FROM/);
  await assert.rejects(c.query('COPY t_opts FROM STDIN WITH (bogus 1)'), /Setting 'bogus' is not supported/);
}));

test("psql \\copy: to and from files, text and csv, bad rows as WARNINGs", async () => {
  const psql = (cmd: string) => run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(server.pgPort), '-U', 'crate', '-d', 'doc', '-c', cmd]);
  await psql(`CREATE TABLE psql_src ${TYPES_DDL}`);
  await withClient(async (c) => {
    await c.query('DROP TABLE psql_src');
    await fillTypes(c, 'psql_src');
  });
  const txt = join(dir, 'out.txt');
  const csv = join(dir, 'out.csv');
  assert.match((await psql(`\\copy psql_src to '${txt}'`)).stdout, /COPY 4/);
  assert.match((await psql(`\\copy psql_src to '${csv}' with (format csv, header)`)).stdout, /COPY 4/);
  await psql(`CREATE TABLE psql_txt ${TYPES_DDL}`);
  await psql(`CREATE TABLE psql_csv ${TYPES_DDL}`);
  assert.match((await psql(`\\copy psql_txt from '${txt}'`)).stdout, /COPY 4/);
  assert.match((await psql(`\\copy psql_csv from '${csv}' with (format csv, header true)`)).stdout, /COPY 4/);
  await psql('REFRESH TABLE psql_txt, psql_csv');
  await withClient(async (c) => {
    const expected = (await c.query(selectAll('psql_src'))).rows;
    assert.deepEqual((await c.query(selectAll('psql_txt'))).rows, expected);
    assert.deepEqual((await c.query(selectAll('psql_csv'))).rows, expected);
  });
  assert.equal(readFileSync(txt, 'utf8').split('\n').length, 5);
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, '100\tok\nnope\tx\n');
  const r = await psql(`\\copy psql_txt (id, name) from '${bad}'`);
  assert.match(r.stdout, /COPY 1/);
  assert.match(r.stderr, /WARNING: {2}COPY FROM STDIN: 1 row\(s\) not loaded: Cannot cast value `nope` to type `integer` \(line 2\)/);
});
