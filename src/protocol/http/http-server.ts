/**
 * The HTTP listener: routes `/_sql*` to the SQL handler and everything else to the main handler
 * (http.md §2), keeps one Session per TCP connection (§1.1), and stops gracefully.
 *
 * Session per connection, as CrateDB does it: the first `/_sql` request on a connection creates
 * the session (reading `Default-Schema` then); `SET` statements stay in effect for later requests
 * on the same keep-alive connection; when the socket closes, a running statement is cancelled and
 * the session closed. Idle keep-alive connections are not timed out, because that would silently
 * drop session state (CrateDB has no idle timeout either).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Database } from '../../session/database.js';
import type { Session } from '../../session/session.js';
import { handleMain, type NodeInfo } from './main-handler.js';
import { handleOps, type OpsEndpoints } from './ops-handler.js';
import { handleSql, type SqlConnection, type SqlOptions } from './sql-handler.js';

export interface HttpServerOptions extends NodeInfo, SqlOptions {
  host: string;
  port: number;
  db: Database;
  /** Called with errors that escaped a request handler (they never crash the process). */
  onError?: (e: unknown) => void;
  /** /_health, /_ready, /metrics (ops-handler.ts); absent = not served */
  ops?: OpsEndpoints;
}

/** Per-TCP-connection state. */
class Connection implements SqlConnection {
  private sessionPromise: Promise<Session> | undefined;
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly db: Database) {}

  session(req: IncomingMessage): Promise<Session> {
    if (this.sessionPromise === undefined) {
      const header = req.headers['default-schema'];
      const schema = Array.isArray(header) ? header[0] : header;
      const created = this.db.createSession(schema ? { defaultSchema: schema } : {});
      // A failed creation is not remembered: the next request on this connection tries again.
      created.catch(() => { if (this.sessionPromise === created) this.sessionPromise = undefined; });
      this.sessionPromise = created;
    }
    return this.sessionPromise;
  }

  track(task: Promise<void>): void {
    this.inflight.add(task);
    void task.finally(() => this.inflight.delete(task));
  }

  /** Cancel what runs, wait for it, then close the session. */
  async close(): Promise<void> {
    const pending = this.sessionPromise;
    if (pending === undefined) return;
    const session = await pending.catch(() => undefined);
    if (session === undefined) return;
    if (this.inflight.size > 0) session.cancel();
    await Promise.allSettled([...this.inflight]);
    session.close();
  }
}

export class HttpServer {
  private readonly connections = new Map<Socket, Connection>();
  private readonly closing = new Set<Promise<void>>();
  private stopping = false;

  private constructor(private readonly server: Server, private readonly options: HttpServerOptions) {}

  static async start(options: HttpServerOptions): Promise<HttpServer> {
    // requestTimeout 0: a 100 MB upload on a slow link must not be cut off (CrateDB has no read timeout).
    const server = createServer({ requestTimeout: 0 });
    server.keepAliveTimeout = 0;
    const http = new HttpServer(server, options);
    server.on('connection', (socket) => http.onConnection(socket));
    server.on('request', (req, res) => http.onRequest(req, res));
    server.on('clientError', (err, socket) => http.onClientError(err, socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return http;
  }

  /** The actually bound address (port 0 resolves to the OS-chosen port). */
  get address(): { host: string; port: number } {
    const a = this.server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  private onConnection(socket: Socket): void {
    const conn = new Connection(this.options.db);
    this.connections.set(socket, conn);
    socket.on('close', () => {
      this.connections.delete(socket);
      const done = conn.close().catch((e) => this.options.onError?.(e));
      this.closing.add(done);
      void done.finally(() => this.closing.delete(done));
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    res.sendDate = false;
    if (this.stopping) res.setHeader('connection', 'close');
    const conn = this.connections.get(req.socket);
    const url = req.url ?? '/';
    const task = (async () => {
      if (url.startsWith('/_sql') && conn !== undefined) {
        await handleSql(req, res, conn, this.options);
      } else if (!(await handleOps(req, res, this.options.ops))) {
        handleMain(req, res, this.options);
      }
    })().catch((e) => this.onHandlerError(e, res));
    conn?.track(task);
  }

  /** An unexpected exception: 500 with the message as plain text, then close (http.md §2). */
  private onHandlerError(e: unknown, res: ServerResponse): void {
    this.options.onError?.(e);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const body = Buffer.from(e instanceof Error ? e.message : String(e));
    res.writeHead(500, { 'content-length': body.length, connection: 'close' });
    res.end(body);
  }

  private onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`);
  }

  /**
   * Stop accepting connections, let running requests finish (their responses say
   * `connection: close`), close idle keep-alive connections, and wait until every session is
   * closed. Connections still busy after `graceMs` are cut.
   */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Requests that began before the stop answer without `connection: close`; their sockets
    // turn idle afterwards and are picked up by the next sweep.
    this.server.closeIdleConnections();
    const sweep = setInterval(() => this.server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
    await Promise.race([closed, timedOut]);
    clearTimeout(timer);
    clearInterval(sweep);
    this.server.closeAllConnections();
    await closed;
    await Promise.allSettled([...this.closing]);
  }
}
