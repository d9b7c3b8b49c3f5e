/**
 * Reading a stored object column as one value: its children columns are assembled into JSON
 * text, which is how object values travel through DuckDB expressions and out to the protocols.
 *
 *   o (presence c3) with a BIGINT c4, b object (c5) with TEXT c6
 *   → CASE WHEN r0.c3 THEN json_object('a', r0.c4, 'b', CASE WHEN r0.c5 THEN json_object('c', r0.c6) END) END
 *
 * Timestamps inside objects become epoch-ms numbers, like CrateDB's JSON. Keys whose value is
 * NULL are left out (json_merge_patch drops them), as CrateDB returns only the keys a row stored;
 * an explicitly stored `null` is therefore not shown either (documented deviation).
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
  const body = parts.length ? `json_merge_patch(${base}, json_object(${parts.join(', ')}))` : base;
  return `(CASE WHEN ${ref(meta.internal)} THEN ${body} END)`;
}

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
