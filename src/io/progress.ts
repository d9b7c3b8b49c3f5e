/**
 * Progress of a running COPY: rows and bytes done, shown in the statement's sys.jobs row and
 * logged every LOG_INTERVAL_MS.
 *
 * CrateDB's sys.jobs has no progress columns (system-tables.md §4.8), and adding columns would
 * change `SELECT *` for clients; so the progress is appended to `stmt` as an SQL comment, which
 * keeps `stmt LIKE 'COPY%'` working:
 *
 *   COPY t FROM 'file:///data/*.json' /* progress: 120000 rows written, 1 failed, 130000 lines read, 12.0 MB of 48.2 MB read, file 2 of 5 *\/
 *
 * The comment goes once the job ends; sys.jobs_log keeps the statement as sent.
 */
import { log } from '../observability/logger.js';
import type { CopyEnvironment } from './copy-environment.js';

const LOG_INTERVAL_MS = 10_000;
const UPDATE_INTERVAL_MS = 200;

export class CopyProgress {
  /** rows written (COPY FROM) or exported (COPY TO) */
  rows = 0;
  failed = 0;
  /** COPY FROM: input lines (or Parquet rows) read so far; rows are written in batches */
  lines = 0;
  bytes = 0;
  totalBytes: number | undefined = 0;
  file = 0;
  files = 0;
  private lastUpdate = 0;
  private lastLog = Date.now();
  private readonly started = Date.now();

  constructor(
    private readonly kind: 'COPY FROM' | 'COPY TO',
    private readonly publish: (text: string) => void,
  ) {}

  /** for a job of the session (foreground) or of a background job id */
  static forJob(kind: 'COPY FROM' | 'COPY TO', env: CopyEnvironment, jobId: string | null): CopyProgress {
    return new CopyProgress(kind, (text) => { if (jobId) env.jobs.setProgress(jobId, text); });
  }

  addSize(size: number | undefined): void {
    if (this.totalBytes === undefined) return;
    this.totalBytes = size === undefined ? undefined : this.totalBytes + size;
  }

  text(): string {
    const parts = [`${this.rows} rows${this.kind === 'COPY FROM' ? ' written' : ''}`];
    if (this.failed) parts.push(`${this.failed} failed`);
    if (this.kind === 'COPY FROM') {
      parts.push(`${this.lines} lines read`);
      parts.push(`${mb(this.bytes)}${this.totalBytes ? ` of ${mb(this.totalBytes)}` : ''} read`);
      if (this.files > 1) parts.push(`file ${this.file} of ${this.files}`);
    } else if (this.bytes) {
      parts.push(`${mb(this.bytes)} written`);
    }
    return `progress: ${parts.join(', ')}`;
  }

  /** publish (rate-limited) and log every LOG_INTERVAL_MS */
  update(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastUpdate < UPDATE_INTERVAL_MS) return;
    this.lastUpdate = now;
    this.publish(this.text());
    if (now - this.lastLog >= LOG_INTERVAL_MS) {
      this.lastLog = now;
      log('info', `${this.kind} progress`, this.fields());
    }
  }

  fields(): Record<string, unknown> {
    return {
      rows: this.rows, failed: this.failed, lines: this.lines, bytes: this.bytes, total_bytes: this.totalBytes ?? null,
      file: this.file, files: this.files, seconds: Math.round((Date.now() - this.started) / 100) / 10,
    };
  }
}

const mb = (n: number): string => `${(n / 1_000_000).toFixed(1)} MB`;
