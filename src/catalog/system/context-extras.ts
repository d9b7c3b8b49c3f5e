/**
 * Optional node state some system tables can show but `SystemContext` does not carry yet:
 * cluster settings changed by SET GLOBAL, open sessions, running and finished jobs. The session
 * layer may pass an object with these extra fields as the SystemContext; tables fall back to
 * defaults / empty lists when a field is absent.
 *
 * This is an interim seam: once the contract in system-table.ts grows these fields, the tables
 * read them from there and this file goes away.
 */
import type { SystemContext } from './system-table.js';

export interface SessionRecord {
  readonly id: number;
  readonly authUser: string;
  readonly sessionUser: string;
  readonly clientAddress: string | null;
  readonly protocol: 'pg' | 'http';
  readonly ssl: boolean;
  readonly timeCreated: number;
  readonly settings: Readonly<Record<string, string>>;
  readonly lastStatement: string | null;
  readonly lastJobId: string | null;
}

export interface JobRecord {
  readonly id: string;
  readonly username: string;
  readonly stmt: string;
  readonly started: number;
  readonly sessionId: number | null;
  /** finished jobs only */
  readonly ended?: number;
  readonly error?: string | null;
  readonly classification?: { readonly type: string; readonly labels: readonly string[] };
}

export interface SystemContextExtras {
  /** SET GLOBAL values by dotted name */
  readonly clusterSettings?: ReadonlyMap<string, unknown>;
  readonly sessions?: readonly SessionRecord[];
  readonly jobs?: readonly JobRecord[];
  readonly jobsLog?: readonly JobRecord[];
  /** catalog change counter for sys.nodes.cluster_state_version */
  readonly clusterStateVersion?: number;
  /** open / total connections per protocol */
  readonly connections?: { readonly http: { open: number; total: number }; readonly psql: { open: number; total: number } };
}

export const extras = (ctx: SystemContext): SystemContextExtras => ctx as SystemContext & SystemContextExtras;
