/**
 * HTTP `bulk_args` INSERTs take the column-wise path (analyzer/dml/insert-rows.ts). Every case
 * runs the same rows twice: column-wise, and row at a time — the statement with its first
 * parameter wrapped in a CAST, which makes it ineligible for the column-wise path — and the
 * per-row results and the table contents must be the same (http.md §3.11).
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

async function sql(stmt: string, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${server.httpUrl}/_sql`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stmt, ...extra }),
  });
  return res.json();
}

async function ok(stmt: string): Promise<any> {
  const body = await sql(stmt);
  assert.equal(body.error, undefined, `${stmt}: ${JSON.stringify(body.error)}`);
  return body;
}

/** The row-at-a-time twin of a statement: `VALUES (?` → `VALUES (CAST(? AS <type>)`. */
const rowAtATime = (stmt: string, firstType: string): string => stmt.replace(/VALUES \(\?/, `VALUES (CAST(? AS ${firstType})`);

/** Run a bulk on `<name>_fast` and its row-at-a-time twin on `<name>_slow`; return the fast results. */
async function both(ddl: string, name: string, stmt: string, rows: unknown[][], firstType = 'INTEGER'): Promise<any[]> {
  const out: string[] = [];
  let fast: any[] = [];
  for (const [suffix, text] of [['fast', stmt], ['slow', rowAtATime(stmt, firstType)]] as const) {
    const t = `${name}_${suffix}`;
    if (ddl) await ok(ddl.replace('TABLE_NAME', t));
    const body = await sql(text.replace(/\bTABLE_NAME\b/g, t), { bulk_args: rows });
    assert.ok(Array.isArray(body.results), JSON.stringify(body));
    if (suffix === 'fast') fast = body.results;
    out.push(JSON.stringify(body.results).replaceAll(t, 'TABLE_NAME'));
  }
  assert.equal(out[0], out[1], 'column-wise and row-at-a-time results differ');
  return fast;
}

async function sameContents(name: string, select = '*', orderBy = 'id'): Promise<unknown[][]> {
  const fast = await ok(`SELECT ${select} FROM ${name}_fast ORDER BY ${orderBy}`);
  const slow = await ok(`SELECT ${select} FROM ${name}_slow ORDER BY ${orderBy}`);
  assert.deepEqual(fast.rows, slow.rows, 'column-wise and row-at-a-time table contents differ');
  const cf = await ok(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${name}_fast' ORDER BY ordinal_position`);
  const cs = await ok(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${name}_slow' ORDER BY ordinal_position`);
  assert.deepEqual(cf.rows, cs.rows, 'column-wise and row-at-a-time columns differ');
  return fast.rows;
}

const rowcounts = (results: any[]) => results.map((r) => r.rowcount);
const errorOf = (r: any) => r.error?.message as string | undefined;

const TYPES_DDL = `CREATE TABLE TABLE_NAME (id INT, b BOOLEAN, y BYTE, sm SMALLINT, i INTEGER, bi BIGINT, r REAL,
  d DOUBLE, n NUMERIC(10,2), t TEXT, vc VARCHAR(5), ch CHARACTER(3), ip IP, bt BIT(4),
  ts TIMESTAMP WITH TIME ZONE, tsn TIMESTAMP WITHOUT TIME ZONE, o OBJECT(DYNAMIC) AS (a INT, b TEXT),
  os OBJECT(STRICT) AS (x INT), oi OBJECT(IGNORED) AS (k TEXT), arr ARRAY(INTEGER), tarr ARRAY(TEXT),
  oarr ARRAY(OBJECT), tsarr ARRAY(TIMESTAMP WITH TIME ZONE), gp GEO_POINT, gs GEO_SHAPE,
  fv FLOAT_VECTOR(3), narr ARRAY(NUMERIC(5,1)))`;
const TYPE_COLUMNS = ['id', 'b', 'y', 'sm', 'i', 'bi', 'r', 'd', 'n', 't', 'vc', 'ch', 'ip', 'bt', 'ts', 'tsn', 'o', 'os',
  'oi', 'arr', 'tarr', 'oarr', 'tsarr', 'gp', 'gs', 'fv', 'narr'];
const typesInsert = `INSERT INTO TABLE_NAME (${TYPE_COLUMNS.join(', ')}) VALUES (${TYPE_COLUMNS.map(() => '?').join(', ')})`;
const GOOD: unknown[] = [1, true, 1, 2, 3, 4, 1.5, 2.5, 3.25, 'x', 'abc', 'ab', '127.0.0.1', '1010', 1451606400000,
  '2016-01-01T00:00:00Z', { a: 1, b: 'q' }, { x: 5 }, { k: 'v', extra: 1 }, [1, 2], ['a', null], [{ z: 1 }],
  [1451606400000, '2016-01-02'], [13.4, 52.5], { type: 'Point', coordinates: [1, 2] }, [1, 2, 3], [1.25, 2]];
/** GOOD with column `col` set to `value` and id `id` */
const variant = (id: number, col: string, value: unknown): unknown[] => {
  const row = [...GOOD];
  row[0] = id;
  row[TYPE_COLUMNS.indexOf(col)] = value;
  return row;
};

test('every column type: values cast like the statement path, one failing row fails alone', async () => {
  const rows = [
    GOOD,
    [2, 'yes', '7', '8', '9', '10', '1.1', '2.2', '3.333', 5, 'abc  ', 'a', 3232235777, '0101', '2016-01-01 10:00:00',
      1451606400123, '{"a": 2}', null, null, [3], [1, 'b'], null, null, 'POINT (1.5 2.5)', null, [0.1, 0.2, 0.3], null],
    [3, ...TYPE_COLUMNS.slice(1).map(() => null)],
    variant(4, 'b', 'nope'),
    variant(5, 'y', 300),
    variant(6, 'vc', 'toolong'),
    variant(7, 'bt', '1'),
    variant(8, 'ip', 'not-an-ip'),
    variant(9, 'ts', 'not a timestamp'),
    variant(10, 'o', { a: 'notint' }),
    variant(11, 'os', { y: 1 }),
    variant(12, 'arr', ['x']),
    variant(13, 'gp', [1]),
    variant(14, 'fv', [1, 2]),
    variant(15, 'o', 5),
    variant(16, 'i', 2 ** 40),
    [17, false, -1, -2, -3, -4, -1.5, -2.5, -3.25, '', '', '', '::1', '0000', -1000, -1000, {}, {}, {}, [], [], [], [], [0, 0],
      null, [0, 0, 0], []],
  ];
  const results = await both(TYPES_DDL, 'types', typesInsert, rows);
  assert.deepEqual(rowcounts(results), [1, 1, 1, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 1]);
  assert.match(errorOf(results[3])!, /Cannot cast `'nope'` of type `text` to type `boolean`/);
  assert.match(errorOf(results[5])!, /'toolong' is too long for the text type of length: 5/);
  assert.match(errorOf(results[10])!, /Cannot add column `y` to strict object `os`/);
  const contents = await sameContents('types');
  assert.deepEqual(contents.map((r) => r[0]), [1, 2, 3, 17]);
  const [first, second] = contents as any[][];
  assert.deepEqual(first!.slice(0, 16), [1, true, 1, 2, 3, 4, 1.5, 2.5, 3.25, 'x', 'abc', 'ab ', '127.0.0.1', "B'1010'",
    1451606400000, 1451606400000]);
  assert.deepEqual(first![16], { a: 1, b: 'q' });
  assert.deepEqual(first![18], { k: 'v', extra: 1 });
  assert.deepEqual(first![22], [1451606400000, 1451692800000]);
  assert.deepEqual(first![26], [1.3, 2]);
  assert.deepEqual(second!.slice(1, 16), [true, 7, 8, 9, 10, 1.1, 2.2, 3.33, '5', 'abc  ', 'a  ', '192.168.1.1', "B'0101'",
    1451642400000, 1451606400123]);
});

test('primary key: existing and repeated keys fail per row; DO NOTHING counts 0; DO UPDATE applies in row order', async () => {
  const ddl = `CREATE TABLE TABLE_NAME (id INT, name TEXT NOT NULL, score DOUBLE CHECK (score >= 0),
    kind TEXT DEFAULT 'k', ts TIMESTAMP WITH TIME ZONE,
    day TIMESTAMP WITH TIME ZONE GENERATED ALWAYS AS date_trunc('day', ts),
    o OBJECT AS (a INT DEFAULT 7, b TEXT), PRIMARY KEY (id, day)) PARTITIONED BY (day)`;
  const d1 = 1451606400000;
  let results = await both(ddl, 'pk', 'INSERT INTO TABLE_NAME (id, name, score, ts, o) VALUES (?, ?, ?, ?, ?)', [
    [1, 'a', 1.5, d1, { b: 'x' }], [2, null, 1, d1, null], [3, 'c', -1, d1, { a: 1 }], [1, 'dup', 1, d1, null],
    [4, 'd', 'bad', d1, null], [5, 'e', 2, '2016-01-03T05:00:00Z', { a: '9' }], [5, 'again', 2, '2016-01-03T06:00:00Z', null],
    [6, 'f', 0, null, {}],
  ]);
  assert.deepEqual(rowcounts(results), [1, -2, -2, -2, -2, 1, -2, -2]);
  assert.equal(errorOf(results[1]), 'SQLParseException["name" must not be null]');
  assert.match(errorOf(results[2])!, /^SQLParseException\[Failed CONSTRAINT pk_fast_score_check_0 CHECK/);
  assert.equal(errorOf(results[3]), 'DuplicateKeyException[A document with the same primary key exists already]');
  assert.equal(errorOf(results[6]), 'DuplicateKeyException[A document with the same primary key exists already]');
  assert.equal(errorOf(results[7]), 'SQLParseException["day" must not be null]');

  results = await both('', 'pk', 'INSERT INTO TABLE_NAME (id, name, score, ts) VALUES (?, ?, ?, ?) ON CONFLICT (id, day) DO NOTHING', [
    [1, 'x', 1, d1], [10, 'y', 2, d1], [10, 'z', 3, d1], [11, null, 1, d1],
  ]);
  assert.deepEqual(rowcounts(results), [0, 1, 0, -2]);

  results = await both('', 'pk', `INSERT INTO TABLE_NAME (id, name, score, ts) VALUES (?, ?, ?, ?)
    ON CONFLICT (id, day) DO UPDATE SET score = excluded.score + TABLE_NAME.score, name = excluded.name`, [
    [1, 'x', 1, d1], [20, 'y', 2, d1], [20, 'z', 3, d1], [20, 'w', 4, d1], [21, null, 1, d1], [1, 'xx', 10, d1],
  ]);
  assert.deepEqual(rowcounts(results), [1, 1, 1, 1, -2, 1]);

  results = await both('', 'pk', 'INSERT INTO TABLE_NAME (id, name, ts, day) VALUES (?, ?, ?, ?)', [
    [30, 'g', d1, d1], [31, 'h', d1, d1 + 86400000], [32, 'i', d1, null],
  ]);
  assert.deepEqual(rowcounts(results), [1, -2, 1]);
  assert.match(errorOf(results[1])!, /^SQLParseException\[Given value .* for generated column day does not match calculation/);

  const contents = await sameContents('pk', 'id, name, score, kind, ts, day, o', 'id, day');
  assert.deepEqual(contents.filter((r) => r[0] === 1 || r[0] === 20 || r[0] === 5), [
    [1, 'xx', 12.5, 'k', d1, d1, { a: 7, b: 'x' }],
    [5, 'e', 2, 'k', 1451797200000, 1451779200000, { a: 9 }],
    [20, 'w', 9, 'k', d1, d1, null],
  ]);
  const parts = await ok("SELECT count(*) FROM information_schema.table_partitions WHERE table_name = 'pk_fast'");
  assert.deepEqual(parts.rows, [[2]]);
});

test('dynamic columns and object keys: typed by their first non-null value, a STRICT violation fails its row only', async () => {
  const ddl = `CREATE TABLE TABLE_NAME (id INT, o OBJECT(DYNAMIC) AS (a INT), s OBJECT(STRICT) AS (x INT))
    WITH (column_policy = 'dynamic')`;
  const results = await both(ddl, 'dyn', 'INSERT INTO TABLE_NAME (id, o, s, extra, later) VALUES (?, ?, ?, ?, ?)', [
    [1, { a: 1, n: { deep: 'x' } }, { x: 1 }, null, null],
    [2, { b: 1.5 }, { y: 2 }, 'text', null],
    [3, { b: 2, c: [1, 2] }, null, 5, true],
    [4, '{"d": "2016-01-01", "n": {"deep": "y", "deeper": 1}}', { x: 'nope' }, null, false],
  ]);
  assert.deepEqual(rowcounts(results), [1, -2, 1, -2]);
  assert.match(errorOf(results[1])!, /Cannot add column `y` to strict object `s`/);
  assert.match(errorOf(results[3])!, /Cannot cast/);
  const contents = await sameContents('dyn');
  assert.equal(contents.length, 2);
  const cols = await ok("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'dyn_fast' ORDER BY ordinal_position");
  assert.deepEqual(cols.rows.map((r: unknown[]) => r.join(' ')), [
    'id integer', 'o object', "o['a'] integer", 's object', "s['x'] integer", "o['n'] object", "o['n']['deep'] text",
    "o['b'] bigint", "o['c'] bigint_array", 'extra bigint', 'later boolean', "o['d'] text", "o['n']['deeper'] bigint",
  ]);
});

test('a large batch: failing rows anywhere in it are pinned exactly, the rest is written', async () => {
  const ddl = 'CREATE TABLE TABLE_NAME (id INT, v DOUBLE CHECK (v < 1000), tags OBJECT AS (host TEXT))';
  const rows = Array.from({ length: 1500 }, (_, i) => [i, [17, 750, 1499].includes(i) ? 5000 : i % 999, { host: `h${i % 7}` }]);
  const results = await both(ddl, 'large', 'INSERT INTO TABLE_NAME (id, v, tags) VALUES (?, ?, ?)', rows);
  const failed = results.flatMap((r, i) => (r.rowcount === 1 ? [] : [i]));
  assert.deepEqual(failed, [17, 750, 1499]);
  const counts = await ok('SELECT count(*), sum(v), count(DISTINCT tags[\'host\']) FROM large_fast');
  assert.deepEqual(counts.rows, [[1497, rows.reduce((s, r, i) => s + (failed.includes(i) ? 0 : r[1] as number), 0), 7]]);
  await sameContents('large');
});

test('the TSBS cpu shape appends straight into the table', async () => {
  await ok(`CREATE TABLE "doc"."cpu" (tags OBJECT AS (hostname STRING, region STRING), ts TIMESTAMP,
    usage_user DOUBLE, usage_system DOUBLE) CLUSTERED INTO 5 SHARDS WITH (number_of_replicas = 0)`);
  const rows = Array.from({ length: 5000 }, (_, i) => [{ hostname: `host_${i % 20}`, region: 'ap-southeast-1' },
    1451606400000 + Math.floor(i / 20) * 10000, i % 100, (i * 7) % 100]);
  const body = await sql('INSERT INTO "doc"."cpu" (tags, ts, usage_user, usage_system) VALUES (?, ?, ?, ?)', { bulk_args: rows });
  assert.equal(body.results.length, 5000);
  assert.ok(body.results.every((r: any) => r.rowcount === 1));
  const check = await ok(`SELECT count(*), sum(usage_user), min(ts), max(ts), count(DISTINCT tags['hostname']),
    max(tags['region']) FROM cpu`);
  assert.deepEqual(check.rows, [[5000, rows.reduce((s, r) => s + (r[2] as number), 0), 1451606400000,
    1451606400000 + 249 * 10000, 20, 'ap-southeast-1']]);
});

test('NOT NULL is checked per row on the direct path too', async () => {
  const results = await both('CREATE TABLE TABLE_NAME (id INT, v TEXT NOT NULL, w INT)', 'nn',
    'INSERT INTO TABLE_NAME (id, v, w) VALUES (?, ?, ?)', [[1, 'a', 1], [2, null, 2], [3, 'c', 'x'], [4, 'd', null]]);
  assert.deepEqual(rowcounts(results), [1, -2, -2, 1]);
  assert.equal(errorOf(results[1]), 'SQLParseException["v" must not be null]');
  const missing = await both('', 'nn', 'INSERT INTO TABLE_NAME (id, w) VALUES (?, ?)', [[5, 5]]);
  assert.equal(errorOf(missing[0]), 'SQLParseException["v" must not be null]');
  assert.deepEqual(await sameContents('nn'), [[1, 'a', 1], [4, 'd', null]]);
});

test('too few arguments in one bulk row fails the whole request, nothing is written', async () => {
  await ok('CREATE TABLE few (a INT, b INT)');
  const body = await sql('INSERT INTO few (a, b) VALUES (?, ?)', { bulk_args: [[1, 2], [3]] });
  assert.equal(body.error?.code, 4000);
  assert.match(body.error.message, /parameter placeholder \$2, but there are only 1 parameter values/);
  assert.deepEqual((await ok('SELECT count(*) FROM few')).rows, [[0]]);
});

/** POST /_sql on the keep-alive connection of `agent` (one connection = one session). */
function postOn(agent: Agent, body: unknown): Promise<any> {
  const url = new URL(server.httpUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/_sql', method: 'POST', agent,
      headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('two sessions adding columns to one table while both insert: every row lands', async () => {
  for (const [name, ddl] of [
    ['conc_direct', "CREATE TABLE conc_direct (id INT, o OBJECT(DYNAMIC)) WITH (column_policy = 'dynamic')"],
    ['conc_staged', "CREATE TABLE conc_staged (id INT, v INT CHECK (v >= 0), o OBJECT(DYNAMIC)) WITH (column_policy = 'dynamic')"],
  ] as const) {
    await ok(ddl);
    const agents = [new Agent({ keepAlive: true, maxSockets: 1 }), new Agent({ keepAlive: true, maxSockets: 1 })];
    try {
      const work = async (w: number): Promise<number[]> => {
        const counts: number[] = [];
        for (let round = 0; round < 10; round++) {
          const rows = Array.from({ length: 200 }, (_, i) => [w * 100_000 + round * 1000 + i, i, { [`k${w}_${round % 4}`]: i, shared: 'x' }]);
          const body = await postOn(agents[w]!, { stmt: `INSERT INTO ${name} (id, v, o, c${w}_${round % 3}) VALUES (?, ?, ?, ?)`,
            bulk_args: rows.map((r) => [...r, round]) });
          assert.equal(body.error, undefined, JSON.stringify(body.error));
          counts.push(body.results.filter((r: any) => r.rowcount === 1).length);
        }
        return counts;
      };
      const [a, b] = await Promise.all([work(0), work(1)]);
      assert.deepEqual([...a!, ...b!], new Array(20).fill(200));
      assert.deepEqual((await ok(`SELECT count(*), count(DISTINCT id) FROM ${name}`)).rows, [[4000, 4000]]);
      assert.deepEqual((await ok(`SELECT count(*) FROM information_schema.columns WHERE table_name = '${name}'
        AND column_name LIKE 'c_\\_%'`)).rows, [[6]]);
    } finally {
      for (const agent of agents) agent.destroy();
    }
  }
});
