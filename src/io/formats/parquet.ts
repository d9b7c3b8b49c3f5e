/**
 * Parquet (a cratelite extension of COPY: `format = 'parquet'`, or a `.parquet` file name) read
 * and written by DuckDB.
 *
 * In: rows come from `read_parquet` on a separate DuckDB connection (the session's connection
 * is busy inserting), one JSON object per row so that nested values arrive as plain JS values;
 * timestamps and dates as epoch milliseconds, like CrateDB's JSON. The "line number" of a row is
 * its 1-based row number in the file.
 * Out: `COPY (query) TO 'file' (FORMAT parquet)`.
 */
import type { EngineConnection } from '../../engine/engine.js';
import { quoteIdent, quoteString } from '../../translator/duckdb-types.js';
import type { ParsedRow } from './records.js';

/** Batches of rows of a local Parquet file. */
export async function* readParquet(conn: EngineConnection, path: string): AsyncGenerator<ParsedRow[]> {
  const source = `read_parquet(${quoteString(path)})`;
  const described = await conn.all(`DESCRIBE SELECT * FROM ${source}`);
  const projection = described.map(([name, type]) => {
    const col = quoteIdent(String(name));
    const t = String(type).toUpperCase();
    if (t.startsWith('TIMESTAMP') || t === 'DATE') return `epoch_ms(${col}) AS ${col}`;
    return col;
  });
  if (projection.length === 0) return;
  let line = 0;
  for await (const batch of conn.query(`SELECT to_json(p)::VARCHAR FROM (SELECT ${projection.join(', ')} FROM ${source}) AS p`)) {
    const rows: ParsedRow[] = [];
    const texts = batch.columns[0]!;
    for (let r = 0; r < batch.rowCount; r++) {
      const obj = JSON.parse(String(texts[r])) as Record<string, unknown>;
      const columns = Object.keys(obj);
      rows.push({ line: ++line, columns, values: columns.map((c) => obj[c]) });
    }
    yield rows;
  }
}

/** Write a DuckDB query's rows to a Parquet file (columns named by `names`). */
export async function writeParquet(conn: EngineConnection, sql: string, names: readonly string[], path: string, gzip: boolean): Promise<number> {
  const select = names.map((n, i) => `${quoteIdent(`o${i}`)} AS ${quoteIdent(n)}`).join(', ');
  const compression = gzip ? ', COMPRESSION gzip' : '';
  return conn.run(`COPY (SELECT ${select} FROM (${sql})) TO ${quoteString(path)} (FORMAT parquet${compression})`);
}
