/**
 * JS row values → the values of the table's DuckDB leaf columns, in JS, for column-wise
 * appends. This is row-values.ts' `columnLeaves` for literal values, computed instead of
 * printed as SQL: the same casts (CrateDB's assignment casts, value-cast.ts), the same errors,
 * the same object splitting (presence flag, children, IGNORED extras), geo_point quantised.
 *
 *   rowLayout(table, ['tags', 'ts', 'v']).convert([{host: 'a'}, 1451606400000, 1.5], out)
 *   → out.cols[slot][out.k] = true, 'a', 1451606400000000 (micros), 1.5  (one slot per leaf)
 *
 * What cannot be computed in JS stays SQL, applied when the staged rows are inserted: DEFAULT
 * expressions (a flag per row says "absent, take the default"), generated columns, CHECK and
 * NOT NULL (insert.ts `insertProjection`), and the few types staged as text and cast by DuckDB
 * (numeric, time with time zone).
 */
import { pathName, type ColumnMeta, type TableMeta } from '../../catalog/table-meta.js';
import { storageWriter, type StorageShape } from '../../engine/storage-values.js';
import { SQLParseException, type CrateliteError } from '../../errors/errors.js';
import { quoteIdent, isJsonStored, toDuckDbType } from '../../translator/duckdb-types.js';
import { T, type DataType } from '../../types/data-type.js';
import { toJsonText } from '../casting/literal-sql.js';
import { parsePgArrayText } from '../casting/pg-array-text.js';
import { CastFailure, castValue, inferValueType } from '../casting/value-cast.js';
import { printLiteral, typeLabel } from '../expr-util.js';

/** One DuckDB leaf column of the target table. */
export interface Leaf {
  readonly internal: string;
  /** the column whose value this leaf holds; undefined for presence flags and extras */
  readonly col?: ColumnMeta;
  /** DuckDB type of the target column */
  readonly targetType: string;
  /** DuckDB type of the staged value */
  readonly stageType: string;
  /** SQL turning the staged value `ref` into the target value; undefined when it is the same */
  readonly fromStage?: (ref: string) => string;
}

export interface RowLayout {
  /** every leaf of the table, in leafNames order (row slots use the same indexes) */
  readonly leaves: readonly Leaf[];
  /** slots of the supplied columns: the ones `convert` writes */
  readonly suppliedSlots: readonly number[];
  /** slots that may take their DEFAULT per row (object children with a DEFAULT): `flags[slot]` */
  readonly defaultSlots: readonly number[];
  /** value leaves declared NOT NULL */
  readonly notNull: readonly { slot: number; col: ColumnMeta }[];
  /**
   * Write the leaf values of one row (values in `columns` order) at row `out.k` of the column
   * arrays; flag absent children that take their DEFAULT. Throws the row's CrateDB error (then
   * some slots of row `out.k` may be written: the next row overwrites them).
   */
  convert(values: readonly unknown[], out: RowOut): void;
}

/** Column-major output: `cols[slot][k]` for every supplied slot, `flags[slot][k]` for DEFAULT slots. */
export interface RowOut {
  readonly cols: unknown[][];
  readonly flags: boolean[][];
  k: number;
}

/** Writes the leaves of one column for one value of CrateDB type `from`. */
type ValueWriter = (v: unknown, from: DataType, out: RowOut) => void;
/** Writes the leaves of one column that was not given a value. */
type AbsentWriter = (out: RowOut) => void;

interface Compiled {
  write: ValueWriter;
  /** `write` for a value whose type is its JS form's own (`inferValueType`) */
  writeInferred: (v: unknown, out: RowOut) => void;
  absent: AbsentWriter;
}

/**
 * The layout of `table`'s leaves and a converter for rows of `columns`. `hints`: the declared
 * type of each column's values (PG Parse types, values already cast to them; `undefined` kind =
 * untyped text), as `compileParameter` reads parameters; without a hint the type is the JS
 * value's own.
 */
