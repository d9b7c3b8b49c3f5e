/**
 * sys.nodes (system-tables.md §4.2): exactly one row describing the local node — identity, ports,
 * version, and load / memory / heap / process / filesystem probes (node-stats.ts). Heap values are
 * V8's, the `os_info['jvm']` object describes the Node.js runtime.
 */
import { extras } from '../context-extras.js';
import { C, defineSystemTable, dynamicObj, obj, objArray } from '../define-table.js';
import type { NodeInfo } from '../system-table.js';
import { fsStats, heapStats, loadStats, memStats, osInfo, osStats, processStats } from './node-stats.js';

const portOf = (url: string | undefined): number | null => {
  if (!url) return null;
  const m = /:(\d+)\/?$/.exec(url);
  return m ? Number(m[1]) : null;
};

/** `host:port` of the HTTP endpoint, without a scheme, like CrateDB's rest_url. */
const restUrl = (node: NodeInfo): string | null => node.httpUrl?.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '') ?? null;

/** Wire-compatibility floors CrateDB reports (org.elasticsearch.Version): 6.x talks to ≥ 5.10.1. */
function versionInfo(version: string): Record<string, unknown> {
  const major = Number.parseInt(version, 10) || 6;
  return {
    number: version,
    build_hash: 'cratelite',
    build_snapshot: false,
    minimum_index_compatibility_version: `${major - 1}.0.0`,
    minimum_wire_compatibility_version: major === 6 ? '5.10.1' : `${major - 1}.0.0`,
  };
}

const COUNTER = obj({ open: C.bigint, total: C.bigint });

export const nodesTable = defineSystemTable({
  schema: 'sys',
  name: 'nodes',
  columns: {
    id: C.text,
    name: C.text,
    hostname: C.text,
    rest_url: C.text,
    is_master: C.bool,
    roles: C.textArray,
    attributes: dynamicObj(),
    port: obj({ http: C.int, transport: C.int, psql: C.int }),
    load: obj({ '1': C.double, '5': C.double, '15': C.double, probe_timestamp: C.ts }),
    mem: obj({ free: C.bigint, used: C.bigint, free_percent: C.smallint, used_percent: C.smallint, probe_timestamp: C.ts }),
    heap: obj({ free: C.bigint, used: C.bigint, max: C.bigint, probe_timestamp: C.ts }),
    version: obj({
      number: C.text, build_hash: C.text, build_snapshot: C.bool,
      minimum_index_compatibility_version: C.text, minimum_wire_compatibility_version: C.text,
    }),
    cluster_state_version: C.bigint,
    thread_pools: objArray({
      name: C.text, active: C.int, rejected: C.bigint, largest: C.int, completed: C.bigint, threads: C.int, queue: C.int,
    }),
    connections: obj({ http: COUNTER, psql: COUNTER, transport: COUNTER }),
    os: obj({
      uptime: C.bigint,
      timestamp: C.ts,
      probe_timestamp: C.ts,
      cpu: obj({ used: C.smallint, system: C.smallint, user: C.smallint }),
      cgroup: obj({
        cpuacct: obj({ control_group: C.text, usage_nanos: C.bigint }),
        cpu: obj({
          control_group: C.text, cfs_period_micros: C.bigint, cfs_quota_micros: C.bigint,
          num_elapsed_periods: C.bigint, num_times_throttled: C.bigint, time_throttled_nanos: C.bigint,
        }),
        mem: obj({ control_group: C.text, limit_bytes: C.text, usage_bytes: C.text }),
      }),
    }),
    os_info: obj({
      available_processors: C.int, name: C.text, arch: C.text, version: C.text,
      jvm: obj({ version: C.text, vm_name: C.text, vm_vendor: C.text, vm_version: C.text }),
    }),
    process: obj({
      open_file_descriptors: C.bigint, max_open_file_descriptors: C.bigint, probe_timestamp: C.ts,
      cpu: obj({ percent: C.smallint }),
    }),
    fs: obj({
      total: obj({
        size: C.bigint, used: C.bigint, available: C.bigint, reads: C.bigint, bytes_read: C.bigint,
        writes: C.bigint, bytes_written: C.bigint,
      }),
      disks: objArray({ dev: C.text, size: C.bigint, used: C.bigint, available: C.bigint }),
      data: objArray({ dev: C.text, path: C.text }),
    }),
  },
  primaryKey: ['id'],
  rows: (ctx) => {
    const now = Date.now();
    const node = ctx.node;
    const x = extras(ctx);
    const conns = x.connections ?? { http: { open: 0, total: 0 }, psql: { open: 0, total: 0 } };
    return [{
      id: node.nodeId,
      name: node.nodeName,
      hostname: node.hostname,
      rest_url: restUrl(node),
      is_master: true,
      roles: ['data', 'master_eligible'],
      attributes: {},
      // no transport layer: a single node talks to nobody
      port: { http: portOf(node.httpUrl), transport: null, psql: portOf(node.pgUrl) },
      load: loadStats(now),
      mem: memStats(now),
      heap: heapStats(now),
      version: versionInfo(node.version),
      cluster_state_version: x.clusterStateVersion ?? ctx.catalog.version,
      thread_pools: [],
      connections: { ...conns, transport: { open: 0, total: 0 } },
      os: osStats(now),
      os_info: osInfo(),
      process: processStats(now),
      fs: fsStats(node.dataPath),
    }];
  },
});
