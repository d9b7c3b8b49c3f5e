/**
 * information_schema.columns (system-tables.md §3.2): one row per column and per object
 * sub-column of every relation — user tables, views and system tables. Sub-columns are named in
 * subscript notation (`inhabitants['name']`).
 *
 * Numeric metadata follows CrateDB's types (`DataType.numericPrecision()` etc.): binary precision
 * 8/16/32/64 for byte…bigint and 24/53 for real/double with radix 2; numeric reports its declared
 * precision with radix NULL (CrateDB counts only primitive numerics as radix-2); timestamps have
 * datetime_precision 3; varchar(n), character(n), bit(n) and float_vector(n) report n as
 * character_maximum_length.
 */
import { typeName, type DataType } from '../../../types/data-type.js';
import { C, defineSystemTable, obj, type Row } from '../define-table.js';
import { listRelations, type RelationColumn, type RelationInfo } from '../relations.js';

const BINARY_PRECISION: Partial<Record<DataType['kind'], number>> = {
  byte: 8, smallint: 16, integer: 32, bigint: 64, real: 24, 'double precision': 53,
};

function numericPrecision(t: DataType): number | null {
  if (t.kind === 'numeric') return t.precision ?? null;
  return BINARY_PRECISION[t.kind] ?? null;
}

function characterMaximumLength(t: DataType): number | null {
  switch (t.kind) {
    case 'varchar': case 'character': case 'bit': return t.length;
    case 'float_vector': return t.dimensions;
    default: return null;
  }
}

function columnRow(r: RelationInfo, c: RelationColumn): Row {
  const t = c.type;
  return {
    table_catalog: 'crate',
    table_schema: r.schema,
    table_name: r.name,
    column_name: c.sqlName,
    ordinal_position: c.position,
    data_type: typeName(t),
    is_generated: c.generatedExpr !== null ? 'ALWAYS' : 'NEVER',
    is_nullable: c.nullable ? 'YES' : 'NO',
    generation_expression: c.generatedExpr,
    column_default: c.defaultExpr,
    character_maximum_length: characterMaximumLength(t),
    numeric_precision: numericPrecision(t),
    numeric_precision_radix: BINARY_PRECISION[t.kind] !== undefined ? 2 : null,
    datetime_precision: t.kind === 'timestamp with time zone' || t.kind === 'timestamp without time zone' ? 3 : null,
    // CrateDB fills the UDT columns with the catalog name and the type name.
    udt_catalog: 'crate',
    udt_name: typeName(t),
    is_identity: false,
    column_details: { name: c.path[0], oid: c.oid, path: c.path.slice(1), policy: c.policy },
  };
}

export const columnsTable = defineSystemTable({
  schema: 'information_schema',
  name: 'columns',
  catalogOnly: true,
  columns: {
    table_schema: C.text,
    table_name: C.text,
    table_catalog: C.text,
    column_name: C.text,
    ordinal_position: C.int,
    data_type: C.text,
    is_generated: C.text,
    is_nullable: C.text,
    generation_expression: C.text,
    column_default: C.text,
    character_maximum_length: C.int,
    character_octet_length: C.int,
    numeric_precision: C.int,
    numeric_precision_radix: C.int,
    numeric_scale: C.int,
    datetime_precision: C.int,
    interval_type: C.text,
    interval_precision: C.int,
    character_set_catalog: C.text,
    character_set_schema: C.text,
    character_set_name: C.text,
    collation_catalog: C.text,
    collation_schema: C.text,
    collation_name: C.text,
    domain_catalog: C.text,
    domain_schema: C.text,
    domain_name: C.text,
    udt_catalog: C.text,
    udt_schema: C.text,
    udt_name: C.text,
    is_identity: C.bool,
    identity_generation: C.text,
    identity_start: C.text,
    identity_increment: C.text,
    identity_maximum: C.text,
    identity_minimum: C.text,
    identity_cycle: C.bool,
    check_references: C.text,
    check_action: C.int,
    column_details: obj({ name: C.text, oid: C.bigint, path: C.textArray, policy: C.text }),
  },
  primaryKey: ['table_catalog', 'table_name', 'table_schema', 'column_name'],
  notNull: [
    'table_schema', 'table_name', 'table_catalog', 'column_name', 'ordinal_position', 'data_type',
    'is_generated', 'is_nullable',
  ],
  rows: (ctx) => listRelations(ctx.catalog).flatMap((r) => r.columns.map((c) => columnRow(r, c))),
});
