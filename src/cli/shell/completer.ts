/**
 * Tab completion for the interactive shell: SQL keywords (from the server's
 * `pg_catalog.pg_get_keywords()`, as crash reads them, with a short built-in list as fallback),
 * schema, table and column names from `information_schema.columns`, backslash commands and
 * their arguments (formats, checks, files for `\r`, tables for `\d`).
 *
 * Completions keep the case the user typed (`sel` → `select`, `SEL` → `SELECT`): Node's readline
 * appends to what was typed rather than replacing it.
 */
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { commandNames } from './commands.js';
import { FORMATS } from './formats.js';
import type { Shell } from './shell.js';

const FALLBACK_KEYWORDS = [
  'all', 'alter', 'and', 'any', 'array', 'as', 'asc', 'between', 'by', 'case', 'cast', 'clustered', 'column',
  'copy', 'create', 'cross', 'current_schema', 'current_timestamp', 'current_user', 'default', 'delete', 'desc',
  'distinct', 'drop', 'else', 'end', 'exists', 'explain', 'false', 'from', 'full', 'group', 'having', 'in',
  'inner', 'insert', 'integer', 'interval', 'into', 'is', 'join', 'kill', 'left', 'like', 'ilike', 'limit',
  'not', 'null', 'object', 'offset', 'on', 'or', 'order', 'outer', 'over', 'partitioned', 'primary', 'key',
  'refresh', 'right', 'select', 'set', 'shards', 'show', 'table', 'tables', 'text', 'then', 'timestamp', 'true',
  'union', 'update', 'values', 'view', 'when', 'where', 'with',
];

const SYSTEM_SCHEMAS = new Set(['sys', 'information_schema', 'pg_catalog', 'blob']);

export class SqlCompleter {
  private keywords: string[] = FALLBACK_KEYWORDS;
  private schemas: string[] = [];
  /** schema → table → columns */
  private readonly tables = new Map<string, Map<string, string[]>>();
  private loadedKeywords = false;

  constructor(private readonly shell: Shell) {}

  /** (Re)reads keywords once and table metadata every time; failures keep what was known. */
  async refresh(): Promise<void> {
    if (!this.loadedKeywords) {
      try {
        const r = await this.shell.client.sql('SELECT word FROM pg_catalog.pg_get_keywords()');
        const words = r.rows.map((row) => row[0]).filter((w): w is string => typeof w === 'string');
        if (words.length > 0) this.keywords = words.map((w) => w.toLowerCase());
        this.loadedKeywords = true;
      } catch {
        // keep the fallback list
      }
    }
    try {
      const r = await this.shell.client.sql(
        'SELECT table_schema, table_name, column_name FROM information_schema.columns ORDER BY 1, 2, ordinal_position LIMIT 50000');
      this.tables.clear();
      for (const [schema, table, column] of r.rows) {
        if (typeof schema !== 'string' || typeof table !== 'string' || typeof column !== 'string') continue;
        let byTable = this.tables.get(schema);
        if (!byTable) this.tables.set(schema, byTable = new Map());
        let cols = byTable.get(table);
        if (!cols) byTable.set(table, cols = []);
        // object children (`o['a']`) complete through their top-level column
        if (!column.includes('[')) cols.push(column);
      }
      this.schemas = [...this.tables.keys()];
    } catch {
      // not connected: no names
    }
  }

