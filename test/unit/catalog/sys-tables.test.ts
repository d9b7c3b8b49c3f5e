/**
 * sys tables over a real in-memory DuckDB catalog (system-fixture.ts): cluster, nodes, shards
 * (row distribution, partitions), health and cluster_health, checks, node_checks, users, and the
 * column lists of the tables that are empty for now.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { acknowledgeNodeCheck } from '../../../src/catalog/system/sys/node-checks-table.js';
import type { SystemContext } from '../../../src/catalog/system/system-table.js';
import { columnNames, openFixture, rowsOf, type Fixture, type Rec } from './system-fixture.js';

let f: Fixture;
before(async () => { f = await openFixture(); });
after(() => f.close());

test('sys.cluster: one row with identity and default settings', async () => {
  assert.deepEqual(columnNames('sys', 'cluster'), ['id', 'license', 'master_node', 'name', 'settings', 'state']);
  const [row, ...rest] = await rowsOf(f.ctx, 'sys', 'cluster');
  assert.equal(rest.length, 0);
  assert.equal(row!.id, f.ctx.node.clusterId);
  assert.equal(row!.name, 'crate');
  assert.equal(row!.master_node, f.ctx.node.nodeId);
  assert.equal(row!.license, null);
  const s = row!.settings as Record<string, Rec>;
  assert.equal(s.stats!.jobs_log_size, 10000);
  assert.equal(s.stats!.enabled, true);
  assert.equal(s.statement_max_length, 262144);
  assert.equal(((s.cluster!.routing as Rec).allocation as Rec).enable, 'all');
  assert.equal((((s.cluster!.routing as Rec).allocation as Rec).disk as Rec & { watermark: Rec }).watermark.low, '85%');
  assert.equal(s.gateway!.recover_after_time, '5m');
});

test('sys.cluster: SET GLOBAL overrides passed by the session layer', async () => {
  const ctx = { ...f.ctx, clusterSettings: new Map([['stats.jobs_log_size', 500]]) } as SystemContext;
  const [row] = await rowsOf(ctx, 'sys', 'cluster');
  assert.equal(((row!.settings as Rec).stats as Rec).jobs_log_size, 500);
});

test('sys.nodes: one row with identity, ports, version and probes', async () => {
  assert.deepEqual(columnNames('sys', 'nodes'), [
    'attributes', 'cluster_state_version', 'connections', 'fs', 'heap', 'hostname', 'id', 'is_master', 'load', 'mem',
    'name', 'os', 'os_info', 'port', 'process', 'rest_url', 'roles', 'thread_pools', 'version',
  ]);
  const rows = await rowsOf(f.ctx, 'sys', 'nodes');
  assert.equal(rows.length, 1);
  const n = rows[0]!;
  assert.equal(n.id, 'AbCdEfGhIjKlMnOpQrStUv');
  assert.equal(n.name, 'Piz Bernina');
  assert.equal(n.hostname, 'testhost');
  assert.equal(n.rest_url, '127.0.0.1:4200');
  assert.equal(n.is_master, true);
  assert.deepEqual(n.roles, ['data', 'master_eligible']);
  assert.deepEqual(n.port, { http: 4200, transport: null, psql: 5432 });
  assert.deepEqual(n.version, {
    number: '6.5.0', build_hash: 'cratelite', build_snapshot: false,
    minimum_index_compatibility_version: '5.0.0', minimum_wire_compatibility_version: '5.10.1',
  });
  const heap = n.heap as Rec;
  assert.ok((heap.max as number) > 0 && (heap.used as number) > 0);
  assert.equal((heap.free as number) + (heap.used as number), heap.max);
  const mem = n.mem as Rec;
  assert.equal((mem.free_percent as number) + (mem.used_percent as number), 100);
  assert.equal(typeof (n.load as Rec)['1'], 'number');
  assert.equal(((n.os_info as Rec).jvm as Rec).vm_name, 'Node.js');
  assert.ok(((n.os_info as Rec).available_processors as number) >= 1);
  assert.deepEqual(((n.fs as Rec).data as Rec[])[0], { dev: null, path: ':memory:' });
  assert.deepEqual((n.connections as Rec).transport, { open: 0, total: 0 });
  assert.equal(typeof n.cluster_state_version, 'number');
});

test('sys.shards: one row per shard, all rows in shard 0, partitions get their ident', async () => {
  const rows = await rowsOf(f.ctx, 'sys', 'shards');
  const t1 = rows.filter((r) => r.table_name === 't1');
  assert.deepEqual(t1.map((r) => [r.id, r.num_docs, r.partition_ident]), [[0, 3, ''], [1, 0, ''], [2, 0, ''], [3, 0, '']]);
  assert.ok(t1.every((r) => r.primary === true && r.state === 'STARTED' && r.routing_state === 'STARTED'));
  assert.equal(new Set(t1.map((r) => r.partition_uuid)).size, 1);
  assert.match(t1[0]!.partition_uuid as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(t1[0]!.node, { id: f.ctx.node.nodeId, name: 'Piz Bernina' });
  assert.deepEqual(t1[0]!.seq_no_stats, { max_seq_no: 2, local_checkpoint: 2, global_checkpoint: 2 });
  assert.equal((t1[0]!.recovery as Rec).stage, 'DONE');

  const parted = rows.filter((r) => r.table_name === 'parted');
  assert.equal(parted.length, 4); // 2 partitions × 2 shards
  assert.equal(parted.reduce((s, r) => s + (r.num_docs as number), 0), 5);
  assert.deepEqual(parted.filter((r) => r.partition_ident === '04732cpp6osj2d9i60o30c1g').map((r) => [r.id, r.num_docs]), [[0, 3], [1, 0]]);
  assert.equal(rows.filter((r) => r.table_name === 'v1').length, 0);
  assert.equal(rows.filter((r) => r.table_name === 'events').length, 1);
});

test('sys.health and sys.cluster_health: replicas that cannot be placed make a table YELLOW', async () => {
  const rows = await rowsOf(f.ctx, 'sys', 'health');
  assert.deepEqual(find(rows, 't1'), {
    table_schema: 'doc', table_name: 't1', partition_ident: null, health: 'GREEN', severity: 1,
    missing_shards: 0, underreplicated_shards: 0,
  });
  const parted = rows.filter((r) => r.table_name === 'parted');
  assert.equal(parted.length, 2);
  assert.ok(parted.every((r) => r.health === 'YELLOW' && r.severity === 2 && r.underreplicated_shards === 2));
  const [ch] = await rowsOf(f.ctx, 'sys', 'cluster_health');
  assert.deepEqual(ch, {
    description: '', health: 'YELLOW', missing_shards: 0, pending_tasks: 0, severity: 2, underreplicated_shards: 4,
  });
});

function find(rows: Rec[], table: string): Rec | undefined {
  return rows.find((r) => r.table_name === table);
}

test('sys.cluster_health is GREEN when no table lacks replicas', async () => {
  // without statistics the partitioned table (the YELLOW one) has no partitions
  const [ch] = await rowsOf({ ...f.ctx, stats: new Map() }, 'sys', 'cluster_health');
  assert.equal(ch!.health, 'GREEN');
  assert.equal(ch!.severity, 1);
});

test('sys.checks and sys.node_checks', async () => {
  const checks = await rowsOf(f.ctx, 'sys', 'checks');
  assert.deepEqual(checks.map((c) => [c.id, c.severity, c.passed]), [[2, 2, true], [3, 1, true]]);
  assert.match(checks[0]!.description as string, /not be greater than 1000.*https:\/\/cr8\.is\/d-cluster-check-2$/);
  const nodeChecks = await rowsOf(f.ctx, 'sys', 'node_checks');
  assert.deepEqual(nodeChecks.map((c) => c.id), [1, 2, 3, 5, 6, 7, 8]);
  assert.ok(nodeChecks.every((c) => c.node_id === f.ctx.node.nodeId && c.acknowledged === false));
  assert.deepEqual(nodeChecks.map((c) => c.severity), [2, 2, 2, 3, 3, 3, 2]);
  assert.equal(nodeChecks.find((c) => c.id === 8)!.passed, true);
  assert.ok(acknowledgeNodeCheck(1, true));
  assert.equal((await rowsOf(f.ctx, 'sys', 'node_checks')).find((c) => c.id === 1)!.acknowledged, true);
  acknowledgeNodeCheck(1, false);
});

test('sys.users, roles, privileges', async () => {
  assert.deepEqual(await rowsOf(f.ctx, 'sys', 'users'), [{
    granted_roles: [], jwt: null, name: 'crate', password: null, session_settings: {}, superuser: true,
  }]);
  assert.deepEqual(columnNames('sys', 'privileges'), ['class', 'grantee', 'grantor', 'ident', 'state', 'type']);
  assert.equal((await rowsOf(f.ctx, 'sys', 'roles')).length, 0);
});

test('sys.jobs, jobs_log and sessions show what the session layer passes', async () => {
  assert.deepEqual(columnNames('sys', 'jobs'), ['id', 'node', 'session_id', 'started', 'stmt', 'username']);
  assert.deepEqual(columnNames('sys', 'jobs_log'),
    ['classification', 'ended', 'error', 'id', 'node', 'session_id', 'started', 'stmt', 'username']);
  assert.equal((await rowsOf(f.ctx, 'sys', 'jobs')).length, 0);
  const job = { id: 'j1', username: 'crate', stmt: 'SELECT 1', started: 10, sessionId: 7 };
  const ctx = {
    ...f.ctx,
    jobs: [job],
    jobsLog: [{ ...job, ended: 12, classification: { type: 'SELECT', labels: ['Collect'] } }],
    sessions: [{
      id: 7, authUser: 'crate', sessionUser: 'crate', clientAddress: '127.0.0.1', protocol: 'pg', ssl: false,
      timeCreated: 5, settings: { search_path: 'doc' }, lastStatement: 'SELECT 1', lastJobId: 'j1',
    }],
  } as SystemContext;
  const [j] = await rowsOf(ctx, 'sys', 'jobs');
  assert.deepEqual(j, { id: 'j1', node: { id: f.ctx.node.nodeId, name: 'Piz Bernina' }, session_id: 7, started: 10, stmt: 'SELECT 1', username: 'crate' });
  const [l] = await rowsOf(ctx, 'sys', 'jobs_log');
  assert.deepEqual(l!.classification, { type: 'SELECT', labels: ['Collect'] });
  assert.equal(l!.error, null);
  const [s] = await rowsOf(ctx, 'sys', 'sessions');
  assert.equal(s!.handler_node, 'Piz Bernina');
  assert.deepEqual(s!.settings, { search_path: 'doc' });
  assert.equal((await rowsOf(ctx, 'sys', 'operations'))[0]!.name, 'collect');
});

test('empty sys tables keep CrateDB column lists', () => {
  assert.deepEqual(columnNames('sys', 'summits'),
    ['classification', 'coordinates', 'country', 'first_ascent', 'height', 'mountain', 'prominence', 'range', 'region']);
  assert.deepEqual(columnNames('sys', 'allocations'), [
    'current_state', 'decisions', 'explanation', 'node_id', 'partition_ident', 'primary', 'shard_id', 'table_name', 'table_schema',
  ]);
  assert.equal(columnNames('sys', 'segments').length, 19);
  assert.equal(columnNames('sys', 'snapshots').length, 15);
  assert.deepEqual(columnNames('sys', 'repositories'), ['name', 'settings', 'type']);
});
