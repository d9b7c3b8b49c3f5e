/**
 * `COPY t [(cols)] FROM STDIN [WITH (…)]` over the PostgreSQL protocol (cratelite; CrateDB has no
 * client-side COPY): the client streams rows in PostgreSQL's text, CSV or binary format (or JSON lines)
 * inside CopyData messages; they load with CrateDB's COPY semantics — good rows are written,
 * each bad row is counted and reported — instead of PostgreSQL's all-or-nothing:
 *
 *   CopyInResponse → CopyData* → CopyDone → [NoticeResponse per error message] → CommandComplete `COPY n`
 *
 * With RETURN SUMMARY the answer is the summary row (uri `stdin`) instead of the notices. Over
 * HTTP the statement fails: there is no client stream.
 */
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import type { Plan } from '../analyzer/plan.js';
import { findColumn, type TableMeta } from '../catalog/table-meta.js';
import { JobKilledException, UnsupportedFeatureException } from '../errors/errors.js';
import type { CopyFrom } from '../sql/ast/index.js';
import type { CopyEnvironment } from './copy-environment.js';
import { consumeLines, take } from './copy-from.js';
import { runInForeground } from './copy-job.js';
import { evaluateOptions } from './copy-options.js';
import { JsonLinesParser } from './formats/json-lines.js';
import { PgBinaryReader } from './formats/pg-binary.js';
import { PgCsvParser, PgTextParser } from './formats/pg-text.js';
import type { LineParser } from './formats/records.js';
import { textConverter } from './formats/text-values.js';
import { lineBatches } from './lines.js';
import { resolvePartition } from './partition-clause.js';
import { readPgCopyOptions, type PgCopyOptions } from './pg-copy-options.js';
import { RowWriter } from './row-writer.js';
import { CopySummary, SUMMARY_COLUMNS, type UriResult } from './summary.js';

export const STDIN_URI = 'stdin';

export function planCopyFromStdin(stmt: CopyFrom, table: TableMeta, cx: AnalyzerContext, env: CopyEnvironment | undefined): Plan {
  const columns = stmt.columns ?? [...table.columns].sort((a, b) => a.position - b.position).map((c) => c.name);
  return {
    columns: stmt.returnSummary ? SUMMARY_COLUMNS : undefined,
    async execute(conn, sink) {
      const channel = env?.channel;
      if (!env || !channel) {
        throw new UnsupportedFeatureException('COPY FROM STDIN is only supported over the PostgreSQL wire protocol');
      }
      const options = readPgCopyOptions(await evaluateOptions(stmt.with, cx, conn), 'FROM');
      const partition = stmt.table.partition ? await resolvePartition(table, stmt.table.partition, cx, conn) : undefined;
      const node = cx.systemContext().node;
      const summary = new CopySummary();
      const result = summary.forUri(STDIN_URI);
      await runInForeground('COPY FROM', env, conn, async (run) => {
        const writer = new RowWriter(cx, conn, table, {
          bulkSize: options.bulkSize,
          overwriteDuplicates: options.overwriteDuplicates,
          partition: partition?.columns,
          checkAborted: () => run.checkAborted(),
          onWritten: (written, failed) => {
            run.progress.rows = written;
            run.progress.failed = failed;
            run.progress.update();
          },
        });
        const failFast = async (r: UriResult): Promise<void> => {
          if (!options.failFast || r.errorCount === 0) return;
          await writer.flush();
          throw new JobKilledException(summary.failFastMessage(node.nodeName));
        };
        const counted = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
          for await (const c of chunks) {
            run.progress.bytes += c.length;
            yield c;
          }
        };
        const consume = { result, writer, skip: 0, run, failFast };
        if (options.format === 'binary') {
          const types = columns.map((c) => findColumn(table.columns, [c])?.type ?? { kind: 'text' as const });
          const reader = new PgBinaryReader(columns, types.map((t) => channel.binaryDecoder(t)));
          for await (const chunk of counted(channel.copyIn(columns.length, run.signal, true))) {
            const rows = reader.push(chunk);
            for (const out of rows) {
              const due = take(out, consume);
              if (due) await due;
            }
            run.progress.lines += rows.length;
            run.checkAborted();
            run.progress.update();
          }
          reader.end();
        } else {
          await consumeLines(lineBatches(counted(channel.copyIn(columns.length, run.signal))), stdinParser(options, columns, table), consume);
        }
        await writer.flush();
        run.progress.update(true);
      });
      if (stmt.returnSummary) {
        const rows = summary.rows({ id: node.nodeId, name: node.nodeName });
        sink.columns(SUMMARY_COLUMNS);
        sink.batch({ rowCount: rows.length, columns: SUMMARY_COLUMNS.map((_, c) => rows.map((r) => r[c])) });
        sink.end(rows.length);
        return;
      }
      for (const [message, g] of result.errors) {
        const lines = g.lineNumbers.join(', ');
        channel.notice(`COPY FROM STDIN: ${g.count} row(s) not loaded: ${message} (line${g.lineNumbers.length === 1 ? '' : 's'} ${lines}${g.count > g.lineNumbers.length ? ', …' : ''})`);
      }
      if (result.errorCount > 0 && result.errors.size === 0) channel.notice(`COPY FROM STDIN: ${result.errorCount} row(s) not loaded`);
      sink.end(result.successCount);
    },
  };
}

function stdinParser(o: PgCopyOptions, columns: readonly string[], table: TableMeta): LineParser {
  if (o.json) return new JsonLinesParser();
  const opts = {
    columns,
    converters: columns.map((c) => textConverter(findColumn(table.columns, [c])?.type)),
    delimiter: o.delimiter,
    nullString: o.nullString,
    header: o.headerMatch ? 'match' as const : o.header,
    quote: o.quote,
    escape: o.escape,
    forceNotNull: o.forceNotNull,
    forceNull: o.forceNull,
  };
  return o.format === 'csv' ? new PgCsvParser(opts) : new PgTextParser(opts);
}
