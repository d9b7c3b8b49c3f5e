/**
 * psql's backslash commands (src/bin/psql/describe.c) against cratelite, with CrateDB's answers:
 * `\dt`, `\d`, `\dn`, `\l`, `\du` work; `\df` and `\dt+` need functions CrateDB lacks
 * (pg_get_function_arguments, pg_size_pretty): cratelite answers them (NULL sizes, no functions).
 *
 * `\d name` runs many sub-queries. CrateDB rejects the first one already (no `OPERATOR(…)` /
 * `COLLATE` in its grammar); cratelite accepts that syntax, so the relation lookup and the
 * general-information query answer, and the per-column query then fails like CrateDB would on
 * the relation CrateDB lacks (pg_collation). Each sub-query is checked on its own below.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { constraintOid, schemaOid, viewOid } from '../../../src/catalog/system/pg-catalog/pg-oid.js';
import * as Q from './client-queries.js';
import { column, oidOf, openFixture, records, type Fixture } from './fixture.js';

let f: Fixture;
let t1: number;
let parted: number;
let events: number;
before(async () => {
  f = await openFixture();
  t1 = await oidOf(f, 'doc.t1');
  parted = await oidOf(f, 'doc.parted');
  events = await oidOf(f, 'my_schema.events');
});
after(() => f.close());

describe('psql list commands', () => {
  test('\\dt: base tables visible on the search path, owner unknown (relowner 0)', async () => {
    const r = await f.query(Q.PSQL_DT);
    assert.deepEqual(r.cols, ['Schema', 'Name', 'Type', 'Owner']);
    assert.deepEqual(r.rows, [
      ['doc', 'parted', 'table', 'unknown (OID=0)'],
      ['doc', 't1', 'table', 'unknown (OID=0)'],
    ]);
  });

  test('\\d: tables and views of the search path', async () => {
    const r = await f.query(Q.PSQL_D);
    assert.deepEqual(r.rows.map((x) => x.slice(0, 3)), [
      ['doc', 'parted', 'table'], ['doc', 't1', 'table'], ['doc', 'v1', 'view'],
    ]);
  });

  test('\\dt after SET search_path lists the other schema', async () => {
    await f.query('SET search_path TO my_schema');
    try {
      const r = await f.query(Q.PSQL_DT);
      assert.deepEqual(r.rows, [['my_schema', 'events', 'table', 'unknown (OID=0)']]);
    } finally {
      await f.query('SET search_path TO DEFAULT');
    }
  });

  test('\\dt+: pg_size_pretty/pg_table_size (CrateDB lacks them) answer with NULL sizes', async () => {
    const r = await f.query(Q.PSQL_D_PLUS);
    assert.ok(r.rows.length > 0);
    assert.deepEqual(new Set(column(r, 'Size')), new Set([null]));
  });

  test('\\dn: schemas not matching ^pg_ (a full match in CrateDB, so pg_catalog stays)', async () => {
    const r = await f.query(Q.PSQL_DN);
    assert.deepEqual(r.cols, ['Name', 'Owner']);
    assert.deepEqual(column(r, 'Name'), ['blob', 'doc', 'my_schema', 'pg_catalog', 'sys']);
    assert.deepEqual(new Set(column(r, 'Owner')), new Set(['unknown (OID=0)']));
  });

  test('\\l: the one database crate', async () => {
    const r = await f.query(Q.PSQL_L);
    assert.deepEqual(r.cols, ['Name', 'Owner', 'Encoding', 'Locale Provider', 'Collate', 'Ctype', 'Locale',
      'ICU Rules', 'Access privileges']);
    assert.deepEqual(r.rows, [['crate', 'unknown (OID=1)', 'UTF8', 'libc', 'en_US.UTF-8', 'en_US.UTF-8', null, null, null]]);
  });

  test('\\du (psql 16+): the superuser crate', async () => {
    const r = await f.query(Q.PSQL_DU);
    assert.deepEqual(records(r), [{
      rolname: 'crate', rolsuper: true, rolinherit: true, rolcreaterole: true, rolcreatedb: null, rolcanlogin: true,
      rolconnlimit: -1, rolvaliduntil: null, rolreplication: true, rolbypassrls: null,
    }]);
  });

  test('\\du (psql ≤ 15): memberof from pg_auth_members is empty', async () => {
    const r = await f.query(Q.PSQL_DU_15);
    assert.equal(r.rows.length, 1);
    assert.deepEqual(records(r)[0]!.memberof, []);
  });

  test('\\df: no user functions (pg_get_function_arguments answers, beyond CrateDB)', async () => {
    const r = await f.query(Q.PSQL_DF);
    assert.deepEqual(r.rows, []);
  });
});

describe('psql \\d name', () => {
  test('lookup with OPERATOR(pg_catalog.~) and COLLATE: a table with a primary key', async () => {
    const r = await f.query(Q.psqlDescribeLookup('t1'));
    assert.deepEqual(r.cols, ['oid', 'nspname', 'relname']);
    assert.deepEqual(r.rows, [[t1, 'doc', 't1']]);
  });

  test('lookup: a view (OID hashed from VIEWdoc.v1)', async () => {
    const r = await f.query(Q.psqlDescribeLookup('v1'));
    assert.deepEqual(r.rows, [[viewOid('doc', 'v1'), 'doc', 'v1']]);
  });

  test('lookup: a partitioned table', async () => {
    const r = await f.query(Q.psqlDescribeLookup('parted'));
    assert.deepEqual(r.rows, [[parted, 'doc', 'parted']]);
  });

  test('lookup: a pattern matches several relations; invisible ones are filtered', async () => {
    assert.deepEqual((await f.query(Q.psqlDescribeLookup('t.*'))).rows.map((x) => x[2]), ['t1']);
    assert.deepEqual((await f.query(Q.psqlDescribeLookup('events'))).rows, []);
  });

  test('lookup: schema-qualified name', async () => {
    const r = await f.query(Q.psqlDescribeLookupQualified('my_schema', 'events'));
    assert.deepEqual(r.rows, [[events, 'my_schema', 'events']]);
  });

  test('general information of a table (psql 18 text with its comment header)', async () => {
    const r = await f.query(Q.psqlDescribeInfo(String(t1)));
    assert.equal(r.cols.length, 15);
    // relchecks 0 and relhasindex false, so psql skips the index and check footers (as for CrateDB)
    assert.deepEqual(r.rows, [[0, 'r', false, false, false, false, false, false, false, '', 0, '', 'p', 'p', null]]);
  });

  test('general information: a partitioned table is relkind r, a view v', async () => {
    assert.equal((await f.query(Q.psqlDescribeInfo(String(parted)))).rows[0]![1], 'r');
    assert.equal((await f.query(Q.psqlDescribeInfo(String(viewOid('doc', 'v1'))))).rows[0]![1], 'v');
  });

  test('per-column query reads pg_collation: empty here (CrateDB lacks it; cratelite adds it for psql)', async () => {
    const r = await f.query(Q.psqlDescribeColumns(String(t1)));
    assert.deepEqual(r.rows.map((row) => [row[0], row[4]]), [['id', null], ['name', null], ['o', null], ["o['k']", null], ['tags', null]]);
  });

  test('the per-column query without its pg_collation sub-select answers', async () => {
    const sql = Q.psqlDescribeColumns(String(t1)).replace(/,\n  \(SELECT c\.collname[^)]*\) AS attcollation/, '');
    const r = await f.query(sql);
    assert.deepEqual(r.rows, [
      ['id', 'integer', null, true, '', ''],
      ['name', 'text', null, true, '', ''],
      ['o', 'object', null, false, '', ''],
      ["o['k']", 'text', null, false, '', ''],
      ['tags', 'text[]', null, false, '', ''],
    ]);
  });

  test('check constraints footer (psql asks only when relchecks > 0; answers anyway)', async () => {
    const r = await f.query(Q.psqlDescribeChecks(String(t1)));
    assert.deepEqual(r.rows, [['positive', 'CHECK ("id" > 0)']]);
  });

  test('foreign keys footer: none', async () => {
    const r = await f.query(Q.psqlDescribeForeignKeys(String(t1)));
    assert.deepEqual(r.cols, ['sametable', 'conname', 'condef', 'ontable']);
    assert.deepEqual(r.rows, []);
  });

  test('indexes footer uses pg_get_indexdef (unknown in CrateDB; psql skips it: relhasindex is false)', async () => {
    await f.rejects(Q.psqlDescribeIndexes(String(t1)), /UnsupportedFunctionException: Unknown function: pg_catalog\.pg_get_indexdef/);
  });

  test('policies, publications, inheritance: empty (relations CrateDB lacks, added for psql)', async () => {
    await f.rejects(Q.psqlDescribeReferencedBy(String(t1)), /Unknown function: pg_catalog\.pg_partition_ancestors/);
    assert.deepEqual((await f.query(Q.psqlDescribePolicies(String(t1)))).rows, []);
    // psql 16's publication query reads pg_publication_rel.prattrs inside a table function
    assert.deepEqual((await f.query(Q.psqlDescribePublications(String(t1)))).rows, []);
    assert.deepEqual((await f.query(Q.psqlDescribeInherits(String(t1)))).rows, []);
  });

  test('view definition (psql 16 form) casts to ::pg_catalog.oid, a type CrateDB lacks', async () => {
    await f.rejects(Q.psqlDescribeViewDef(String(viewOid('doc', 'v1'))), /Cannot find data type: oid/);
  });

  test('primary-key constraint of t1 as psql would print it', async () => {
    const oid = constraintOid('doc', 't1', 't1_pkey', 'PRIMARY KEY');
    const r = await f.query(`SELECT pg_catalog.pg_get_constraintdef(${oid}, true) AS def, `
      + `(SELECT connamespace FROM pg_catalog.pg_constraint WHERE oid = ${oid}) AS ns`);
    assert.deepEqual(r.rows, [['PRIMARY KEY (id)', schemaOid('doc')]]);
  });

  test('every psql query that answers is also analysable at Parse time', async () => {
    for (const sql of [Q.PSQL_DT, Q.PSQL_D, Q.PSQL_DN, Q.PSQL_L, Q.PSQL_DU, Q.PSQL_DU_15, Q.psqlDescribeLookup('t1'),
      Q.psqlDescribeInfo(String(t1)), Q.psqlDescribeChecks(String(t1)), Q.psqlDescribeForeignKeys(String(t1))]) {
      assert.ok((await f.describes(sql)).length > 0, sql);
    }
  });
});
