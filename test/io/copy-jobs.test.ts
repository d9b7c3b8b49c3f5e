/**
 * COPY FROM as a job, against the real server: http(s) sources (served by a local HTTP server,
 * including one that never ends), progress in sys.jobs, KILL, PostgreSQL cancel, background
 * jobs (wait_for_completion = false), and the bounded RETURN SUMMARY for a million bad lines.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { startServer, type TestServer } from '../helpers/server.js';
import { fe } from '../helpers/pg-wire.js';
import { waitFor } from '../helpers/wait-for.js';

let server: TestServer;
let http: Server;
let base = '';
let dir: string;
/** open responses of /slow.json */
const slowOpen = new Set<ServerResponse>();

const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `{"id": ${from + i}, "v": "v${from + i}"}\n`).join('');

before(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'cratelite-copy-jobs-'));
  http = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path === '/data.json') return void res.end(lines(1, 3));
    if (path === '/data.json.gz') return void res.end(gzipSync(lines(10, 2)));
    if (path === '/broken') return void res.writeHead(500).end('no');
    if (path === '/slow.json') {
      // endless: 50 rows every 20 ms until the client goes away
      slowOpen.add(res);
      res.on('close', () => slowOpen.delete(res));
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      let next = 1;
      const timer = setInterval(() => { res.write(lines(next, 50)); next += 50; }, 20);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const addr = http.address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
});

after(async () => {
  for (const r of slowOpen) r.destroy();
  await new Promise((r) => http.close(r));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pgClient(): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc' });
  await c.connect();
  return c;
}


/** the running COPY job of `table` once its progress shows some rows */
async function copyJobWithProgress(table: string): Promise<{ id: string; stmt: string }> {
  return waitFor(async () => {
    const r = await server.sql(`SELECT id, stmt FROM sys.jobs WHERE stmt LIKE 'COPY ${table} %'`);
    const row = (r.body.rows as [string, string][]).find(([, stmt]) => /progress: [1-9]\d* rows/.test(stmt));
    return row ? { id: row[0], stmt: row[1] } : undefined;
  }, `progress of COPY ${table}`);
}

test('http(s) sources: rows, gzip by extension, 404 and 500 as URI failures, unreachable hosts', async () => {
  assert.equal((await server.sql('CREATE TABLE h (id INT PRIMARY KEY, v TEXT)')).status, 200);
  const r = await server.sql(`COPY h FROM [?, ?, ?, ?] RETURN SUMMARY`, [`${base}/data.json`, `${base}/data.json.gz`, `${base}/missing.json`, `${base}/broken`]);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const summary = r.body.rows.map((row: unknown[]) => row.slice(1));
  // ordered by URI
  assert.deepEqual(summary.map((s: unknown[]) => s[0]), [`${base}/broken`, `${base}/data.json`, `${base}/data.json.gz`, `${base}/missing.json`]);
  const byUri = new Map(summary.map((s: unknown[]) => [s[0], s]));
  assert.deepEqual(byUri.get(`${base}/data.json`), [`${base}/data.json`, 3, 0, {}]);
  // .gz on one of several URIs: gzip only when every URI ends in .gz, so this one fails to parse
  assert.equal((byUri.get(`${base}/data.json.gz`) as unknown[])[2], 2);
  assert.deepEqual(byUri.get(`${base}/missing.json`), [`${base}/missing.json`, null, null, { [`${base}/missing.json`]: { count: 1, line_numbers: [] } }]);
  assert.deepEqual(byUri.get(`${base}/broken`), [`${base}/broken`, null, null, { [`Server returned HTTP response code: 500 for URL: ${base}/broken`]: { count: 1, line_numbers: [] } }]);
  const gz = await server.sql(`COPY h FROM '${base}/data.json.gz'`);
  assert.equal(gz.body.rowcount, 2);
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const closedPort = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));
  const refused = await server.sql(`COPY h FROM 'http://127.0.0.1:${closedPort}/x.json' RETURN SUMMARY`);
  assert.deepEqual(refused.body.rows[0].slice(2), [null, null, { 'Connection refused': { count: 1, line_numbers: [] } }]);
  await server.sql('REFRESH TABLE h');
  assert.deepEqual((await server.sql('SELECT id FROM h ORDER BY id')).body.rows.flat(), [1, 2, 3, 10, 11]);
});

