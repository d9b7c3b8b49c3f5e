/**
 * Operations: /_health, /_ready, Prometheus /metrics scraped from a real server after real
 * statements over HTTP and PostgreSQL, and the slow-statement log.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import pg from 'pg';
import { handleOps } from '../../src/protocol/http/ops-handler.js';
import { startServer } from '../helpers/server.js';

/** `name{labels} value` lines of a Prometheus text exposition → Map. */
function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

test('/_health, /_ready and /metrics on a running node', async () => {
  const server = await startServer({ args: ['-C', 'log.slow_statement_threshold=0'] });
  try {
    const health = await fetch(`${server.httpUrl}/_health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${server.httpUrl}/_ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ready: true, state: 'ready' });
    assert.equal((await fetch(`${server.httpUrl}/_health`, { method: 'POST' })).status, 405);
    // CrateDB's own endpoints are untouched
    assert.equal((await fetch(`${server.httpUrl}/`)).status, 200);

    await server.sql('create table m (i int)');
    await server.sql('insert into m (i) values (1), (2), (3)');
    await server.sql('select * from m');
    assert.equal((await server.sql('select * from missing')).status, 404);
    const bulk = await fetch(`${server.httpUrl}/_sql`, {
      method: 'POST',
      body: JSON.stringify({ stmt: 'insert into m (i) values (?)', bulk_args: [[4], [5]] }),
    });
    assert.equal(bulk.status, 200);
    const client = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc' });
    await client.connect();
    try {
      await client.query('select 1');
      await client.query('select count(*) from m where i > $1', [1]);

      const res = await fetch(`${server.httpUrl}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      assert.match(text, /^# TYPE cratelite_statements_total counter$/m);
      assert.match(text, /^# TYPE cratelite_statement_duration_seconds histogram$/m);
      const m = parseMetrics(text);
      assert.equal(m.get('cratelite_statements_total{type="create",outcome="ok"}'), 1);
      assert.equal(m.get('cratelite_statements_total{type="insert",outcome="ok"}'), 2);
      assert.ok(m.get('cratelite_statements_total{type="select",outcome="ok"}')! >= 3);
      assert.equal(m.get('cratelite_statements_total{type="select",outcome="error"}'), 1);
      assert.equal(m.get('cratelite_errors_total{code="4041"}'), 1);
      assert.equal(m.get('cratelite_rows_ingested_total'), 5);
      const selects = m.get('cratelite_statement_duration_seconds_count{type="select"}')!;
      assert.ok(selects >= 4);
      assert.equal(m.get('cratelite_statement_duration_seconds_bucket{type="select",le="+Inf"}'), selects);
      assert.ok(m.get('cratelite_statement_duration_seconds_bucket{type="select",le="30"}')! <= selects);
      assert.ok(m.get('cratelite_sessions_active')! >= 2, text);
      assert.ok([...m.keys()].some((k) => k.startsWith('cratelite_duckdb_memory_bytes{tag=')), text);
      assert.ok(m.get('cratelite_process_resident_memory_bytes')! > 0);
    } finally {
      await client.end();
    }
  } finally {
    await server.close();
  }
});

test('statements slower than log.slow_statement_threshold are logged, without their parameters', async () => {
  const server = await startServer({ args: ['-C', 'log.slow_statement_threshold=1ms', '-C', 'log.format=json'] });
  try {
    await server.sql('select count(*) from generate_series(1, 2000000) where ? is not null', ['SECRET-VALUE']);
    await server.sql('select 1');
    await new Promise((r) => setTimeout(r, 100));
    const slow = server.stderr().split('\n').filter((l) => l.includes('"slow statement"')).map((l) => JSON.parse(l));
    const entry = slow.find((e) => String(e.stmt).includes('generate_series'));
    assert.ok(entry, server.stderr());
    assert.equal(entry.level, 'warn');
    assert.equal(entry.type, 'select');
    assert.equal(entry.protocol, 'http');
    assert.ok(entry.duration_ms >= 1);
    assert.doesNotMatch(server.stderr(), /SECRET-VALUE/);
  } finally {
    await server.close();
  }
});

test('/_ready answers 503 while starting or stopping', async () => {
  let state: 'starting' | 'ready' | 'stopping' = 'starting';
  const http = createServer((req, res) => {
    void Promise.resolve(handleOps(req, res, { state: () => state, metrics: async () => '' })).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  try {
    const probe = async () => {
      const res = await fetch(`${url}/_ready`);
      return [res.status, await res.json()];
    };
    assert.deepEqual(await probe(), [503, { ready: false, state: 'starting' }]);
    state = 'ready';
    assert.deepEqual(await probe(), [200, { ready: true, state: 'ready' }]);
    state = 'stopping';
    assert.deepEqual(await probe(), [503, { ready: false, state: 'stopping' }]);
    assert.equal((await fetch(`${url}/_health`)).status, 200);
    assert.equal((await fetch(`${url}/other`)).status, 404);
  } finally {
    http.close();
  }
});
