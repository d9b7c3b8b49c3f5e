/**
 * Locating `.slt` files and the expected-failure list.
 *
 * `known-failures.txt` lists records that currently fail against cratelite, one `file:line` per
 * line (file relative to test/slt, line of the record's `statement`/`query` header), `#` comments
 * allowed. A plain entry fails over both protocols; `pg:file:line` / `http:file:line` fails only
 * over that protocol. slt.test.ts runs listed records as node:test `todo` (a failure does not
 * fail the suite; a pass is reported as a diagnostic). `npm run slt -- --update-known-failures`
 * rewrites it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOLS, type Protocol } from './parser.js';

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

/** Is the record `id` (`file:line`) a known failure over `protocol`? */
export function isKnownFailure(known: ReadonlySet<string>, protocol: Protocol, id: string): boolean {
  return known.has(id) || known.has(`${protocol}:${id}`);
}

/** Known failures as record id → protocols it fails over. */
export function failuresByRecord(known: Iterable<string>): Map<string, Set<Protocol>> {
  const out = new Map<string, Set<Protocol>>();
  for (const entry of known) {
    const m = /^(http|pg):(.*)$/.exec(entry);
    const id = m ? m[2]! : entry;
    const set = out.get(id) ?? new Set<Protocol>();
    if (m) set.add(m[1] as Protocol);
    else PROTOCOLS.forEach((p) => set.add(p));
    out.set(id, set);
  }
  return out;
}

/** The list entries for record id → protocols: plain when it fails over every protocol. */
export function knownFailureEntries(byRecord: ReadonlyMap<string, ReadonlySet<Protocol>>): string[] {
  const out: string[] = [];
  for (const [id, protocols] of byRecord) {
    if (PROTOCOLS.every((p) => protocols.has(p))) out.push(id);
    else for (const p of protocols) out.push(`${p}:${id}`);
  }
  return out;
}

const HEADER = `# Records of test/slt/**/*.slt that currently fail against cratelite (file:line of the record
# header; a pg: or http: prefix = fails only over that protocol). slt.test.ts runs them as
# node:test "todo": a failure does not fail the suite, a pass is reported so the entry can go.
# Regenerate with: npm run slt -- --update-known-failures
`;

export function writeKnownFailures(ids: Iterable<string>, path: string = KNOWN_FAILURES_FILE): void {
  const sorted = [...new Set(ids)].sort(compareIds);
  writeFileSync(path, HEADER + sorted.map((id) => `${id}\n`).join(''));
}

/** Order by file, then numerically by line, then plain before prefixed entries. */
export function compareIds(a: string, b: string): number {
  const [fa, la, pa] = splitId(a);
  const [fb, lb, pb] = splitId(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  if (la !== lb) return la - lb;
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function splitId(entry: string): [string, number, string] {
  const m = /^(?:(http|pg):)?(.*):(\d+)$/.exec(entry);
  if (!m) return [entry, 0, ''];
  return [m[2]!, Number(m[3]), m[1] ?? ''];
}
