/**
 * Process-level plumbing every benchmark needs: a free loopback port, and a stack of cleanup
 * steps that runs once, in reverse order, at the end or on SIGINT/SIGTERM (so servers started
 * by the benchmark never outlive it).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export class Cleanups {
  private readonly steps: Array<() => unknown> = [];
  private running?: Promise<void>;
  private readonly onSignal = (sig: NodeJS.Signals): void => {
    console.error(`\n${sig}: stopping servers`);
    void this.run().finally(() => process.exit(130));
  };

  constructor() {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  add(step: () => unknown): void { this.steps.push(step); }

  /** Runs every step once (later-added first); errors are printed, not thrown. */
  run(): Promise<void> {
    return (this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) {
        try { await step(); } catch (e) { console.error(`cleanup: ${(e as Error).message}`); }
      }
      process.removeListener('SIGINT', this.onSignal);
      process.removeListener('SIGTERM', this.onSignal);
    })());
  }
}

/** `version` of a package.json, path relative to the caller's file */
export const packageVersion = (path: string): string =>
  (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
