/**
 * Running a COPY as a job: cancellation and progress, in the foreground (the statement's own
 * job, on the session's connection) or in the background (`wait_for_completion = false`: a job
 * of its own in sys.jobs, on a new connection; the statement answers row count -1 at once).
 *
 * Cancellation: KILL, a PostgreSQL CancelRequest and statement_timeout all interrupt the DuckDB
 * connection; COPY listens to that (EngineConnection.onInterrupt) and aborts its reading
 * between DuckDB calls, with `Job killed. statement interrupted`.
 */
import type { EngineConnection } from '../engine/engine.js';
import { JobKilledException, toCrateliteError } from '../errors/errors.js';
import { errorFields, log } from '../observability/logger.js';
import type { CopyEnvironment } from './copy-environment.js';
import { CopyProgress } from './progress.js';

export interface CopyRun {
  readonly conn: EngineConnection;
  readonly signal: AbortSignal;
  /** throw the kill error when the job was killed */
  checkAborted(): void;
  readonly progress: CopyProgress;
  readonly env: CopyEnvironment;
}

const killed = () => new JobKilledException('Job killed. statement interrupted');

export async function runInForeground<T>(
  kind: 'COPY FROM' | 'COPY TO', env: CopyEnvironment, conn: EngineConnection, body: (run: CopyRun) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const off = conn.onInterrupt(() => controller.abort(killed()));
  const run = makeRun(kind, env, conn, controller.signal, env.currentJobId());
  try {
    return await body(run);
  } catch (e) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw e;
  } finally {
    off();
  }
}

/** Start `body` as a background job; returns once it is registered. */
export async function startInBackground(
  kind: 'COPY FROM' | 'COPY TO', env: CopyEnvironment, stmt: string, body: (run: CopyRun) => Promise<number>,
): Promise<void> {
  const conn = await env.connect();
  const controller = new AbortController();
  const job = env.jobs.start(stmt, env.user, env.sessionId, () => {
    controller.abort(killed());
    conn.interrupt();
  });
  const run = makeRun(kind, env, conn, controller.signal, job.id);
  log('info', `${kind} started in the background`, { job_id: job.id });
  void body(run).then(
    (rows) => {
      env.jobs.finish(job);
      log('info', `${kind} finished`, { job_id: job.id, rows, ...run.progress.fields() });
    },
    (e) => {
      const error = controller.signal.aborted ? controller.signal.reason as Error : toCrateliteError(e);
      env.jobs.finish(job, error.message);
      log('warn', `${kind} failed`, { job_id: job.id, ...errorFields(error) });
    },
  ).finally(() => conn.close());
}

function makeRun(kind: 'COPY FROM' | 'COPY TO', env: CopyEnvironment, conn: EngineConnection, signal: AbortSignal, jobId: string | null): CopyRun {
  return {
    conn,
    signal,
    env,
    progress: CopyProgress.forJob(kind, env, jobId),
    checkAborted() {
      if (signal.aborted) throw signal.reason;
    },
  };
}
