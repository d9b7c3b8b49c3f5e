/**
 * sys.jobs, sys.jobs_log and sys.jobs_metrics (system-tables.md §4.8–§4.10): running and finished
 * statements, and per-classification metrics. The rows come from the jobs log kept by the session
 * layer (`SystemContextExtras.jobs` / `jobsLog`); without it the tables are empty. jobs_metrics is
 * empty until the metrics are collected.
 *
 * Visibility (sys.jobs/jobs_log): the superuser `crate` sees every job; other users only their own.
 */
import { extras, type JobRecord } from '../context-extras.js';
import { C, defineSystemTable, emptySystemTable, obj } from '../define-table.js';
import type { SystemContext } from '../system-table.js';

const NODE = obj({ id: C.text, name: C.text });
const CLASSIFICATION = obj({ type: C.text, labels: C.textArray });

const visible = (ctx: SystemContext, jobs: readonly JobRecord[] | undefined): readonly JobRecord[] =>
  (jobs ?? []).filter((j) => ctx.session.user === 'crate' || j.username === ctx.session.user);

export const jobsTable = defineSystemTable({
  schema: 'sys',
  name: 'jobs',
  columns: { id: C.text, username: C.text, node: NODE, stmt: C.text, started: C.ts, session_id: C.int },
  primaryKey: ['id'],
  rows: (ctx) => visible(ctx, extras(ctx).jobs).map((j) => ({
    id: j.id,
    username: j.username,
    node: { id: ctx.node.nodeId, name: ctx.node.nodeName },
    stmt: j.stmt,
    started: j.started,
    session_id: j.sessionId,
  })),
});

export const jobsLogTable = defineSystemTable({
  schema: 'sys',
  name: 'jobs_log',
  columns: {
    id: C.text,
    username: C.text,
    stmt: C.text,
    started: C.ts,
    ended: C.ts,
    error: C.text,
    classification: CLASSIFICATION,
    node: NODE,
    session_id: C.int,
  },
  primaryKey: ['id'],
  rows: (ctx) => visible(ctx, extras(ctx).jobsLog).map((j) => ({
    id: j.id,
    username: j.username,
    stmt: j.stmt,
    started: j.started,
    ended: j.ended ?? null,
    error: j.error ?? null,
    classification: { type: j.classification?.type ?? 'UNDEFINED', labels: [...(j.classification?.labels ?? [])] },
    node: { id: ctx.node.nodeId, name: ctx.node.nodeName },
    session_id: j.sessionId,
  })),
});

export const jobsMetricsTable = emptySystemTable('sys', 'jobs_metrics', {
  total_count: C.bigint,
  total_affected_row_count: C.bigint,
  sum_of_durations: C.bigint,
  failed_count: C.bigint,
  mean: C.double,
  stdev: C.double,
  max: C.bigint,
  min: C.bigint,
  percentiles: obj({ '25': C.bigint, '50': C.bigint, '75': C.bigint, '90': C.bigint, '95': C.bigint, '99': C.bigint }),
  node: NODE,
  classification: CLASSIFICATION,
});
