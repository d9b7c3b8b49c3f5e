/**
 * One cratelite database: the DuckDB engine, the CrateDB catalog kept beside it, and the node's
 * identity. Protocol servers create Sessions from it; it knows nothing about protocols.
 */
import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Engine } from '../engine/engine.js';
import { Catalog } from '../catalog/catalog.js';
import { registerBuiltinUdfs } from '../analyzer/functions/udf-registry.js';
import type { NodeInfo } from '../catalog/system/system-table.js';
import { Session, type SessionOptions } from './session.js';
import { CRATE_VERSION } from './version.js';
import { currentViewColumns } from '../analyzer/ddl/other-ddl.js';
import { JobsLog } from '../observability/jobs.js';
import type { SystemContextExtras } from '../catalog/system/context-extras.js';

export interface DatabaseOptions {
  /** data directory, or ':memory:' */
  dataPath: string;
  memoryLimit: string;
  /**
   * DuckDB `checkpoint_threshold`: how large the write-ahead log grows before a commit folds it
   * into the database file (default 256MB; DuckDB's own 16MB makes bulk loads checkpoint often).
   */
  checkpointThreshold?: string;
  nodeName: string;
  clusterName: string;
  /** longest statement accepted, in characters (CrateDB default 262144) */
  statementMaxLength?: number;
  /** session setting defaults from the node configuration, e.g. statement_timeout */
  sessionDefaults?: Readonly<Record<string, string>>;
}

export const DEFAULT_CHECKPOINT_THRESHOLD = '256MB';

function checkpointThreshold(options: DatabaseOptions): string {
  const value = options.checkpointThreshold ?? DEFAULT_CHECKPOINT_THRESHOLD;
  // settings.ts validated it; the check keeps the SET statement safe for embedders too
  if (!/^\d+(?:\.\d+)?\s*[a-z]*$/i.test(value)) throw new Error(`invalid checkpoint threshold [${value}]`);
  return value;
}

export class Database {
  private readonly sessions = new Set<Session>();
  private nextSessionId = 1;
  readonly startedAt = Date.now();

  /** listen URLs, filled in by the server once bound */
  urls: { http?: string; pg?: string } = {};
  readonly nodeId = randomUUID().replace(/-/g, '').slice(0, 22);

  private constructor(readonly engine: Engine, readonly catalog: Catalog, readonly options: DatabaseOptions, dbFile: string) {
    if (dbFile !== ':memory:') this.idleCheckpoints = new IdleCheckpoints(engine, `${dbFile}.wal`);
    catalog.viewColumns = (view) => currentViewColumns(view, catalog);
  }

  private readonly idleCheckpoints: IdleCheckpoints | undefined;

  static async open(options: DatabaseOptions, dbFile: string): Promise<Database> {
    const engine = await Engine.open({ path: dbFile, memoryLimit: options.memoryLimit, onConnect: registerBuiltinUdfs });
    const conn = await engine.connect();
    try {
      // a global setting: every connection's commits use it
      await conn.run(`SET GLOBAL checkpoint_threshold = '${checkpointThreshold(options)}'`);
      const catalog = await Catalog.load(conn);
      return new Database(engine, catalog, options, dbFile);
    } finally {
      conn.close();
    }
  }

  nodeInfo(): NodeInfo {
    return {
      nodeId: this.nodeId,
      nodeName: this.options.nodeName,
      clusterName: this.options.clusterName,
      clusterId: this.nodeId,
      hostname: hostname(),
      httpUrl: this.urls.http,
      pgUrl: this.urls.pg,
      startedAt: this.startedAt,
      dataPath: this.options.dataPath,
      version: CRATE_VERSION,
    };
  }

  async createSession(options: Partial<SessionOptions> = {}): Promise<Session> {
    const conn = await this.engine.connect();
    const session = new Session(this, conn, {
      user: options.user ?? 'crate',
      defaultSchema: options.defaultSchema ?? 'doc',
      id: this.nextSessionId++,
      protocol: options.protocol ?? 'http',
      clientAddress: options.clientAddress ?? null,
    });
    for (const [name, value] of Object.entries(this.options.sessionDefaults ?? {})) session.settings.setDefault(name, value);
    this.sessions.add(session);
    return session;
  }

  /** @internal called by Session.close() */
  forget(session: Session): void { this.sessions.delete(session); }

  get activeSessions(): number { return this.sessions.size; }

  /** Running and finished statements (sys.jobs, sys.jobs_log, KILL). */
  readonly jobs = new JobsLog();

  /** Node state for system tables beyond the catalog: sessions and jobs. */
  systemExtras(): SystemContextExtras {
    return {
      sessions: [...this.sessions].map((s) => s.record()),
      jobs: this.jobs.jobs(),
      jobsLog: this.jobs.log(),
      clusterStateVersion: this.catalog.version,
    };
  }

  /** Flush the WAL into the database file and release it. */
  async close(): Promise<void> {
    await this.idleCheckpoints?.stop();
    for (const s of [...this.sessions]) s.close();
    await checkpoint(this.engine);
    this.engine.close();
  }
}

/** WAL size from which an idle database checkpoints (DuckDB's own checkpoint_threshold default). */
export const IDLE_CHECKPOINT_MIN_WAL = 16 * 1024 * 1024;
const IDLE_POLL_MS = 1000;

/**
 * Checkpoints a write-ahead log left large by a bulk load once writes pause: the log has not
 * grown for two polls (1–2 s). With a large `checkpoint_threshold` the folding is deferred, not
 * saved; doing it while idle keeps restarts (log replay) and shutdowns short. A plain CHECKPOINT
 * fails while any transaction runs, so it never gets in a statement's way: the next poll tries
 * again.
 */
class IdleCheckpoints {
  private readonly timer: NodeJS.Timeout;
  private lastSize = -1;
  private running: Promise<void> | undefined;

  constructor(private readonly engine: Engine, private readonly walFile: string) {
    this.timer = setInterval(() => this.poll(), IDLE_POLL_MS);
    this.timer.unref();
  }

  private poll(): void {
    if (this.running) return;
    let size: number;
    try {
      size = statSync(this.walFile).size;
    } catch {
      size = 0; // checkpointed: no log file
    }
    const idle = size === this.lastSize;
    this.lastSize = size;
    if (!idle || size < IDLE_CHECKPOINT_MIN_WAL) return;
    this.running = checkpoint(this.engine).finally(() => { this.running = undefined; this.lastSize = -1; });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/**
 * A plain CHECKPOINT, if DuckDB takes it: it refuses while a transaction runs, and a read-only or
 * in-memory database has nothing to checkpoint.
 */
async function checkpoint(engine: Engine): Promise<void> {
  const conn = await engine.connect();
  try {
    await conn.run('CHECKPOINT');
  } catch {
    // see above: nothing to do, or the next attempt does it
  } finally {
    conn.close();
  }
}
