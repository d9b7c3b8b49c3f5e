/**
 * A throwaway PostgreSQL cluster for benchmarks: initdb into a temp dir (trust auth, C locale),
 * pg_ctl start on a free loopback port, stop and remove again. As root, the cluster is owned
 * and run by the `postgres` user (PostgreSQL refuses to run as root).
 *
 * Needs Debian's `postgresql-15` server binaries: scripts/install-bench-postgres.sh installs them
 * without Debian's automatic cluster, so port 5432 stays free. `PG_BIN` overrides the location.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Cleanups } from './lifecycle.js';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  port: number;
  /** the temp dir holding `data/`, the log and the socket */
  dir: string;
  dataDir: string;
  /** the postmaster's pid (root of the process tree) */
  pid: number;
  stop(): void;
}

export interface PostgresOptions {
  /** `-c name=value` server settings */
  settings?: Record<string, string>;
}

/** initdb + pg_ctl start of a private cluster; stop and removal are registered in `cleanups`. */
export async function startPostgres(cleanups: Cleanups, options: PostgresOptions = {}): Promise<PostgresServer> {
  if (!existsSync(join(PG_BIN, 'postgres'))) {
    throw new Error(`no PostgreSQL at ${PG_BIN}; run scripts/install-bench-postgres.sh (or set PG_BIN)`);
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cratelite-bench-pg-'));
  cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) {
      throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
  };
  const dataDir = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const port = await freePort();
  run(join(PG_BIN, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync',
    '--locale=C']);
  const settings = Object.entries(options.settings ?? {}).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} ${settings}`.trim();
  let running = false;
  const stop = (): void => {
    if (!running) return;
    running = false;
    run(join(PG_BIN, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w']);
  };
  cleanups.add(stop);
  try {
    running = true;
    run(join(PG_BIN, 'pg_ctl'), ['start', '-D', dataDir, '-w', '-t', '30', '-l', log, '-o', opts]);
  } catch (e) {
    running = existsSync(join(dataDir, 'postmaster.pid'));
    const tail = existsSync(log) ? readFileSync(log, 'utf8') : '';
    throw new Error(`${(e as Error).message}\n${tail}`);
  }
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { port, dir, dataDir, pid, stop };
}
