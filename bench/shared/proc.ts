/**
 * Memory and disk figures read from Linux /proc and the file system:
 *   vmHwmBytes    peak RSS of one process (`VmHWM` in /proc/<pid>/status)
 *   PssSampler    peak of the summed PSS over a process tree, sampled periodically (PSS so
 *                 that shared memory, e.g. PostgreSQL's shared buffers, counts once)
 *   dirBytes      bytes of the regular files under a directory
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

export const vmHwmBytes = (pid: number): number => statusField(pid, 'VmHWM');
export const vmRssBytes = (pid: number): number => statusField(pid, 'VmRSS');

/** pid → parent pid for every process we can see */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces and parentheses
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), Number(rest[1]));
    } catch { /* process ended meanwhile */ }
  }
  return out;
}

export function processTree(root: number): number[] {
  const pp = parents();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of pp) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

function pssBytes(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export class PssSampler {
  peak = 0;
  private timer?: NodeJS.Timeout;
  constructor(private readonly root: number, private readonly everyMs = 250) {}
  sample(): number {
    const total = processTree(this.root).reduce((a, pid) => a + pssBytes(pid), 0);
    if (total > this.peak) this.peak = total;
    return total;
  }
  /** Start (or resume) sampling; the peak carries over. */
  start(): this {
    if (this.timer) return this;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }
  /** Pause sampling; returns the peak so far. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peak;
  }
}

export function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}
