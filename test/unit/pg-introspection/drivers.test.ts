/**
 * Catalog queries of asyncpg, psycopg 3, Npgsql, psqlODBC, Grafana and DBeaver (texts in
 * client-queries.ts), with CrateDB's answers — including the ones CrateDB rejects:
 * asyncpg's WITH RECURSIVE introspection (only sent for OIDs without a built-in codec, none of
 * CrateDB's), psycopg's to_regtype(), Grafana's pg_extension probe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { schemaOid } from '../../../src/catalog/system/pg-catalog/pg-oid.js';
import { T } from '../../../src/types/data-type.js';
import * as Q from './client-queries.js';
import { column, oidOf, openFixture, records, type Fixture } from './fixture.js';

let f: Fixture;
before(async () => { f = await openFixture(); });
after(() => f.close());

describe('asyncpg', () => {
  test('TYPE_BY_NAME', async () => {
    const r = await f.query(Q.ASYNCPG_TYPE_BY_NAME, ['int4', 'pg_catalog'], [T.text, T.text]);
    assert.deepEqual(r.cols, ['oid', 'elemtype', 'kind']);
    assert.deepEqual(r.rows, [[23, 0, 'b']]);
    const arr = await f.query(Q.ASYNCPG_TYPE_BY_NAME, ['_int4', 'pg_catalog'], [T.text, T.text]);
    assert.deepEqual(arr.rows, [[1007, 23, 'b']]);
  });

  test('INTRO_LOOKUP_TYPES uses WITH RECURSIVE, which CrateDB does not parse', async () => {
    await f.rejects(Q.ASYNCPG_INTRO_LOOKUP_TYPES_HEAD, /ParsingException: line 1:6: mismatched input 'RECURSIVE'/, [[23]]);
  });

  test('SHOW transaction_isolation; (transaction start)', async () => {
    const r = await f.query(Q.ASYNCPG_SHOW_ISOLATION);
    assert.deepEqual(r.cols, ['transaction_isolation']);
    assert.deepEqual(r.rows, [['read uncommitted']]);
  });

  test('pg_settings and SHOW of the settings drivers read', async () => {
    const r = await f.query("SELECT name, setting FROM pg_catalog.pg_settings WHERE name IN "
      + "('server_version', 'server_version_num', 'standard_conforming_strings', 'client_encoding', 'datestyle') ORDER BY name");
    assert.deepEqual(r.rows, [
      ['client_encoding', 'UTF8'], ['datestyle', 'ISO'], ['server_version', '14.0'], ['server_version_num', '140000'],
      ['standard_conforming_strings', 'on'],
    ]);
    assert.deepEqual((await f.query('SHOW server_version')).rows, [['14.0']]);
    assert.deepEqual((await f.query('SHOW standard_conforming_strings')).rows, [['on']]);
    assert.deepEqual((await f.query("SELECT current_setting('server_version_num')")).rows, [['140000']]);
  });

  test('pg_is_in_recovery() (target_session_attrs) is unknown in CrateDB', async () => {
    await f.rejects('SELECT pg_catalog.pg_is_in_recovery()', /UnsupportedFunctionException: Unknown function: pg_catalog\.pg_is_in_recovery\(\)/);
  });
});

describe('psycopg 3', () => {
  test('TypeInfo.fetch uses to_regtype(), which CrateDB lacks', async () => {
    await f.rejects(Q.PSYCOPG_TYPE_INFO, /UnsupportedFunctionException: Unknown function: to_regtype\(\$1\)/, ['hstore']);
  });

  test('the ::regtype variant (servers without to_regtype)', async () => {
    const r = await f.query(Q.PSYCOPG_TYPE_INFO_CAST, ['int4'], [T.text]);
    assert.deepEqual(r.cols, ['name', 'oid', 'array_oid', 'regtype', 'delimiter']);
    assert.deepEqual(r.rows, [['int4', 23, 1007, 'int4', ',']]);
    await f.rejects(Q.PSYCOPG_TYPE_INFO_CAST, /type hstore does not exist/, ['hstore']);
  });
});

describe('Npgsql type loading (one simple query, four statements)', () => {
  test('version(), types, composite fields, enum labels', async () => {
    const [version, types, composites, enums] = await f.queryAll(Q.NPGSQL_TYPE_LOADING);
    assert.match(String(version!.rows[0]![0]), /^CrateDB \d+\.\d+\.\d+/);
    assert.deepEqual(types!.cols, ['nspname', 'oid', 'typname', 'typtype', 'typnotnull', 'elemtypoid']);
    // 54 types minus the pseudo-types unknown, any and anyarray
    assert.equal(types!.rows.length, 51);
    const byName = new Map(records(types!).map((r) => [r.typname, r]));
    assert.deepEqual(byName.get('int4'), { nspname: 'pg_catalog', oid: 23, typname: 'int4', typtype: 'b', typnotnull: false, elemtypoid: null });
    // arrays are recognised by typreceive = array_recv and reported as typtype 'a'
    assert.deepEqual(byName.get('_int4'), { nspname: 'pg_catalog', oid: 1007, typname: '_int4', typtype: 'a', typnotnull: false, elemtypoid: 23 });
    assert.equal(byName.get('record')!.typtype, 'p');
    // base types, enums and pseudo-types first, arrays last
    const kinds = column(types!, 'typtype');
    assert.equal(kinds.lastIndexOf('b') < kinds.indexOf('a'), true);
    assert.deepEqual(composites!.rows, []);
    assert.deepEqual(enums!.rows, []);
  });
});

describe('psqlODBC', () => {
  test('connect: SHOW DateStyle (column datestyle), transaction_isolation, the lo type', async () => {
    const ds = await f.query(Q.ODBC_SHOW_DATESTYLE);
    assert.deepEqual([ds.cols, ds.rows], [['datestyle'], [['ISO']]]);
    assert.deepEqual((await f.query(Q.ODBC_SHOW_ISOLATION)).rows, [['read uncommitted']]);
    assert.deepEqual((await f.query(Q.ODBC_LO_TYPE)).rows, []);
    assert.deepEqual((await f.query(Q.ODBC_CURRENT_SCHEMA)).rows, [['doc']]);
  });

  test("SQLTables (like E'…')", async () => {
    const r = await f.query(Q.ODBC_TABLES);
    assert.deepEqual(r.rows, [['parted', 'doc', 'r'], ['t1', 'doc', 'r'], ['v1', 'doc', 'v']]);
  });

  test('SQLColumns: nested joins with operator(pg_catalog.=)', async () => {
    const r = await f.query(Q.ODBC_COLUMNS);
    assert.equal(r.cols.length, 18);
    assert.deepEqual(r.rows.map((x) => [x[2], x[3], x[4], x[5], x[8], x[10]]), [
      ['id', 23, 'int4', 1, true, 'r'],
      ['name', 1043, 'varchar', 2, true, 'r'],
      ['o', 114, 'json', 3, false, 'r'],
      ["o['k']", 1043, 'varchar', 4, false, 'r'],
      ['tags', 1015, '_varchar', 5, false, 'r'],
    ]);
  });

  test('SQLPrimaryKeys: no pg_attribute rows for index relations in CrateDB → empty', async () => {
    const r = await f.query(Q.ODBC_PRIMARY_KEYS);
    assert.deepEqual(r.cols, ['attname', 'attnum', 'relname', 'nspname', 'relname']);
    assert.deepEqual(r.rows, []);
  });
});

describe('psqlODBC 13 (Debian 12)', () => {
  test('connect settings', async () => {
    for (const sql of Q.ODBC13_CONNECT.slice(0, 2)) assert.deepEqual((await f.query(sql)).rows, []);
    assert.deepEqual((await f.query(Q.ODBC13_CONNECT[2]!)).rows, [['read uncommitted']]);
    assert.deepEqual((await f.query(Q.ODBC13_CONNECT[3]!)).rows, []);
  });

  test('SQLTables of one table', async () => {
    assert.deepEqual((await f.query(Q.ODBC13_TABLES)).rows, [['t1', 'doc', 'r']]);
  });

  test('SQLPrimaryKeys by index name: the pg_class row exists, its pg_attribute rows do not (as in CrateDB)', async () => {
    assert.deepEqual((await f.query("select relkind from pg_class where relname = 't1_pkey'")).rows, [['i']]);
    assert.deepEqual((await f.query(Q.ODBC13_PRIMARY_KEYS_BY_INDEX)).rows, []);
  });
});

describe('PHP PDO_PGSQL getColumnMeta', () => {
  test('native_type by OID (upper-case identifiers)', async () => {
    for (const [oid, name] of [[701, 'float8'], [1184, 'timestamptz'], [114, 'json'], [1007, '_int4'], [1015, '_varchar'], [600, 'point']] as const) {
      const r = await f.query(Q.pdoTypeName(oid));
      assert.deepEqual([r.cols, r.rows], [['typname'], [[name]]], String(oid));
    }
    assert.deepEqual((await f.query(Q.pdoTypeName(999999))).rows, []);
  });

  test('table name by OID; 0 (what cratelite sends as RowDescription table OID) finds nothing', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    assert.deepEqual((await f.query(Q.pdoTableName(t1))).rows, [['t1']]);
    assert.deepEqual((await f.query(Q.pdoTableName(0))).rows, []);
  });
});

describe('ruby-pg BasicTypeRegistry', () => {
  test('pg_type JOIN pg_proc ON typinput: empty, as in CrateDB (pg_proc has rows for receive functions only)', async () => {
    const r = await f.query(Q.RUBY_PG_TYPES);
    assert.deepEqual(r.cols, ['oid', 'typname', 'typelem', 'typdelim', 'typinput']);
    assert.deepEqual(r.rows, []);
    const recv = await f.query(Q.RUBY_PG_TYPES.replace('t.typinput', 't.typreceive'));
    assert.deepEqual(recv.rows.find((x) => x[1] === '_int4'), [1007, '_int4', 23, ',', 'array_recv']);
  });
});

describe('Grafana PostgreSQL data source', () => {
  test('version probe', async () => {
    assert.deepEqual((await f.query(Q.GRAFANA_VERSION)).rows, [[1400]]);
  });

  test('TimescaleDB probe: pg_extension does not exist', async () => {
    await f.rejects(Q.GRAFANA_TIMESCALEDB, /RelationUnknown: Relation 'pg_extension' unknown/);
  });

  test('schemas', async () => {
    assert.deepEqual(column(await f.query(Q.GRAFANA_SCHEMAS), 'name'), ['blob', 'doc', 'my_schema', 'sys']);
  });

  test('tables: search-path tables unqualified first (aliased single-column functions name the column)', async () => {
    const tables = column(await f.query(Q.GRAFANA_TABLES), 'table');
    assert.deepEqual(tables.slice(0, 4), ['parted', 't1', 'v1', 'my_schema.events']);
    assert.ok(tables.includes('sys.nodes'));
  });

  test('tables of one schema; columns of a table', async () => {
    assert.deepEqual(column(await f.query(Q.GRAFANA_TABLES_IN_SCHEMA), 'table'), ['parted', 't1', 'v1']);
    const cols = await f.query(Q.GRAFANA_COLUMNS);
    assert.deepEqual(cols.rows, [
      ['id', 'integer'], ['name', 'text'], ['o', 'object'], ['"o[\'k\']"', 'text'], ['tags', 'text_array'],
    ]);
  });
});

describe('DBeaver', () => {
  test('current_schema(), session_user', async () => {
    assert.deepEqual((await f.query(Q.DBEAVER_CURRENT_SCHEMA)).rows, [['doc', 'crate']]);
  });

  test('database row: db.oid, db.*', async () => {
    const r = await f.query(Q.DBEAVER_DATABASE, ['crate'], [T.text]);
    assert.equal(r.rows.length, 1);
    assert.equal(r.cols[0], 'oid');
    assert.equal(records(r)[0]!.datname, 'crate');
  });

  test("schemas with descriptions ('pg_namespace'::regclass)", async () => {
    const r = await f.query(Q.DBEAVER_SCHEMAS);
    assert.deepEqual(column(r, 'nspname'), ['blob', 'doc', 'information_schema', 'my_schema', 'pg_catalog', 'sys']);
    assert.deepEqual(new Set(column(r, 'description')), new Set([null]));
  });

  test('relations of a schema', async () => {
    const r = await f.query(Q.DBEAVER_TABLES, [schemaOid('doc')], [T.integer]);
    // no ORDER BY in DBeaver's query: any order
    assert.deepEqual(column(r, 'relname').sort(), ['parted', 't1', 'v1']);
    assert.deepEqual(new Set(column(r, 'partition_key')), new Set([null]));
  });

  test('keywords and search path', async () => {
    const kw = await f.query(Q.DBEAVER_KEYWORDS);
    assert.match(String(kw.rows[0]![0]), /^add,all,alter,/);
    assert.deepEqual((await f.query(Q.DBEAVER_SHOW_SEARCH_PATH)).rows, [['doc']]);
  });
});