export function rowLayout(table: TableMeta, columns: readonly string[], hints?: readonly (DataType | undefined)[]): RowLayout {
  const leaves: Leaf[] = [];
  const slotOf = new Map<string, number>();
  const addLeaves = (cols: readonly ColumnMeta[]): void => {
    for (const c of cols) {
      if (c.children) {
        slotOf.set(c.internal, leaves.push({ internal: c.internal, targetType: 'BOOLEAN', stageType: 'BOOLEAN' }) - 1);
        if (c.extras) slotOf.set(c.extras, leaves.push({ internal: c.extras, targetType: 'JSON', stageType: 'JSON' }) - 1);
        addLeaves(c.children);
      } else {
        const s = leafStorage(c.type);
        slotOf.set(c.internal, leaves.push({
          internal: c.internal, col: c, targetType: toDuckDbType(c.type), stageType: s.stageType, fromStage: s.fromStage,
        }) - 1);
      }
    }
  };
  addLeaves(table.columns);

  const suppliedSlots: number[] = [];
  const defaultSlots: number[] = [];
  const notNull: { slot: number; col: ColumnMeta }[] = [];
  const index = new Map(columns.map((c, i) => [c, i]));
  const writers: { index: number; write: (raw: unknown, out: RowOut) => void }[] = [];
  const collect = (c: ColumnMeta, top: boolean): void => {
    const slot = slotOf.get(c.internal)!;
    suppliedSlots.push(slot);
    if (c.children) {
      if (c.extras) suppliedSlots.push(slotOf.get(c.extras)!);
      for (const ch of c.children) collect(ch, false);
    } else if (!top && c.defaultExpr) {
      defaultSlots.push(slot);
    }
  };
  for (const c of walkLeafColumns(table.columns)) if (!c.nullable) notNull.push({ slot: slotOf.get(c.internal)!, col: c });
  for (const col of table.columns) {
    const i = index.get(col.name);
    if (i === undefined) continue;
    collect(col, true);
    writers.push({ index: i, write: topLevelWriter(compileColumn(col, slotOf), hints?.[i]) });
  }
  return {
    leaves, suppliedSlots, defaultSlots, notNull,
    convert(values, out) {
      // table column order, like the SQL path: the first failing column is the one reported
      for (const w of writers) w.write(values[w.index], out);
    },
  };
}

function* walkLeafColumns(cols: readonly ColumnMeta[]): Generator<ColumnMeta> {
  for (const c of cols) {
    if (c.children) yield* walkLeafColumns(c.children);
    else yield c;
  }
}

/**
 * How a client value gets its CrateDB type (analyzer/expression.ts `compileParameter`). Values
 * of a declared type must already be in that type's JS form (`castLiteralValue`).
 */
function topLevelWriter(c: Compiled, hint: DataType | undefined): (raw: unknown, out: RowOut) => void {
  const { write, writeInferred } = c;
  if (hint && hint.kind !== 'undefined') return (raw, out) => write(raw ?? null, hint, out);
  if (hint) {
    // untyped text (PG OID 0) takes the type the column asks for
    return (raw, out) => (typeof raw === 'string' ? write(raw, T.undefined, out) : writeInferred(raw, out));
  }
  return writeInferred;
}

function compileColumn(col: ColumnMeta, slotOf: ReadonlyMap<string, number>): Compiled {
  return col.children ? compileObject(col, slotOf) : compileScalar(col, slotOf.get(col.internal)!);
}

/**
 * For the common pairs of JS value and column type: whether the cast of the value (typed as its
 * JS form; implicit or assignment) is the value itself, so casting can be skipped — a shortcut
 * only, the result is what `castValue` gives.
 */
export function sameAsCast(to: DataType): ((v: unknown) => boolean) | undefined {
  switch (to.kind) {
    case 'double precision': return (v) => typeof v === 'number';
    case 'text': return (v) => typeof v === 'string';
    case 'boolean': return (v) => typeof v === 'boolean';
    case 'bigint': return (v) => typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0);
    case 'integer': return (v) => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0);
    // epoch milliseconds as an integer: stored as they are (value-cast.ts `toTimestamp`)
    case 'timestamp with time zone': case 'timestamp without time zone':
      return (v) => typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0);
    default: return undefined;
  }
}

/** Same-kind values are stored as they are (row-values.ts `castValue`), except these. */
const ALWAYS_CAST = new Set(['array', 'varchar', 'character', 'bit']);

const OBJECT = T.object();

const LON_STEP = 360 / 4294967296;
const LAT_STEP = 180 / 4294967296;

