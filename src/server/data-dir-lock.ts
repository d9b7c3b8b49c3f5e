/**
 * One cratelite process per data directory. `<path.data>/cratelite.lock` holds the owner's pid,
 * host and start time; it is created with O_EXCL, so of two processes starting at once only one
 * gets it. A lock whose process is gone (killed, machine rebooted) is stale and taken over.
 *
 * DuckDB also locks its database file, but its error ("Could not set lock on file …") tells a
 * user neither who holds the directory nor what to do; this lock answers first, with both.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'cratelite.lock';

/** Lock files held by this process (an embedded database opened twice in one process). */
const heldHere = new Set<string>();

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
  /** filled in once the listeners are bound */
  http?: string;
}

export class DataDirLocked extends Error {
  constructor(readonly dataDir: string, readonly owner: LockOwner, readonly lockFile: string) {
    super(`data directory [${dataDir}] is in use by another cratelite process (pid ${owner.pid} on ${owner.host}`
      + `${owner.http ? `, ${owner.http}` : ''}, started ${owner.started}). Stop that process first, or use another `
      + `--data directory. If no such process runs, delete ${lockFile}.`);
  }
}

export class DataDirLock {
  private released = false;

  private constructor(readonly file: string, private owner: LockOwner) {}

  /** Takes the lock of `dir` (which must exist); throws DataDirLocked when a live process holds it. */
  static acquire(dir: string): DataDirLock {
    const file = join(dir, LOCK_FILE_NAME);
    const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeExclusive(file, owner);
        heldHere.add(file);
        return new DataDirLock(file, owner);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const current = readOwner(file);
      if (current !== undefined && isAlive(current, file)) throw new DataDirLocked(dir, current, file);
      // Stale (or unreadable, i.e. half-written by a process that died): remove and try once more.
      try { unlinkSync(file); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
    }
    const current = readOwner(file);
    throw new DataDirLocked(dir, current ?? { pid: 0, host: 'unknown', started: 'unknown' }, file);
  }

  /** Record the listen URL, so a refused second process can say where the first one is. */
  update(http: string): void {
    if (this.released) return;
    this.owner = { ...this.owner, http };
    try {
      const fd = openSync(this.file, 'w');
      try { writeSync(fd, JSON.stringify(this.owner)); } finally { closeSync(fd); }
    } catch {
      // the lock itself is held either way; the URL is a courtesy
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.file);
    const current = readOwner(this.file);
    if (current?.pid === this.owner.pid && current.started === this.owner.started) {
      try { unlinkSync(this.file); } catch { /* already gone */ }
    }
  }
}

function writeExclusive(file: string, owner: LockOwner): void {
  const fd = openSync(file, 'wx');
  try { writeSync(fd, JSON.stringify(owner)); } finally { closeSync(fd); }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, started: String(parsed.started ?? ''), http: parsed.http };
  } catch {
    return undefined;
  }
}

/**
 * Is the owner still running? Only answerable on the same host; a lock written by another host
 * (a data directory on a shared volume) counts as held.
 */
function isAlive(owner: LockOwner, file: string): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return heldHere.has(file);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