test('a running COPY shows its progress in sys.jobs and stops on KILL; written rows stay', async () => {
  await server.sql('CREATE TABLE k (id INT, v TEXT)');
  const running = server.sql(`COPY k FROM '${base}/slow.json' WITH (bulk_size = 100)`);
  const job = await copyJobWithProgress('k');
  assert.match(job.stmt, /^COPY k FROM '.*\/slow\.json' WITH \(bulk_size = 100\) \/\* progress: \d+ rows written, \d+ lines read, \d+\.\d MB read \*\/$/);
  const killed = await server.sql(`KILL '${job.id}'`);
  assert.equal(killed.body.rowcount, 1);
  const r = await running;
  assert.equal(r.status, 500);
  assert.equal(r.body.error.code, 5005);
  assert.match(r.body.error.message, /^JobKilledException\[Job killed/);
  await waitFor(async () => (slowOpen.size === 0 ? true : undefined), 'the source stream to close');
  await server.sql('REFRESH TABLE k');
  const count = (await server.sql('SELECT count(*) FROM k')).body.rows[0][0] as number;
  assert.ok(count >= 100, `rows written before the KILL: ${count}`);
  // the job is gone from sys.jobs and logged with its error
  const log = await server.sql(`SELECT error FROM sys.jobs_log WHERE id = '${job.id}'`);
  assert.match(log.body.rows[0][0], /Job killed/);
  assert.equal((await server.sql(`SELECT count(*) FROM sys.jobs WHERE id = '${job.id}'`)).body.rows[0][0], 0);
});

test('a PostgreSQL CancelRequest stops a running COPY', async () => {
  await server.sql('CREATE TABLE pc (id INT, v TEXT)');
  const c = await pgClient();
  try {
    const running = c.query(`COPY pc FROM '${base}/slow.json' WITH (bulk_size = 100)`).then(() => undefined, (e: Error) => e);
    await copyJobWithProgress('pc');
    const { processID, secretKey } = c as unknown as { processID: number; secretKey: number };
    await new Promise<void>((resolve, reject) => {
      const s = connect(server.pgPort, '127.0.0.1', () => s.end(fe.cancelRequest(processID, secretKey)));
      s.on('close', () => resolve());
      s.on('error', reject);
    });
    const e = await running;
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'Job killed. Cancellation request by: crate');
    assert.deepEqual((await c.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  } finally {
    await c.end();
  }
});

test('wait_for_completion = false: row count -1, the COPY runs as its own job (progress, KILL, jobs_log)', async () => {
  await server.sql('CREATE TABLE bg (id INT, v TEXT)');
  const done = await server.sql(`COPY bg FROM '${base}/data.json' WITH (wait_for_completion = false)`);
  assert.equal(done.body.rowcount, -1);
  await waitFor(async () => {
    await server.sql('REFRESH TABLE bg');
    return (await server.sql('SELECT count(*) FROM bg')).body.rows[0][0] === 3 ? true : undefined;
  }, 'the background COPY to finish');
  const started = await server.sql(`COPY bg FROM '${base}/slow.json' WITH (wait_for_completion = false, bulk_size = 50)`);
  assert.equal(started.body.rowcount, -1);
  const job = await copyJobWithProgress('bg');
  assert.equal((await server.sql(`KILL '${job.id}'`)).body.rowcount, 1);
  const log = await waitFor(async () => {
    const r = await server.sql(`SELECT error, stmt FROM sys.jobs_log WHERE id = '${job.id}'`);
    return r.body.rows[0] as [string, string] | undefined;
  }, 'the killed background job in sys.jobs_log');
  assert.equal(log[0], 'Job killed. statement interrupted');
  assert.match(log[1], /^COPY bg FROM '.*slow\.json' WITH \(wait_for_completion = false, bulk_size = 50\)$/);
});

test('a million bad lines: every one is counted, the summary stays small (25 messages, 50 line numbers)', async () => {
  await server.sql('CREATE TABLE many (a INT)');
  // CSV: each line has too many values, and the message names its line: a million distinct messages
  const csv = join(dir, 'many.csv');
  writeFileSync(csv, `a\n${'1,2\n'.repeat(1_000_000)}`);
  // JSON: the same parse error on every line
  const json = join(dir, 'same.json');
  writeFileSync(json, '{\n'.repeat(200_000));
  const started = Date.now();
  const r = await server.sql(`COPY many FROM ['${csv}', '${json}'] RETURN SUMMARY`);
  assert.equal(r.status, 200);
  const elapsed = Date.now() - started;
  const [csvRow, jsonRow] = r.body.rows as [unknown, string, number, number, Record<string, { count: number; line_numbers: number[] }>][];
  assert.equal(csvRow[2], 0);
  assert.equal(csvRow[3], 1_000_000);
  assert.equal(Object.keys(csvRow[4]).length, 25);
  assert.deepEqual(csvRow[4]['Number of values exceeds number of keys in csv file at line 2'], { count: 1, line_numbers: [2] });
  assert.equal(jsonRow[3], 200_000);
  const [message, group] = Object.entries(jsonRow[4])[0]!;
  assert.match(message, /^JSON parser error: /);
  assert.equal(group.count, 200_000);
  assert.deepEqual(group.line_numbers, Array.from({ length: 50 }, (_, i) => i + 1));
  assert.ok(JSON.stringify(r.body).length < 10_000);
  assert.ok(elapsed < 60_000, `took ${elapsed} ms`);
});

test('COPY TO … WITH (wait_for_completion = false) writes the files in the background', async () => {
  await server.sql('CREATE TABLE out_bg (id INT, v TEXT)');
  await server.sql("INSERT INTO out_bg VALUES (1, 'a'), (2, 'b')");
  await server.sql('REFRESH TABLE out_bg');
  const outDir = mkdtempSync(join(dir, 'out-'));
  const r = await server.sql(`COPY out_bg TO DIRECTORY '${outDir}' WITH (wait_for_completion = false)`);
  assert.equal(r.body.rowcount, -1);
  const text = await waitFor(async () => {
    const jobs = await server.sql("SELECT count(*) FROM sys.jobs WHERE stmt LIKE 'COPY out_bg%'");
    if (jobs.body.rows[0][0] !== 0) return undefined;
    return readFileSync(join(outDir, 'out_bg_0_.json'), 'utf8');
  }, 'the background COPY TO');
  assert.deepEqual(text.split('\n').sort(), ['', '{"id":1,"v":"a"}', '{"id":2,"v":"b"}']);
});
