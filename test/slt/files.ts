/**
 * Locating `.slt` files and the expected-failure list.
 *
 * `known-failures.txt` lists records that currently fail against cratelite, one `file:line` per
 * line (file relative to test/slt, line of the record's `statement`/`query` header), `#` comments
 * allowed. slt.test.ts runs listed records as node:test `todo` (a failure does not fail the
 * suite; a pass is reported as a diagnostic). `npm run slt -- --update-known-failures` rewrites it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SLT_DIR = dirname(fileURLToPath(import.meta.url));
export const KNOWN_FAILURES_FILE = join(SLT_DIR, 'known-failures.txt');

/** All `.slt` files below `dir`, as paths relative to test/slt with `/` separators, sorted. */
export function discoverSltFiles(dir: string = SLT_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.slt')) out.push(toRelative(p));
    }
  };
  walk(dir);
  return out.sort();
}

export function toRelative(absPath: string): string {
  return relative(SLT_DIR, absPath).split(sep).join('/');
}

export const recordId = (file: string, line: number) => `${file}:${line}`;

export function readKnownFailures(path: string = KNOWN_FAILURES_FILE): Set<string> {
  if (!existsSync(path)) return new Set();
  return new Set(readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
}

const HEADER = `# Records of test/slt/**/*.slt that currently fail against cratelite (file:line of the record
# header). slt.test.ts runs them as node:test "todo": a failure does not fail the suite, a pass is
# reported so the entry can go. Regenerate with: npm run slt -- --update-known-failures
`;

export function writeKnownFailures(ids: Iterable<string>, path: string = KNOWN_FAILURES_FILE): void {
  const sorted = [...new Set(ids)].sort(compareIds);
  writeFileSync(path, HEADER + sorted.map((id) => `${id}\n`).join(''));
}

/** Order by file, then numerically by line. */
export function compareIds(a: string, b: string): number {
  const [fa, la] = splitId(a);
  const [fb, lb] = splitId(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}

function splitId(id: string): [string, number] {
  const i = id.lastIndexOf(':');
  return [id.slice(0, i), Number(id.slice(i + 1))];
}
