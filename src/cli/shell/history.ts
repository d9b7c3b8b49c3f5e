/**
 * Persistent shell history: one entry per line in `<config dir>/cratelite/shell_history`
 * (`$XDG_CONFIG_HOME`, else ~/.config; `%APPDATA%` on Windows), or the file given with
 * `--history`. Multi-line statements are stored as one line (statements.ts `toSingleLine`).
 * The newest 10,000 entries are kept, as crash does.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const MAX_HISTORY = 10_000;

export function defaultHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = process.platform === 'win32'
    ? env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')
    : env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'cratelite', 'shell_history');
}

export class History {
  /** newest first, as readline wants it */
  readonly entries: string[];

  constructor(readonly path: string) {
    let lines: string[] = [];
    try {
      lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
    } catch {
      // no history yet
    }
    if (lines.length > MAX_HISTORY * 2) {
      lines = lines.slice(-MAX_HISTORY);
      this.tryWrite(() => writeFileSync(path, `${lines.join('\n')}\n`));
    }
    this.entries = lines.slice(-MAX_HISTORY).reverse();
  }

  add(entry: string): void {
    const line = entry.replace(/\n/g, ' ').trim();
    if (line === '') return;
    const existing = this.entries.indexOf(line);
    if (existing >= 0) this.entries.splice(existing, 1);
    this.entries.unshift(line);
    if (this.entries.length > MAX_HISTORY) this.entries.length = MAX_HISTORY;
    this.tryWrite(() => {
      mkdirSync(dirname(this.path), { recursive: true });
      appendFileSync(this.path, `${line}\n`);
    });
  }

  private tryWrite(fn: () => void): void {
    try { fn(); } catch { /* a read-only home must not break the shell */ }
  }
}
