/**
 * Dynamic schema growth for a batch of rows (types.md §4.3, sql.md §5.1), once per batch under
 * the catalog lock, with the outcome row-at-a-time inserts would have: rows are merged in order,
 * a new column takes its type from the first row that gives it a non-NULL value, and a row that
 * cannot be merged (a STRICT object, an unknown column of a STRICT table, a bad key) fails alone
 * and adds nothing. insert.ts `ensureColumns` is the one-statement version.
 */
import type { ColumnMeta, TableMeta } from '../../catalog/table-meta.js';
import type { EngineConnection } from '../../engine/engine.js';
import { T } from '../../types/data-type.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { addColumnsSql, inferDynamicType, mergeObjectKeys, newColumn, unknownColumn } from './dynamic-columns.js';

/**
 * Add the columns and object keys that `rows` (typed values, `columns` order) introduce.
 * `fail(i, e)` is told of each row that cannot be merged (it may throw to abort everything).
 * Returns the table as it is afterwards.
 */
export async function growSchema(
  cx: AnalyzerContext, conn: EngineConnection, table: TableMeta, columns: readonly string[],
  rows: readonly (readonly unknown[] | undefined)[], fail: (index: number, error: unknown) => void,
): Promise<TableMeta> {
  const grows = growthTest(table, columns);
  if (!grows || !rows.some((r) => r && grows(r))) return table;
  return cx.catalog.ddl(conn, () => {
    const current = cx.catalog.get(table.schema, table.name) ?? table;
    let meta: TableMeta = structuredClone(current);
    const added: ColumnMeta[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!row || !needsGrowth(meta, columns, row)) continue;
      const before = structuredClone(meta);
      const addedBefore = added.length;
      try {
        mergeRow(meta, columns, row, added);
      } catch (e) {
        meta = before;
        added.length = addedBefore;
        fail(i, e);
      }
    }
    if (added.length === 0) return { result: current };
    return { change: { sql: addColumnsSql(meta, added), put: [meta] }, result: meta };
  });
}

/**
 * `needsGrowth` for every row of one batch, with what does not depend on the row decided once:
 * undefined when no row can grow the table, else the per-row test.
 */
function growthTest(table: TableMeta, columns: readonly string[]): ((row: readonly unknown[]) => boolean) | undefined {
  const objects: { index: number; col: ColumnMeta }[] = [];
  for (let i = 0; i < columns.length; i++) {
    const col = table.columns.find((c) => c.name === columns[i]);
    if (!col) return () => true;
    if (col.children && col.policy !== 'ignored') objects.push({ index: i, col });
  }
  if (objects.length === 0) return undefined;
  // rows of a batch often share their object values (PG Bind decodes equal texts once, prepared
  // rows parse equal JSON texts once): an object found known is not looked at again
  const known = objects.map(() => new Set<unknown>());
  return (row) => {
    for (let o = 0; o < objects.length; o++) {
      const { index, col } = objects[o]!;
      const v = row[index];
      if (typeof v === 'object' && v !== null && known[o]!.has(v)) continue;
      const value = objectValue(v);
      if (hasUnknownKeys(col, value)) return true;
      if (value === v && typeof v === 'object' && v !== null) known[o]!.add(v);
    }
    return false;
  };
}

/** Whether a row names a column the table lacks or gives an object keys it does not know. */
function needsGrowth(table: TableMeta, columns: readonly string[], row: readonly unknown[]): boolean {
  let byName = columnsByName.get(table);
  // columns are only ever added: a size change means the map is stale
  if (!byName || byName.size !== table.columns.length) columnsByName.set(table, byName = new Map(table.columns.map((c) => [c.name, c])));
  for (let i = 0; i < columns.length; i++) {
    const col = byName.get(columns[i]!);
    if (!col) return true;
    if (col.children && hasUnknownKeys(col, objectValue(row[i]))) return true;
  }
  return false;
}

function mergeRow(meta: TableMeta, columns: readonly string[], row: readonly unknown[], added: ColumnMeta[]): void {
  columns.forEach((name, i) => {
    let col = meta.columns.find((c) => c.name === name);
    if (!col) {
      if (meta.columnPolicy !== 'dynamic') throw unknownColumn(name);
      let type = inferDynamicType(row[i]);
      if (type?.kind === 'undefined') type = T.text;
      if (!type) return; // only NULL: no column yet (CrateDB does the same)
      col = newColumn(meta, meta.columns, [], name, type);
      added.push(col);
    }
    if (col.children) mergeObjectKeys(meta, col, objectValue(row[i]), added);
  });
}

/** Object values may arrive as JSON text (HTTP strings, PG text parameters). */
export function objectValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

const childNames = new WeakMap<ColumnMeta, Set<string>>();
/** per object column without object children: the key list of the last value found known */
const knownKeys = new WeakMap<ColumnMeta, string[]>();
const columnsByName = new WeakMap<TableMeta, Map<string, ColumnMeta>>();

/** dynamic-columns.ts `hasUnknownKeys` with a name set per object column (this runs per row). */
function hasUnknownKeys(col: ColumnMeta, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !col.children) return false;
  if (col.policy === 'ignored') return false;
  let names = childNames.get(col);
  // children are only ever added: a size change means the set is stale
  if (!names || names.size !== col.children.length) childNames.set(col, names = new Set(col.children.map((c) => c.name)));
  const obj = value as Record<string, unknown>;
  // rows of one batch mostly repeat the same keys in the same order (compared without a key array)
  const last = knownKeys.get(col);
  if (last && sameKeys(obj, last)) return false;
  const keys = Object.keys(obj);
  let allKnown = true;
  for (const key of keys) {
    const v = obj[key];
    if (!names.has(key)) {
      allKnown = false;
      if (v !== null && v !== undefined) return true;
      continue;
    }
    const child = col.children.find((c) => c.name === key)!;
    if (child.children && hasUnknownKeys(child, v)) return true;
  }
  if (allKnown && !col.children.some((c) => c.children)) knownKeys.set(col, keys);
  return false;
}

/** Whether the own enumerable keys of `obj` are `keys`, in order. */
function sameKeys(obj: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k) || k !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}
