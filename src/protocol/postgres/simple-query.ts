/**
 * The simple query protocol, `Q` (pgwire.md §4):
 *
 *   Q "s1; s2; …"
 *     parse error            → ErrorResponse (42601)                         → ReadyForQuery 'I'
 *     no statements          → EmptyQueryResponse                            → ReadyForQuery 'I'
 *     per statement, in order:
 *       result set           → RowDescription, DataRow*, CommandComplete
 *       row count            → CommandComplete
 *       error                → ErrorResponse; the rest is NOT run (earlier ones stay done)
 *     → ReadyForQuery 'I' — always 'I', even after BEGIN or an error (CrateDB)
 *
 * Command tags take their word from the WHOLE query string (command-tag.ts).
 */
import { parseManyCached } from '../../session/statement-cache.js';
import { commandTag } from './command-tag.js';
import { PgResultSink } from './pg-result-sink.js';
import type { QueryHost } from './query-host.js';

export async function simpleQuery(host: QueryHost, sql: string): Promise<void> {
  const w = host.writer;
  let statements;
  try {
    statements = parseManyCached(sql);
  } catch (e) {
    host.errorResponse(e);
    w.readyForQuery('I');
    return;
  }
  if (statements.length === 0) {
    w.emptyQueryResponse().readyForQuery('I');
    return;
  }
  for (const { statement, text } of statements) {
    const sink = new PgResultSink(host, { describe: true, resultFormats: [] });
    try {
      host.beforeStatement(statement);
      await host.session.execute(text, [], sink);
      w.commandComplete(commandTag(sql, sink.hasResultSet ? sink.rowsSent : sink.rowCount));
    } catch (e) {
      host.errorResponse(e);
      break;
    }
  }
  w.readyForQuery('I');
}
