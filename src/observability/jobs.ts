/**
 * Running and finished statements ("jobs"), feeding sys.jobs and sys.jobs_log
 * (system-tables.md §4.8, §4.9) and KILL. Every statement a session runs is one job with a
 * random UUID; finished jobs move to a bounded log (CrateDB's `stats.jobs_log_size`, default
 * 10,000).
 */
import { randomUUID } from 'node:crypto';
import type { JobRecord } from '../catalog/system/context-extras.js';

export interface RunningJob extends JobRecord {
  /** interrupts the statement (KILL) */
  readonly cancel: () => void;
}

export class JobsLog {
  private readonly running = new Map<string, RunningJob>();
  /** progress of long statements (COPY), shown in sys.jobs as a comment after `stmt` */
  private readonly progress = new Map<string, string>();
  /** ring buffer of the last `logSize` finished jobs; `next` is the oldest once it is full */
  private readonly finished: JobRecord[] = [];
  private next = 0;

  constructor(private readonly logSize = 10_000) {}

  start(stmt: string, username: string, sessionId: number, cancel: () => void): RunningJob {
    const job: RunningJob = { id: randomUUID(), stmt, username, sessionId, started: Date.now(), cancel };
    this.running.set(job.id, job);
    return job;
  }

  finish(job: RunningJob, error?: string): void {
    if (!this.running.delete(job.id)) return;
    this.progress.delete(job.id);
    const done: JobRecord = {
      // every JobRecord field but the cancel closure (which would keep the connection alive)
      id: job.id, stmt: job.stmt, username: job.username, sessionId: job.sessionId, started: job.started,
      classification: job.classification, ended: Date.now(), error: error ?? null,
    };
    if (this.finished.length < this.logSize) {
      this.finished.push(done);
    } else if (this.logSize > 0) {
      this.finished[this.next] = done;
      this.next = (this.next + 1) % this.logSize;
    }
  }

  jobs(): JobRecord[] {
    return [...this.running.values()].map((j) => {
      const p = this.progress.get(j.id);
      return p === undefined ? j : { ...j, stmt: `${j.stmt} /* ${p} */` };
    });
  }

  /** Show `text` with the running job `id` in sys.jobs (`stmt /* text *\/`). */
  setProgress(id: string, text: string): void {
    if (this.running.has(id)) this.progress.set(id, text.replace(/\*\//g, '* /'));
  }

  /** oldest first */
  log(): JobRecord[] { return [...this.finished.slice(this.next), ...this.finished.slice(0, this.next)]; }

  /**
   * KILL 'id' / KILL ALL: interrupt matching running jobs of other sessions (the caller's own
   * running job is the KILL itself); returns how many.
   */
  kill(id: string | 'ALL', username: string, callerSession: number): number {
    let n = 0;
    for (const job of this.running.values()) {
      if (job.sessionId === callerSession) continue;
      if ((id === 'ALL' || job.id === id) && (username === 'crate' || job.username === username)) {
        job.cancel();
        n++;
      }
    }
    return n;
  }
}
