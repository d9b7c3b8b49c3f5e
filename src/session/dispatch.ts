/**
 * Statement → Plan. Session commands (SET, SHOW, BEGIN …) are answered here without DuckDB;
 * everything else goes to the analyzer modules.
 */
import { SQLParseException, UnsupportedFeatureException } from '../errors/errors.js';
import type { Statement } from '../sql/ast/index.js';
import { parseStatement } from '../sql/parser/parser.js';
import { printExpression } from '../sql/ast/printer.js';
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import { queryPlan, rowCountPlan, valuesPlan, type Plan } from '../analyzer/plan.js';
import { QueryAnalyzer } from '../analyzer/query.js';
import { planCreateTable } from '../analyzer/ddl/create-table.js';
import {
  planCreateSchema, planCreateView, planDropSchema, planDropTable, planDropView, planRefresh,
} from '../analyzer/ddl/other-ddl.js';
import { planAlterTable } from '../analyzer/ddl/alter-table.js';
import { planCreateTableAs } from '../analyzer/ddl/create-table-as.js';
import { planInsert } from '../analyzer/dml/insert.js';
import { planDelete, planUpdate } from '../analyzer/dml/update-delete.js';
import { showCreateTable } from '../analyzer/ddl/show-create-table.js';
import { quoteString } from '../translator/duckdb-types.js';
import { T } from '../types/data-type.js';
import type { SessionSettings } from './settings.js';
import type { CopyEnvironment } from '../io/copy-environment.js';
import { planCopyFrom } from '../io/copy-from.js';
import { planCopyTo } from '../io/copy-to.js';

