/**
 * The shell's connection: CrateDB's HTTP endpoint, as crate-python (which crash uses) talks to
 * it, so the shell works against cratelite and a real CrateDB alike.
 *
 *   connect:  GET /  on each host → node name and version (the servers that answer are usable)
 *   execute:  POST /_sql {"stmt": …}  → {cols, rows, rowcount, duration} | {"error": {message, code}}
 *
 * One keep-alive socket per client: CrateDB keeps one session per HTTP connection, so `SET`
 * stays in effect between statements, as it does in crash. Responses are parsed with py-json.ts
 * so numbers print the way crash prints them.
 */
import http from 'node:http';
import https from 'node:https';
import { parsePyJson, PyDict, type PyValue } from './py-json.js';

export interface ClientOptions {
  username?: string;
  password?: string;
  /** `Default-Schema` header (crash --schema) */
  schema?: string;
  /** ask for `error_trace` (crash -v) */
  errorTrace?: boolean;
  /** connect timeout in ms */
  connectTimeoutMs?: number;
}

export interface ServerInfo {
  url: string;
  nodeName: string | null;
  version: string;
  connected: boolean;
  message: string;
}

export interface SqlResult {
  cols: string[];
  rows: PyValue[][];
  rowcount: PyValue;
  duration: PyValue;
}

/** An error answer of the server: its message is what crash prints (`RelationUnknown[…]`). */
export class SqlError extends Error {
  constructor(message: string, readonly code: number | undefined, readonly errorTrace: string | undefined) {
    super(message);
  }
}

/** No server could be reached. */
export class ConnectError extends Error {}

/** crash `host_and_port` + crate-python's scheme default: `:` → localhost:4200, `h` → h:4200. */
export function normalizeHost(host: string): string {
  let h = host.trim();
  const scheme = /^https?:\/\//i.exec(h)?.[0] ?? 'http://';
  h = h.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (h === ':' || h === '') h = 'localhost:4200';
  else if (h.startsWith(':')) h = `localhost${h}`;
  else if (!/:\d+$/.test(h) && !/^\[.*\]:\d+$/.test(h)) h = `${h}:4200`;
  return `${scheme.toLowerCase()}${h}`;
}

interface RawResponse { status: number; statusText: string; contentType: string; body: string }

export class SqlClient {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 1 }),
  };
  private active: string[] = [];
  private current: http.ClientRequest | undefined;

  constructor(readonly hosts: readonly string[], readonly options: ClientOptions = {}) {}

  /** The servers that answered GET / (crash's `\connect` table rows). */
  async connect(): Promise<ServerInfo[]> {
    const infos = await Promise.all(this.hosts.map(async (url): Promise<ServerInfo> => {
      try {
        const res = await this.request('GET', url, '/', undefined);
        if (res.status >= 400 && res.status !== 503) throw new Error(`${res.status} ${res.statusText}`);
        const doc = parsePyJson(res.body);
        const get = (d: PyValue, k: string): PyValue => (d instanceof PyDict ? d.entries.get(k) ?? null : null);
        const name = get(doc, 'name');
        const version = get(get(doc, 'version'), 'number');
        return { url, nodeName: typeof name === 'string' ? name : null, version: typeof version === 'string' ? version : '0.0.0', connected: true, message: 'OK' };
      } catch (e) {
        return { url, nodeName: null, version: '0.0.0', connected: false, message: 'Server not available, exception: ' + (e as Error).message };
      }
    }));
    this.active = infos.filter((i) => i.connected).map((i) => i.url);
    return infos;
  }

  get isConnected(): boolean { return this.active.length > 0; }
  get activeServers(): readonly string[] { return this.active; }

  /** Runs one statement; throws SqlError for an error answer, ConnectError when no server answers. */
  async sql(stmt: string, args?: readonly unknown[]): Promise<SqlResult> {
    const body = JSON.stringify(args === undefined ? { stmt } : { stmt, args });
    const path = this.options.errorTrace ? '/_sql?error_trace=true' : '/_sql';
    let lastError: Error | undefined;
    for (const url of [...this.active]) {
      let res: RawResponse;
      try {
        res = await this.request('POST', url, path, body);
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        lastError = e as Error;
        // crate-python drops a server that refuses connections and tries the next one.
        if (this.active.length > 1) this.active = this.active.filter((u) => u !== url).concat(url);
        continue;
      }
      return toResult(res);
    }
    throw new ConnectError(`No more Servers available, exception from last server: ${lastError?.message ?? 'not connected'}`);
  }

  /** Interrupts the statement in flight (its socket is closed; the server cancels it). */
  abort(): void {
    this.current?.destroy(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private request(method: string, base: string, path: string, body: string | undefined): Promise<RawResponse> {
    const url = new URL(path, base);
    const isHttps = url.protocol === 'https:';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    if (this.options.schema) headers['default-schema'] = this.options.schema;
    if (this.options.username) {
      headers.authorization = `Basic ${Buffer.from(`${this.options.username}:${this.options.password ?? ''}`).toString('base64')}`;
    }
    return new Promise((resolve, reject) => {
      const req = (isHttps ? https : http).request(url, { method, headers, agent: isHttps ? this.agents.https : this.agents.http }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }));
        res.on('error', reject);
      });
      this.current = req;
      req.setTimeout(this.options.connectTimeoutMs ?? 5000, () => {
        // only the connect phase is timed (crash's default "5,-1": no read timeout)
        if (!req.socket || req.socket.connecting) req.destroy(new Error('connect timeout'));
      });
      // a reused keep-alive socket is connected already (and must not collect a listener per request)
      req.on('socket', (s) => {
        if (s.connecting) s.once('connect', () => req.setTimeout(0));
        else req.setTimeout(0);
      });
      req.on('error', reject);
      req.on('close', () => { if (this.current === req) this.current = undefined; });
      req.end(body);
    });
  }
}

/** crate-python `_raise_for_status` and the success body. */
function toResult(res: RawResponse): SqlResult {
  let doc: PyValue | undefined;
  if (res.contentType.startsWith('application/json') || res.body.startsWith('{')) {
    try { doc = parsePyJson(res.body); } catch { doc = undefined; }
  }
  if (res.status >= 400 || (doc instanceof PyDict && doc.entries.has('error'))) {
    if (doc instanceof PyDict) {
      const error = doc.entries.get('error') ?? null;
      const trace = doc.entries.get('error_trace');
      const traceText = typeof trace === 'string' ? trace : undefined;
      if (error instanceof PyDict) {
        const message = error.entries.get('message');
        const code = error.entries.get('code');
        throw new SqlError(typeof message === 'string' ? message : '', typeof code === 'bigint' ? Number(code) : undefined, traceText);
      }
      throw new SqlError(typeof error === 'string' ? error : String(error), undefined, traceText);
    }
    throw new SqlError(`${res.status} ${res.statusText}`.trim(), undefined, undefined);
  }
  if (!(doc instanceof PyDict)) throw new SqlError(`unexpected response: ${res.body.slice(0, 200)}`, undefined, undefined);
  const cols = doc.entries.get('cols');
  const rows = doc.entries.get('rows');
  return {
    cols: Array.isArray(cols) ? cols.map((c) => (typeof c === 'string' ? c : String(c))) : [],
    rows: Array.isArray(rows) ? rows.filter(Array.isArray) as PyValue[][] : [],
    rowcount: doc.entries.get('rowcount') ?? -1n,
    duration: doc.entries.get('duration') ?? -1n,
  };
}
