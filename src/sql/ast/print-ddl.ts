/**
 * AST → SQL text for DDL: CREATE TABLE (incl. LIKE and AS), DROP TABLE, ALTER TABLE,
 * views and schemas. Output re-parses to the same tree; see printer.ts.
 */
import {
  printColumnDefinition, printDottedName, printExpr, printPrimary, printProperties, printQualifiedName, quoteIdent,
} from './print-expression.js';
import { printQuery } from './print-query.js';
import type { AlterTable, AlterTableAction, CreateTable, Statement, TableElement, TableWithPartition } from './statement.js';

function printTableElement(el: TableElement): string {
  const named = (el.kind === 'PrimaryKeyConstraint' || el.kind === 'CheckConstraint') && el.name !== undefined
    ? `CONSTRAINT ${quoteIdent(el.name)} ` : '';
  switch (el.kind) {
    case 'ColumnDefinition': return printColumnDefinition(el);
    case 'PrimaryKeyConstraint': return `${named}PRIMARY KEY (${el.columns.map(printExpr).join(', ')})`;
    case 'CheckConstraint': return `${named}CHECK (${printExpr(el.expr)})`;
    case 'IndexDefinition': {
      const withProps = el.properties.length > 0 ? ` WITH ${printProperties(el.properties)}` : '';
      return `INDEX ${quoteIdent(el.name)} USING ${quoteIdent(el.method)} (${el.columns.map(printExpr).join(', ')})${withProps}`;
    }
  }
}

function printCreateTable(s: CreateTable): string {
  let out = `CREATE TABLE ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${printQualifiedName(s.table)} (`;
  if (s.like) {
    const opts = s.like.options.map((o) => ` ${o.including ? 'INCLUDING' : 'EXCLUDING'} ${o.what}`).join('');
    out += `LIKE ${printQualifiedName(s.like.table)}${opts})`;
  } else out += `${s.elements.map(printTableElement).join(', ')})`;
  if (s.partitionedBy.length > 0) out += ` PARTITIONED BY (${s.partitionedBy.map(printExpr).join(', ')})`;
  if (s.clusteredBy !== undefined || s.shards !== undefined) {
    out += ' CLUSTERED';
    if (s.clusteredBy !== undefined) out += ` BY (${printExpr(s.clusteredBy)})`;
    if (s.shards !== undefined) out += ` INTO ${printPrimary(s.shards)} SHARDS`;
  }
  if (s.with.length > 0) out += ` WITH ${printProperties(s.with)}`;
  return out;
}

/** `t` or `t PARTITION (c = v, …)` */
export function printTableWithPartition(t: TableWithPartition): string {
  let s = printQualifiedName(t.name);
  if (t.partition) s += ` PARTITION (${t.partition.map((p) => `${printDottedName(p.name)} = ${printExpr(p.value)}`).join(', ')})`;
  return s;
}

function printAlterAction(a: AlterTableAction): string {
  switch (a.kind) {
    case 'SetProperties': return `SET ${printProperties(a.properties)}`;
    case 'ResetProperties': return a.names.length > 0 ? `RESET (${a.names.map((n) => quoteIdent(n)).join(', ')})` : 'RESET';
    case 'AddColumn': return `ADD COLUMN ${printColumnDefinition(a.column)}`;
    case 'DropColumn': return `DROP COLUMN ${a.ifExists ? 'IF EXISTS ' : ''}${printExpr(a.column)}`;
    case 'RenameColumn': return `RENAME COLUMN ${printExpr(a.from)} TO ${printExpr(a.to)}`;
    case 'SetDefault': return `ALTER COLUMN ${printExpr(a.column)} SET DEFAULT ${printExpr(a.expr)}`;
    case 'DropDefault': return `ALTER COLUMN ${printExpr(a.column)} DROP DEFAULT`;
    case 'DropConstraint': return `DROP CONSTRAINT ${quoteIdent(a.name)}`;
    case 'Open': return 'OPEN';
    case 'Close': return 'CLOSE';
    case 'RenameTo': return `RENAME TO ${printQualifiedName(a.name)}`;
    case 'Reroute': return `REROUTE ${a.text}`;
  }
}

function printAlterTable(s: AlterTable): string {
  const target = s.only ? `ONLY ${printQualifiedName(s.table.name)}` : printTableWithPartition(s.table);
  return `ALTER ${s.blob ? 'BLOB ' : ''}TABLE ${target} ${s.actions.map(printAlterAction).join(', ')}`;
}

/** DDL statements; undefined for other kinds */
export function printDdl(s: Statement): string | undefined {
  switch (s.kind) {
    case 'CreateTable': return printCreateTable(s);
    case 'CreateTableAs':
      return `CREATE TABLE ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${printQualifiedName(s.table)} AS ${printQuery(s.query)}`;
    case 'DropTable':
      return `DROP ${s.blob ? 'BLOB ' : ''}TABLE ${s.ifExists ? 'IF EXISTS ' : ''}${printQualifiedName(s.table)}`;
    case 'AlterTable': return printAlterTable(s);
    case 'CreateView':
      // the source text is kept verbatim: it is what views store and what re-parses identically
      return `CREATE ${s.orReplace ? 'OR REPLACE ' : ''}VIEW ${printQualifiedName(s.name)} AS ${s.queryText || printQuery(s.query)}`;
    case 'DropView': return `DROP VIEW ${s.ifExists ? 'IF EXISTS ' : ''}${s.names.map(printQualifiedName).join(', ')}`;
    case 'CreateSchema': return `CREATE SCHEMA ${s.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdent(s.name)}`;
    case 'DropSchema':
      return `DROP SCHEMA ${s.ifExists ? 'IF EXISTS ' : ''}${s.names.map((n) => quoteIdent(n)).join(', ')}${s.behavior === 'CASCADE' ? ' CASCADE' : ''}`;
    default: return undefined;
  }
}
