/**
 * A keep-alive HTTP client for cratelite's `POST /_sql`, on node:http. Measured on the
 * development machine, `fetch` (undici) costs 1.5–3× more per small request than node:http,
 * which would be charged to the server; so the benchmark uses this one.
 */
import http from 'node:http';

export interface SqlBody { rows?: unknown[][]; rowcount?: number; results?: { rowcount: number }[]; error?: { message: string; code: number } }

export class HttpSql {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(httpUrl: string, maxSockets = 4) {
    this.url = new URL(`${httpUrl}/_sql`);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** POST a JSON body text; resolves with the status and the parsed answer. */
  post(body: string): Promise<{ status: number; body: SqlBody }> {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: this.url.hostname, port: this.url.port, path: this.url.pathname, method: 'POST', agent: this.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as SqlBody });
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Run one statement; throws CrateDB's error message. */
  async sql(stmt: string, args?: unknown[]): Promise<SqlBody & { rows: unknown[][] }> {
    const { body } = await this.post(JSON.stringify(args ? { stmt, args } : { stmt }));
    if (body.error) throw new Error(body.error.message);
    return { ...body, rows: body.rows ?? [] };
  }

  close(): void { this.agent.destroy(); }
}
