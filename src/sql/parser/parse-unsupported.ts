/**
 * Valid CrateDB statements that cratelite does not implement (sql.md §3 rows 26–33, 49, 54–63,
 * §8.4): users and roles, privileges, snapshots, repositories, logical replication, foreign
 * data wrappers, analyzers, UDFs, blob-table creation, ALTER CLUSTER, cursors and SET SESSION
 * AUTHORIZATION.
 *
 * They are recognised by their leading keywords only; the rest of the statement is skipped up
 * to the next top-level `;`. The result is `{ kind: 'Unsupported', name: 'CREATE USER', text }`,
 * which the session answers with UnsupportedFeatureException. Statements that are not CrateDB
 * syntax at all (TRUNCATE, CREATE INDEX, MERGE, …) are *not* listed here and stay syntax errors.
 */
import type { Unsupported } from '../ast/statement.js';
import type { TokenStream } from './token-stream.js';

/** [leading words, reported name]; longer prefixes first where they share a start */
const PATTERNS: [string[], string][] = [
  [['create', 'user', 'mapping'], 'CREATE USER MAPPING'],
  [['create', 'user'], 'CREATE USER'],
  [['create', 'role'], 'CREATE ROLE'],
  [['create', 'snapshot'], 'CREATE SNAPSHOT'],
  [['create', 'repository'], 'CREATE REPOSITORY'],
  [['create', 'publication'], 'CREATE PUBLICATION'],
  [['create', 'subscription'], 'CREATE SUBSCRIPTION'],
  [['create', 'server'], 'CREATE SERVER'],
  [['create', 'foreign', 'table'], 'CREATE FOREIGN TABLE'],
  [['create', 'analyzer'], 'CREATE ANALYZER'],
  [['create', 'function'], 'CREATE FUNCTION'],
  [['create', 'or', 'replace', 'function'], 'CREATE FUNCTION'],
  [['create', 'blob', 'table'], 'CREATE BLOB TABLE'],
  [['alter', 'user'], 'ALTER USER'],
  [['alter', 'role'], 'ALTER ROLE'],
  [['alter', 'cluster'], 'ALTER CLUSTER'],
  [['alter', 'repository'], 'ALTER REPOSITORY'],
  [['alter', 'publication'], 'ALTER PUBLICATION'],
  [['alter', 'subscription'], 'ALTER SUBSCRIPTION'],
  [['alter', 'server'], 'ALTER SERVER'],
  [['drop', 'user', 'mapping'], 'DROP USER MAPPING'],
  [['drop', 'user'], 'DROP USER'],
  [['drop', 'role'], 'DROP ROLE'],
  [['drop', 'snapshot'], 'DROP SNAPSHOT'],
  [['drop', 'repository'], 'DROP REPOSITORY'],
  [['drop', 'publication'], 'DROP PUBLICATION'],
  [['drop', 'subscription'], 'DROP SUBSCRIPTION'],
  [['drop', 'server'], 'DROP SERVER'],
  [['drop', 'foreign', 'table'], 'DROP FOREIGN TABLE'],
  [['drop', 'analyzer'], 'DROP ANALYZER'],
  [['drop', 'function'], 'DROP FUNCTION'],
  [['drop', 'alias'], 'DROP ALIAS'],
  [['grant'], 'GRANT'],
  [['deny'], 'DENY'],
  [['revoke'], 'REVOKE'],
  [['restore', 'snapshot'], 'RESTORE SNAPSHOT'],
  [['declare'], 'DECLARE'],
  [['fetch'], 'FETCH'],
  [['close'], 'CLOSE'],
  [['set', 'session', 'authorization'], 'SET SESSION AUTHORIZATION'],
  [['set', 'session', 'session', 'authorization'], 'SET SESSION AUTHORIZATION'],
  [['set', 'local', 'session', 'authorization'], 'SET SESSION AUTHORIZATION'],
  [['reset', 'session', 'authorization'], 'RESET SESSION AUTHORIZATION'],
];

/** the Unsupported name if the statement at the cursor is one of the patterns */
export function unsupportedStatementName(p: TokenStream): string | undefined {
  for (const [words, name] of PATTERNS) {
    if (words.every((w, k) => p.isKw(w, k))) return name;
  }
  return undefined;
}

/** skip to the end of the statement, keeping its source text */
export function parseUnsupported(p: TokenStream, name: string): Unsupported {
  const first = p.peek();
  while (!p.atEnd()) p.next();
  return { kind: 'Unsupported', pos: first.start, name, text: p.text(first.start, p.prev().end) };
}
