/**
 * Session behaviour over HTTP against the real server: statement_timeout interrupts DuckDB
 * (JobKilledException, 5005) and the connection stays usable; concurrent connections that add
 * dynamic columns to the same table all succeed and lose no row.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { startServer, type TestServer } from '../../helpers/server.js';
import { request } from './http-client.js';

let server: TestServer;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

const sql = (agent: Agent, stmt: string, args?: unknown[]) => request(server.httpUrl, {
  method: 'POST', path: '/_sql', agent, headers: { 'content-type': 'application/json' },
  body: JSON.stringify(args ? { stmt, args } : { stmt }),
});

test('statement_timeout kills a long statement and the session stays usable', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    assert.equal((await sql(agent, "SET statement_timeout = '100ms'")).status, 200);
    const started = Date.now();
    const res = await sql(agent,
      'SELECT sum(a.x * b.x) FROM generate_series(1, 100000) AS a (x), generate_series(1, 100000) AS b (x)');
    assert.equal(res.status, 500);
    assert.equal(res.json().error.code, 5005);
    assert.match(res.json().error.message, /^JobKilledException\[Job killed\. statement_timeout/);
    assert.ok(Date.now() - started < 10_000, 'the statement was interrupted, not run to the end');
    const ok = await sql(agent, 'SELECT 1');
    assert.deepEqual(ok.json().rows, [[1]]);
  } finally {
    agent.destroy();
  }
});

test('concurrent connections adding dynamic columns lose no row', async () => {
  const setup = new Agent({ keepAlive: true, maxSockets: 1 });
  await sql(setup, "CREATE TABLE dyn (id INT, o OBJECT(DYNAMIC)) WITH (column_policy = 'dynamic')");
  const agents = Array.from({ length: 6 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    const failures: string[] = [];
    await Promise.all(agents.map(async (agent, k) => {
      for (let i = 0; i < 25; i++) {
        const res = await sql(agent, `INSERT INTO dyn (id, o, c${k % 3}) VALUES (?, ?, ?)`,
          [k * 100 + i, { [`k${i % 5}`]: i, [`s${k}`]: 'v' }, i]);
        if (res.status !== 200) failures.push(res.text);
      }
    }));
    assert.deepEqual(failures, []);
    const count = await sql(setup, 'SELECT count(*) FROM dyn');
    assert.deepEqual(count.json().rows, [[150]]);
    const cols = await sql(setup, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'dyn'");
    // id, o, o['k0'..'k4'], o['s0'..'s5'], c0..c2
    assert.deepEqual(cols.json().rows, [[2 + 5 + 6 + 3]]);
  } finally {
    for (const a of [setup, ...agents]) a.destroy();
  }
});

test('KILL stops a running statement of another session; sys.jobs shows running jobs', async () => {
  const a = new Agent({ keepAlive: true, maxSockets: 1 });
  const b = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const long = sql(a, 'SELECT sum(a.x * b.x) FROM generate_series(1, 100000) AS a (x), generate_series(1, 100000) AS b (x)');
    let jobs: unknown[][] = [];
    for (let i = 0; i < 100 && jobs.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      jobs = (await sql(b, "SELECT id FROM sys.jobs WHERE stmt LIKE 'SELECT sum(a.x%'")).json().rows;
    }
    assert.equal(jobs.length, 1, 'the long statement is listed in sys.jobs');
    const killed = await sql(b, 'KILL ?', [jobs[0]![0]]);
    assert.deepEqual(killed.json().rowcount, 1);
    const res = await long;
    assert.equal(res.json().error.code, 5005);
    assert.match(res.json().error.message, /^JobKilledException\[Job killed/);
    assert.deepEqual((await sql(a, 'SELECT 1')).json().rows, [[1]]);
    const log = await sql(b, 'SELECT error IS NOT NULL, ended >= started FROM sys.jobs_log WHERE id = ?', [jobs[0]![0]]);
    assert.deepEqual(log.json().rows, [[true, true]]);
  } finally {
    a.destroy();
    b.destroy();
  }
});
