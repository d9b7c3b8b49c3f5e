/**
 * PostgreSQL syntax in client catalog queries that the parser accepts beyond CrateDB's grammar
 * (psql `\d name`, psqlODBC): `OPERATOR(schema.op)`, `COLLATE name` (ignored) and
 * `pg_catalog.`-qualified type names. Plus the PostgreSQL forms CrateDB itself parses (E'…',
 * IS [NOT] DISTINCT FROM, = ANY(array), SUBSTRING … FROM … FOR, `current_catalog`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { printStatement } from '../../../src/sql/ast/printer.js';
import { parseStatement } from '../../../src/sql/parser/parser.js';
import { openFixture, type Fixture } from './fixture.js';

const printed = (sql: string): string => printStatement(parseStatement(sql));

describe('parsing', () => {
  test('OPERATOR(schema.op) is the operator itself', () => {
    assert.equal(printed("SELECT a OPERATOR(pg_catalog.~) '^x$' FROM t"), printed("SELECT a ~ '^x$' FROM t"));
    assert.equal(printed('SELECT 1 FROM t WHERE a operator(pg_catalog.=) b AND c OPERATOR(pg_catalog.<=) 2'),
      printed('SELECT 1 FROM t WHERE a = b AND c <= 2'));
    assert.equal(printed("SELECT a OPERATOR(~*) 'x', 1 OPERATOR(pg_catalog.+) 2, 'a' OPERATOR(pg_catalog.||) 'b'"),
      printed("SELECT a ~* 'x', 1 + 2, 'a' || 'b'"));
  });

  test('operators the parser does not know stay syntax errors; `operator` is still a name', () => {
    assert.throws(() => parseStatement('SELECT a OPERATOR(pg_catalog.@>) b FROM t'), /line 1:/);
    assert.throws(() => parseStatement('SELECT a OPERATOR(pg_catalog.=, b) FROM t'), /line 1:/);
    assert.equal(printed('SELECT operator FROM t'), 'SELECT operator FROM t');
    assert.equal(printed('SELECT operator(1)'), 'SELECT operator(1)');
  });

  test('COLLATE name is accepted and dropped', () => {
    assert.equal(printed("SELECT c.relname ~ '^(t1)$' COLLATE pg_catalog.default FROM t c"),
      printed("SELECT c.relname ~ '^(t1)$' FROM t c"));
    assert.equal(printed('SELECT a COLLATE "C" FROM t ORDER BY a COLLATE "default"'), printed('SELECT a FROM t ORDER BY a'));
    // a column alias named collate still works
    assert.equal(printed('SELECT x collate FROM t'), printed('SELECT x AS collate FROM t'));
  });

  test('pg_catalog-qualified type names', () => {
    assert.equal(printed("SELECT x::pg_catalog.regclass, CAST('*' AS pg_catalog.text), y::pg_catalog.int2[]"),
      printed("SELECT x::regclass, CAST('*' AS text), y::int2[]"));
    assert.equal(printed("SELECT ''::pg_catalog.char"), printed("SELECT ''::\"char\""));
    assert.throws(() => parseStatement('SELECT x::other.text'), /mismatched input/);
  });
});

describe('evaluation', () => {
  let f: Fixture;
  before(async () => { f = await openFixture(); });
  after(() => f.close());

  test("OPERATOR(pg_catalog.~) is CrateDB's regex match (whole-string)", async () => {
    const r = await f.query("SELECT 'pg_catalog' OPERATOR(pg_catalog.~) '^pg_', 'pg_catalog' OPERATOR(pg_catalog.~) '^(pg_.*)$' "
      + "COLLATE pg_catalog.default, 'a' COLLATE \"C\" = 'a'");
    assert.deepEqual(r.rows, [[false, true, true]]);
  });

  test('E strings, IS NOT DISTINCT FROM, = ANY(array), SUBSTRING FROM FOR, current_catalog', async () => {
    const r = await f.query("SELECT E'a\\nb', NULL IS NOT DISTINCT FROM NULL, 1 IS DISTINCT FROM NULL, "
      + "'doc' = ANY(current_schemas(true)), substring('abcdef' FROM 2 FOR 3), current_catalog");
    assert.deepEqual(r.rows, [['a\nb', true, true, true, 'bcd', 'crate']]);
  });

  test('LEFT JOIN … ON … AND …, correlated subqueries, CASE over catalog rows', async () => {
    const r = await f.query("SELECT c.relname, d.description, "
      + "(SELECT count(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0) AS cols, "
      + "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' END AS kind "
      + "FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0 "
      + "WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'doc') ORDER BY 1");
    assert.deepEqual(r.rows, [['parted', null, 3, 'table'], ['t1', null, 5, 'table'], ['t1_pkey', null, 0, null], ['v1', null, 2, 'view']]);
  });

  test('unnest of a pg array column, generate_series with a column alias list', async () => {
    const r = await f.query("SELECT unnest(i.indkey) AS u FROM pg_catalog.pg_index i "
      + "WHERE i.indrelid = 'my_schema.events'::regclass ORDER BY 1");
    assert.deepEqual(r.rows, [[1], [2]]);
    const s = await f.query('SELECT s.r, (current_schemas(true))[s.r] FROM generate_series(1, 2) AS s(r)');
    assert.deepEqual(s.rows, [[1, 'pg_catalog'], [2, 'doc']]);
  });

  test('an aliased single-column function names its column after the alias (CrateDB)', async () => {
    const r = await f.query("SELECT i, s FROM generate_series(1, 2) AS i, string_to_array('a,b', ',') s ORDER BY i");
    assert.deepEqual(r.cols, ['i', 's']);
    assert.deepEqual(r.rows, [[1, ['a', 'b']], [2, ['a', 'b']]]);
  });
});
