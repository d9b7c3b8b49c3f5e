/**
 * CREATE / DROP of tables, views and schemas (sql.md §6.1–§6.3, §6.6–§6.8):
 *
 *   CREATE TABLE [IF NOT EXISTS] t '(' element, … ')' [PARTITIONED BY '(' col, … ')']
 *       [CLUSTERED [BY '(' col ')'] [INTO n SHARDS]] [WITH '(' … ')']      -- PARTITIONED/CLUSTERED any order
 *   CREATE TABLE [IF NOT EXISTS] t '(' LIKE src {INCLUDING | EXCLUDING} what … ')'
 *   CREATE TABLE [IF NOT EXISTS] t AS {query | '(' query ')'}
 *   DROP [BLOB] TABLE [IF EXISTS] t
 *   CREATE [OR REPLACE] VIEW v AS query          -- queryText = the query's exact source text
 *   DROP VIEW [IF EXISTS] v, …
 *   CREATE SCHEMA [IF NOT EXISTS] s
 *   DROP SCHEMA [IF EXISTS] s, … [CASCADE | RESTRICT]
 *
 * ALTER TABLE is in parse-alter.ts; CREATE BLOB TABLE and the other CREATE/DROP forms that
 * cratelite does not implement are recognised in parse-unsupported.ts.
 */
import type { CreateTable, CreateTableAs, CreateView, DropSchema, DropTable, DropView, Statement } from '../ast/statement.js';
import { parseColumnPathList, parseTableElement } from './parse-column.js';
import { parsePostfixExpression } from './parse-primary.js';
import { parseOptionalWith } from './parse-properties.js';
import { parseQuery } from './parse-query.js';
import type { TokenStream } from './token-stream.js';

const LIKE_OPTIONS = ['all', 'constraints', 'defaults', 'generated', 'indexes', 'storage'];

function acceptIfNotExists(p: TokenStream): boolean {
  if (!p.isKw('if')) return false;
  p.expectKws('if', 'not', 'exists');
  return true;
}

function acceptIfExists(p: TokenStream): boolean {
  if (!p.isKw('if')) return false;
  p.expectKws('if', 'exists');
  return true;
}

/** `CREATE TABLE …` (CREATE already checked, current token on CREATE) */
export function parseCreateTable(p: TokenStream): CreateTable | CreateTableAs {
  const pos = p.expectKw('create').start;
  p.expectKw('table');
  const ifNotExists = acceptIfNotExists(p);
  const table = p.qname();
  if (p.acceptKw('as')) return { kind: 'CreateTableAs', pos, ifNotExists, table, query: parseQuery(p) };
  const create: CreateTable = { kind: 'CreateTable', pos, ifNotExists, table, elements: [], partitionedBy: [], with: [] };
  p.expectOp('(');
  if (p.acceptKw('like')) {
    const like: NonNullable<CreateTable['like']> = { table: p.qname(), options: [] };
    while (p.isAnyKw(['including', 'excluding'])) {
      const including = p.next().value === 'including';
      if (!p.isAnyKw(LIKE_OPTIONS)) p.mismatched("{'ALL', 'CONSTRAINTS', 'DEFAULTS', 'GENERATED', 'INDEXES', 'STORAGE'}");
      like.options.push({ including, what: p.next().value.toUpperCase() });
    }
    create.like = like;
  } else create.elements = p.list(() => parseTableElement(p));
  p.expectOp(')');
  let partitioned = false;
  let clustered = false;
  for (;;) {
    if (!partitioned && p.isKw('partitioned')) {
      p.next();
      p.expectKw('by');
      create.partitionedBy = parseColumnPathList(p);
      partitioned = true;
    } else if (!clustered && p.acceptKw('clustered')) {
      if (p.acceptKw('by')) {
        const cols = parseColumnPathList(p);
        if (cols.length !== 1) throw p.errorAt(p.prev(), 'CLUSTERED BY takes exactly one column');
        create.clusteredBy = cols[0]!;
      }
      if (p.acceptKw('into')) {
        create.shards = parsePostfixExpression(p);
        p.expectKw('shards');
      } else if (create.clusteredBy === undefined) p.mismatched("{'BY', 'INTO'}");
      clustered = true;
    } else break;
  }
  create.with = parseOptionalWith(p);
  return create;
}

/** `CREATE [OR REPLACE] VIEW v AS query` */
export function parseCreateView(p: TokenStream): CreateView {
  const pos = p.expectKw('create').start;
  const orReplace = p.isKw('or');
  if (orReplace) p.expectKws('or', 'replace');
  p.expectKw('view');
  const name = p.qname();
  p.expectKw('as');
  const start = p.pos;
  const query = parseQuery(p);
  return { kind: 'CreateView', pos, orReplace, name, query, queryText: p.text(start, p.prev().end) };
}

/** `CREATE SCHEMA [IF NOT EXISTS] s` */
export function parseCreateSchema(p: TokenStream): Statement {
  const pos = p.expectKw('create').start;
  p.expectKw('schema');
  const ifNotExists = acceptIfNotExists(p);
  return { kind: 'CreateSchema', pos, ifNotExists, name: p.ident() };
}

/** `DROP [BLOB] TABLE | VIEW | SCHEMA …` */
export function parseDrop(p: TokenStream): DropTable | DropView | DropSchema {
  const pos = p.expectKw('drop').start;
  if (p.isKw('table') || p.isKw('blob')) {
    const blob = p.acceptKw('blob');
    p.expectKw('table');
    const ifExists = acceptIfExists(p);
    return { kind: 'DropTable', pos, ifExists, table: p.qname(), blob };
  }
  if (p.acceptKw('view')) {
    const ifExists = acceptIfExists(p);
    return { kind: 'DropView', pos, ifExists, names: p.list(() => p.qname()) };
  }
  if (!p.isKw('schema')) p.mismatched("{'TABLE', 'BLOB', 'VIEW', 'SCHEMA'}");
  p.next();
  const ifExists = acceptIfExists(p);
  const names = p.list(() => p.ident());
  let behavior: DropSchema['behavior'] = 'RESTRICT';
  if (p.acceptKw('cascade')) behavior = 'CASCADE';
  else p.acceptKw('restrict');
  return { kind: 'DropSchema', pos, ifExists, names, behavior };
}
