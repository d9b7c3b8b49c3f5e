/**
 * The PostgreSQL wire protocol listener (pgwire.md §1): accepts TCP connections on `psql.port`,
 * one PgConnection (and, after start-up, one Session) per socket; finds sessions for
 * CancelRequests by process id + secret key; enforces a connection limit; stops gracefully.
 *
 *   listen(host, port) ─► connection ─► over the limit? FATAL 53300 `too many clients already`
 *                                   └─► PgConnection (pg-connection.ts)
 *   CancelRequest(pid, secret) ─► registry ─► PgConnection.cancel()  (wrong secret: ignored)
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Database } from '../../session/database.js';
import { fatal } from './error-response.js';
import { PgConnection, type ConnectionRegistry } from './pg-connection.js';

export interface PgServerOptions {
  host: string;
  port: number;
  db: Database;
  /** open connections allowed at once (default 1000) */
  maxConnections?: number;
  /** errors that escaped a connection (they never take the server down) */
  onError?: (e: unknown) => void;
}

export const DEFAULT_MAX_CONNECTIONS = 1000;

export class PgServer implements ConnectionRegistry {
  private readonly connections = new Set<PgConnection>();
  private readonly byProcessId = new Map<number, PgConnection>();
  readonly db: Database;

  private constructor(private readonly server: Server, private readonly options: PgServerOptions) {
    this.db = options.db;
  }

  static async start(options: PgServerOptions): Promise<PgServer> {
    const server = createServer({ noDelay: true });
    const pg = new PgServer(server, options);
    server.on('connection', (socket) => pg.onConnection(socket));
    server.on('error', (e) => options.onError?.(e));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return pg;
  }

  get address(): AddressInfo { return this.server.address() as AddressInfo; }

  get openConnections(): number { return this.connections.size; }

  private onConnection(socket: Socket): void {
    try {
      const conn = new PgConnection(socket, this);
      if (this.connections.size >= (this.options.maxConnections ?? DEFAULT_MAX_CONNECTIONS)) {
        conn.reject(fatal('sorry, too many clients already', '53300'));
        return;
      }
      this.connections.add(conn);
    } catch (e) {
      this.options.onError?.(e);
      socket.destroy();
    }
  }

  register(conn: PgConnection): void { this.byProcessId.set(conn.processId, conn); }

  forget(conn: PgConnection): void {
    this.connections.delete(conn);
    if (this.byProcessId.get(conn.processId) === conn) this.byProcessId.delete(conn.processId);
  }

  cancel(processId: number, secretKey: number): void {
    const conn = this.byProcessId.get(processId);
    if (conn && conn.secretKey === secretKey) conn.cancel();
  }

  /** Stop accepting, close every connection (running statements are interrupted), wait for them. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const open = [...this.connections];
    for (const c of open) c.close();
    await Promise.all(open.map((c) => c.finished));
    await closed;
  }
}
