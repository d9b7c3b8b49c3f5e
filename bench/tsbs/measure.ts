/**
 * Timing loops shared by every target, so that all of them are measured the same way:
 *   runPass      §5: one pass over all query instances on one connection; latency from sending
 *                to the last decoded row, row count per instance (recordPass collects the passes:
 *                the first is the untimed warm-up; an instance that fails is not run again)
 *   pointTests   §5: SELECT 1 round trips/s, PK lookups/s and p50 on 1 connection and on 4
 * and the statistics over them (median, p95, geometric mean).
 */
import type { QueryInstance } from './queries.js';

export interface InstanceResult {
  type: string;
  index: number;
  rows: number | null;
  error?: string;
  /** latencies of the timed passes, ms */
  samples: number[];
}

/** Executes one statement and returns the number of rows received (fully decoded). */
export type Exec = (sql: string) => Promise<number>;

/** One execution of one instance in a pass. */
export interface PassSample { ms: number; rows: number | null; error?: string }

/**
 * One pass over all instances, in order, on one connection; `skip[i]` leaves out instances that
 * failed before. Latency runs from sending the statement to the last decoded row.
 */
export async function runPass(sqls: readonly string[], exec: Exec, skip: readonly boolean[]): Promise<PassSample[]> {
  const out: PassSample[] = [];
  for (let i = 0; i < sqls.length; i++) {
    if (skip[i]) { out.push({ ms: NaN, rows: null }); continue; }
    const t0 = performance.now();
    try {
      const rows = await exec(sqls[i]!);
      out.push({ ms: performance.now() - t0, rows });
    } catch (e) {
      out.push({ ms: NaN, rows: null, error: (e as Error).message });
    }
  }
  return out;
}

export const emptyResults = (instances: readonly QueryInstance[]): InstanceResult[] =>
  instances.map((q) => ({ type: q.type, index: q.index, rows: null, samples: [] }));

/** Adds one pass to `results` (samples only when `timed`); returns the instances that failed now. */
export function recordPass(results: InstanceResult[], pass: readonly PassSample[], timed: boolean): InstanceResult[] {
  const failed: InstanceResult[] = [];
  pass.forEach((p, i) => {
    const r = results[i]!;
    if (r.error) return;
    if (p.error === undefined && r.rows !== null && p.rows !== r.rows) {
      p.error = `row count changed between passes: ${r.rows} then ${p.rows}`;
    }
    if (p.error !== undefined) { r.error = p.error; failed.push(r); return; }
    r.rows = p.rows;
    if (timed) r.samples.push(p.ms);
  });
  return failed;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

export function geomean(xs: readonly number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x) && x > 0);
  if (ok.length === 0 || ok.length !== xs.length) return NaN;
  return Math.exp(ok.reduce((a, x) => a + Math.log(x), 0) / ok.length);
}

export interface TypeStats { type: string; p50: number; p95: number; samples: number; error?: string }

/** p50 / p95 per type over all K × R samples; a type with a failed instance gets its error and NaN. */
export function statsByType(results: readonly InstanceResult[], types: readonly string[]): TypeStats[] {
  return types.map((type) => {
    const rs = results.filter((r) => r.type === type);
    const failed = rs.find((r) => r.error);
    const samples = rs.flatMap((r) => r.samples);
    if (failed || samples.length === 0) {
      return { type, p50: NaN, p95: NaN, samples: samples.length, error: failed?.error ?? 'not run' };
    }
    return { type, p50: median(samples), p95: quantile(samples, 0.95), samples: samples.length };
  });
}

// ─── point tests ────────────────────────────────────────────────────────────────────────────

export interface PointOps {
  select1(): Promise<void>;
  /** one PK lookup per connection `c` (0…3); returns the value read */
  pk(c: number, id: number): Promise<string>;
}

export interface PointResults {
  select1PerSec: number;
  pk1PerSec: number;
  pk1P50Ms: number;
  pk4PerSec: number;
}

export const PK_ROWS = 10_000;
const WARMUP_MS = 500;
export const pkId = (i: number): number => (i * 7919) % PK_ROWS;

export async function pointTests(n: number, ops: PointOps): Promise<PointResults> {
  // warm up (untimed): 0.5 s of each operation, so that JIT and caches of both sides are hot
  for (const op of [() => ops.select1(), (i: number) => ops.pk(0, pkId(i))]) {
    const until = performance.now() + WARMUP_MS;
    for (let i = 0; performance.now() < until; i++) await op(i);
  }
  let t0 = performance.now();
  for (let i = 0; i < n; i++) await ops.select1();
  const select1PerSec = n / ((performance.now() - t0) / 1000);

  const check = (id: number, v: string): void => {
    if (v !== `value_${id}`) throw new Error(`PK lookup id=${id} returned ${JSON.stringify(v)}`);
  };
  const lat: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const id = pkId(i);
    const s = performance.now();
    check(id, await ops.pk(0, id));
    lat.push(performance.now() - s);
  }
  const pk1PerSec = n / ((performance.now() - t0) / 1000);

  for (let c = 1; c < 4; c++) check(pkId(c), await ops.pk(c, pkId(c)));
  t0 = performance.now();
  let next = 0;
  await Promise.all([0, 1, 2, 3].map(async (c) => {
    for (let i = next++; i < n; i = next++) { const id = pkId(i); check(id, await ops.pk(c, id)); }
  }));
  const pk4PerSec = n / ((performance.now() - t0) / 1000);
  return { select1PerSec, pk1PerSec, pk1P50Ms: median(lat), pk4PerSec };
}
