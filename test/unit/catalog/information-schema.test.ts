/**
 * information_schema tables over a real in-memory DuckDB catalog (system-fixture.ts): column
 * lists and order, and the rows for a table with PK / NOT NULL / CHECK / DEFAULT / generated /
 * nested object columns, a partitioned table, a view and the system tables themselves.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemTables } from '../../../src/catalog/system/registry.js';
import { DAY_1, DAY_2, columnNames, openFixture, rowsOf, type Fixture, type Rec } from './system-fixture.js';

let f: Fixture;
before(async () => { f = await openFixture(); });
after(() => f.close());

const sorted = (xs: string[]): string[] => [...xs].sort();
const find = (rows: Rec[], where: Rec): Rec | undefined =>
  rows.find((r) => Object.entries(where).every(([k, v]) => r[k] === v));

test('registry: 24 information_schema, 22 sys and 32 pg_catalog relations, columns alphabetical', () => {
  const count = (s: string) => systemTables().filter((t) => t.schema === s).length;
  assert.equal(count('information_schema'), 24);
  assert.equal(count('sys'), 22);
  assert.equal(count('pg_catalog'), 32);
  for (const t of systemTables()) {
    const names = t.columns.map((c) => c.name);
    assert.deepEqual(names, sorted(names), `${t.schema}.${t.name} columns sorted`);
    assert.equal(new Set(names).size, names.length, `${t.schema}.${t.name} unique columns`);
  }
});

test('every system table produces rows of its column count', async () => {
  for (const t of systemTables()) {
    for (const row of await t.rows(f.ctx)) assert.equal(row.length, t.columns.length, `${t.schema}.${t.name}`);
  }
});

test('tables: column list', () => {
  assert.deepEqual(columnNames('information_schema', 'tables'), [
    'blobs_path', 'closed', 'clustered_by', 'column_policy', 'number_of_replicas', 'number_of_shards',
    'partitioned_by', 'reference_generation', 'routing_hash_function', 'self_referencing_column_name',
    'settings', 'table_catalog', 'table_name', 'table_schema', 'table_type', 'version',
  ]);
});

test('tables: user tables, views and system tables', async () => {
  const rows = await rowsOf(f.ctx, 'information_schema', 'tables');
  assert.equal(rows.length, 82); // 4 user relations + 78 system tables (the count CrateDB's docs show)
  const t1 = find(rows, { table_schema: 'doc', table_name: 't1' })!;
  assert.equal(t1.table_catalog, 'crate');
  assert.equal(t1.table_type, 'BASE TABLE');
  assert.equal(t1.number_of_shards, 4);
  assert.equal(t1.number_of_replicas, '0-1');
  assert.equal(t1.clustered_by, 'id');
  assert.equal(t1.partitioned_by, null);
  assert.equal(t1.routing_hash_function, 'Murmur3');
  assert.equal(t1.self_referencing_column_name, '_id');
  assert.equal(t1.closed, false);
  assert.deepEqual(t1.version, { created: '6.5.0', upgraded: null });
  const s = t1.settings as Rec;
  assert.equal(s.refresh_interval, 1000);
  assert.deepEqual(s.blocks, { read_only: false, read: false, write: false, metadata: false, read_only_allow_delete: false });
  assert.deepEqual(s.translog, { flush_threshold_size: 536870912, sync_interval: 5000, durability: 'REQUEST' });
  assert.deepEqual((s.unassigned as Rec).node_left, { delayed_timeout: 60000 });
  assert.deepEqual(s.write, { wait_for_active_shards: '1' });

  const parted = find(rows, { table_name: 'parted' })!;
  assert.deepEqual(parted.partitioned_by, ['day']);
  assert.equal(parted.clustered_by, '_id');
  assert.equal(parted.number_of_replicas, '1');
  assert.equal(parted.column_policy, 'dynamic');
  assert.equal((parted.settings as Rec).refresh_interval, 5000);
  assert.equal(((parted.settings as Rec).blocks as Rec).read_only, true);
  assert.equal(((parted.settings as Rec).translog as Rec).flush_threshold_size, 1048576);

  assert.equal(find(rows, { table_name: 'events' })!.clustered_by, 'kind');

  const v = find(rows, { table_name: 'v1' })!;
  assert.equal(v.table_type, 'VIEW');
  assert.equal(v.number_of_shards, null);
  assert.equal(v.settings, null);

  const nodes = find(rows, { table_schema: 'sys', table_name: 'nodes' })!;
  assert.equal(nodes.table_type, 'BASE TABLE');
  assert.equal(nodes.number_of_shards, null);
  assert.equal(nodes.column_policy, 'strict');
  assert.equal(nodes.version, null);
  assert.ok(find(rows, { table_schema: 'pg_catalog', table_name: 'pg_type' }));
  assert.ok(find(rows, { table_schema: 'information_schema', table_name: 'columns' }));
});

test('columns: user table with nested objects, defaults, generated columns and typed metadata', async () => {
  const rows = (await rowsOf(f.ctx, 'information_schema', 'columns')).filter((r) => r.table_name === 't1');
  assert.deepEqual(rows.map((r) => [r.column_name, r.ordinal_position, r.data_type]), [
    ['id', 1, 'integer'], ['name', 2, 'text'], ['o', 3, 'object'], ["o['k']", 4, 'text'], ["o['j']", 5, 'object'],
    ["o['j']['x']", 6, 'integer'], ['ts', 7, 'timestamp with time zone'], ['gen', 8, 'integer'], ['vc', 9, 'text'],
    ['price', 10, 'numeric'],
  ]);
  const by = (n: string) => rows.find((r) => r.column_name === n)!;
  assert.equal(by('id').is_nullable, 'NO');
  assert.equal(by('name').is_nullable, 'NO');
  assert.equal(by('vc').is_nullable, 'YES');
  assert.equal(by('id').numeric_precision, 32);
  assert.equal(by('id').numeric_precision_radix, 2);
  assert.equal(by('price').numeric_precision, 10);
  assert.equal(by('price').numeric_precision_radix, null);
  assert.equal(by('vc').character_maximum_length, 10);
  assert.equal(by('name').character_maximum_length, null);
  assert.equal(by('ts').datetime_precision, 3);
  assert.equal(by('ts').column_default, 'current_timestamp(3)');
  assert.equal(by('gen').is_generated, 'ALWAYS');
  assert.equal(by('gen').generation_expression, '(id + 1)');
  assert.equal(by('id').is_generated, 'NEVER');
  assert.equal(by('id').table_catalog, 'crate');
  assert.equal(by('id').is_identity, false);
  assert.deepEqual(by("o['j']['x']").column_details, { name: 'o', oid: (by("o['j']['x']").column_details as Rec).oid, path: ['j', 'x'], policy: 'strict' });
  assert.equal((by('o').column_details as Rec).policy, 'strict');
  assert.equal((by("o['j']").column_details as Rec).policy, 'dynamic');
  assert.deepEqual((by('id').column_details as Rec).path, []);
});

test('columns: system tables are numbered alphabetically, children after their parent', async () => {
  const rows = (await rowsOf(f.ctx, 'information_schema', 'columns'))
    .filter((r) => r.table_schema === 'information_schema' && r.table_name === 'columns');
  const pos = (n: string) => rows.find((r) => r.column_name === n)?.ordinal_position;
  // the positions CrateDB's documentation shows for information_schema.columns
  assert.equal(pos('character_maximum_length'), 1);
  assert.equal(pos('column_default'), 11);
  assert.equal(pos('column_details'), 12);
  assert.equal(pos("column_details['name']"), 13);
  assert.equal(pos("column_details['oid']"), 14);
  assert.equal(pos("column_details['path']"), 15);
  assert.equal(pos("column_details['policy']"), 16);
  assert.equal(pos('column_name'), 17);
  assert.equal(pos('datetime_precision'), 19);
  assert.equal(rows.find((r) => r.column_name === "column_details['path']")!.data_type, 'text_array');
  assert.equal(rows.find((r) => r.column_name === 'table_name')!.is_nullable, 'NO');
  assert.equal(rows.find((r) => r.column_name === 'numeric_scale')!.is_nullable, 'YES');
  // children of object arrays are arrays (sys.nodes thread_pools)
  const tp = (await rowsOf(f.ctx, 'information_schema', 'columns'))
    .find((r) => r.table_name === 'nodes' && r.column_name === "thread_pools['active']");
  assert.equal(tp!.data_type, 'integer_array');
});

test('table_constraints: PK, NOT NULL as CHECK, CHECK by name, system tables', async () => {
  assert.deepEqual(columnNames('information_schema', 'table_constraints'), [
    'constraint_catalog', 'constraint_name', 'constraint_schema', 'constraint_type', 'initially_deferred',
    'is_deferrable', 'table_catalog', 'table_name', 'table_schema',
  ]);
  const rows = await rowsOf(f.ctx, 'information_schema', 'table_constraints');
  const t1 = rows.filter((r) => r.table_name === 't1').map((r) => [r.constraint_name, r.constraint_type]);
  assert.deepEqual(t1, [
    ['t1_pkey', 'PRIMARY KEY'], ['doc_t1_id_not_null', 'CHECK'], ['doc_t1_name_not_null', 'CHECK'], ['positive', 'CHECK'],
  ]);
  assert.ok(find(rows, { table_name: 'events', constraint_name: 'events_key', constraint_type: 'PRIMARY KEY' }));
  assert.ok(find(rows, { table_schema: 'information_schema', table_name: 'tables', constraint_name: 'tables_pkey' }));
  assert.ok(find(rows, { constraint_name: 'information_schema_columns_table_name_not_null', constraint_type: 'CHECK' }));
  assert.ok(find(rows, { table_schema: 'sys', table_name: 'nodes', constraint_name: 'nodes_pkey' }));
  const r = find(rows, { constraint_name: 't1_pkey' })!;
  assert.equal(r.is_deferrable, 'NO');
  assert.equal(r.initially_deferred, 'NO');
  assert.equal(r.constraint_catalog, 'crate');
});

test('key_column_usage: primary-key columns of user tables only', async () => {
  const rows = await rowsOf(f.ctx, 'information_schema', 'key_column_usage');
  assert.deepEqual(rows.map((r) => [r.table_name, r.constraint_name, r.column_name, r.ordinal_position]), [
    ['t1', 't1_pkey', 'id', 1], ['events', 'events_key', 'kind', 1], ['events', 'events_key', 'n', 2],
  ]);
});

test('constraint_column_usage: PK, NOT NULL and CHECK columns', async () => {
  const rows = (await rowsOf(f.ctx, 'information_schema', 'constraint_column_usage')).filter((r) => r.table_name === 't1');
  assert.deepEqual(rows.map((r) => [r.constraint_name, r.column_name]), [
    ['t1_pkey', 'id'], ['doc_t1_id_not_null', 'id'], ['doc_t1_name_not_null', 'name'], ['positive', 'id'],
  ]);
  const all = await rowsOf(f.ctx, 'information_schema', 'constraint_column_usage');
  assert.ok(!all.some((r) => r.table_schema === 'information_schema'));
  assert.ok(find(all, { table_schema: 'sys', table_name: 'nodes', constraint_name: 'sys_nodes_id_not_null' }));
});

test('table_partitions: idents, typed values, shards, settings without refresh_interval', async () => {
  const rows = await rowsOf(f.ctx, 'information_schema', 'table_partitions');
  assert.equal(rows.length, 2);
  const p1 = find(rows, { partition_ident: '04732cpp6osj2d9i60o30c1g' })!;
  assert.deepEqual(p1.values, { day: DAY_1 });
  assert.equal(p1.table_schema, 'doc');
  assert.equal(p1.table_name, 'parted');
  assert.equal(p1.number_of_shards, 2);
  assert.equal(p1.number_of_replicas, '1');
  assert.equal(p1.routing_hash_function, 'Murmur3');
  assert.equal(p1.closed, false);
  assert.equal((p1.settings as Rec).refresh_interval, undefined);
  assert.equal(((p1.settings as Rec).blocks as Rec).read_only, true);
  assert.ok(rows.some((r) => (r.values as Rec).day === DAY_2));
});

test('schemata, views, character_sets, collations, referential_constraints', async () => {
  assert.deepEqual((await rowsOf(f.ctx, 'information_schema', 'schemata')).map((r) => r.schema_name),
    ['blob', 'doc', 'information_schema', 'my_schema', 'pg_catalog', 'sys']);
  const views = await rowsOf(f.ctx, 'information_schema', 'views');
  assert.deepEqual(views, [{
    check_option: 'NONE', is_updatable: false, owner: 'crate', table_catalog: 'crate', table_name: 'v1',
    table_schema: 'doc', view_definition: 'SELECT "id"\nFROM "t1"',
  }]);
  const cs = await rowsOf(f.ctx, 'information_schema', 'character_sets');
  assert.equal(cs[0]!.character_set_name, 'UTF8');
  assert.equal(cs[0]!.default_collate_catalog, 'crate');
  assert.equal((await rowsOf(f.ctx, 'information_schema', 'collations'))[0]!.collation_name, 'C.utf8');
  assert.equal((await rowsOf(f.ctx, 'information_schema', 'referential_constraints')).length, 0);
  assert.equal(columnNames('information_schema', 'referential_constraints').length, 9);
});

test('routines, sql_features and enabled_roles', async () => {
  const routines = await rowsOf(f.ctx, 'information_schema', 'routines');
  assert.ok(find(routines, { routine_name: 'standard', routine_type: 'ANALYZER' }));
  assert.ok(find(routines, { routine_name: 'html_strip', routine_type: 'CHAR_FILTER' }));
  assert.equal(routines.filter((r) => r.routine_type === 'TOKENIZER').length, 16);
  const features = await rowsOf(f.ctx, 'information_schema', 'sql_features');
  assert.ok(find(features, { feature_id: 'E011', sub_feature_id: '', is_supported: true }));
  assert.deepEqual(await rowsOf(f.ctx, 'information_schema', 'enabled_roles'), [{ role_name: 'crate' }]);
});
