/**
 * How the SLT runner talks to a server. One `Connection` = one client session, used for one
 * `.slt` file, so session state (`SET search_path …`) lasts exactly as long as the file.
 *
 * `HttpConnection` speaks CrateDB's `POST /_sql` (http.md §3) over a dedicated keep-alive
 * socket: CrateDB keeps one SQL session per TCP connection, so a fresh agent per file gives a
 * fresh session. A PostgreSQL implementation will follow; it must return values in the same
 * canonical shapes (see runner.ts, "PG adapter duties").
 */
import http from 'node:http';
import { JsonNumber, parseJsonPreservingNumbers, type SqlValue } from './values.js';
import type { Protocol } from './parser.js';

/** A result set (SELECT, SHOW, VALUES, … RETURNING) or a row count (DML, DDL, SET, …). */
export type QueryResult =
  | { readonly kind: 'rows'; readonly columns: readonly string[]; readonly rows: readonly (readonly SqlValue[])[] }
  | { readonly kind: 'count'; readonly rowCount: number };

/** A statement failed on the server. */
export class SqlError extends Error {
  constructor(
    /** HTTP: CrateDB error code (`4041`); PG: SQLSTATE */
    readonly code: string,
    /** HTTP: `Name[detail]` as CrateDB prints it; PG: the M field */
    message: string,
  ) {
    super(message);
  }
  /** The text error patterns are matched against: `<code> <message>`. */
  get text(): string { return `${this.code} ${this.message}`; }
}

export interface Connection {
  readonly protocol: Protocol;
  /** Run one statement. Rejects with {@link SqlError} when the server reports an error. */
  query(sql: string): Promise<QueryResult>;
  close(): Promise<void>;
}

export class HttpConnection implements Connection {
  readonly protocol = 'http' as const;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;

  constructor(baseUrl: string, private readonly timeoutMs = 30_000) {
    this.url = new URL('/_sql', baseUrl);
  }

  query(sql: string): Promise<QueryResult> {
    const body = JSON.stringify({ stmt: sql });
    return new Promise<QueryResult>((resolve, reject) => {
      const req = http.request(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: this.timeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve(decodeSqlResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no response within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

/** Turn a `/_sql` response body into a result, or throw its error as {@link SqlError}. */
export function decodeSqlResponse(status: number, text: string): QueryResult {
  let body: SqlValue;
  try {
    body = parseJsonPreservingNumbers(text);
  } catch {
    throw new SqlError(String(status), `non-JSON response (HTTP ${status}): ${text.slice(0, 500)}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof JsonNumber) {
    throw new SqlError(String(status), `unexpected response (HTTP ${status}): ${text.slice(0, 500)}`);
  }
  const obj = body as { [k: string]: SqlValue };
  const error = obj.error;
  if (error !== undefined) {
    const e = (error ?? {}) as { [k: string]: SqlValue };
    const code = e.code === undefined || e.code === null ? String(status) : String(e.code);
    const message = typeof e.message === 'string' ? e.message : JSON.stringify(error);
    throw new SqlError(code, message);
  }
  const cols = obj.cols;
  if (!Array.isArray(cols)) throw new SqlError(String(status), `response without cols: ${text.slice(0, 500)}`);
  if (cols.length === 0) {
    return { kind: 'count', rowCount: Number(String(obj.rowcount)) };
  }
  const rows = obj.rows;
  if (!Array.isArray(rows)) throw new SqlError(String(status), `response without rows: ${text.slice(0, 500)}`);
  return { kind: 'rows', columns: cols.map((c) => String(c)), rows: rows as SqlValue[][] };
}
