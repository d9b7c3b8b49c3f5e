/**
 * Largest-Triangle-Three-Buckets downsampling for the `lttb(ts, value, threshold)` aggregate
 * (functions.md §3), following CrateDB's LTTBAggregation: points sorted by time, first and
 * last point always kept, integer bucket size `(n − 2) ÷ (threshold − 2)`, the next bucket's
 * average x computed with integer (ms) division. threshold ≥ n or 0 returns every point.
 */

export interface LttbPoint { t: number; v: number }

export function lttb(input: readonly LttbPoint[], threshold: number): { x: number[]; y: number[] } {
  const points = [...input].sort((a, b) => a.t - b.t);
  const n = points.length;
  const out = (ps: readonly LttbPoint[]) => ({ x: ps.map((p) => p.t), y: ps.map((p) => p.v) });
  if (threshold >= n || threshold === 0) return out(points);
  const bucketSize = Math.trunc((n - 2) / (threshold - 2));
  const sampled: LttbPoint[] = [points[0]!];
  let a = 0;
  for (let cur = 0; cur < threshold - 2; cur++) {
    const cStart = (cur + 1) * bucketSize + 1;
    const cEnd = Math.min((cur + 2) * bucketSize + 1, n);
    const cSize = cEnd - cStart;
    let sumX = 0;
    let sumY = 0;
    for (let c = cStart; c < cEnd; c++) { sumX += points[c]!.t; sumY += points[c]!.v; }
    const avgX = Math.trunc(sumX / cSize);
    const avgY = sumY / cSize;
    const bStart = cur * bucketSize + 1;
    const bEnd = (cur + 1) * bucketSize + 1;
    const aX = points[a]!.t;
    const aY = points[a]!.v;
    let maxArea = 0;
    let maxPoint = a;
    for (let b = bStart; b < bEnd; b++) {
      const p = points[b]!;
      const area = Math.abs((aX - avgX) * (p.v - aY) - (aX - p.t) * (avgY - aY)) * 0.5;
      if (area > maxArea) { maxArea = area; maxPoint = b; }
    }
    sampled.push(points[maxPoint]!);
    a = maxPoint;
  }
  sampled.push(points[n - 1]!);
  return out(sampled);
}
