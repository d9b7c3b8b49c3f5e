/**
 * Constraints of all relations as CrateDB reports them: primary keys, NOT NULL columns (reported
 * as CHECK constraints named `<schema>_<table>_<column>_not_null`) and CHECK constraints. Feeds
 * information_schema.table_constraints / constraint_column_usage / key_column_usage and
 * pg_catalog.pg_constraint.
 *
 * In: `RelationInfo` records (relations.ts). Out: one `ConstraintInfo` per constraint.
 */
import type { RelationColumn, RelationInfo } from './relations.js';

export interface ConstraintInfo {
  readonly relation: RelationInfo;
  readonly name: string;
  readonly type: 'PRIMARY KEY' | 'CHECK';
  /** NOT NULL constraints are CHECKs too; this tells them apart */
  readonly notNull: boolean;
  /** CHECK expression text (CrateDB SQL) */
  readonly expr?: string;
  /** top-level column names the constraint uses */
  readonly columns: readonly string[];
}

/** Primary keys, then NOT NULLs, then CHECKs — the order CrateDB iterates them in. */
export function listConstraints(relations: readonly RelationInfo[]): ConstraintInfo[] {
  const pks: ConstraintInfo[] = [];
  const notNulls: ConstraintInfo[] = [];
  const checks: ConstraintInfo[] = [];
  for (const r of relations) {
    if (r.pkName) {
      pks.push({ relation: r, name: r.pkName, type: 'PRIMARY KEY', notNull: false, columns: r.primaryKey.map((p) => p[0]!) });
    }
    for (const c of r.columns) {
      if (c.nullable) continue;
      // CrateDB names the constraint after the *top-level* column even for a NOT NULL child
      // (`column().name()`), so `o['a'] NOT NULL` yields `<schema>_<table>_o_not_null`.
      const top = c.path[0]!;
      notNulls.push({
        relation: r, name: `${r.schema}_${r.name}_${top}_not_null`, type: 'CHECK', notNull: true, columns: [top],
      });
    }
    for (const chk of r.checks) {
      const cols = checkColumns(chk.expr, r.columns, chk.column);
      checks.push({ relation: r, name: chk.name, type: 'CHECK', notNull: false, expr: chk.expr, columns: cols });
    }
  }
  return [...pks, ...notNulls, ...checks];
}

/**
 * Top-level columns a CHECK expression references. The catalog keeps the expression as text, so
 * this scans identifiers outside string literals and keeps those naming a column of the table.
 */
export function checkColumns(expr: string, columns: readonly RelationColumn[], column?: string): string[] {
  const names = new Set(columns.filter((c) => c.path.length === 1).map((c) => c.path[0]!));
  const found: string[] = [];
  const add = (n: string): void => {
    if (names.has(n) && !found.includes(n)) found.push(n);
  };
  if (column) add(column.split('[')[0]!.replace(/^"|"$/g, ''));
  const re = /'(?:[^']|'')*'|"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_]*)/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    if (m[1] !== undefined) add(m[1].replace(/""/g, '"'));
    else if (m[2] !== undefined) {
      // skip function names: an identifier directly followed by '('
      const next = expr.slice(re.lastIndex).trimStart();
      if (!next.startsWith('(')) add(m[2].toLowerCase());
    }
  }
  return found;
}

/** Position (attnum) of a top-level column. */
export function topLevelPosition(r: RelationInfo, name: string): number | undefined {
  return r.columns.find((c) => c.path.length === 1 && c.path[0] === name)?.position;
}
