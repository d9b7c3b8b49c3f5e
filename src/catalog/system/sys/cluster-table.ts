/**
 * sys.cluster (system-tables.md §4.1): exactly one row — cluster id and name, the (local) master
 * node, the effective cluster settings, and `license` / `state` kept NULL for compatibility
 * (CrateDB reports `license` as always NULL; cratelite does not expose a cluster-state dump).
 */
import { extras } from '../context-extras.js';
import { C, defineSystemTable, obj } from '../define-table.js';
import { CLUSTER_SETTINGS_TYPE, clusterSettingsValue } from './cluster-settings.js';

export const clusterTable = defineSystemTable({
  schema: 'sys',
  name: 'cluster',
  columns: {
    id: C.text,
    name: C.text,
    master_node: C.text,
    state: C.text,
    license: obj({ expiry_date: C.ts, issued_to: C.text, max_nodes: C.int }),
    settings: CLUSTER_SETTINGS_TYPE,
  },
  rows: (ctx) => [{
    id: ctx.node.clusterId,
    name: ctx.node.clusterName,
    master_node: ctx.node.nodeId,
    state: null,
    license: null,
    settings: clusterSettingsValue(extras(ctx).clusterSettings),
  }],
});
