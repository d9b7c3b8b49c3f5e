/**
 * Low-level HTTP helpers for the HTTP protocol tests: exact control over method, headers, body
 * bytes, connection reuse (an Agent with one socket) and raw HTTP/1.0 exchanges.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names exactly as sent. */
  rawHeaderNames: string[];
  body: Buffer;
  text: string;
  /** Client port of the TCP connection the response came on (same port = same connection). */
  localPort: number;
  json(): any;
}

export interface RequestOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Reuse connections through this agent; default: a fresh connection per request. */
  agent?: Agent;
}

export function request(baseUrl: string, options: RequestOptions = {}): Promise<RawResponse> {
  const url = new URL(options.path ?? '/', baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: options.method ?? 'GET',
      // GET/DELETE bodies are not chunked by default in node: send the length explicitly.
      headers: options.body === undefined ? options.headers
        : { 'content-length': Buffer.byteLength(options.body), ...options.headers },
      agent: options.agent ?? false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaderNames: res.rawHeaders.filter((_, i) => i % 2 === 0),
          body,
          text,
          localPort: res.socket?.localPort ?? req.socket?.localPort ?? -1,
          json: () => JSON.parse(text),
        });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** POST /_sql with a raw body. */
export function postSql(baseUrl: string, body: string | Buffer, options: Omit<RequestOptions, 'body'> = {}): Promise<RawResponse> {
  return request(baseUrl, {
    method: 'POST',
    path: '/_sql',
    ...options,
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
  });
}

/** An agent that keeps exactly one connection open, so consecutive requests share it. */
export function singleConnectionAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

/** Sends raw bytes on a new TCP connection and returns everything until the server closes it (or the timeout). */
export function rawExchange(baseUrl: string, payload: string, timeoutMs = 3000): Promise<{ text: string; closedByServer: boolean }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let text = '';
    const timer = setTimeout(() => { socket.destroy(); resolve({ text, closedByServer: false }); }, timeoutMs);
    socket.on('data', (d) => { text += d.toString('utf8'); });
    socket.on('end', () => { clearTimeout(timer); socket.destroy(); resolve({ text, closedByServer: true }); });
    socket.on('error', (e) => { clearTimeout(timer); reject(e); });
    socket.write(payload);
  });
}
