/**
 * Column-wise appends into a DuckDB table through the appender API: the fast way in for bulk
 * inserts (DuckDB takes DataChunks at about a million rows/s; SQL text `INSERT … VALUES` at
 * about ten thousand).
 *
 * In: the table, one `AppendColumn` per physical column of that table (in DuckDB's column
 * order), each with its values as engine/storage-values.ts makes them; `null` for SQL NULL.
 * Out: the rows are in the table once `append` resolves (in the caller's transaction if one is
 * open, else in one commit of their own).
 *
 * The common vector types are filled from JS arrays with one memory copy per vector instead
 * of one call per value: numbers into typed arrays; strings as DuckDB's 16-byte `string_t`
 * (C API `duckdb_string_t`: a length, then up to 12 bytes inline, or a prefix and a pointer),
 * where a longer string is handed to DuckDB once per chunk and its `string_t` reused for every
 * row with the same text. Other types go through @duckdb/node-api's vector writers.
 */
import duckdb from '@duckdb/node-bindings';
import {
  BIGINT, DuckDBDataChunk, DuckDBTableFunction, DuckDBTypeId, type DuckDBAppender, type DuckDBConnection, type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

export interface AppendColumn {
  /** the type the caller built the values for; checked against the table's when given */
  readonly type?: DuckDBType;
  readonly values: readonly unknown[];
}

export interface AppendTarget {
  /** `temp` for temporary tables; the database of the connection otherwise */
  readonly catalog?: string;
  readonly schema: string;
  readonly table: string;
}

/** DuckDB's vector size: the most rows one DataChunk holds. */
const CHUNK_ROWS = 2048;

export async function appendColumns(
  conn: DuckDBConnection, target: AppendTarget, columns: readonly AppendColumn[], rowCount: number,
): Promise<void> {
  const appender = await conn.createAppender(target.table, target.schema, target.catalog ?? null);
  try {
    // the appender's own types: they keep aliases such as JSON that a VARCHAR vector would lose
    const types = checkLayout(appender, columns, target);
    for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rowCount - start);
      const chunk = DuckDBDataChunk.create(types, n);
      for (let c = 0; c < columns.length; c++) writeColumn(chunk, c, types[c]!, columns[c]!.values, start, n);
      appender.appendDataChunk(chunk);
    }
  } catch (e) {
    // nothing of a failed append may reach the table: drop what is buffered, then close
    appender.clear();
    try { appender.closeSync(); } catch { /* the first error is the one to report */ }
    throw e;
  }
  appender.closeSync(); // flushes: one commit, or part of the caller's transaction
}

/**
 * Rows for one SQL statement, read by DuckDB from JS column arrays: `INSERT INTO t (…) SELECT *
 * FROM <sql>` writes them with DuckDB's own INSERT, which runs and commits on DuckDB's threads.
 * The appender's flush runs on the event loop instead (its fixed cost, about 1.5 ms for a
 * 22-column table, on every statement), and needs a transaction of its own around it.
 *
 *   const rows = rowSource(conn, [{ type: INTEGER, values: [1, 2] }], 2);
 *   try { await run(`INSERT INTO t (a) SELECT * FROM ${rows.sql}`); } finally { rows.release(); }
 *
 * DuckDB asks for the rows chunk by chunk; each request is answered on the JS thread (the query's
 * thread waits for it), filling the chunk as `appendColumns` fills the appender's. The columns
 * are `c0, c1, …` with the given types. The rows may be read any number of times until released.
 */
export function rowSource(conn: DuckDBConnection, columns: readonly (AppendColumn & { type: DuckDBType })[], rowCount: number): {
  sql: string; release(): void;
} {
  if (!registered.has(conn)) {
    // registering is per database (a repeat is ignored): one function object serves them all
    conn.registerTableFunction(rowSourceFunction ??= createRowSourceFunction());
    registered.add(conn);
  }
  const id = nextSourceId++;
  sources.set(id, { columns, rowCount });
  return { sql: `${ROW_SOURCE}(${id})`, release: () => { sources.delete(id); } };
}