function compileScalar(col: ColumnMeta, slot: number): Compiled {
  const to = col.type;
  const toStage = leafStorage(to).toStage;
  const quantize = to.kind === 'geo_point';
  /** the last untyped text written and its staged value (a primitive): time series repeat texts */
  let lastText: string | undefined;
  let lastStaged: unknown;
  const write: ValueWriter = (v, from, out) => {
    if (v === null || v === undefined) { out.cols[slot]![out.k] = null; return; }
    if (from.kind === 'undefined') {
      if (v === lastText) { out.cols[slot]![out.k] = lastStaged; return; }
      const staged = writeValue(v, from, out);
      if (typeof v === 'string' && (staged === null || typeof staged !== 'object')) { lastText = v; lastStaged = staged; }
      return;
    }
    writeValue(v, from, out);
  };
  /** `write` for a non-null value; returns the staged value */
  const writeValue = (v: unknown, from: DataType, out: RowOut): unknown => {
    if (from.kind === 'undefined') {
      // row-values.ts `untypedAsText`: `{…}` text into an array column is a PG array literal
      const parsed = to.kind === 'array' && typeof v === 'string' && v.startsWith('{') ? parsePgArrayText(v) : undefined;
      if (parsed) { v = parsed; from = T.array(T.text); } else from = T.text;
    }
    let value = v;
    if (from.kind !== to.kind || ALWAYS_CAST.has(to.kind)) {
      try {
        value = castValue(v, from, to, 'assignment');
      } catch (e) {
        throw literalCastError(e, v, from, to);
      }
      if (value === null || value === undefined) return out.cols[slot]![out.k] = null;
    }
    if (quantize) {
      // CrateDB stores geo_points in Lucene's 32-bit encoding (row-values.ts `quantizeGeoPoint`)
      const [lon, lat] = value as [number, number];
      value = [Math.floor(lon / LON_STEP) * LON_STEP, Math.floor(lat / LAT_STEP) * LAT_STEP];
    }
    return out.cols[slot]![out.k] = toStage(value);
  };
  const fast = sameAsCast(to);
  return {
    write,
    writeInferred: (v, out) => {
      if (fast?.(v)) out.cols[slot]![out.k] = toStage(v);
      else write(v, inferValueType(v), out);
    },
    absent: (out) => {
      out.cols[slot]![out.k] = null;
      if (col.defaultExpr) out.flags[slot]![out.k] = true;
    },
  };
}

function compileObject(col: ColumnMeta, slotOf: ReadonlyMap<string, number>): Compiled {
  const presence = slotOf.get(col.internal)!;
  const extras = col.extras ? slotOf.get(col.extras)! : -1;
  const children = col.children!.map((ch) => ({ name: ch.name, ...compileColumn(ch, slotOf) }));
  const known = new Set(col.children!.map((ch) => ch.name));
  const nullObject = (out: RowOut): void => {
    out.cols[presence]![out.k] = null;
    if (extras >= 0) out.cols[extras]![out.k] = null;
    for (const ch of children) ch.write(null, T.undefined, out);
  };
  const absent: AbsentWriter = (out) => {
    out.cols[presence]![out.k] = null;
    if (extras >= 0) out.cols[extras]![out.k] = null;
    for (const ch of children) ch.absent(out);
  };
  const writeObject: ValueWriter = (v, _from, out) => {
    if (v === null || v === undefined) { nullObject(out); return; }
    const obj = typeof v === 'string' ? parseJsonObject(v) : v;
    if (obj !== null && (typeof obj !== 'object' || Array.isArray(obj))) {
      throw new SQLParseException(`Cannot cast value \`${toJsonText(obj)}\` to type \`object\``);
    }
    if (obj === null) { nullObject(out); return; }
    const o = obj as Record<string, unknown>;
    out.cols[presence]![out.k] = true;
    if (extras >= 0) {
      let extra: Record<string, unknown> | undefined;
      for (const k of Object.keys(o)) {
        if (known.has(k) || o[k] === undefined) continue;
        (extra ??= {})[k] = o[k];
      }
      out.cols[extras]![out.k] = extra ? toJsonText(extra) : null;
    }
    for (const ch of children) {
      const x = o[ch.name];
      // JSON gives no undefined values: undefined is an absent key (or one set to undefined)
      if (x !== undefined || Object.hasOwn(o, ch.name)) ch.writeInferred(x ?? null, out);
      else ch.absent(out);
    }
  };
  // The same object is often given for many rows (a device's tags, decoded once per text by
  // PG Bind): its leaves are copied from the row that wrote them. `rowOf`: the row where an
  // object's leaves are; `objectAt[k]`: the object row k holds, cleared whenever row k is
  // written again (a row that fails is written over by the next one).
  const { slots, flagSlots } = subtreeSlots(col, slotOf);
  const rowOf = new Map<object, number>();
  const objectAt: unknown[] = [];
  const write: ValueWriter = (v, from, out) => {
    const k = out.k;
    objectAt[k] = undefined;
    if (v === null || typeof v !== 'object') { writeObject(v, from, out); return; }
    const first = rowOf.get(v);
    if (first !== undefined && objectAt[first] === v) {
      for (const slot of slots) out.cols[slot]![k] = out.cols[slot]![first];
      for (const slot of flagSlots) out.flags[slot]![k] = out.flags[slot]![first]!;
    } else {
      writeObject(v, from, out);
      // leaf values that are objects themselves (arrays) are not shared between rows
      if ((rowOf.size < MAX_REMEMBERED_OBJECTS || first !== undefined) && primitivesAt(out, slots, k)) rowOf.set(v, k);
    }
    objectAt[k] = v;
  };
  // the type of an object value does not matter: its keys are read
  return { write, writeInferred: (v, out) => write(v, OBJECT, out), absent };
}

