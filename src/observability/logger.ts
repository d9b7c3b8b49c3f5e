/**
 * The node's log: one JSON object per line on stderr, or a readable line when stderr is a
 * terminal (`log.format`). stdout stays reserved for the single "ready" line that scripts and
 * tests wait for. Never log statement parameters here.
 *
 *   {"ts":"2026-01-01T00:00:00.000Z","level":"info","msg":"…", …fields}
 *   12:00:00.000 INFO  … key=value …                      (pretty)
 */
import type { LogLevel } from '../config/settings.js';

export type { LogLevel };

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

interface LoggerState {
  level: LogLevel;
  pretty: boolean;
  color: boolean;
  write: (line: string) => void;
}

const state: LoggerState = {
  level: 'info',
  pretty: false,
  color: false,
  write: (line) => { process.stderr.write(line); },
};

export interface LoggerOptions {
  level?: LogLevel;
  format?: 'auto' | 'json' | 'pretty';
  /** where lines go; default stderr */
  write?: (line: string) => void;
}

export function configureLogger(options: LoggerOptions): void {
  if (options.level) state.level = options.level;
  if (options.write) state.write = options.write;
  const tty = options.write === undefined && process.stderr.isTTY === true;
  const format = options.format ?? 'auto';
  state.pretty = format === 'pretty' || (format === 'auto' && tty);
  state.color = state.pretty && tty && !process.env.NO_COLOR;
}

export function isLogEnabled(level: LogLevel): boolean {
  return RANK[level] >= RANK[state.level];
}

export function isPrettyLog(): boolean { return state.pretty; }

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  if (!isLogEnabled(level)) return;
  const now = new Date();
  state.write(state.pretty ? prettyLine(now, level, msg, fields) : `${JSON.stringify({ ts: now.toISOString(), level, msg, ...fields })}\n`);
}

/** Fields describing an error, stack included. */
export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof Error) return { error: e.message, stack: e.stack };
  return { error: String(e) };
}

const COLORS: Record<LogLevel, string> = { debug: '\x1b[90m', info: '\x1b[32m', warn: '\x1b[33m', error: '\x1b[31m' };

function prettyLine(now: Date, level: LogLevel, msg: string, fields: Record<string, unknown>): string {
  const time = now.toTimeString().slice(0, 8) + `.${String(now.getMilliseconds()).padStart(3, '0')}`;
  const tag = level.toUpperCase().padEnd(5);
  const { stack, ...rest } = fields;
  const pairs = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
  const head = state.color ? `\x1b[2m${time}\x1b[0m ${COLORS[level]}${tag}\x1b[0m` : `${time} ${tag}`;
  const tail = pairs.length > 0 ? (state.color ? ` \x1b[2m${pairs.join(' ')}\x1b[0m` : ` ${pairs.join(' ')}`) : '';
  const trace = typeof stack === 'string' && level === 'error' ? `\n${stack}` : '';
  return `${head} ${msg}${tail}${trace}\n`;
}

/** Text lines written as they are in pretty mode (the startup banner); a no-op in JSON mode. */
export function writePretty(lines: readonly string[]): void {
  if (state.pretty) state.write(lines.map((l) => `${l}\n`).join(''));
}
