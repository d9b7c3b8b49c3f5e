/**
 * sys.sessions (system-tables.md §4.12): one row per open client session (PG connection or HTTP
 * session), taken from `SystemContextExtras.sessions` when the session layer passes them.
 * Settings are shown as text values, like CrateDB's dynamic `settings` object.
 */
import { extras } from '../context-extras.js';
import { C, defineSystemTable, dynamicObj } from '../define-table.js';

export const sessionsTable = defineSystemTable({
  schema: 'sys',
  name: 'sessions',
  columns: {
    id: C.int,
    session_user: C.text,
    auth_user: C.text,
    handler_node: C.text,
    client_address: C.text,
    protocol: C.text,
    ssl: C.bool,
    time_created: C.ts,
    settings: dynamicObj(),
    last_statement: C.text,
    last_job_id: C.text,
  },
  primaryKey: ['handler_node', 'id'],
  rows: (ctx) => (extras(ctx).sessions ?? []).map((s) => ({
    id: s.id,
    session_user: s.sessionUser,
    auth_user: s.authUser,
    handler_node: ctx.node.nodeName,
    client_address: s.clientAddress,
    protocol: s.protocol,
    ssl: s.ssl,
    time_created: s.timeCreated,
    settings: { ...s.settings },
    last_statement: s.lastStatement,
    last_job_id: s.lastJobId,
  })),
});
