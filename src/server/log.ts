/**
 * Minimal structured logging for the node process: one JSON object per line on stderr
 * (stdout is reserved for the single "ready" line that scripts and tests wait for).
 * Never log statement parameters here.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields });
  process.stderr.write(`${line}\n`);
}

/** Fields describing an error, stack included. */
export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof Error) return { error: e.message, stack: e.stack };
  return { error: String(e) };
}
