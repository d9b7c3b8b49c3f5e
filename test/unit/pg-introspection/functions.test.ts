/**
 * The pg_catalog functions and object-identifier casts client catalog queries use, one at a
 * time, with CrateDB's answers (functions.md §2.9, pgwire.md §10–§11), and the functions CrateDB
 * does not have (UnsupportedFunctionException, like CrateDB).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  constraintOid, primaryKeyOid, regprocOid, tableHashOid, userOid, viewOid,
} from '../../../src/catalog/system/pg-catalog/pg-oid.js';
import { oidOf, openFixture, type Fixture } from './fixture.js';

let f: Fixture;
before(async () => { f = await openFixture(); });
after(() => f.close());

const one = async (sql: string): Promise<unknown> => (await f.query(sql)).rows[0]![0];

describe('format_type', () => {
  test('CrateDB type names, arrays with [], ??? for unknown, typmod ignored', async () => {
    const r = await f.query('SELECT format_type(23, NULL), format_type(1043, -1), format_type(25, NULL), '
      + 'format_type(1184, NULL), format_type(1007, NULL), format_type(1015, 4), format_type(114, NULL), '
      + 'format_type(199, NULL), format_type(600, NULL), format_type(705, NULL), format_type(16, NULL), '
      + 'format_type(1042, NULL), format_type(26, NULL), format_type(2, NULL), format_type(NULL, 1)');
    assert.deepEqual(r.rows[0], [
      'integer', 'text', 'text', 'timestamp with time zone', 'integer[]', 'text[]', 'object', 'object[]',
      'geo_point', 'undefined', 'boolean', 'character', 'integer', '???', null,
    ]);
  });

  test('over the pg_type column', async () => {
    const r = await f.query('SELECT typname, pg_catalog.format_type(oid, NULL) FROM pg_catalog.pg_type '
      + "WHERE typname IN ('int8', '_float8', 'numeric', 'timetz', 'regclass', 'bit', '_record', 'anyarray') ORDER BY oid");
    assert.deepEqual(r.rows, [
      ['int8', 'bigint'], ['_float8', 'double precision[]'], ['timetz', 'time with time zone'], ['bit', 'bit'],
      ['numeric', 'numeric'], ['regclass', 'regclass'], ['anyarray', 'undefined[]'], ['_record', 'record[]'],
    ]);
  });
});

describe('pg_table_is_visible', () => {
  test('first relation of its name on the search path (pg_catalog first)', async () => {
    const t1 = await oidOf(f, 'doc.t1');
    const events = await oidOf(f, 'my_schema.events');
    const r = await f.query(`SELECT pg_table_is_visible(${t1}), pg_table_is_visible(${events}), `
      + `pg_table_is_visible(${tableHashOid('pg_catalog', 'pg_class')}), pg_table_is_visible(${tableHashOid('sys', 'nodes')}), `
      + `pg_table_is_visible(${viewOid('doc', 'v1')}), pg_table_is_visible(${primaryKeyOid('doc', 't1', ['id'])}), `
      + 'pg_table_is_visible(12345), pg_table_is_visible(NULL)');
    assert.deepEqual(r.rows[0], [true, false, true, false, true, false, false, null]);
  });

  test('over pg_class follows SET search_path', async () => {
    const visible = async () => (await f.query(
      "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      + "WHERE pg_table_is_visible(c.oid) AND n.nspname NOT IN ('pg_catalog') ORDER BY 1")).rows.map((x) => x[0]);
    assert.deepEqual(await visible(), ['doc.parted', 'doc.t1', 'doc.v1']);
    await f.query('SET search_path TO my_schema, sys');
    try {
      const names = await visible();
      assert.ok(names.includes('my_schema.events'));
      assert.ok(names.includes('sys.nodes'));
      assert.ok(!names.includes('doc.t1'));
    } finally {
      await f.query('SET search_path TO DEFAULT');
    }
  });

  test('a table of the same name earlier on the path hides the later one', async () => {
    await f.query('CREATE TABLE my_schema.t1 (x INT)');
    try {
      await f.query('SET search_path TO my_schema, doc');
      const r = await f.query("SELECT n.nspname, pg_table_is_visible(c.oid) FROM pg_class c "
        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 't1' ORDER BY 1");
      assert.deepEqual(r.rows, [['doc', false], ['my_schema', true]]);
    } finally {
      await f.query('SET search_path TO DEFAULT');
      await f.query('DROP TABLE my_schema.t1');
    }
  });
});

describe('other pg_catalog functions', () => {
  test('pg_get_constraintdef: PRIMARY KEY and CHECK by pg_constraint OID', async () => {
    const pk = constraintOid('my_schema', 'events', 'events_pkey', 'PRIMARY KEY');
    const check = constraintOid('doc', 't1', 'positive', 'CHECK');
    const r = await f.query(`SELECT pg_get_constraintdef(${pk}), pg_catalog.pg_get_constraintdef(${check}, true), `
      + `pg_get_constraintdef(1), pg_get_constraintdef(${pk}, NULL), pg_get_constraintdef(NULL)`);
    assert.deepEqual(r.rows[0], ['PRIMARY KEY (kind, n)', 'CHECK ("id" > 0)', null, null, null]);
    const all = await f.query("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
      + "WHERE connamespace <> -68025646 AND connamespace <> -458336339 AND connamespace <> 204690627 ORDER BY conname");
    assert.deepEqual(all.rows, [
      ['events_pkey', 'p', 'PRIMARY KEY (kind, n)'], ['positive', 'c', 'CHECK ("id" > 0)'], ['t1_pkey', 'p', 'PRIMARY KEY (id)'],
    ]);
  });

  test('pg_get_userbyid: crate by its OID, else unknown (OID=n)', async () => {
    const r = await f.query(`SELECT pg_get_userbyid(${userOid('crate')}), pg_get_userbyid(0), pg_get_userbyid('1'), pg_get_userbyid(NULL)`);
    assert.deepEqual(r.rows[0], ['crate', 'unknown (OID=0)', 'unknown (OID=1)', null]);
    assert.deepEqual((await f.query('SELECT pg_get_userbyid(oid) FROM pg_roles')).rows, [['crate']]);
  });

  test('pg_encoding_to_char', async () => {
    const r = await f.query('SELECT pg_encoding_to_char(6), pg_encoding_to_char(0), pg_encoding_to_char(8), '
      + 'pg_encoding_to_char(42), pg_encoding_to_char(-1), pg_encoding_to_char(NULL)');
    assert.deepEqual(r.rows[0], ['UTF8', 'SQL_ASCII', 'LATIN1', null, null, null]);
    assert.deepEqual((await f.query('SELECT pg_encoding_to_char(encoding) FROM pg_database')).rows, [['UTF8']]);
  });

  test('pg_function_is_visible: cratelite lists no functions in pg_proc, only type procs', async () => {
    const r = await f.query('SELECT count(*) FILTER (WHERE pg_function_is_visible(oid)) FROM pg_proc');
    assert.deepEqual(r.rows, [[0]]);
    assert.equal(await one('SELECT pg_function_is_visible(NULL)'), null);
  });

  test('always NULL: pg_get_expr, pg_get_partkeydef, pg_get_serial_sequence, pg_get_function_result, comments', async () => {
    const r = await f.query("SELECT pg_get_expr('x', 1), pg_get_expr('x', 1, true), pg_get_partkeydef(1), "
      + "pg_get_serial_sequence('t1', 'id'), pg_get_function_result(1), col_description(1, 1), obj_description(1, 'pg_class')");
    assert.deepEqual(r.rows[0], [null, null, null, null, null, null, null]);
  });

  test('privileges of the superuser, session functions', async () => {
    const r = await f.query("SELECT has_table_privilege(c.oid, 'SELECT'), has_schema_privilege('doc', 'USAGE, CREATE'), "
      + "has_database_privilege('crate', 'CONNECT'), has_database_privilege('crate', 'TEMP'), pg_backend_pid(), "
      + "current_database(), current_schemas(true), current_schemas(false), current_setting('server_version'), "
      + "quote_ident('Foo'), array_to_string(ARRAY['a', 'b'], E'\\n') FROM pg_class c WHERE c.relname = 't1'");
    assert.deepEqual(r.rows[0], [true, true, true, false, -1, 'crate', ['pg_catalog', 'doc'], ['doc'], '14.0', '"Foo"', 'a\nb']);
    assert.match(String(await one('SELECT version()')), /^CrateDB /);
    assert.equal(await one('SELECT pg_postmaster_start_time() <= now()'), true);
  });

  test('pg_get_keywords() and information_schema._pg_expandarray()', async () => {
    const kw = await f.query("SELECT word, catcode, catdesc FROM pg_catalog.pg_get_keywords() WHERE word IN ('select', 'alias')");
    assert.deepEqual(kw.rows.sort(), [['alias', 'U', 'unreserved'], ['select', 'R', 'reserved']]);
    const ex = await f.query('SELECT x, n FROM information_schema._pg_expandarray([10, 20])');
    assert.deepEqual(ex.rows, [[10, 1], [20, 2]]);
  });

  test("beyond CrateDB, for psql's \\d+ / \\df / \\dT / \\l+: sizes and descriptions are NULL", async () => {
    const r = await f.query(`SELECT pg_catalog.pg_get_function_arguments(1), pg_catalog.shobj_description(1, 'pg_database'),
      pg_catalog.pg_table_size(1), pg_catalog.pg_total_relation_size(1), pg_catalog.pg_size_pretty(20480),
      pg_catalog.pg_type_is_visible(23), pg_catalog.pg_type_is_visible(1)`);
    assert.deepEqual(r.rows, [[null, null, null, null, '20 kB', true, false]]);
  });

  test('functions CrateDB does not have are unknown', async () => {
    for (const call of [
      'pg_get_indexdef(1)', "set_config('a', 'b', false)",
      "to_regtype('int4')", 'pg_advisory_lock(1)', 'txid_current()', 'lastval()', 'pg_client_encoding()',
      'pg_is_in_recovery()', 'inet_server_addr()', "pg_has_role('x', 'USAGE')",
    ]) {
      await f.rejects(`SELECT pg_catalog.${call}`, /UnsupportedFunctionException: Unknown function: pg_catalog\./);
    }
  });
});

describe('regclass, regtype, regproc casts', () => {
  test("'name'::regclass resolves relations like CrateDB (unknown names hash, never fail)", async () => {
    const t1 = await oidOf(f, 'doc.t1');
    const r = await f.query("SELECT 't1'::regclass, 'doc.t1'::regclass, 'v1'::regclass, 'pg_catalog.pg_class'::regclass, "
      + "'pg_class'::regclass, 'nope'::regclass, '\"t1\"'::regclass, CAST('doc.t1' AS regclass)");
    assert.deepEqual(r.rows[0], [
      t1, t1, viewOid('doc', 'v1'), tableHashOid('pg_catalog', 'pg_class'),
      // relative names resolve in the current schema, as in CrateDB
      tableHashOid('doc', 'pg_class'), tableHashOid('doc', 'nope'), t1, t1,
    ]);
  });

  test("digits are an OID (psql writes c.oid = '<oid>')", async () => {
    const t1 = await oidOf(f, 'doc.t1');
    assert.deepEqual((await f.query(`SELECT relname FROM pg_class WHERE oid = '${t1}'`)).rows, [['t1']]);
    assert.equal(await one("SELECT '42'::regclass::integer"), 42);
  });

  test('regtype: by typname, and back to text', async () => {
    const r = await f.query("SELECT 'int4'::regtype::integer, '_varchar'::regtype::text, 23::regtype::text, 99999::regtype::text, "
      + "'int4'::pg_catalog.regtype::pg_catalog.text");
    assert.deepEqual(r.rows[0], [23, '_varchar', 'int4', '99999', 'int4']);
    await f.rejects("SELECT 'int44'::regtype", /type int44 does not exist/);
    await f.rejects("SELECT 'char'::regtype", /type char does not exist/);
    const col = await f.query("SELECT typname::regtype::text FROM pg_type WHERE typname IN ('bool', 'json') ORDER BY 1");
    assert.deepEqual(col.rows, [['bool'], ['json']]);
  });

  test("regproc: the hash of the text as written ('pg_catalog.array_in' is not array_in)", async () => {
    const r = await f.query("SELECT 'array_in'::regproc::integer, 'pg_catalog.array_in'::regproc::integer, "
      + "typinput = 'array_in'::regproc, typinput::text FROM pg_type WHERE oid = 1007");
    assert.deepEqual(r.rows[0], [regprocOid('array_in'), regprocOid('pg_catalog.array_in'), true, 'array_in']);
  });

  test('types CrateDB does not have: oid; regnamespace is an oid here (psql casts to it)', async () => {
    await f.rejects("SELECT '1'::pg_catalog.oid", /Cannot find data type: oid/);
    assert.deepEqual((await f.query('SELECT 7::regnamespace')).rows, [[7]]);
  });

  test("an implicit text → regclass conversion takes OIDs only; names need '…'::regclass", async () => {
    await f.rejects("SELECT relname FROM pg_class WHERE oid = 'doc.t1'", /Cannot cast `'doc\.t1'` of type `text` to type `regclass`/);
  });
});