/** Distinct objects per object column and batch whose leaf values are copied for repeats. */
const MAX_REMEMBERED_OBJECTS = 1024;

function primitivesAt(out: RowOut, slots: readonly number[], k: number): boolean {
  for (const slot of slots) {
    const x = out.cols[slot]![k];
    if (x !== null && typeof x === 'object') return false;
  }
  return true;
}

/** The slots an object column's writer fills: its own, its extras', its descendants'. */
function subtreeSlots(col: ColumnMeta, slotOf: ReadonlyMap<string, number>): { slots: number[]; flagSlots: number[] } {
  const slots: number[] = [];
  const flagSlots: number[] = [];
  const walk = (c: ColumnMeta): void => {
    slots.push(slotOf.get(c.internal)!);
    if (c.children) {
      if (c.extras) slots.push(slotOf.get(c.extras)!);
      for (const ch of c.children) walk(ch);
    } else if (c.defaultExpr) {
      flagSlots.push(slotOf.get(c.internal)!);
    }
  };
  walk(col);
  return { slots, flagSlots };
}

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SQLParseException(`Cannot cast value \`${text}\` to type \`object\``);
  }
}

/** The message of a literal that does not cast (analyzer/casts.ts `literalCastError`). */
function literalCastError(e: unknown, value: unknown, from: DataType, to: DataType): CrateliteError | unknown {
  if (!(e instanceof CastFailure)) return e;
  if (e.specificMessage) return new SQLParseException(e.specificMessage);
  return new SQLParseException(`Cannot cast \`${printLiteral(value, from)}\` of type \`${typeLabel(from)}\` to type \`${typeLabel(to)}\``);
}

interface LeafStorage {
  stageType: string;
  toStage: (v: unknown) => unknown;
  fromStage?: (ref: string) => string;
}

/** Types DuckDB reads from text better than we would build them: staged as VARCHAR, cast in SQL. */
function castInSql(t: DataType): boolean {
  return t.kind === 'numeric' || t.kind === 'time with time zone'
    || (t.kind === 'array' && !isJsonStored(t) && castInSql(t.inner));
}

/** How the JS value of a CrateDB type (value-cast.ts conventions) is staged for DuckDB. */
export function leafStorage(t: DataType): LeafStorage {
  const duck = toDuckDbType(t);
  if (castInSql(t)) {
    if (t.kind === 'array') {
      // items as JSON strings: CAST(JSON AS DECIMAL(…)[]) reads each one as DuckDB reads text
      return {
        stageType: 'VARCHAR', toStage: (v) => toJsonText(deepStrings(v)),
        fromStage: (ref) => `CAST(CAST(${ref} AS JSON) AS ${duck})`,
      };
    }
    return { stageType: 'VARCHAR', toStage: (v) => String(v), fromStage: (ref) => `CAST(${ref} AS ${duck})` };
  }
  if (isJsonStored(t)) return { stageType: duck, toStage: (v) => (typeof v === 'string' ? v : toJsonText(v)) };
  return { stageType: duck, toStage: storageWriter(storageShape(t)) };
}

function deepStrings(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? v.map(deepStrings) : String(v);
}

function storageShape(t: DataType): StorageShape {
  switch (t.kind) {
    case 'boolean': return { kind: 'boolean' };
    case 'byte': case 'smallint': case 'integer': case 'real': case 'double precision':
    case 'regclass': case 'regproc': case 'regtype':
      return { kind: 'number' };
    case 'bigint': return { kind: 'bigint' };
    case 'timestamp with time zone': return { kind: 'timestamptz' };
    case 'timestamp without time zone': return { kind: 'timestamp' };
    case 'date': return { kind: 'date' };
    case 'interval': return { kind: 'interval' };
    case 'uuid': return { kind: 'uuid' };
    case 'geo_point': case 'float_vector': return { kind: 'array', item: { kind: 'number' } };
    case 'oidvector': return { kind: 'list', item: { kind: 'number' } };
    case 'array': return { kind: 'list', item: storageShape(t.inner) };
    default: return { kind: 'text' };
  }
}

/** `"col" must not be null` (row-values.ts `notNullGuard`), for values checked in JS. */
export function notNullError(col: ColumnMeta): SQLParseException {
  return new SQLParseException(`"${pathName(col.path)}" must not be null`);
}

export const stageColumn = (slot: number): string => quoteIdent(`v${slot}`);
export const flagColumn = (slot: number): string => quoteIdent(`d${slot}`);