  /** readline's completer: `[candidates, the text they complete]`. */
  complete(line: string): [string[], string] {
    if (!this.shell.autocomplete) return [[], line];
    if (line.trimStart().startsWith('\\')) return this.completeCommand(line.trimStart());
    const word = /[\p{L}\p{N}_."]*$/u.exec(line)![0];
    if (word === '') return [[], word];
    const dot = word.lastIndexOf('.');
    if (dot >= 0) {
      const qualifier = unquote(word.slice(0, dot));
      const partial = word.slice(dot + 1);
      const names = [
        ...[...(this.tables.get(qualifier)?.keys() ?? [])],
        ...this.columnsOf(qualifier),
      ];
      return [matching(names, partial).map((n) => `${word.slice(0, dot + 1)}${quoteIfNeeded(n)}`), word];
    }
    const mentioned = this.mentionedTables(line);
    // Columns of the tables named so far; before any is named (`select te|`), every column.
    const columns = mentioned.length > 0
      ? mentioned.flatMap((t) => this.columnsOf(t))
      : this.userTables().flatMap(([, m]) => [...m.values()].flat());
    // Unqualified: tables of user schemas; system tables complete after `sys.` etc.
    const tables = [...new Set(this.userTables().flatMap(([, m]) => [...m.keys()]))];
    const upper = word === word.toUpperCase() && word !== word.toLowerCase();
    const keywords = this.keywords.map((k) => (upper ? k.toUpperCase() : k));
    const names = [...new Set([...matching(columns, word), ...matching(tables, word), ...matching(this.schemas, word)])];
    return [[...names.map(quoteIfNeeded), ...matching(keywords, word)], word];
  }

  private completeCommand(line: string): [string[], string] {
    const space = line.indexOf(' ');
    if (space < 0) {
      const partial = line.slice(1);
      return [commandNames().filter((c) => c.startsWith(partial)).map((c) => `\\${c}`), line];
    }
    const cmd = line.slice(1, space).toLowerCase();
    const arg = line.slice(space + 1);
    switch (cmd) {
      case 'format': return [FORMATS.filter((f) => f.startsWith(arg)), arg];
      case 'check': return [['cluster', 'nodes'].filter((c) => c.startsWith(arg)), arg];
      case 'd': {
        const names = [...this.tables].flatMap(([schema, m]) => [...m.keys()].map((t) => (schema === 'doc' ? t : `${schema}.${t}`)));
        return [names.filter((n) => n.startsWith(arg)), arg];
      }
      case 'r': return [completeFile(arg), arg];
      default: return [[], arg];
    }
  }

  private userTables(): [string, Map<string, string[]>][] {
    return [...this.tables].filter(([schema]) => !SYSTEM_SCHEMAS.has(schema));
  }

  private columnsOf(table: string): string[] {
    const out: string[] = [];
    for (const [schema, byTable] of this.tables) {
      const [s, t] = table.includes('.') ? table.split('.', 2) as [string, string] : [undefined, table];
      if (s !== undefined && s !== schema) continue;
      out.push(...(byTable.get(t) ?? []));
    }
    return out;
  }

  /** Table names that appear as words in the statement typed so far. */
  private mentionedTables(line: string): string[] {
    const words = new Set(line.toLowerCase().match(/[\p{L}\p{N}_.]+/gu) ?? []);
    const found: string[] = [];
    for (const [schema, byTable] of this.tables) {
      for (const t of byTable.keys()) if (words.has(t.toLowerCase()) || words.has(`${schema}.${t}`.toLowerCase())) found.push(`${schema}.${t}`);
    }
    return found;
  }
}

function matching(names: readonly string[], partial: string): string[] {
  const p = unquote(partial).toLowerCase();
  return names.filter((n) => n.toLowerCase().startsWith(p) && n.length > 0).sort();
}

function unquote(s: string): string {
  return s.replace(/"/g, '');
}

function quoteIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** crash's `\r` completion: directories and .sql files. */
function completeFile(text: string): string[] {
  const slash = text.lastIndexOf('/');
  const dirPart = slash >= 0 ? text.slice(0, slash + 1) : '';
  const prefix = text.slice(slash + 1);
  const realDir = (dirPart || './').replace(/^~(?=\/)/, homedir());
  try {
    return readdirSync(realDir).filter((name) => name.startsWith(prefix)).sort().flatMap((name) => {
      try {
        if (statSync(join(realDir, name)).isDirectory()) return [`${dirPart}${name}/`];
      } catch {
        return [];
      }
      return name.endsWith('.sql') ? [`${dirPart}${name}`] : [];
    });
  } catch {
    return [];
  }
}
