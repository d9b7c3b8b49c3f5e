/**
 * Operations endpoints on the HTTP port (not part of CrateDB's API):
 *
 *   GET /_health   200 {"status":"ok"} while the process serves HTTP (liveness)
 *   GET /_ready    200 {"ready":true,"state":"ready"}; 503 with "starting" or "stopping" (readiness)
 *   GET /metrics   Prometheus text format 0.0.4
 *
 * The node (src/server/node.ts) supplies the state and the metrics text.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface OpsEndpoints {
  state(): 'starting' | 'ready' | 'stopping';
  metrics(): Promise<string>;
}

const PATHS = new Set(['/_health', '/_ready', '/metrics']);

/** True when the request was an ops endpoint (and has been answered). */
export function handleOps(req: IncomingMessage, res: ServerResponse, ops: OpsEndpoints | undefined): boolean | Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0]!;
  if (ops === undefined || !PATHS.has(path)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', `${req.method} is not allowed for [${path}]`, { allow: 'GET, HEAD' });
    return true;
  }
  if (path === '/_health') {
    send(res, 200, 'application/json', '{"status":"ok"}', {}, req.method === 'HEAD');
    return true;
  }
  if (path === '/_ready') {
    const state = ops.state();
    send(res, state === 'ready' ? 200 : 503, 'application/json', JSON.stringify({ ready: state === 'ready', state }), {}, req.method === 'HEAD');
    return true;
  }
  return ops.metrics().then((text) => {
    send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', text, {}, req.method === 'HEAD');
    return true;
  });
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string>, headOnly = false): void {
  const buf = Buffer.from(body);
  res.writeHead(status, { 'content-type': type, 'content-length': buf.length, 'cache-control': 'no-store', ...headers });
  res.end(headOnly ? undefined : buf);
}
