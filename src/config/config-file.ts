/**
 * `cratelite.yml`: CrateDB's `crate.yml` format — YAML whose nested maps flatten to dotted keys,
 * so `http.port: 4300` and `http: {port: 4300}` mean the same (CrateDB docs/config/node.rst).
 *
 *   file text → YAML document → [dotted key, text value, line] entries
 *
 * Values are kept as text and validated by the setting's own parser, like every other source.
 * Lists and other non-scalar values are only allowed for keys cratelite ignores (CrateDB's
 * `discovery.seed_hosts` and friends).
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError } from './settings.js';

export interface FileEntry {
  key: string;
  /** the scalar's text; undefined for lists and other non-scalar values */
  value: string | undefined;
  line: number;
}

export function readConfigFile(path: string): FileEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read configuration file [${path}]: ${(e as Error).message}`);
  }
  return parseConfigText(text, path);
}

export function parseConfigText(text: string, path: string): FileEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lineCounter.linePos(err.pos[0]).line;
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`invalid YAML in configuration file [${path}] at line ${line}: ${what}`);
  }
  const entries: FileEntry[] = [];
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 0);

  const walk = (node: unknown, prefix: string, keyLine: number): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyText = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        walk(pair.value, prefix === '' ? keyText : `${prefix}.${keyText}`, lineOf(keyNode));
      }
      return;
    }
    if (prefix === '') {
      if (node === null || node === undefined || (isScalar(node) && node.value === null)) return; // empty file
      throw new ConfigError(`configuration file [${path}] must hold a map of settings`);
    }
    if (isScalar(node)) {
      // Keep the source text of numbers and booleans (`1e3` stays `1e3`), so every source parses alike.
      const value = node.value === null ? '' : typeof node.source === 'string' ? node.source : String(node.value);
      entries.push({ key: prefix, value, line: keyLine });
    } else if (isSeq(node) || node === null || node === undefined) {
      entries.push({ key: prefix, value: node == null ? '' : undefined, line: keyLine });
    } else {
      entries.push({ key: prefix, value: undefined, line: keyLine });
    }
  };
  walk(doc.contents, '', 0);
  return entries;
}
