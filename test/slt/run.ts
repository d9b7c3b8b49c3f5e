/**
 * SLT command line (`npm run slt -- [options] [files or folders…]`). Runs `.slt` files (default:
 * all of test/slt) against a freshly started cratelite server, prints every failing record with a
 * diff and ends with a `N passed, N failed` summary. Exit status 1 when a record fails that is
 * not listed in known-failures.txt.
 *
 *   --update-known-failures  rewrite known-failures.txt from this run (entries of files not run
 *                            are kept)
 *   --complete               rewrite expectations from the actual output (review the diff!)
 *   --url http://host:port   use a running server (e.g. a real CrateDB) instead of starting one
 *   --quiet                  no per-record failure details
 */
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer, type TestServer } from '../helpers/server.js';
import { completeFile, type Completion } from './complete.js';
import { HttpConnection } from './connection.js';
import {
  discoverSltFiles, readKnownFailures, recordId, SLT_DIR, toRelative, writeKnownFailures,
} from './files.js';
import { parseSlt } from './parser.js';
import { resetDatabase, runRecord } from './runner.js';

interface Options { update: boolean; complete: boolean; url?: string; quiet: boolean; paths: string[] }

function parseArgs(argv: string[]): Options {
  const opts: Options = { update: false, complete: false, quiet: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--update-known-failures') opts.update = true;
    else if (a === '--complete') opts.complete = true;
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--url') opts.url = argv[++i];
    else if (a.startsWith('--url=')) opts.url = a.slice('--url='.length);
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run slt -- [--update-known-failures] [--complete] [--url URL] [--quiet] [files|dirs…]');
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
  const baseUrl = opts.url ?? (server = await startServer()).httpUrl;
  const failed: string[] = [];
  const newFailures: string[] = [];
  const nowPassing: string[] = [];
  let passed = 0;
  let skipped = 0;
  try {
    for (const file of files) {
      const path = resolve(SLT_DIR, file);
      const text = readFileSync(path, 'utf8');
      const records = parseSlt(text, file);
      const conn = new HttpConnection(baseUrl);
      const completions: Completion[] = [];
      try {
        const problems = await resetDatabase(conn);
        if (problems.length > 0 && !opts.quiet) console.log(`# ${file}: reset problems: ${problems[0]}`);
        for (const record of records) {
          const outcome = await runRecord(conn, record);
          if (outcome.status === 'halt') break;
          if (outcome.status === 'skip') { skipped++; continue; }
          const id = recordId(file, record.line);
          if (outcome.actual) completions.push({ record, actual: outcome.actual });
          if (outcome.status === 'pass') {
            passed++;
            if (known.has(id)) nowPassing.push(id);
          } else {
            failed.push(id);
            if (!known.has(id)) newFailures.push(id);
            if (!opts.quiet) console.log(`FAIL ${id}${known.has(id) ? ' (known)' : ''}\n${indent(record.kind !== 'halt' ? record.sql : '')}\n${outcome.message}\n`);
          }
        }
      } finally {
        await conn.close();
      }
      if (opts.complete) {
        const updated = completeFile(text, completions);
        if (updated !== text) {
          writeFileSync(path, updated);
          console.log(`# completed ${file}`);
        }
      }
    }
  } finally {
    await server?.close();
  }
  if (opts.update) {
    const ran = new Set(files);
    const kept = [...known].filter((id) => !ran.has(id.slice(0, id.lastIndexOf(':'))));
    writeKnownFailures([...kept, ...failed]);
    console.log(`# known-failures.txt: ${kept.length + failed.length} entries`);
  }
  if (nowPassing.length > 0) console.log(`# ${nowPassing.length} known failure(s) pass now: ${nowPassing.slice(0, 20).join(' ')}${nowPassing.length > 20 ? ' …' : ''}`);
  if (newFailures.length > 0 && !opts.update) console.log(`# ${newFailures.length} failure(s) not in known-failures.txt: ${newFailures.slice(0, 20).join(' ')}${newFailures.length > 20 ? ' …' : ''}`);
  console.log(`${passed} passed, ${failed.length} failed, ${skipped} skipped`);
  return newFailures.length > 0 && !opts.update ? 1 : 0;
}

const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');

main().then((code) => { process.exitCode = code; }, (e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 2;
});