const ROW_SOURCE = 'cratelite_row_source';
const sources = new Map<number, { columns: readonly (AppendColumn & { type: DuckDBType })[]; rowCount: number }>();
let nextSourceId = 1;
let rowSourceFunction: DuckDBTableFunction | undefined;
const registered = new WeakSet<DuckDBConnection>();

function createRowSourceFunction(): DuckDBTableFunction {
  return DuckDBTableFunction.create({
    name: ROW_SOURCE,
    parameterTypes: [BIGINT],
    bindFunction: (info) => {
      const source = sources.get(Number(info.getParameter(0)));
      if (!source) {
        info.setError('cratelite: no such row source');
        return;
      }
      source.columns.forEach((c, i) => info.addResultColumn(`c${i}`, c.type));
      info.setBindData(source);
    },
    initFunction: (info) => { info.setInitData({ next: 0 }); },
    mainFunction: (info, output) => {
      const { columns, rowCount } = info.bindData as { columns: readonly (AppendColumn & { type: DuckDBType })[]; rowCount: number };
      const state = info.initData as { next: number };
      const n = Math.min(CHUNK_ROWS, rowCount - state.next);
      try {
        output.rowCount = n;
        for (let c = 0; c < columns.length && n > 0; c++) writeColumn(output, c, columns[c]!.type, columns[c]!.values, state.next, n);
      } catch (e) {
        info.setError(e instanceof Error ? e.message : String(e));
        return;
      }
      state.next += n;
    },
  });
}

/** The physical columns of a table, in DuckDB's order (which ALTER TABLE ADD COLUMN appends to). */
export async function tableColumns(conn: DuckDBConnection, schema: string, table: string): Promise<{ name: string; type: DuckDBType }[]> {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const stmt = await conn.prepare(`SELECT * FROM ${q(schema)}.${q(table)}`);
  try {
    return Array.from({ length: stmt.columnCount }, (_, i) => ({ name: stmt.columnName(i), type: stmt.columnType(i) }));
  } finally {
    stmt.destroySync();
  }
}

/** The column layout the caller built must be the table's: a concurrent ALTER TABLE changes it. */
function checkLayout(appender: DuckDBAppender, columns: readonly AppendColumn[], target: AppendTarget): DuckDBType[] {
  const count = appender.columnCount;
  if (count !== columns.length) throw new TableLayoutChanged(`${target.schema}.${target.table}`);
  const types: DuckDBType[] = [];
  for (let i = 0; i < count; i++) {
    const t = appender.columnType(i);
    const expected = columns[i]!.type;
    if (expected && t.toString() !== expected.toString()) throw new TableLayoutChanged(`${target.schema}.${target.table}`);
    types.push(t);
  }
  return types;
}

/** The table's columns changed between planning and appending (retry with a fresh layout). */
export class TableLayoutChanged extends Error {
  constructor(table: string) { super(`Transaction conflict: the columns of ${table} changed`); }
}

function writeColumn(chunk: DuckDBDataChunk, c: number, type: DuckDBType, values: readonly unknown[], start: number, n: number): void {
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR: return writeStrings(vector, values, start, n);
    case DuckDBTypeId.BOOLEAN: return writeNumbers(vector, new Uint8Array(n), values, start, n);
    case DuckDBTypeId.TINYINT: return writeNumbers(vector, new Int8Array(n), values, start, n);
    case DuckDBTypeId.SMALLINT: return writeNumbers(vector, new Int16Array(n), values, start, n);
    case DuckDBTypeId.INTEGER: case DuckDBTypeId.DATE: return writeNumbers(vector, new Int32Array(n), values, start, n);
    case DuckDBTypeId.FLOAT: return writeNumbers(vector, new Float32Array(n), values, start, n);
    case DuckDBTypeId.DOUBLE: return writeNumbers(vector, new Float64Array(n), values, start, n);
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_TZ:
      return writeInt64(vector, values, start, n);
    default: {
      const v = chunk.getColumnVector(c);
      for (let r = 0; r < n; r++) v.setItem(r, (values[start + r] ?? null) as DuckDBValue);
      v.flush();
    }
  }
}

