/**
 * AST printer: statements and expressions back to canonical CrateDB SQL.
 *
 *   printStatement(stmt)   text that re-parses to the same tree (modulo `pos`; `x::t` casts
 *                          print as CAST(x AS t) unless { preserveCasts: true })
 *   printExpression(expr)  the same for one expression; doubles as CrateDB's output column
 *                          name of a select item: `(1 + 2)`, `(sqrt(a) > 1)`, `'matches'`
 *   outputName(expr)       CrateDB's column name for a select item without alias (sql.md §4.2):
 *                          column → its name (`obj['a']['b']` keeps the subscripts),
 *                          function call → bare function name, anything else → printExpression
 *
 * Expression, type and query printing live in print-expression.ts and print-query.ts, DDL in
 * print-ddl.ts.
 */
import type { Expression, GenericProperty } from './expression.js';
import { printDdl, printTableWithPartition } from './print-ddl.js';
import {
  printDottedName, printExpr, printPrimary, printProperties, printQualifiedName, printStringLiteral, quoteIdent,
  withPrintOptions, type PrintOptions,
} from './print-expression.js';
import { printQuery, printSelectItems } from './print-query.js';
import type { Query } from './query.js';
import type { Assignment, Statement } from './statement.js';

export type { PrintOptions } from './print-expression.js';
export { printColumnDefinition, printType, quoteIdent, printQualifiedName, printStringLiteral } from './print-expression.js';
export { printRelation } from './print-query.js';

export function printExpression(expr: Expression, opts?: PrintOptions): string {
  return withPrintOptions(opts, () => printExpr(expr));
}

export function printQueryText(query: Query, opts?: PrintOptions): string {
  return withPrintOptions(opts, () => printQuery(query));
}

export function printStatement(stmt: Statement, opts?: PrintOptions): string {
  return withPrintOptions(opts, () => printStmt(stmt));
}

/** CrateDB's output column name for an un-aliased select item (sql.md §4.2 "Output names"). */
export function outputName(expr: Expression): string {
  switch (expr.kind) {
    case 'ColumnRef': return expr.parts[expr.parts.length - 1]!;
    case 'FunctionCall': return expr.name[expr.name.length - 1]!;
    case 'SpecialFunction': return expr.name.toLowerCase();
    case 'Subscript': {
      let root: Expression = expr;
      const subscripts: string[] = [];
      while (root.kind === 'Subscript') {
        subscripts.unshift(`[${printExpression(root.index)}]`);
        root = root.base;
      }
      if (root.kind === 'ColumnRef') return outputName(root) + subscripts.join('');
      return printExpression(expr);
    }
    case 'Slice':
      // CrateDB names a slice of a column with the column quoted: "landmarks"[1:2]
      if (expr.base.kind === 'ColumnRef') {
        const col = `"${outputName(expr.base)}"`;
        return `${col}[${expr.from ? printExpression(expr.from) : ''}:${expr.to ? printExpression(expr.to) : ''}]`;
      }
      return printExpression(expr);
    default: return printExpression(expr);
  }
}

const assignments = (list: readonly Assignment[]) =>
  list.map((a) => `${printExpr(a.target)} = ${printExpr(a.value)}`).join(', ');

const setProps = (props: readonly GenericProperty[]) =>
  props.map((p) => `${printDottedName(p.name)} = ${printExpr(p.value)}`).join(', ');

const optionalWith = (props: readonly GenericProperty[]) => (props.length > 0 ? ` WITH ${printProperties(props)}` : '');

function printInsert(s: Statement & { kind: 'Insert' }): string {
  let out = `INSERT INTO ${printQualifiedName(s.table)}`;
  if (s.columns) out += ` (${s.columns.map((n) => quoteIdent(n)).join(', ')})`;
  out += ` ${printQuery(s.source)}`;
  if (s.onConflict) {
    const cols = s.onConflict.columns.length > 0 ? ` (${s.onConflict.columns.map(printExpr).join(', ')})` : '';
    out += ` ON CONFLICT${cols} DO `;
    out += s.onConflict.action === 'NOTHING' ? 'NOTHING' : `UPDATE SET ${assignments(s.onConflict.assignments)}`;
  }
  if (s.returning) out += ` RETURNING ${printSelectItems(s.returning)}`;
  return out;
}

function likeOrWhere(s: { like?: string; where?: Expression }): string {
  if (s.like !== undefined) return ` LIKE ${printStringLiteral(s.like)}`;
  if (s.where) return ` WHERE ${printExpr(s.where)}`;
  return '';
}

function printExplain(s: Statement & { kind: 'Explain' }): string {
  const inner = printStmt(s.statement);
  if (s.costs && !(s.analyze && s.verbose)) {
    if (s.analyze) return `EXPLAIN ANALYZE ${inner}`;
    if (s.verbose) return `EXPLAIN VERBOSE ${inner}`;
    return `EXPLAIN ${inner}`;
  }
  const opts = [`ANALYZE ${s.analyze}`, `COSTS ${s.costs}`, `VERBOSE ${s.verbose}`].join(', ').toUpperCase();
  return `EXPLAIN (${opts}) ${inner}`;
}

