/**
 * pgjdbc 42.7.9: what the driver sends at connect, the DatabaseMetaData queries
 * (getTables / getColumns / getPrimaryKeys / getSchemas / getCatalogs / getTypeInfo) and the
 * TypeInfoCache lookups, with the parameters typed the way pgjdbc binds them (setString →
 * varchar, setInt → int4, setBoolean → bool).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { T } from '../../../src/types/data-type.js';
import * as Q from './client-queries.js';
import { column, oidOf, openFixture, records, type Fixture } from './fixture.js';

let f: Fixture;
before(async () => { f = await openFixture(); });
after(() => f.close());

const text = (...values: string[]) => [values, values.map(() => T.text)] as const;

describe('pgjdbc connect', () => {
  test('SET application_name', async () => {
    const r = await f.query(Q.JDBC_SET_APPLICATION_NAME);
    assert.deepEqual(r.rows, []);
    assert.deepEqual((await f.query('SHOW application_name')).rows, [['PostgreSQL JDBC Driver']]);
  });

  test('getTransactionIsolation', async () => {
    const r = await f.query(Q.JDBC_TRANSACTION_ISOLATION);
    assert.deepEqual(r.cols, ['transaction_isolation']);
    assert.deepEqual(r.rows, [['read uncommitted']]);
  });

  test('getCatalog: select current_catalog', async () => {
    assert.deepEqual((await f.query(Q.JDBC_CURRENT_CATALOG)).rows, [['crate']]);
  });

  test('getSchema: select current_schema()', async () => {
    assert.deepEqual((await f.query(Q.JDBC_CURRENT_SCHEMA)).rows, [['doc']]);
  });
});

describe('pgjdbc DatabaseMetaData', () => {
  test('getTables(null, "doc", "%", {TABLE, VIEW})', async () => {
    const r = await f.query(Q.JDBC_GET_TABLES, ...text('doc', '%'));
    assert.deepEqual(r.cols, ['TABLE_CAT', 'TABLE_SCHEM', 'TABLE_NAME', 'TABLE_TYPE', 'REMARKS', 'TYPE_CAT',
      'TYPE_SCHEM', 'TYPE_NAME', 'SELF_REFERENCING_COL_NAME', 'REF_GENERATION']);
    assert.deepEqual(r.rows, [
      ['crate', 'doc', 'parted', 'TABLE', null, '', '', '', '', ''],
      ['crate', 'doc', 't1', 'TABLE', null, '', '', '', '', ''],
      ['crate', 'doc', 'v1', 'VIEW', null, '', '', '', '', ''],
    ]);
  });

  test("getTables(null, null, \"%\", null): every relation; `~ '^pg_'` is a full match in CrateDB", async () => {
    const r = await f.query(Q.JDBC_GET_TABLES_ALL, ...text('%'));
    const rows = records(r);
    const type = (schema: string, name: string) =>
      rows.find((x) => x.TABLE_SCHEM === schema && x.TABLE_NAME === name)?.TABLE_TYPE;
    assert.equal(type('doc', 't1'), 'TABLE');
    assert.equal(type('doc', 't1_pkey'), 'INDEX');
    assert.equal(type('doc', 'v1'), 'VIEW');
    assert.equal(type('information_schema', 'tables'), 'SYSTEM TABLE');
    // 'pg_catalog' ~ '^pg_' is false in CrateDB (the pattern must match the whole name)
    assert.equal(type('pg_catalog', 'pg_class'), 'TABLE');
    assert.equal(type('sys', 'nodes'), 'TABLE');
    // sorted by TABLE_TYPE, TABLE_SCHEM, TABLE_NAME
    assert.equal(rows[0]!.TABLE_TYPE, 'INDEX');
  });

  test('getSchemas()', async () => {
    const r = await f.query(Q.JDBC_GET_SCHEMAS);
    assert.deepEqual(r.cols, ['TABLE_SCHEM', 'TABLE_CATALOG']);
    assert.deepEqual(r.rows, [
      ['blob', 'crate'], ['doc', 'crate'], ['information_schema', 'crate'], ['my_schema', 'crate'],
      ['pg_catalog', 'crate'], ['sys', 'crate'],
    ]);
  });

  test('getCatalogs()', async () => {
    assert.deepEqual((await f.query(Q.JDBC_GET_CATALOGS)).rows, [['crate']]);
  });

  test('getColumns(null, "doc", "t1", "%")', async () => {
    const r = await f.query(Q.JDBC_GET_COLUMNS, ...text('doc', 't1', '%'));
    assert.deepEqual(r.cols, ['current_database', 'nspname', 'relname', 'attname', 'atttypid', 'attnotnull',
      'atttypmod', 'attlen', 'typtypmod', 'attnum', 'attidentity', 'attgenerated', 'adsrc', 'description',
      'typbasetype', 'typtype']);
    assert.deepEqual(r.rows.map((x) => [x[3], x[4], x[5], x[7], x[9], x[15]]), [
      ['id', 23, true, 4, 1, 'b'],
      ['name', 1043, true, -1, 2, 'b'],
      ['o', 114, false, -1, 3, 'b'],
      ["o['k']", 1043, false, -1, 4, 'b'],
      ['tags', 1015, false, -1, 5, 'b'],
    ]);
    assert.deepEqual(new Set(column(r, 'adsrc')), new Set([null]));
  });

  test('getColumns with a column pattern', async () => {
    const r = await f.query(Q.JDBC_GET_COLUMNS, ...text('my_schema', 'events', 'n'));
    assert.deepEqual(r.rows.map((x) => [x[1], x[2], x[3], x[4], x[9]]), [['my_schema', 'events', 'n', 20, 2]]);
  });

  test('getPrimaryKeys(null, "doc", "t1") via pg_index and _pg_expandarray', async () => {
    const r = await f.query(Q.JDBC_GET_PRIMARY_KEYS, ...text('doc', 't1'));
    assert.deepEqual(r.cols, ['TABLE_CAT', 'TABLE_SCHEM', 'TABLE_NAME', 'COLUMN_NAME', 'KEY_SEQ', 'PK_NAME']);
    assert.deepEqual(r.rows, [['crate', 'doc', 't1', 'id', 1, 't1_pkey']]);
  });

  test('getPrimaryKeys of a two-column key', async () => {
    const r = await f.query(Q.JDBC_GET_PRIMARY_KEYS, ...text('my_schema', 'events'));
    assert.deepEqual(r.rows, [
      ['crate', 'my_schema', 'events', 'kind', 1, 'events_pkey'],
      ['crate', 'my_schema', 'events', 'n', 2, 'events_pkey'],
    ]);
  });

  test('getPrimaryKeys, development branch (pg_constraint.conkey)', async () => {
    const r = await f.query(Q.JDBC_GET_PRIMARY_KEYS_CONKEY, ...text('my_schema', 'events'));
    assert.deepEqual(r.rows.map((x) => [x[3], x[4], x[5]]), [['kind', 1, 'events_pkey'], ['n', 2, 'events_pkey']]);
  });

  test('getTypeInfo(): the 54 pg_type rows', async () => {
    const r = await f.query(Q.JDBC_GET_TYPE_INFO);
    assert.deepEqual(r.cols, ['typname', 'oid']);
    assert.equal(r.rows.length, 54);
    assert.deepEqual(r.rows[0], ['bool', 16]);
  });
});

describe('pgjdbc TypeInfoCache', () => {
  test("getSQLType(oid): typinput = 'pg_catalog.array_in'::regproc is false in CrateDB", async () => {
    const r = await f.query(Q.JDBC_SQL_TYPE_BY_OID, [1015], [T.integer]);
    assert.deepEqual(r.cols, ['is_array', 'typtype', 'typname', 'oid']);
    assert.deepEqual(r.rows, [[false, 'b', '_varchar', 1015]]);
  });

  test('cacheSQLTypes(): all types ordered by OID descending (no pg_type namespace on the path)', async () => {
    const r = await f.query(Q.JDBC_SQL_TYPES);
    assert.equal(r.rows.length, 54);
    assert.deepEqual(r.rows[0], [false, 'b', '_uuid', 2951]);
    assert.deepEqual(r.rows[53], [false, 'b', 'bool', 16]);
  });

  test('getPGType(name)', async () => {
    assert.deepEqual((await f.query(Q.JDBC_OID_BY_NAME, ...text('int4'))).rows, [[23, 'int4']]);
    assert.deepEqual((await f.query(Q.JDBC_OID_BY_NAME, ...text('hstore'))).rows, []);
  });

  test('getPGType("int4[]") and getPGType("pg_catalog.int4")', async () => {
    const arr = await f.query(Q.JDBC_ARRAY_OID_BY_NAME, ['int4', '', true], [T.text, T.text, T.boolean]);
    assert.deepEqual(arr.rows, [[1007, '_int4']]);
    const qualified = await f.query(Q.JDBC_OID_BY_QUALIFIED_NAME, ['int4', 'pg_catalog', false], [T.text, T.text, T.boolean]);
    assert.deepEqual(qualified.rows, [[23, 'int4']]);
  });

  test('getPGType(oid), getArrayDelimiter, getPGArrayElement', async () => {
    assert.deepEqual((await f.query(Q.JDBC_NAME_BY_OID, [23], [T.integer])).rows, [[true, 'pg_catalog', 'int4']]);
    assert.deepEqual((await f.query(Q.JDBC_ARRAY_DELIMITER, [1007], [T.integer])).rows, [[',']]);
    assert.deepEqual((await f.query(Q.JDBC_ARRAY_ELEMENT, [1015], [T.integer])).rows, [[1043, true, 'pg_catalog', 'varchar']]);
  });

  test('untyped (PG unknown) parameters work too', async () => {
    const unknown = { kind: 'undefined' } as const;
    const r = await f.query(Q.JDBC_GET_PRIMARY_KEYS, ['doc', 't1'], [unknown, unknown]);
    assert.deepEqual(r.rows, [['crate', 'doc', 't1', 'id', 1, 't1_pkey']]);
    assert.deepEqual((await f.query(Q.JDBC_NAME_BY_OID, ['23'], [unknown])).rows, [[true, 'pg_catalog', 'int4']]);
  });

  test('every pgjdbc query is analysable at Parse time', async () => {
    const cases: [string, number][] = [
      [Q.JDBC_GET_TABLES, 2], [Q.JDBC_GET_TABLES_ALL, 1], [Q.JDBC_GET_SCHEMAS, 0], [Q.JDBC_GET_COLUMNS, 3],
      [Q.JDBC_GET_PRIMARY_KEYS, 2], [Q.JDBC_GET_PRIMARY_KEYS_CONKEY, 2], [Q.JDBC_GET_TYPE_INFO, 0],
      [Q.JDBC_SQL_TYPE_BY_OID, 0], [Q.JDBC_SQL_TYPES, 0], [Q.JDBC_OID_BY_NAME, 1], [Q.JDBC_NAME_BY_OID, 0],
      [Q.JDBC_ARRAY_DELIMITER, 0], [Q.JDBC_ARRAY_ELEMENT, 0],
    ];
    for (const [sql, texts] of cases) {
      const types = Array.from({ length: texts }, () => T.text);
      assert.ok((await f.describes(sql, types)).length > 0, sql);
    }
  });

  test('pg_class.oid of a user table is its stored OID', async () => {
    const t1 = await oidOf(f, 't1');
    assert.deepEqual((await f.query(`SELECT relname FROM pg_catalog.pg_class WHERE oid = ${t1}`)).rows, [['t1']]);
  });
});
