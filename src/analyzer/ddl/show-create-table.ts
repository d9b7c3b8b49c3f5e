/**
 * SHOW CREATE TABLE (sql.md §8.9): CrateDB's normalised DDL text for a table.
 */
import { type ColumnMeta, type TableMeta } from '../../catalog/table-meta.js';
import type { DataType } from '../../types/data-type.js';

export function showCreateTable(t: TableMeta): string {
  const lines = t.columns.map((c) => `   ${columnDdl(c, '   ')}`);
  if (t.primaryKey.length) lines.push(`   PRIMARY KEY (${t.primaryKey.map((p) => quotePath(p)).join(', ')})`);
  for (const c of t.checks) lines.push(`   CONSTRAINT ${c.name} CHECK(${c.expr})`);
  let out = `CREATE TABLE IF NOT EXISTS "${t.schema}"."${t.name}" (\n${lines.join(',\n')}\n)\n`;
  // routing defaults to the primary key when it has one column (CrateDB prints it)
  const routing = t.clusteredBy ?? (t.primaryKey.length === 1 ? t.primaryKey[0] : undefined);
  const clustered = routing ? `BY (${quotePath(routing)}) ` : '';
  out += `CLUSTERED ${clustered}INTO ${t.shards} SHARDS\n`;
  if (t.partitionedBy.length) out += `PARTITIONED BY (${t.partitionedBy.map(quotePath).join(', ')})\n`;
  const settings: [string, string][] = [
    ['column_policy', `'${t.columnPolicy}'`],
    ['number_of_replicas', `'${String(t.settings.number_of_replicas ?? '0-1')}'`],
    ...Object.entries(t.settings).filter(([k]) => k !== 'number_of_replicas')
      .map(([k, v]) => [k.includes('.') ? `"${k}"` : k, typeof v === 'string' ? `'${v}'` : String(v)] as [string, string]),
  ];
  settings.sort((a, b) => a[0].replace(/"/g, '').localeCompare(b[0].replace(/"/g, '')));
  out += `WITH (\n${settings.map(([k, v]) => `   ${k} = ${v}`).join(',\n')}\n)`;
  return out;
}

function quotePath(p: string[]): string {
  return `"${p[0]}"${p.slice(1).map((k) => `['${k}']`).join('')}`;
}

function columnDdl(c: ColumnMeta, indent: string): string {
  let s = `"${c.name}" ${typeDdl(c, indent)}`;
  if (!c.nullable) s += ' NOT NULL';
  if (c.generatedExpr) s += ` GENERATED ALWAYS AS ${c.generatedExpr}`;
  if (c.defaultExpr) s += ` DEFAULT ${c.defaultExpr}`;
  if (c.indexMethod === 'off') s += ' INDEX OFF';
  else if (c.indexMethod === 'fulltext') s += ' INDEX USING FULLTEXT WITH (\n      analyzer = \'standard\'\n   )';
  return s;
}

function typeDdl(c: ColumnMeta, indent: string): string {
  if (c.children) {
    const policy = (c.policy ?? 'dynamic').toUpperCase();
    if (!c.children.length) return `OBJECT(${policy})`;
    const inner = c.children.map((ch) => `${indent}   ${columnDdl(ch, indent + '   ')}`);
    return `OBJECT(${policy}) AS (\n${inner.join(',\n')}\n${indent})`;
  }
  return sqlType(c.type);
}

export function sqlType(t: DataType): string {
  switch (t.kind) {
    case 'varchar': return `VARCHAR(${t.length})`;
    case 'character': return `CHARACTER(${t.length})`;
    case 'numeric': return t.precision === undefined ? 'NUMERIC' : `NUMERIC(${t.precision}${t.scale !== undefined ? `, ${t.scale}` : ''})`;
    case 'bit': return `BIT(${t.length})`;
    case 'float_vector': return `FLOAT_VECTOR(${t.dimensions})`;
    case 'array': return `ARRAY(${sqlType(t.inner)})`;
    case 'object': return `OBJECT(${t.policy.toUpperCase()})`;
    default: return t.kind.toUpperCase();
  }
}
