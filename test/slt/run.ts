/**
 * SLT command line (`npm run slt -- [options] [files or folders…]`). Runs `.slt` files (default:
 * all of test/slt) over HTTP and PostgreSQL against a freshly started cratelite server, prints
 * every failing record with a diff and ends with a `N passed, N failed` summary. Exit status 1
 * when a record fails that is not listed in known-failures.txt.
 *
 *   --protocol http|pg|both  which protocols to run (default both)
 *   --update-known-failures  rewrite known-failures.txt from this run: a record failing over every
 *                            protocol is listed plain, one failing over one protocol with a
 *                            `pg:`/`http:` prefix; entries of files or protocols not run are kept
 *   --complete               rewrite expectations from the actual output of the first protocol
 *                            run (HTTP by default; review the diff!)
 *   --url http://host:port   use a running server (e.g. a real CrateDB) instead of starting one
 *   --pg-port N              its PostgreSQL port (with --url; without it only HTTP runs)
 *   --quiet                  no per-record failure details
 */
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.js';
import { completeFile, type Completion } from './complete.js';
import { HttpConnection, type Connection } from './connection.js';
import {
  discoverSltFiles, failuresByRecord, isKnownFailure, knownFailureEntries, readKnownFailures, recordId, SLT_DIR,
  toRelative, writeKnownFailures,
} from './files.js';
import { parseSlt, PROTOCOLS, type Protocol } from './parser.js';
import { PgConnection } from './pg-connection.js';
import { resetDatabase, runRecord } from './runner.js';

interface Options {
  update: boolean; complete: boolean; url?: string; pgPort?: number; quiet: boolean; paths: string[];
  protocols: Protocol[];
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { update: false, complete: false, quiet: false, paths: [], protocols: [...PROTOCOLS] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--update-known-failures') opts.update = true;
    else if (a === '--complete') opts.complete = true;
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--url') opts.url = argv[++i];
    else if (a.startsWith('--url=')) opts.url = a.slice('--url='.length);
    else if (a === '--pg-port') opts.pgPort = Number(argv[++i]);
    else if (a === '--protocol' || a.startsWith('--protocol=')) {
      const p = a === '--protocol' ? argv[++i] : a.slice('--protocol='.length);
      if (p !== 'both' && !PROTOCOLS.includes(p as Protocol)) throw new Error(`unknown protocol ${p}`);
      opts.protocols = p === 'both' ? [...PROTOCOLS] : [p as Protocol];
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run slt -- [--protocol http|pg|both] [--update-known-failures] [--complete] [--url URL [--pg-port N]] [--quiet] [files|dirs…]');
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.paths.push(a);
  }
  return opts;
}

/** Accept paths relative to the cwd or to test/slt, files or folders. */
function selectFiles(paths: string[]): string[] {
  if (paths.length === 0) return discoverSltFiles();
  const out = new Set<string>();
  for (const p of paths) {
    const candidates = [resolve(p), resolve(SLT_DIR, p)];
    const found = candidates.find((c) => { try { statSync(c); return true; } catch { return false; } });
    if (!found) throw new Error(`no such file or folder: ${p}`);
    if (statSync(found).isDirectory()) discoverSltFiles(found).forEach((f) => out.add(f));
    else out.add(toRelative(found));
  }
  return [...out].sort();
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const files = selectFiles(opts.paths);
  const known = readKnownFailures();
  let server: TestServer | undefined;
  if (!opts.url) server = await startServer();
  const baseUrl = opts.url ?? server!.httpUrl;
  const pgPort = opts.url ? opts.pgPort : server!.pgPort;
  const protocols = opts.protocols.filter((p) => p === 'http' || pgPort);
  const open = (p: Protocol): Connection => (p === 'http' ? new HttpConnection(baseUrl) : new PgConnection(pgPort!, new URL(baseUrl).hostname));
  const failed = new Map<Protocol, string[]>(protocols.map((p) => [p, []]));
  const newFailures: string[] = [];
  const nowPassing: string[] = [];
  let passed = 0;
  let skipped = 0;
  try {
    for (const [index, protocol] of protocols.entries()) {
      for (const file of files) {
        const path = resolve(SLT_DIR, file);
        const text = readFileSync(path, 'utf8');
        const records = parseSlt(text, file);
        const conn = open(protocol);
        const completions: Completion[] = [];
        try {
          const problems = await resetDatabase(conn);
          if (problems.length > 0 && !opts.quiet) console.log(`# ${protocol}: ${file}: reset problems: ${problems[0]}`);
          for (const record of records) {
            const outcome = await runRecord(conn, record);
            if (outcome.status === 'halt') break;
            if (outcome.status === 'skip') { skipped++; continue; }
            const id = recordId(file, record.line);
            const isKnown = isKnownFailure(known, protocol, id);
            if (outcome.actual) completions.push({ record, actual: outcome.actual });
            if (outcome.status === 'pass') {
              passed++;
              if (isKnown) nowPassing.push(`${protocol}:${id}`);
            } else {
              failed.get(protocol)!.push(id);
              if (!isKnown) newFailures.push(`${protocol}:${id}`);
              if (!opts.quiet) console.log(`FAIL ${protocol}: ${id}${isKnown ? ' (known)' : ''}\n${indent(record.kind !== 'halt' ? record.sql : '')}\n${outcome.message}\n`);
            }
          }
        } finally {
          await conn.close();
        }
        if (opts.complete && index === 0) {
          const updated = completeFile(text, completions);
          if (updated !== text) {
            writeFileSync(path, updated);
            console.log(`# completed ${file}`);
          }
        }
      }
    }
  } finally {
    await server?.close();
  }
  if (opts.update) {
    const ran = new Set(files);
    const byRecord = failuresByRecord(known);
    for (const [id, set] of byRecord) {
      if (ran.has(id.slice(0, id.lastIndexOf(':')))) protocols.forEach((p) => set.delete(p));
    }
    for (const [protocol, ids] of failed) {
      for (const id of ids) byRecord.set(id, (byRecord.get(id) ?? new Set<Protocol>()).add(protocol));
    }
    for (const [id, set] of byRecord) if (set.size === 0) byRecord.delete(id);
    const entries = knownFailureEntries(byRecord);
    writeKnownFailures(entries);
    console.log(`# known-failures.txt: ${entries.length} entries`);
  }
  const failedCount = [...failed.values()].reduce((n, ids) => n + ids.length, 0);
  if (nowPassing.length > 0) console.log(`# ${nowPassing.length} known failure(s) pass now: ${nowPassing.slice(0, 20).join(' ')}${nowPassing.length > 20 ? ' …' : ''}`);
  if (newFailures.length > 0 && !opts.update) console.log(`# ${newFailures.length} failure(s) not in known-failures.txt: ${newFailures.slice(0, 20).join(' ')}${newFailures.length > 20 ? ' …' : ''}`);
  console.log(`${passed} passed, ${failedCount} failed, ${skipped} skipped`);
  return newFailures.length > 0 && !opts.update ? 1 : 0;
}

const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');

main().then((code) => { process.exitCode = code; }, (e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 2;
});
