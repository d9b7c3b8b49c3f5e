/**
 * Operating-system and process probes for sys.nodes and the disk-watermark node checks, read from
 * Node.js (`node:os`, `process`, `v8`, `fs.statfsSync`) where CrateDB reads the JVM and /proc.
 *
 * Out: plain objects shaped like the sys.nodes sub-columns. Probes that have no Node.js
 * equivalent report -1 (CrateDB's "unknown") or NULL.
 */
import fs from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';

export interface DiskUsage { readonly size: number; readonly used: number; readonly available: number }

/** Filesystem usage of the data directory (falls back to the working directory for in-memory nodes). */
export function diskUsage(dataPath: string): DiskUsage | null {
  for (const p of [dataPath, process.cwd()]) {
    try {
      const s = fs.statfsSync(p);
      const size = s.blocks * s.bsize;
      const available = s.bavail * s.bsize;
      return { size, used: size - s.bfree * s.bsize, available };
    } catch {
      // not a path (e.g. ':memory:') or not accessible: try the next candidate
    }
  }
  return null;
}

export function memStats(now: number): Record<string, unknown> {
  const total = os.totalmem();
  const free = os.freemem();
  const freePercent = total > 0 ? Math.round((free * 100) / total) : 0;
  return { free, used: total - free, free_percent: freePercent, used_percent: 100 - freePercent, probe_timestamp: now };
}

export function heapStats(now: number): Record<string, unknown> {
  const heap = v8.getHeapStatistics();
  const used = process.memoryUsage().heapUsed;
  const max = heap.heap_size_limit;
  return { free: max - used, used, max, probe_timestamp: now };
}

export function loadStats(now: number): Record<string, unknown> {
  const [l1, l5, l15] = os.loadavg();
  return { '1': l1, '5': l5, '15': l15, probe_timestamp: now };
}

let lastCpu: { usage: NodeJS.CpuUsage; at: number } | undefined;

/** Process CPU usage in percent since the previous probe (0 on the first one). */
function processCpuPercent(now: number): number {
  const usage = process.cpuUsage();
  let percent = 0;
  if (lastCpu && now > lastCpu.at) {
    const micros = usage.user - lastCpu.usage.user + usage.system - lastCpu.usage.system;
    percent = Math.round((micros / 1000 / (now - lastCpu.at)) * 100 / Math.max(1, os.availableParallelism()));
  }
  lastCpu = { usage, at: now };
  return Math.max(0, Math.min(100, percent));
}

function fileDescriptors(): { open: number; max: number } {
  let open = -1;
  let max = -1;
  try {
    open = fs.readdirSync('/proc/self/fd').length;
    const limits = fs.readFileSync('/proc/self/limits', 'utf8');
    const m = /^Max open files\s+(\d+)/m.exec(limits);
    if (m) max = Number(m[1]);
  } catch {
    // no /proc (macOS, Windows): CrateDB reports -1 for unknown values too
  }
  return { open, max };
}

export function processStats(now: number): Record<string, unknown> {
  const fds = fileDescriptors();
  return {
    open_file_descriptors: fds.open,
    max_open_file_descriptors: fds.max,
    probe_timestamp: now,
    cpu: { percent: processCpuPercent(now) },
  };
}

/** `os` column. CrateDB itself reports -1 for the cpu percentages. */
export function osStats(now: number): Record<string, unknown> {
  return {
    uptime: Math.round(os.uptime() * 1000),
    timestamp: now,
    probe_timestamp: now,
    cpu: { used: -1, system: -1, user: -1 },
    cgroup: null,
  };
}

/** Java's `os.arch` spelling, which CrateDB clients display. */
const JAVA_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'aarch64', ia32: 'x86' };

export function osInfo(): Record<string, unknown> {
  return {
    available_processors: os.availableParallelism(),
    name: os.type() === 'Darwin' ? 'Mac OS X' : os.type(),
    arch: JAVA_ARCH[os.arch()] ?? os.arch(),
    version: os.release(),
    // cratelite runs on Node.js; report it where CrateDB reports the JVM.
    jvm: { version: process.versions.node, vm_name: 'Node.js', vm_vendor: 'OpenJS Foundation', vm_version: process.versions.v8 },
  };
}

export function fsStats(dataPath: string): Record<string, unknown> {
  const d = diskUsage(dataPath);
  const size = d?.size ?? -1;
  const used = d?.used ?? -1;
  const available = d?.available ?? -1;
  return {
    total: { size, used, available, reads: -1, bytes_read: -1, writes: -1, bytes_written: -1 },
    disks: d ? [{ dev: null, size, used, available }] : [],
    data: [{ dev: null, path: dataPath }],
  };
}