export function planStatement(stmt: Statement, cx: AnalyzerContext, settings: SessionSettings, copyEnv?: CopyEnvironment): Plan {
  switch (stmt.kind) {
    case 'Select': {
      cx.enableParamBinding();
      const q = new QueryAnalyzer(cx, { rawJsonOutputs: true }).compileQuery(stmt.query, undefined, new Map());
      // `SELECT 1` and other constant rows need no DuckDB round trip (drivers send many)
      if (q.constantRow) return valuesPlan(q.columns, [q.constantRow]);
      return queryPlan((conn) => cx.finalizeQuery(q.sql, conn), q.columns, (e) => cx.translateError(e), { materialize: q.bounded });
    }
    case 'Insert': return planInsert(stmt, cx);
    case 'Update': return planUpdate(stmt, cx);
    case 'Delete': return planDelete(stmt, cx);
    case 'CreateTable': return planCreateTable(stmt, cx);
    case 'CreateTableAs': return planCreateTableAs(stmt, cx);
    case 'DropTable': return planDropTable(stmt, cx);
    case 'AlterTable': return planAlterTable(stmt, cx);
    case 'CreateView': return planCreateView(stmt, cx);
    case 'DropView': return planDropView(stmt, cx);
    case 'CreateSchema': return planCreateSchema(stmt, cx);
    case 'DropSchema': return planDropSchema(stmt, cx);
    case 'Refresh': return planRefresh(stmt, cx);
    case 'Optimize': {
      for (const p of stmt.with) {
        if (!['max_num_segments', 'only_expunge_deletes', 'flush', 'upgrade_segments'].includes(p.name)) {
          throw new SQLParseException(`Invalid property "${p.name}" passed to OPTIMIZE statement`);
        }
      }
      return planRefresh({ kind: 'Optimize', tables: stmt.tables }, cx);
    }
    case 'Analyze': return rowCountPlan(async () => 1);
    case 'Begin': case 'Commit': case 'Rollback': case 'SetTransaction':
    case 'Deallocate': case 'Discard':
      return rowCountPlan(async () => 0);
    case 'SetSession': {
      const values = stmt.values;
      return rowCountPlan(async () => {
        if (stmt.scope === 'LOCAL') return 0;
        const name = stmt.name.toLowerCase();
        if (name === 'time zone' || name === 'timezone') return 0;
        settings.set(name, values === 'DEFAULT' ? 'DEFAULT' : values.map((v) => settingValue(v, cx.args)).join(', '));
        return 0;
      });
    }
    case 'ResetSession': return rowCountPlan(async () => { settings.reset(stmt.name === 'ALL' ? 'ALL' : stmt.name.toLowerCase()); return 0; });
    case 'ShowSetting': {
      if (stmt.name === 'ALL') {
        return valuesPlan([{ name: 'name', type: T.text }, { name: 'setting', type: T.text }, { name: 'description', type: T.text }], settings.all());
      }
      const name = stmt.name.toLowerCase();
      return valuesPlan([{ name, type: T.text }], [[settings.show(name)]]);
    }
    case 'ShowTransactionIsolation':
      return valuesPlan([{ name: 'transaction_isolation', type: T.text }], [['read uncommitted']]);
    case 'ShowTables': {
      const schema = stmt.schema ? `table_schema = ${quoteString(stmt.schema)}` : "table_schema NOT IN ('sys', 'information_schema', 'pg_catalog', 'blob')";
      const filter = stmt.like !== undefined ? ` AND table_name LIKE ${quoteString(stmt.like)}` : stmt.where ? ` AND (${printExpression(stmt.where)})` : '';
      return planSql(`SELECT DISTINCT table_name AS table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND ${schema}${filter} ORDER BY 1`, cx);
    }
    case 'ShowSchemas': {
      const filter = stmt.like !== undefined ? ` WHERE schema_name LIKE ${quoteString(stmt.like)}` : stmt.where ? ` WHERE (${printExpression(stmt.where)})` : '';
      return planSql(`SELECT schema_name FROM information_schema.schemata${filter} ORDER BY schema_name`, cx);
    }
    case 'ShowColumns': {
      const schema = stmt.schema ?? (stmt.table.length > 1 ? stmt.table[0]! : cx.currentSchema);
      const table = stmt.table[stmt.table.length - 1]!;
      const filter = stmt.like !== undefined ? ` AND column_name LIKE ${quoteString(stmt.like)}` : stmt.where ? ` AND (${printExpression(stmt.where)})` : '';
      return planSql(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${quoteString(table)} AND table_schema = ${quoteString(schema)}${filter} ORDER BY column_name`, cx);
    }
    case 'ShowCreateTable': {
      const r = cx.resolveRelation(stmt.table, stmt.pos);
      if (r.kind !== 'table' || r.table.kind !== 'table') {
        throw new UnsupportedFeatureException(`SHOW CREATE TABLE is only supported for base tables`);
      }
      const t = r.table;
      return valuesPlan([{ name: `SHOW CREATE TABLE ${t.schema}.${t.name}`, type: T.text }], [[showCreateTable(t)]]);
    }
    case 'Explain': return planExplain(stmt, cx);
    case 'CopyFrom': return planCopyFrom(stmt, cx, copyEnv);
    case 'CopyTo': return planCopyTo(stmt, cx, copyEnv);
    case 'SetGlobal': case 'ResetGlobal':
      throw new UnsupportedFeatureException(`${statementName(stmt.kind)} is not supported by cratelite yet`);
    case 'Kill': throw new UnsupportedFeatureException('KILL is handled by the session');
    case 'Unsupported':
      throw new UnsupportedFeatureException(`${stmt.name} is not supported by cratelite (single node)`);
  }
}

/**
 * EXPLAIN (sql.md §8.8): the plan text is not part of CrateDB's contract; cratelite shows
 * DuckDB's physical plan of the translated query in the `QUERY PLAN` column. EXPLAIN ANALYZE
 * returns the profile in an object column named `EXPLAIN ANALYZE`… like CrateDB's shape.
 */
function planExplain(stmt: Extract<Statement, { kind: 'Explain' }>, cx: AnalyzerContext): Plan {
  if (stmt.statement.kind !== 'Select') {
    throw new UnsupportedFeatureException('EXPLAIN is only supported for SELECT statements');
  }
  const q = new QueryAnalyzer(cx).compileQuery(stmt.statement.query, undefined, new Map());
  const analyze = stmt.analyze;
  const columns = [analyze ? { name: 'EXPLAIN ANALYZE', type: T.object() } : { name: 'QUERY PLAN', type: T.text }];
  return {
    columns,
    async execute(conn, sink) {
      const sql = await cx.finalizeSql(q.sql, conn);
      const rows = await conn.all(`EXPLAIN ${analyze ? 'ANALYZE ' : ''}${sql}`);
      const text = rows.map((r) => String(r[r.length - 1])).join('\n');
      sink.columns(columns);
      sink.batch({ rowCount: 1, columns: [[analyze ? JSON.stringify({ Analyze: text }) : text]] });
      sink.end(1);
    },
  };
}

function planSql(sql: string, cx: AnalyzerContext): Plan {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'Select') throw new SQLParseException(`internal: ${sql}`);
  const q = new QueryAnalyzer(cx).compileQuery(stmt.query, undefined, new Map());
  return queryPlan((conn) => cx.finalizeSql(q.sql, conn), q.columns);
}

function settingValue(e: import('../sql/ast/index.js').Expression, args: readonly unknown[]): string {
  if (e.kind === 'Literal') return e.value === null ? '' : String(e.value);
  if (e.kind === 'Parameter') return String(args[e.index - 1] ?? '');
  if (e.kind === 'ColumnRef') return e.parts.join('.');
  return printExpression(e);
}

function statementName(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}
