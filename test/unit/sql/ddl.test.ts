/** DDL round trips (sql.md §6): CREATE/DROP/ALTER TABLE, views, schemas. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStatement } from '../../../src/sql/parser/parser.js';
import { errorCases, roundTripCases } from './helpers.js';

roundTripCases('create table', [
  ['CREATE TABLE t (a integer)'],
  ['create table if not exists doc.t (a int, b text)', 'CREATE TABLE IF NOT EXISTS doc.t (a int, b text)'],
  ['CREATE TABLE "T" ("A" text, "select" integer)'],
  ['CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL, n text NULL)'],
  ["CREATE TABLE t (a text DEFAULT 'x' NOT NULL)"],
  ['CREATE TABLE t (ts timestamp with time zone DEFAULT now())'],
  ['CREATE TABLE t (ts timestamp with time zone DEFAULT current_timestamp)'],
  ['CREATE TABLE t (a integer, b integer GENERATED ALWAYS AS a + 1)', 'CREATE TABLE t (a integer, b integer GENERATED ALWAYS AS ((a + 1)))'],
  ['CREATE TABLE t (a integer, b GENERATED ALWAYS AS (a * 2))', 'CREATE TABLE t (a integer, b GENERATED ALWAYS AS ((a * 2)))'],
  ["CREATE TABLE t (ts timestamp, month AS date_trunc('month', ts))", "CREATE TABLE t (ts timestamp, month GENERATED ALWAYS AS (date_trunc('month', ts)))"],
  ['CREATE TABLE t (a integer CONSTRAINT pos CHECK (a > 0))', 'CREATE TABLE t (a integer CONSTRAINT pos CHECK ((a > 0)))'],
  ['CREATE TABLE t (a integer CHECK (a > 0))', 'CREATE TABLE t (a integer CHECK ((a > 0)))'],
  ['CREATE TABLE t (a integer CONSTRAINT pk PRIMARY KEY)'],
  ['CREATE TABLE t (a integer CONSTRAINT d DEFAULT 1)'],
  ['CREATE TABLE t (a text INDEX OFF)'],
  ['CREATE TABLE t (a text INDEX USING fulltext)'],
  ["CREATE TABLE t (a text INDEX USING FULLTEXT WITH (analyzer = 'english'))", "CREATE TABLE t (a text INDEX USING fulltext WITH (analyzer = 'english'))"],
  ["CREATE TABLE t (s geo_shape INDEX USING geohash WITH (precision = '50m', distance_error_pct = 0.025))"],
  ['CREATE TABLE t (a text STORAGE WITH (columnstore = false))'],
  ['CREATE TABLE t (o OBJECT(DYNAMIC) AS (a integer NOT NULL, b OBJECT AS (c text DEFAULT \'x\')))'],
  ['CREATE TABLE t (o OBJECT)'],
  ['CREATE TABLE t (o object(ignored))', 'CREATE TABLE t (o OBJECT(IGNORED))'],
  ['CREATE TABLE t (tags ARRAY(text), nums integer[], deep array(array(double)))', 'CREATE TABLE t (tags text[], nums integer[], deep double[][])'],
  ['CREATE TABLE t (objs ARRAY(OBJECT AS (x integer)))'],
  ['CREATE TABLE t (v float_vector(3), p geo_point, n numeric(10, 2), c character varying(5), ch "char", b bit(4))'],
  ['CREATE TABLE t (d double precision, ts timestamp without time zone, x time with time zone)'],
  ['CREATE TABLE t (timestamp timestamp, day integer, name text, key text, type text, values integer)'],
  ['CREATE TABLE t (a integer, b integer, PRIMARY KEY (a, b))'],
  ['CREATE TABLE t (a integer, CONSTRAINT t_pk PRIMARY KEY (a))'],
  ['CREATE TABLE t (a integer, CHECK (a <> 0))', 'CREATE TABLE t (a integer, CHECK ((a <> 0)))'],
  ['CREATE TABLE t (a integer, CONSTRAINT c1 CHECK (a <> 0))', 'CREATE TABLE t (a integer, CONSTRAINT c1 CHECK ((a <> 0)))'],
  ["CREATE TABLE t (title text, body text, INDEX ft USING fulltext (title, body) WITH (analyzer = 'english'))"],
  ["CREATE TABLE t (o OBJECT, INDEX ft USING plain (o['a']))"],
  ['CREATE TABLE t (check integer, primary text)'],
  ['CREATE TABLE t (a integer) PARTITIONED BY (a)'],
  ['CREATE TABLE t (a integer) CLUSTERED INTO 4 SHARDS'],
  ['CREATE TABLE t (a integer) CLUSTERED BY (a) INTO 4 SHARDS'],
  ['CREATE TABLE t (a integer) CLUSTERED BY (a)'],
  ['CREATE TABLE t (a integer) CLUSTERED INTO ? SHARDS', 'CREATE TABLE t (a integer) CLUSTERED INTO $1 SHARDS'],
  ['CREATE TABLE t (a integer, b integer) CLUSTERED INTO 2 SHARDS PARTITIONED BY (b)', 'CREATE TABLE t (a integer, b integer) PARTITIONED BY (b) CLUSTERED INTO 2 SHARDS'],
  ["CREATE TABLE t (a integer) PARTITIONED BY (a) CLUSTERED BY (a) INTO 3 SHARDS WITH (number_of_replicas = '0-1', \"blocks.read_only\" = true)"],
  ['CREATE TABLE t (a integer) WITH (column_policy = strict)', "CREATE TABLE t (a integer) WITH (column_policy = 'strict')"],
  ['CREATE TABLE t (a integer) WITH (refresh_interval = 1000, codec = best_compression)', "CREATE TABLE t (a integer) WITH (refresh_interval = 1000, codec = 'best_compression')"],
  ['CREATE TABLE t (a integer) WITH (blocks.write = false)', 'CREATE TABLE t (a integer) WITH ("blocks.write" = false)'],
  ['CREATE TABLE t2 (LIKE t1)'],
  ['CREATE TABLE t2 (LIKE doc.t1 INCLUDING ALL EXCLUDING DEFAULTS)'],
  ['CREATE TABLE t2 (like t1 including constraints including indexes including storage including generated)', 'CREATE TABLE t2 (LIKE t1 INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING STORAGE INCLUDING GENERATED)'],
  ['CREATE TABLE t AS SELECT * FROM u'],
  ['CREATE TABLE IF NOT EXISTS t AS (SELECT a FROM u)', 'CREATE TABLE IF NOT EXISTS t AS SELECT a FROM u'],
  ['CREATE TABLE t AS VALUES (1)'],
]);

roundTripCases('drop', [
  ['DROP TABLE t'],
  ['DROP TABLE IF EXISTS doc.t'],
  ['DROP BLOB TABLE b'],
  ['DROP BLOB TABLE IF EXISTS blob.b'],
  ['DROP VIEW v'],
  ['DROP VIEW IF EXISTS v1, s.v2'],
  ['DROP SCHEMA s'],
  ['DROP SCHEMA IF EXISTS a, b CASCADE'],
  ['DROP SCHEMA a RESTRICT', 'DROP SCHEMA a'],
]);

roundTripCases('views and schemas', [
  ['CREATE VIEW v AS SELECT * FROM t'],
  ['create or replace view s.v as select a   from t where a > 1', 'CREATE OR REPLACE VIEW s.v AS select a   from t where a > 1'],
  ['CREATE VIEW v AS (SELECT 1)'],
  ['CREATE VIEW v AS WITH x AS (SELECT 1) SELECT * FROM x'],
  ['CREATE SCHEMA s'],
  ['CREATE SCHEMA IF NOT EXISTS "My Schema"'],
]);

roundTripCases('alter table', [
  ["ALTER TABLE t SET (number_of_replicas = '0-all')"],
  ['ALTER TABLE t SET ("blocks.read_only" = true, refresh_interval = 500)'],
  ["ALTER TABLE t SET (refresh_interval = 1000) WITH (timeout = '30s')", 'ALTER TABLE t SET (refresh_interval = 1000)'],
  ['ALTER TABLE t RESET (number_of_replicas, "blocks.read_only")'],
  ['ALTER TABLE t RESET'],
  ['ALTER TABLE ONLY t SET (number_of_shards = 6)'],
  ['ALTER TABLE t PARTITION (day = 1396915200000) SET (number_of_replicas = 1)'],
  ['ALTER TABLE t PARTITION (a = 1, b = \'x\') CLOSE'],
  ['ALTER TABLE t OPEN'],
  ['ALTER BLOB TABLE b SET (number_of_replicas = 2)'],
  ['ALTER TABLE t ADD COLUMN a integer'],
  ['ALTER TABLE t ADD a integer', 'ALTER TABLE t ADD COLUMN a integer'],
  ['ALTER TABLE t ADD COLUMN a integer, ADD COLUMN b text NOT NULL'],
  ['ALTER TABLE t ADD a integer, b text', 'ALTER TABLE t ADD COLUMN a integer, ADD COLUMN b text'],
  ["ALTER TABLE t ADD COLUMN o['a']['b'] text"],
  ['ALTER TABLE t ADD COLUMN g integer GENERATED ALWAYS AS (a + 1)', 'ALTER TABLE t ADD COLUMN g integer GENERATED ALWAYS AS ((a + 1))'],
  ['ALTER TABLE t ADD COLUMN o OBJECT(STRICT) AS (x integer)'],
  ['ALTER TABLE t DROP COLUMN a'],
  ['ALTER TABLE t DROP a, b', 'ALTER TABLE t DROP COLUMN a, DROP COLUMN b'],
  ["ALTER TABLE t DROP COLUMN IF EXISTS o['a']"],
  ['ALTER TABLE t DROP CONSTRAINT t_check_1'],
  ['ALTER TABLE t RENAME COLUMN a TO b'],
  ['ALTER TABLE t RENAME a TO b', 'ALTER TABLE t RENAME COLUMN a TO b'],
  ["ALTER TABLE t RENAME COLUMN o['a'] TO o['b']"],
  ['ALTER TABLE t RENAME TO u'],
  ['ALTER TABLE t RENAME TO doc.u'],
  ['ALTER TABLE t RENAME to TO x', 'ALTER TABLE t RENAME COLUMN to TO x'],
  ['ALTER TABLE t ALTER COLUMN a SET DEFAULT 5'],
  ['ALTER TABLE t ALTER a SET DEFAULT now()', 'ALTER TABLE t ALTER COLUMN a SET DEFAULT now()'],
  ['ALTER TABLE t ALTER COLUMN a DROP DEFAULT'],
  ["ALTER TABLE t REROUTE MOVE SHARD 1 FROM 'node1' TO 'node2'"],
  ['ALTER BLOB TABLE b REROUTE CANCEL SHARD 0 ON \'n1\' WITH (allow_primary = true)'],
]);

errorCases('ddl errors', [
  ['CREATE INDEX i ON t (a)', /^line 1:8: mismatched input 'INDEX' expecting \{'TABLE', 'VIEW'/, 7],
  ['CREATE TABLE t (a int) CLUSTERED', "line 1:33: mismatched input '<EOF>' expecting {'BY', 'INTO'}", 32],
  ['CREATE TABLE t (a int PRIMARY)', "line 1:23: mismatched input 'PRIMARY' expecting ')'", 22],
  ['CREATE TABLE t (LIKE u INCLUDING EVERYTHING)', /^line 1:34: mismatched input 'EVERYTHING'/, 33],
  ['CREATE TABLE t (o OBJECT(LOOSE))', /^line 1:26: mismatched input 'LOOSE' expecting/, 25],
  ['ALTER TABLE t FROBNICATE', /^line 1:15: mismatched input 'FROBNICATE' expecting/, 14],
  ['DROP INDEX i', /^line 1:6: mismatched input 'INDEX'/, 5],
  ['CREATE TABLE t (a int) WITH (x)', "line 1:31: mismatched input ')' expecting '='", 30],
  ['CREATE TABLE t (`a` int)', 'line 1:17: backquoted identifiers are not supported; use double quotes to quote identifiers', 16],
  ['CREATE TABLE 1t (a int)', 'line 1:14: identifiers must not start with a digit; surround the identifier with double quotes', 13],
  ['CREATE TABLE t (a numeric(x))', "line 1:27: mismatched input 'x' expecting integer", 26],
]);

test('CREATE VIEW keeps the exact source text of its query', () => {
  const stmt = parseStatement('CREATE VIEW v AS  SELECT  a,\n b FROM t -- trailing\n;');
  assert.equal(stmt.kind, 'CreateView');
  if (stmt.kind === 'CreateView') assert.equal(stmt.queryText, 'SELECT  a,\n b FROM t');
});

test('column definitions: name path, optional type, constraint order kept', () => {
  const stmt = parseStatement("ALTER TABLE t ADD COLUMN o['a'] integer NOT NULL DEFAULT 1");
  assert.equal(stmt.kind, 'AlterTable');
  if (stmt.kind !== 'AlterTable' || stmt.actions[0]!.kind !== 'AddColumn') return;
  const col = stmt.actions[0]!.column;
  assert.deepEqual(col.name, ['o', 'a']);
  assert.deepEqual(col.constraints.map((c) => c.kind), ['NotNull', 'Default']);
});
