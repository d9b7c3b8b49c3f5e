/**
 * RETURNING of INSERT and UPDATE: select items over the written row, compiled against the table's
 * columns unqualified (DuckDB's RETURNING sees the target table's columns by name).
 */
import type { SelectItem } from '../../sql/ast/index.js';
import { outputName } from '../../sql/ast/printer.js';
import type { TableMeta } from '../../catalog/table-meta.js';
import type { ResultColumn } from '../../session/result-sink.js';
import { quoteIdent } from '../../translator/duckdb-types.js';
import { compileExpr } from '../expression.js';
import type { QueryAnalyzer } from '../query.js';
import { tableScope } from '../ddl/generated.js';

export function compileReturning(items: SelectItem[], table: TableMeta, qa: QueryAnalyzer): { sql: string; columns: ResultColumn[] } {
  const scope = tableScope(table, '');
  const cx = qa.exprContext(scope, new Map(), false);
  const sqls: string[] = [];
  const columns: ResultColumn[] = [];
  for (const item of items) {
    if (item.kind === 'SelectStar') {
      for (const c of scope.relations[0]!.columns) {
        sqls.push(`${c.sql} AS ${quoteIdent(`o${columns.length}`)}`);
        columns.push({ name: c.name, type: c.type });
      }
      continue;
    }
    const e = compileExpr(item.expr, cx);
    sqls.push(`${e.sql} AS ${quoteIdent(`o${columns.length}`)}`);
    columns.push({ name: item.alias ?? outputName(item.expr), type: e.type });
  }
  return { sql: sqls.join(', '), columns };
}
