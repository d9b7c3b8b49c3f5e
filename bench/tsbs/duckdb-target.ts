/**
 * The parent's handle on a raw-DuckDB worker process (duckdb-worker.ts): fork it (TypeScript
 * through tsx, like the benchmark itself), send requests, read its peak RSS, stop it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { vmHwmBytes } from '../shared/proc.js';
import type { DatasetParams } from './dataset.js';
import type { DuckLoadMethod, Layout } from './duckdb-worker.js';
import type { PassSample, PointResults } from './measure.js';

export class DuckDbWorker {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.result);
    });
    child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`DuckDB worker exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  static start(): DuckDbWorker {
    const child = fork(resolve(import.meta.dirname, 'duckdb-worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new DuckDbWorker(child);
  }

  get pid(): number { return this.child.pid!; }

  private request<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((res, rej) => {
      this.pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
      this.child.send({ id, cmd, ...args });
    });
  }

  open(path: string, dataset: DatasetParams): Promise<void> { return this.request('open', { path, dataset }); }
  load(layout: Layout, method: DuckLoadMethod, rows: number, jsonFile: string):
    Promise<{ rows: number; ms: number; count: number }> {
    return this.request('load', { layout, method, rows, jsonFile });
  }
  checkpoint(): Promise<number> { return this.request('checkpoint'); }
  pass(sqls: readonly string[], skip: readonly boolean[]): Promise<PassSample[]> {
    return this.request('pass', { sqls, skip });
  }
  point(n: number): Promise<PointResults> { return this.request('point', { n }); }
  version(): Promise<string> { return this.request('version'); }
  peakRssBytes(): number { return vmHwmBytes(this.pid); }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    try { await this.request('close'); } catch { /* already gone */ }
    this.child.disconnect();
    await exited;
  }
}
