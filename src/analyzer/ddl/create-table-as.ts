/**
 * CREATE TABLE … AS query (sql.md §6.2): columns and types from the query output, default table
 * parameters, then the rows are inserted; the row count is the number of rows inserted.
 */
import { RelationAlreadyExists } from '../../errors/errors.js';
import type { CreateTableAs } from '../../sql/ast/index.js';
import type { TableMeta } from '../../catalog/table-meta.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import type { Plan } from '../plan.js';
import { QueryAnalyzer } from '../query.js';
import { newColumn } from '../dml/dynamic-columns.js';
import { planInsert } from '../dml/insert.js';
import { createTableSql, qualify } from './create-table.js';

export function planCreateTableAs(stmt: CreateTableAs, cx: AnalyzerContext): Plan {
  const [schema, name] = qualify(stmt.table, cx);
  const q = new QueryAnalyzer(cx).compileQuery(stmt.query, undefined, new Map());
  return {
    async execute(conn, sink) {
      const created = await cx.catalog.ddl(conn, () => {
        if (cx.catalog.get(schema, name)) {
          if (stmt.ifNotExists) return { result: false };
          throw new RelationAlreadyExists(`Relation '${schema}.${name}' already exists.`);
        }
        const oid = cx.catalog.allocateOid();
        const meta: TableMeta = {
          oid, schema, name, kind: 'table', internal: `t${oid}`, columns: [], primaryKey: [], partitionedBy: [],
          shards: 4, settings: {}, columnPolicy: 'strict', checks: [], nextColumn: 0, nextPosition: 1,
          closed: false, owner: cx.session.user, createdAt: Date.now(),
        };
        for (const c of q.columns) newColumn(meta, meta.columns, [], c.name, c.type.kind === 'undefined' ? { kind: 'text' } : c.type);
        return { change: { sql: [createTableSql(meta)], put: [meta] }, result: true };
      });
      if (!created) { sink.end(0); return; }
      const insert = planInsert({
        kind: 'Insert', pos: stmt.pos, table: [schema, name], columns: q.columns.map((c) => c.name), source: stmt.query,
      }, cx);
      await insert.execute(conn, sink);
    },
  };
}
