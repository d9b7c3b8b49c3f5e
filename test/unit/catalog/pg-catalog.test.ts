/**
 * pg_catalog tables over a real in-memory DuckDB catalog (system-fixture.ts), and the CrateDB OID
 * hashes they use (pgwire.md §11.3).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  constraintOid, oidHash, primaryKeyOid, regprocOid, schemaOid, tableHashOid, userOid,
} from '../../../src/catalog/system/pg-catalog/pg-oid.js';
import { pgTypeOf, regprocName } from '../../../src/catalog/system/pg-catalog/pg-types.js';
import { T } from '../../../src/types/data-type.js';
import { columnNames, openFixture, rowsOf, type Fixture, type Rec } from './system-fixture.js';

let f: Fixture;
before(async () => { f = await openFixture(); });
after(() => f.close());

test('OID hashes match CrateDB', () => {
  assert.equal(schemaOid('doc'), -2048275947);
  assert.equal(schemaOid('pg_catalog'), -68025646);
  assert.equal(schemaOid('information_schema'), 204690627);
  assert.equal(schemaOid('sys'), -458336339);
  assert.equal(schemaOid('blob'), -508866815);
  assert.equal(tableHashOid('doc', 't1'), 728874843);
  assert.equal(constraintOid('doc', 't1', 'id_pk', 'PRIMARY KEY'), 279835673);
  assert.equal(oidHash('PROCpg_catalogversion'), 142575842);
  assert.equal(regprocOid('array_recv'), 556695454);
  assert.equal(userOid('crate'), -450373579);
  assert.equal(regprocOid('-'), 0);
  assert.equal(regprocName(regprocOid('int4_in')), 'int4_in');
  assert.equal(regprocName(0), '-');
  assert.equal(regprocName(12345), undefined);
});

test('pgTypeOf: CrateDB type → announced PG type', () => {
  assert.equal(pgTypeOf(T.integer).oid, 23);
  assert.equal(pgTypeOf(T.text).oid, 1043);
  assert.equal(pgTypeOf(T.byte).oid, 21);
  assert.equal(pgTypeOf(T.ip).oid, 1043);
  assert.equal(pgTypeOf(T.object()).oid, 114);
  assert.equal(pgTypeOf(T.array(T.text)).oid, 1015);
  assert.equal(pgTypeOf(T.array(T.integer)).oid, 1007);
  assert.equal(pgTypeOf(T.array(T.object())).oid, 199);
  assert.equal(pgTypeOf(T.array(T.array(T.integer))).oid, 114);
  assert.equal(pgTypeOf(T.geoPoint).typlen, 16);
  assert.deepEqual(pgTypeOf({ kind: 'bit', length: 4 }), { oid: 1560, typname: 'bit', typlen: -1, typmod: 4 });
});

test('pg_namespace: one row per schema', async () => {
  const rows = await rowsOf(f.ctx, 'pg_catalog', 'pg_namespace');
  assert.deepEqual(rows.map((r) => [r.nspname, r.oid]), [
    ['blob', -508866815], ['doc', -2048275947], ['information_schema', 204690627], ['my_schema', schemaOid('my_schema')],
    ['pg_catalog', -68025646], ['sys', -458336339],
  ]);
});

test('pg_type: the 54 CrateDB types with their procs', async () => {
  const rows = await rowsOf(f.ctx, 'pg_catalog', 'pg_type');
  assert.equal(rows.length, 54);
  const by = (name: string) => rows.find((r) => r.typname === name)!;
  assert.equal(by('int4').oid, 23);
  assert.equal(by('int4').typarray, 1007);
  assert.equal(by('int4').typinput, regprocOid('int4_in'));
  assert.equal(by('int4').typreceive, regprocOid('int4recv'));
  assert.equal(by('bool').typcategory, 'N');
  assert.equal(by('_int4').typinput, regprocOid('array_in'));
  assert.equal(by('_int4').typreceive, regprocOid('array_recv'));
  assert.equal(by('timestamptz').typsend, regprocOid('timestamptz_send'));
  assert.equal(by('unknown').typinput, regprocOid('unknownin'));
  assert.equal(by('any').typreceive, 0);
  assert.equal(by('anyarray').typreceive, regprocOid('anyarray_recv'));
  assert.equal(by('oidvector').typreceive, regprocOid('oidvectorrecv'));
  assert.ok(rows.every((r) => r.typbyval === true && r.typnamespace === -68025646 && r.typdelim === ','));
});

test('pg_proc: receive/send dummies join with pg_type', async () => {
  const procs = await rowsOf(f.ctx, 'pg_catalog', 'pg_proc');
  const oids = new Set(procs.map((p) => p.oid));
  // like CrateDB: dummies exist for the base types (typarray ≠ 0) plus one array_recv/array_send
  for (const t of (await rowsOf(f.ctx, 'pg_catalog', 'pg_type')).filter((r) => r.typarray !== 0 || r.typcategory === 'A')) {
    if (t.typname === 'anyarray') continue;
    if (t.typreceive !== 0) assert.ok(oids.has(t.typreceive), `typreceive of ${t.typname}`);
    if (t.typsend !== 0) assert.ok(oids.has(t.typsend), `typsend of ${t.typname}`);
  }
  assert.equal(procs.filter((p) => p.proname === 'array_recv').length, 1);
  assert.equal(procs.find((p) => p.proname === 'array_recv')!.oid, 556695454);
});

test('pg_class: tables, views, system tables and primary-key indexes', async () => {
  const rows = await rowsOf(f.ctx, 'pg_catalog', 'pg_class');
  const t1 = rows.find((r) => r.relname === 't1')!;
  assert.equal(t1.oid, 1); // stored OID of the user table
  assert.equal(t1.relkind, 'r');
  assert.equal(t1.relnamespace, -2048275947);
  assert.equal(t1.relnatts, 7);
  assert.equal(t1.reltuples, 3);
  const pk = rows.find((r) => r.relname === 't1_pkey')!;
  assert.equal(pk.relkind, 'i');
  assert.equal(pk.oid, primaryKeyOid('doc', 't1', ['id']));
  assert.equal(rows.find((r) => r.relname === 'v1')!.relkind, 'v');
  assert.equal(rows.find((r) => r.relname === 'pg_type')!.oid, tableHashOid('pg_catalog', 'pg_type'));
  assert.ok(rows.find((r) => r.relname === 'events_key' && r.relkind === 'i'));
});

test('pg_attribute: every column, nested ones in subscript form', async () => {
  const rows = (await rowsOf(f.ctx, 'pg_catalog', 'pg_attribute')).filter((r) => r.attrelid === 1);
  assert.deepEqual(rows.map((r) => [r.attname, r.attnum, r.atttypid, r.attnotnull]), [
    ['id', 1, 23, true], ['name', 2, 1043, true], ['o', 3, 114, false], ["o['k']", 4, 1043, false],
    ["o['j']", 5, 114, false], ["o['j']['x']", 6, 23, false], ['ts', 7, 1184, false], ['gen', 8, 23, false],
    ['vc', 9, 1043, false], ['price', 10, 1700, false],
  ]);
  const gen = rows.find((r) => r.attname === 'gen')!;
  assert.equal(gen.attgenerated, 's');
  assert.equal(rows.find((r) => r.attname === 'id')!.attlen, 4);
  const tags = (await rowsOf(f.ctx, 'pg_catalog', 'pg_attribute')).find((r) => r.attrelid === 4 && r.attname === 'tags')!;
  assert.equal(tags.atttypid, 1015);
  assert.equal(tags.attndims, 1);
});

test('pg_index and pg_constraint: primary keys and checks', async () => {
  const idx = await rowsOf(f.ctx, 'pg_catalog', 'pg_index');
  const t1 = idx.find((r) => r.indrelid === 1)!;
  assert.deepEqual(t1.indkey, [1]);
  assert.equal(t1.indnkeyatts, 1);
  assert.equal(t1.indisprimary, true);
  assert.equal(t1.indexrelid, primaryKeyOid('doc', 't1', ['id']));
  assert.deepEqual(idx.find((r) => r.indrelid === 4)!.indkey, [1, 2]);

  const cons = (await rowsOf(f.ctx, 'pg_catalog', 'pg_constraint')).filter((r) => r.conrelid === 1);
  assert.deepEqual(cons.map((c) => [c.conname, c.contype, c.conkey]), [['t1_pkey', 'p', [1]], ['positive', 'c', [1]]]);
  const pk = cons[0] as Rec;
  assert.equal(pk.oid, constraintOid('doc', 't1', 't1_pkey', 'PRIMARY KEY'));
  assert.equal(pk.connamespace, -2048275947);
  assert.equal(pk.confdeltype, 'a');
  assert.equal(pk.confmatchtype, 's');
});

test('pg_settings: session settings with current values and defaults', async () => {
  const rows = await rowsOf(f.ctx, 'pg_catalog', 'pg_settings');
  const names = rows.map((r) => r.name as string);
  assert.deepEqual(names, [...names].sort());
  const by = (n: string) => rows.find((r) => r.name === n)!;
  assert.equal(by('search_path').setting, 'doc');
  assert.equal(by('application_name').setting, 'tests');
  assert.equal(by('server_version').setting, '14.0');
  assert.equal(by('server_version_num').setting, '140000');
  assert.equal(by('statement_timeout').vartype, 'interval');
  assert.equal(by('enable_hashjoin').boot_val, 'true');
  assert.equal(by('max_identifier_length').setting, '255');
  const optimizer = await rowsOf({
    ...f.ctx, session: { ...f.ctx.session, settings: new Map([['optimizer_merge_filters', 'false']]) },
  }, 'pg_catalog', 'pg_settings');
  const rule = optimizer.find((r) => r.name === 'optimizer_merge_filters')!;
  assert.equal(rule.setting, 'false');
  assert.equal(rule.short_desc, 'Indicates if the optimizer rule MergeFilters is activated.');
});

test('pg_database, pg_roles, pg_user, pg_tables, pg_views', async () => {
  const [db] = await rowsOf(f.ctx, 'pg_catalog', 'pg_database');
  assert.equal(db!.oid, 0);
  assert.equal(db!.datname, 'crate');
  assert.equal(db!.encoding, 6);
  const [role] = await rowsOf(f.ctx, 'pg_catalog', 'pg_roles');
  assert.equal(role!.rolname, 'crate');
  assert.equal(role!.rolsuper, true);
  assert.equal(role!.oid, -450373579);
  const [user] = await rowsOf(f.ctx, 'pg_catalog', 'pg_user');
  assert.equal(user!.usesysid, -450373579);
  const tables = await rowsOf(f.ctx, 'pg_catalog', 'pg_tables');
  assert.ok(tables.find((r) => r.schemaname === 'doc' && r.tablename === 't1'));
  assert.ok(!tables.find((r) => r.tablename === 'v1'));
  assert.deepEqual(await rowsOf(f.ctx, 'pg_catalog', 'pg_views'),
    [{ definition: 'SELECT "id"\nFROM "t1"', schemaname: 'doc', viewname: 'v1', viewowner: 'crate' }]);
});

test('empty pg_catalog relations have their columns', async () => {
  assert.deepEqual(columnNames('pg_catalog', 'pg_am'), ['amhandler', 'amname', 'amtype', 'oid']);
  assert.deepEqual(columnNames('pg_catalog', 'pg_description'), ['classoid', 'description', 'objoid', 'objsubid']);
  assert.deepEqual(columnNames('pg_catalog', 'pg_tablespace'), ['oid', 'spcacl', 'spcname', 'spcoptions', 'spcowner']);
  assert.equal(columnNames('pg_catalog', 'pg_class').length, 33);
  assert.equal(columnNames('pg_catalog', 'pg_attribute').length, 26);
  assert.equal(columnNames('pg_catalog', 'pg_type').length, 31);
  assert.equal((await rowsOf(f.ctx, 'pg_catalog', 'pg_description')).length, 0);
});