function printStmt(s: Statement): string {
  const ddl = printDdl(s);
  if (ddl !== undefined) return ddl;
  switch (s.kind) {
    case 'Select': return printQuery(s.query);
    case 'Insert': return printInsert(s);
    case 'Update': {
      let out = `UPDATE ${printQualifiedName(s.table)}${s.alias !== undefined ? ` AS ${quoteIdent(s.alias)}` : ''}`;
      out += ` SET ${assignments(s.assignments)}`;
      if (s.where) out += ` WHERE ${printExpr(s.where)}`;
      if (s.returning) out += ` RETURNING ${printSelectItems(s.returning)}`;
      return out;
    }
    case 'Delete': {
      let out = `DELETE FROM ${printQualifiedName(s.table)}${s.alias !== undefined ? ` AS ${quoteIdent(s.alias)}` : ''}`;
      if (s.where) out += ` WHERE ${printExpr(s.where)}`;
      return out;
    }
    case 'SetSession': {
      const values = s.values === 'DEFAULT' ? 'DEFAULT' : s.values.map(printExpr).join(', ');
      return `SET ${s.scope === 'LOCAL' ? 'LOCAL ' : ''}${printDottedName(s.name)} TO ${values}`;
    }
    case 'ResetSession': return `RESET ${s.name === 'ALL' ? 'ALL' : printDottedName(s.name)}`;
    case 'SetTransaction': return `SET TRANSACTION ${s.modes.join(', ')}`;
    case 'SetGlobal': return `SET GLOBAL ${s.persistent ? 'PERSISTENT' : 'TRANSIENT'} ${setProps(s.properties)}`;
    case 'ResetGlobal': return `RESET GLOBAL ${s.names.map(printDottedName).join(', ')}`;
    case 'ShowSetting': return `SHOW ${s.name === 'ALL' ? 'ALL' : printDottedName(s.name)}`;
    case 'ShowTables': return `SHOW TABLES${s.schema !== undefined ? ` FROM ${quoteIdent(s.schema)}` : ''}${likeOrWhere(s)}`;
    case 'ShowSchemas': return `SHOW SCHEMAS${likeOrWhere(s)}`;
    case 'ShowColumns': {
      const schema = s.schema !== undefined ? ` FROM ${quoteIdent(s.schema)}` : '';
      return `SHOW COLUMNS FROM ${printQualifiedName(s.table)}${schema}${likeOrWhere(s)}`;
    }
    case 'ShowCreateTable': return `SHOW CREATE TABLE ${printQualifiedName(s.table)}`;
    case 'ShowTransactionIsolation': return 'SHOW TRANSACTION ISOLATION LEVEL';
    case 'Begin': return 'BEGIN';
    case 'Commit': return 'COMMIT';
    case 'Rollback': return 'ROLLBACK';
    case 'Refresh': return `REFRESH TABLE ${s.tables.map(printTableWithPartition).join(', ')}`;
    case 'Optimize': return `OPTIMIZE TABLE ${s.tables.map(printTableWithPartition).join(', ')}${optionalWith(s.with)}`;
    case 'Analyze': return 'ANALYZE';
    case 'Explain': return printExplain(s);
    case 'Deallocate': return `DEALLOCATE ${s.name === 'ALL' ? 'ALL' : printStringLiteral(s.name)}`;
    case 'Discard': return `DISCARD ${s.what}`;
    case 'Kill': return `KILL ${s.jobId === 'ALL' ? 'ALL' : printPrimary(s.jobId)}`;
    case 'CopyFrom': {
      let out = `COPY ${printTableWithPartition(s.table)}`;
      if (s.columns) out += ` (${s.columns.map((n) => quoteIdent(n)).join(', ')})`;
      out += ` FROM ${s.uri === 'STDIN' ? 'STDIN' : printExpr(s.uri)}${optionalWith(s.with)}`;
      return s.returnSummary ? `${out} RETURN SUMMARY` : out;
    }
    case 'CopyTo': {
      let out = `COPY ${s.query ? `(${printQuery(s.query)})` : printTableWithPartition(s.table!)}`;
      if (s.columns) out += ` (${s.columns.map(printExpr).join(', ')})`;
      if (s.where) out += ` WHERE ${printExpr(s.where)}`;
      const target = s.uri === 'STDOUT' ? 'STDOUT' : printExpr(s.uri);
      return `${out} TO ${s.directory ? 'DIRECTORY ' : ''}${target}${optionalWith(s.with)}`;
    }
    case 'Unsupported': return s.text ?? s.name;
    default: throw new Error(`cannot print statement ${s.kind}`);
  }
}
