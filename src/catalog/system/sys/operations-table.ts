/**
 * sys.operations and sys.operations_log (system-tables.md §4.11). cratelite runs a statement as
 * one DuckDB query, so it reports one pseudo operation (`collect`) per running job; finished
 * operations are not logged yet, so operations_log is empty.
 */
import { extras } from '../context-extras.js';
import { C, defineSystemTable, emptySystemTable, obj } from '../define-table.js';
import { stableUuid } from './shards-table.js';

export const operationsTable = defineSystemTable({
  schema: 'sys',
  name: 'operations',
  columns: {
    id: C.text,
    job_id: C.text,
    name: C.text,
    started: C.ts,
    used_bytes: C.bigint,
    node: obj({ id: C.text, name: C.text }),
  },
  rows: (ctx) => (extras(ctx).jobs ?? []).map((j) => ({
    // CrateDB operation ids are small integers per job; derive a stable one from the job id
    id: String(Number.parseInt(stableUuid(j.id).slice(0, 7), 16)),
    job_id: j.id,
    name: 'collect',
    started: j.started,
    used_bytes: 0,
    node: { id: ctx.node.nodeId, name: ctx.node.nodeName },
  })),
});

export const operationsLogTable = emptySystemTable('sys', 'operations_log', {
  id: C.text,
  job_id: C.text,
  name: C.text,
  started: C.ts,
  ended: C.ts,
  used_bytes: C.bigint,
  error: C.text,
});
