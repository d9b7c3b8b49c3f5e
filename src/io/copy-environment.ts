/**
 * What a COPY needs from the session beyond the analyzer context: the jobs log (progress in
 * sys.jobs, background jobs for `wait_for_completion = false`), fresh DuckDB connections
 * (background jobs, a Parquet reader next to the inserting connection) and, over PostgreSQL, the
 * client end of `COPY … FROM STDIN` / `TO STDOUT` (copy-protocol.ts implements CopyChannel).
 */
import type { EngineConnection } from '../engine/engine.js';
import type { JobsLog } from '../observability/jobs.js';
import type { ResultColumn, RowBatch } from '../session/result-sink.js';
import type { DataType } from '../types/data-type.js';
import type { BinaryDecoder } from './formats/pg-binary.js';

export interface CopyEnvironment {
  readonly jobs: JobsLog;
  readonly sessionId: number;
  readonly user: string;
  /** the id of the statement running now (its sys.jobs row shows the progress) */
  currentJobId(): string | null;
  /** a new DuckDB connection, set up like the session's */
  connect(): Promise<EngineConnection>;
  /** set over the PostgreSQL protocol only */
  readonly channel?: CopyChannel;
}

/** PostgreSQL COPY formats of STDIN / STDOUT (https://www.postgresql.org/docs/current/sql-copy.html) */
export interface PgCopyFormat {
  readonly format: 'text' | 'csv' | 'binary';
  readonly delimiter: string;
  readonly nullString: string;
  readonly header: boolean;
  readonly quote: string;
  readonly escape: string;
  /** COPY TO: columns always quoted (`*` = all) */
  readonly forceQuote: ReadonlySet<string> | '*';
}

/** The client side of COPY over the PostgreSQL protocol. */
export interface CopyChannel {
  /**
   * CopyInResponse (text or binary format, `columns` columns), then the payloads of the client's
   * CopyData messages until CopyDone; a CopyFail rejects with the client's message. Stopping the
   * iteration early leaves the remaining CopyData to be discarded by the connection.
   */
  copyIn(columns: number, signal?: AbortSignal, binary?: boolean): AsyncIterable<Buffer>;
  /** how a binary COPY field of a column of type `type` is read (as a binary Bind parameter) */
  binaryDecoder(type: DataType): BinaryDecoder;
  /** CopyOutResponse, CopyData per row of `rows` (encoded as PostgreSQL text, CSV or binary), CopyDone */
  copyOut(columns: readonly ResultColumn[], format: PgCopyFormat, rows: AsyncIterable<RowBatch>): Promise<number>;
  /** a NoticeResponse (WARNING) to the client, e.g. rows COPY FROM STDIN could not load */
  notice(message: string): void;
}
