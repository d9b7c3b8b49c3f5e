/**
 * Catalog queries of aiopg and of SQLAlchemy 1.4's postgresql dialect (what pandas' to_sql and
 * read_sql_table send through it), texts in client-queries.ts, with CrateDB's answers — including
 * the ones CrateDB rejects: `AS DEFAULT` (reserved word) in the column reflection query and
 * `indkey::varchar` (no array → text cast) in the index query.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as Q from './client-queries.js';
import { oidOf, openFixture, type Fixture } from './fixture.js';

let f: Fixture;
before(async () => { f = await openFixture(); });
after(() => f.close());

describe('aiopg', () => {
  test('hstore OIDs on connect: no such type, no rows', async () => {
    const r = await f.query(Q.AIOPG_HSTORE_OIDS);
    assert.deepEqual(r.cols, ['oid', 'typarray']);
    assert.deepEqual(r.rows, []);
    const int4 = await f.query(Q.AIOPG_HSTORE_OIDS.replace("'hstore'", "'int4'"));
    assert.deepEqual(int4.rows, [[23, 1007]]);
  });
});

describe('SQLAlchemy 1.4 postgresql dialect', () => {
  test('initialize: version() does not start with PostgreSQL; the rest answers', async () => {
    const v = String((await f.query(Q.SQLALCHEMY_VERSION)).rows[0]![0]);
    assert.match(v, /^CrateDB \d+\.\d+\.\d+ /);
    assert.doesNotMatch(v, /PostgreSQL/);
    assert.deepEqual((await f.query('SHOW server_version')).rows, [['14.0']]);
    assert.deepEqual((await f.query(Q.SQLALCHEMY_CURRENT_SCHEMA)).rows, [['doc']]);
    assert.deepEqual((await f.query(Q.SQLALCHEMY_STANDARD_CONFORMING_STRINGS)).rows, [['on']]);
    const iso = await f.query(Q.SQLALCHEMY_ISOLATION_LEVEL);
    assert.deepEqual(iso.rows, [['read uncommitted']]);
  });

  test('has_table: visible tables and views by name', async () => {
    assert.deepEqual((await f.query(Q.sqlalchemyHasTable('t1'))).rows, [['t1']]);
    assert.deepEqual((await f.query(Q.sqlalchemyHasTable('v1'))).rows, [['v1']]);
    // not on the search path
    assert.deepEqual((await f.query(Q.sqlalchemyHasTable('events'))).rows, []);
    // pandas.read_sql asks with the whole query text as the name
    assert.deepEqual((await f.query(Q.sqlalchemyHasTable('SELECT name, n FROM t1 ORDER BY n'))).rows, []);
  });

  test('get_table_oid, get_schema_names, get_table_names, get_view_names', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    const r = await f.query(Q.sqlalchemyTableOid('t1'));
    assert.deepEqual([r.types, r.rows], [['regclass'], [[t1]]]);
    assert.deepEqual((await f.query(Q.sqlalchemyTableOid('events'))).rows, []);
    assert.deepEqual((await f.query(Q.SQLALCHEMY_SCHEMA_NAMES)).rows,
      [['blob'], ['doc'], ['information_schema'], ['my_schema'], ['sys']]);
    const tables = (await f.query(Q.SQLALCHEMY_TABLE_NAMES)).rows.map((x) => x[0]).sort();
    assert.deepEqual(tables, ['parted', 't1']);
    assert.deepEqual((await f.query(Q.SQLALCHEMY_VIEW_NAMES)).rows, [['v1']]);
  });

  test('get_pk_constraint: columns from pg_index.indkey, name from pg_constraint', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    assert.deepEqual((await f.query(Q.sqlalchemyPkColumns(t1))).rows, [['id']]);
    assert.deepEqual((await f.query(Q.sqlalchemyPkName(t1))).rows, [['t1_pkey']]);
    const events = await oidOf(f, 'my_schema.events');
    assert.deepEqual((await f.query(Q.sqlalchemyPkColumns(events))).rows, [['kind'], ['n']]);
    const parted = await oidOf(f, 'doc.parted');
    assert.deepEqual((await f.query(Q.sqlalchemyPkColumns(parted))).rows, []);
  });

  test('get_foreign_keys, get_unique_constraints: none', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    assert.deepEqual((await f.query(Q.sqlalchemyForeignKeys(t1))).rows, []);
    assert.deepEqual((await f.query(Q.sqlalchemyUniqueConstraints(t1))).rows, []);
  });

  test('get_check_constraints', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    const r = await f.query(Q.sqlalchemyCheckConstraints(t1));
    assert.deepEqual(r.cols, ['name', 'src']);
    assert.deepEqual(r.rows.map((x) => x[0]), ['positive']);
  });

  test('get_columns: `AS DEFAULT` is rejected, as by CrateDB', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    await f.rejects(Q.sqlalchemyColumns(t1), /ParsingException: line 9:20: mismatched input 'DEFAULT' expecting identifier/);
  });

  test('get_indexes: `indkey::varchar` (integer[] → text) is rejected, as by CrateDB', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    await f.rejects(Q.sqlalchemyIndexes(t1), /Cannot cast expressions from type `integer_array` to type `text`/);
  });
});
