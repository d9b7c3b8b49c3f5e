/**
 * Keywords of the CrateDB SQL dialect (sql.md §1).
 *
 * The lexer does not distinguish keywords from identifiers: every unquoted word becomes an
 * `ident` token (folded to lower case) and the parser decides by context. Only the reserved
 * words below can never be used as unquoted identifiers (column names, aliases, table names);
 * every other keyword is "non-reserved" and may name a column (`timestamp`, `day`, `key`,
 * `values`, …). The reserved list is exactly CrateDB's (96 words, also reported by
 * `pg_catalog.pg_get_keywords()` with catcode 'R').
 */

/** The 96 reserved words of CrateDB, lower case. */
export const RESERVED_KEYWORDS: ReadonlySet<string> = new Set([
  'add', 'all', 'alter', 'and', 'any', 'array', 'as', 'asc', 'between', 'by', 'called', 'case',
  'cast', 'column', 'constraint', 'costs', 'create', 'cross', 'current_catalog', 'current_date',
  'current_role', 'current_time', 'current_timestamp', 'current_user', 'default', 'delete', 'deny',
  'desc', 'describe', 'directory', 'distinct', 'drop', 'else', 'end', 'escape', 'except', 'exists',
  'extract', 'false', 'first', 'for', 'from', 'full', 'function', 'grant', 'group', 'having', 'if',
  'in', 'index', 'inner', 'input', 'insert', 'intersect', 'into', 'is', 'join', 'last', 'left',
  'like', 'limit', 'match', 'natural', 'not', 'null', 'nulls', 'object', 'offset', 'on', 'or',
  'order', 'outer', 'persistent', 'recursive', 'reset', 'returns', 'revoke', 'right', 'select',
  'session_user', 'set', 'some', 'stratify', 'table', 'then', 'transient', 'true', 'try_cast',
  'unbounded', 'union', 'update', 'user', 'using', 'when', 'where', 'with',
]);

/**
 * Words the parser gives a meaning in some context but which stay usable as identifiers
 * (catcode 'U' in `pg_get_keywords()`). Informational: the parser matches them by text.
 */
export const NON_RESERVED_KEYWORDS: readonly string[] = [
  'absolute', 'alias', 'always', 'analyze', 'analyzer', 'at', 'authorization', 'backward', 'begin',
  'bkdtree', 'blob', 'both', 'cascade', 'catalogs', 'char_filters', 'characteristics', 'check',
  'close', 'clustered', 'columns', 'commit', 'committed', 'conflict', 'constraints', 'copy',
  'current', 'current_schema', 'cursor', 'day', 'deallocate', 'declare', 'defaults', 'deferrable',
  'discard', 'do', 'double', 'dynamic', 'excluded', 'excluding', 'explain', 'extends', 'fetch',
  'filter', 'following', 'foreign', 'forward', 'fulltext', 'generated', 'geohash', 'global',
  'hold', 'hour', 'ignore', 'ignored', 'ilike', 'including', 'indexes', 'insensitive', 'interval',
  'isolation', 'key', 'kill', 'language', 'leading', 'level', 'local', 'mapping', 'millisecond',
  'minute', 'month', 'next', 'no', 'nothing', 'off', 'only', 'open', 'optimize', 'over',
  'partition', 'partitioned', 'partitions', 'plain', 'plans', 'position', 'preceding', 'precision',
  'prepare', 'primary', 'prior', 'privileges', 'publication', 'quadtree', 'range', 'read',
  'refresh', 'relative', 'rename', 'repeatable', 'replace', 'repository', 'reroute', 'respect',
  'restore', 'restrict', 'return', 'returning', 'role', 'rollback', 'row', 'rows', 'schema',
  'schemas', 'scroll', 'second', 'sequences', 'serializable', 'server', 'session', 'shards',
  'show', 'snapshot', 'start', 'storage', 'strict', 'subscription', 'substring', 'summary',
  'swap', 'tables', 'temp', 'temporary', 'time', 'timestamp', 'to', 'trailing', 'transaction',
  'trim', 'try', 'type', 'uncommitted', 'values', 'varying', 'verbose', 'view', 'window',
  'without', 'work', 'write', 'year', 'zone',
];

export function isReserved(word: string): boolean {
  return RESERVED_KEYWORDS.has(word.toLowerCase());
}

/**
 * Reserved words that still introduce a function call when followed by `(`
 * (`if(c, a, b)`, `left(s, n)`, `right(s, n)`), as in CrateDB's grammar.
 */
export const RESERVED_FUNCTION_NAMES: ReadonlySet<string> = new Set(['if', 'left', 'right']);
