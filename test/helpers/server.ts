/**
 * Starts the real cratelite server (the built `dist/main.js`) on free loopback ports with its own
 * temporary data directory, and stops it again. Every protocol/slt test uses this.
 *
 * Contract with src/main.ts: when ready, the server prints one line on stdout containing its
 * listen URLs, `http://HOST:PORT` and `postgres://HOST:PORT`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const MAIN = resolve(import.meta.dirname, '../../dist/main.js');

export interface TestServer {
  httpUrl: string;
  pgPort: number;
  dataDir: string;
  process: ChildProcess;
  /** POST /_sql; returns status and parsed JSON body */
  sql(stmt: string, args?: unknown[], opts?: { query?: string; headers?: Record<string, string> }): Promise<SqlResponse>;
  /** POST /_sql; the result rows, failing the test on an error response */
  rows(stmt: string, args?: unknown[]): Promise<unknown[][]>;
  /** POST /_sql; the whole body (rows, rowcount …), failing the test unless the status is 200 */
  sqlOk(stmt: string, args?: unknown[]): Promise<any>;
  /** SIGTERM and wait for exit (keeps the data dir) */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit (keeps the data dir) */
  kill(): Promise<void>;
  /** stop and remove the data dir */
  close(): Promise<void>;
  /** everything the server wrote to stderr so far (logs) */
  stderr(): string;
}

export interface SqlResponse { status: number; body: any }

export interface StartOptions {
  dataDir?: string;
  args?: string[];
  env?: Record<string, string>;
  /** working directory of the server process (where it looks for cratelite.yml) */
  cwd?: string;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cratelite-test-'));
  const child = spawn(process.execPath, [MAIN, '--host', '127.0.0.1', '--http-port', '0', '--pg-port', '0',
    '--data', dataDir, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  const ready = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s\n${out}\n${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (/http:\/\/\S+/.test(out)) { clearTimeout(timer); resolveReady(out); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}\n${out}\n${err}`)); });
  });
  child.stdout!.resume();
  const httpUrl = /http:\/\/[^\s,)]+/.exec(ready)![0].replace(/\/$/, '');
  const pgMatch = /postgres(?:ql)?:\/\/[^:\s]+:(\d+)/.exec(ready);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const server: TestServer = {
    httpUrl,
    pgPort: pgMatch ? Number(pgMatch[1]) : 0,
    dataDir,
    process: child,
    async sql(stmt, args, opts = {}) {
      const body: Record<string, unknown> = { stmt };
      if (args) body.args = args;
      const res = await fetch(`${httpUrl}/_sql${opts.query ?? ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...opts.headers },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* keep text */ }
      return { status: res.status, body: parsed };
    },
    async rows(stmt, args) {
      const { body } = await server.sql(stmt, args);
      if (body?.error !== undefined || !Array.isArray(body?.rows)) throw new Error(`${stmt}: ${JSON.stringify(body)}`);
      return body.rows as unknown[][];
    },
    async sqlOk(stmt, args) {
      const r = await server.sql(stmt, args);
      if (r.status !== 200) throw new Error(`${stmt}: ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      await server.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    stderr: () => err,
  };
  return server;
}

/**
 * Run `fn` against `server`; return the log lines (stderr) it caused that contain one of
 * `needles`. A log line is written before the statement answers, so the pipe gets a moment.
 */
export async function logLinesDuring(server: TestServer, fn: () => Promise<void>, ...needles: string[]): Promise<string[]> {
  const from = server.stderr().length;
  await fn();
  await new Promise((r) => setTimeout(r, 100));
  return server.stderr().slice(from).split('\n').filter((l) => needles.some((n) => l.includes(n)));
}
