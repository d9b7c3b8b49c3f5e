/**
 * Reading a stored object column as one value: its children columns are assembled into JSON
 * text, which is how object values travel through DuckDB expressions and out to the protocols.
 *
 *   o (presence c3) with a BIGINT c4, b object (c5) with TEXT c6
 *   → CASE WHEN r0.c3 THEN json_object('a', r0.c4, 'b', CASE WHEN r0.c5 THEN json_object('c', r0.c6) END) END
 *
 * Timestamps inside objects become epoch-ms numbers, like CrateDB's JSON. Keys whose value is
 * NULL are left out (json_merge_patch drops them), as CrateDB returns only the keys a row stored;
 * an explicitly stored `null` is therefore not shown either (documented deviation). Objects of
 * scalar children skip the patch in rows where every child is set.
 */
import type { ColumnMeta } from '../catalog/table-meta.js';
import { quoteIdent, quoteString } from '../translator/duckdb-types.js';

export function objectValueSql(alias: string, meta: ColumnMeta): string {
  const ref = (c: string) => (alias ? `${alias}.${quoteIdent(c)}` : quoteIdent(c));
  const parts: string[] = [];
  for (const child of meta.children ?? []) {
    parts.push(quoteString(child.name), childValueSql(alias, child));
  }
  const base = meta.extras ? `coalesce(${ref(meta.extras)}, '{}'::JSON)` : `'{}'::JSON`;
  let body = parts.length ? `json_merge_patch(${base}, json_object(${parts.join(', ')}))` : base;
  const children = meta.children ?? [];
  if (!meta.extras && children.length && children.every((c) => !c.children && SAME_AFTER_PATCH.has(c.type.kind))) {
    // Rows whose children are all set need no patch (it only drops the NULL keys): the object
    // as json_object builds it is the same text, at a third less of DuckDB's time.
    const allSet = children.map((c) => `${ref(c.internal)} IS NOT NULL`).join(' AND ');
    body = `(CASE WHEN ${allSet} THEN json_object(${parts.join(', ')}) ELSE ${body} END)`;
  }
  return `(CASE WHEN ${ref(meta.internal)} THEN ${body} END)`;
}

/**
 * Child types whose JSON text json_merge_patch writes back unchanged (scalars: the patch parses
 * and re-serialises them; objects and JSON would lose their nested NULL keys, decimals digits).
 */
const SAME_AFTER_PATCH = new Set<string>([
  'text', 'varchar', 'character', 'ip', 'boolean', 'byte', 'smallint', 'integer', 'bigint', 'real', 'double precision',
  'timestamp with time zone', 'timestamp without time zone', 'date',
]);

function childValueSql(alias: string, c: ColumnMeta): string {
  if (c.children) return objectValueSql(alias, c);
  const ref = alias ? `${alias}.${quoteIdent(c.internal)}` : quoteIdent(c.internal);
  switch (c.type.kind) {
    case 'timestamp with time zone':
    case 'timestamp without time zone':
    case 'date':
      return `epoch_ms(${ref})`;
    case 'object':
    case 'json':
    case 'geo_shape':
      return `CAST(${ref} AS JSON)`;
    case 'array':
      return c.type.inner.kind.startsWith('timestamp') ? `list_transform(${ref}, x -> epoch_ms(x))` : ref;
    default:
      return ref;
  }
}
