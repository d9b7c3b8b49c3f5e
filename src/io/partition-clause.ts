/**
 * `PARTITION (col = value, …)` of COPY FROM / COPY TO → the partition's column paths, values and
 * ident, with CrateDB's checks (PartitionName.ofAssignments):
 *
 *   table not partitioned     → `table 'doc.t' is not partitioned`
 *   wrong number of columns   → `The table "doc.t" is partitioned by 1 columns but the PARTITION clause contains 2 columns`
 *   not a partition column    → `"x" is no known partition column`
 */
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import { partitionIdent } from '../catalog/partition-ident.js';
import { findColumn, fqn, pathName, type TableMeta } from '../catalog/table-meta.js';
import type { EngineConnection } from '../engine/engine.js';
import { SQLParseException } from '../errors/errors.js';
import type { GenericProperty } from '../sql/ast/index.js';
import { evaluateConstant } from './copy-options.js';
import { castValue, inferValueType } from '../analyzer/casting/value-cast.js';
import { typeName } from '../types/data-type.js';

export interface PartitionSpec {
  /** in PARTITIONED BY order */
  readonly columns: { readonly path: readonly string[]; readonly value: unknown }[];
  readonly ident: string;
}

export async function resolvePartition(
  table: TableMeta, props: readonly GenericProperty[], cx: AnalyzerContext, conn: EngineConnection,
): Promise<PartitionSpec> {
  const name = fqn(table);
  if (table.partitionedBy.length === 0) throw new SQLParseException(`table '${name}' is not partitioned`);
  if (props.length !== table.partitionedBy.length) {
    throw new SQLParseException(`The table "${name}" is partitioned by ${table.partitionedBy.length} columns but the PARTITION clause contains ${props.length} columns`);
  }
  const values = new Array<unknown>(table.partitionedBy.length).fill(null);
  for (const p of props) {
    const path = splitPath(p.name);
    const idx = table.partitionedBy.findIndex((q) => q.length === path.length && q.every((s, i) => s === path[i]));
    if (idx < 0) throw new SQLParseException(`"${pathName(path)}" is no known partition column`);
    const v = await evaluateConstant(p.value, cx, conn);
    const type = findColumn(table.columns, table.partitionedBy[idx]!)?.type;
    try {
      values[idx] = type && v !== null ? castValue(v, inferValueType(v), type, 'implicit') : v;
    } catch {
      throw new SQLParseException(`Cannot cast value \`${String(v)}\` to type \`${typeName(type!)}\``);
    }
  }
  const types = table.partitionedBy.map((p) => findColumn(table.columns, p)?.type);
  return {
    columns: table.partitionedBy.map((path, i) => ({ path, value: values[i] })),
    ident: partitionIdent(values, types),
  };
}

/** `o.k` / `o['k']` → ['o', 'k'] */
function splitPath(name: string): string[] {
  const m = /^([^[]+)((?:\['[^']*'\])*)$/.exec(name);
  if (m && m[2]) return [m[1]!, ...[...m[2].matchAll(/\['([^']*)'\]/g)].map((x) => x[1]!)];
  return name.split('.');
}