/** A validity mask with every row valid; `invalidate` clears one bit. */
class Validity {
  private bits: Uint8Array | undefined;
  constructor(private readonly n: number) {}
  invalidate(i: number): void {
    this.bits ??= new Uint8Array(Math.ceil(this.n / 64) * 8).fill(0xff);
    this.bits[i >> 3]! &= ~(1 << (i & 7));
  }
  flush(vector: duckdb.Vector): void {
    if (!this.bits) return;
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, this.bits.buffer as ArrayBuffer, 0, this.bits.byteLength);
  }
}

type NumberArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

function writeNumbers(vector: duckdb.Vector, out: NumberArray, values: readonly unknown[], start: number, n: number): void {
  const validity = new Validity(n);
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) validity.invalidate(i);
    else out[i] = typeof v === 'number' ? v : Number(v);
  }
  duckdb.copy_data_to_vector(vector, 0, out.buffer as ArrayBuffer, 0, out.byteLength);
  validity.flush(vector);
}

const TWO_32 = 4294967296;

/** BIGINT / TIMESTAMP[TZ] (micros): numbers written as two 32-bit halves, bigints as they are. */
function writeInt64(vector: duckdb.Vector, values: readonly unknown[], start: number, n: number): void {
  const words = new Uint32Array(n * 2);
  let big: BigInt64Array | undefined;
  const validity = new Validity(n);
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) { validity.invalidate(i); continue; }
    if (typeof v === 'number' && Number.isSafeInteger(v)) {
      const hi = Math.floor(v / TWO_32);
      words[2 * i] = v - hi * TWO_32; // little-endian: low word first
      words[2 * i + 1] = hi >>> 0;
    } else {
      big ??= new BigInt64Array(words.buffer);
      big[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    }
  }
  duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, words.byteLength);
  validity.flush(vector);
}

const STRING_T = 16;
const INLINE = 12;
const utf8 = new TextEncoder();

function writeStrings(vector: duckdb.Vector, values: readonly unknown[], start: number, n: number): void {
  const buf = new Uint8Array(n * STRING_T);
  const view = new DataView(buf.buffer);
  const validity = new Validity(n);
  /** texts that are not short ASCII: the row whose string_t each one got first */
  let firstRow: Map<string, number> | undefined;
  /** rows whose string_t DuckDB wrote (a long text, kept in the vector's string heap) */
  let byDuck: Uint8Array | undefined;
  /** pairs (row, row to copy the string_t from) */
  let copies: number[] | undefined;
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) { validity.invalidate(i); continue; }
    const s = typeof v === 'string' ? v : String(v);
    const at = i * STRING_T;
    if (s.length <= INLINE) {
      let ascii = true;
      for (let k = 0; k < s.length; k++) {
        const ch = s.charCodeAt(k);
        if (ch > 0x7f) { ascii = false; break; }
        buf[at + 4 + k] = ch;
      }
      // the length is little-endian and below 13: its other three bytes are zero already
      if (ascii) { buf[at] = s.length; continue; }
      buf.fill(0, at + 4, at + STRING_T);
    }
    firstRow ??= new Map();
    const first = firstRow.get(s);
    if (first !== undefined) { (copies ??= []).push(i, first); continue; }
    firstRow.set(s, i);
    const bytes = utf8.encode(s);
    if (bytes.length <= INLINE) {
      view.setUint32(at, bytes.length, true);
      buf.set(bytes, at + 4);
      continue;
    }
    duckdb.vector_assign_string_element_len(vector, i, bytes);
    (byDuck ??= new Uint8Array(n))[i] = 1;
    (copies ??= []).push(i, i);
  }
  if (copies) {
    const data = byDuck ? duckdb.vector_get_data(vector, n * STRING_T) : undefined;
    // the string_t DuckDB wrote first (copies list each such row before its repeats), then
    // repeats copied within `buf`: no view object per row
    for (let k = 0; k < copies.length; k += 2) {
      const to = copies[k]! * STRING_T;
      const from = copies[k + 1]! * STRING_T;
      if (to === from) {
        for (let b = 0; b < STRING_T; b++) buf[to + b] = data![from + b]!;
      } else {
        buf.copyWithin(to, from, from + STRING_T);
      }
    }
  }
  duckdb.copy_data_to_vector(vector, 0, buf.buffer, 0, buf.byteLength);
  validity.flush(vector);
}
