/**
 * The catalog queries PostgreSQL clients send, verbatim, as test inputs (facts about the clients;
 * the statements are what the drivers put on the wire). Placeholders are written the way the
 * driver sends them: pgjdbc turns `?` into `$1, $2, …`; psql inlines the OID it read before.
 *
 * Versions: psql 17 talking to a server announcing 14.0 (CrateDB's `server_version`) — psql 18+
 * prefixes each query with a `/* Get … *\/` comment; pgjdbc 42.7.9; asyncpg 0.30; psycopg 3.2;
 * Npgsql 8 (the text CrateDB's own PostgresITest uses); psqlODBC 16.
 */

// ---------------------------------------------------------------------------------------------
// psql (src/bin/psql/describe.c)
// ---------------------------------------------------------------------------------------------

/** `\dt` */
export const PSQL_DT = `SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r','p','')
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;`;

/** `\d` without arguments (tables, views, materialized views, sequences, foreign tables) */
export const PSQL_D = `SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r','p','v','m','S','f','')
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;`;

/** `\d+` without arguments: adds persistence, access method, size and description columns */
export const PSQL_D_PLUS = `SELECT n.nspname as "Schema",
  c.relname as "Name",
  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
  pg_catalog.pg_get_userbyid(c.relowner) as "Owner",
  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as "Persistence",
  am.amname as "Access method",
  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size",
  pg_catalog.obj_description(c.oid, 'pg_class') as "Description"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE c.relkind IN ('r','p','v','m','S','f','')
      AND n.nspname <> 'pg_catalog'
      AND n.nspname !~ '^pg_toast'
      AND n.nspname <> 'information_schema'
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1,2;`;

/** `\d name`, step 1: find the relation(s) matching the pattern */
export const psqlDescribeLookup = (name: string): string => `SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '^(${name})$' COLLATE pg_catalog.default
  AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 2, 3;`;

/** `\d schema.name`, step 1 */
export const psqlDescribeLookupQualified = (schema: string, name: string): string => `SELECT c.oid,
  n.nspname,
  c.relname
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '^(${name})$' COLLATE pg_catalog.default
  AND n.nspname OPERATOR(pg_catalog.~) '^(${schema})$' COLLATE pg_catalog.default
ORDER BY 2, 3;`;

/** `\d name`, step 2 (psql 18+ text, with its comment header): general information */
export const psqlDescribeInfo = (oid: string): string => `/* Get general information about one relation */
SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
FROM pg_catalog.pg_class c
 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
WHERE c.oid = '${oid}';`;

/** `\d name`, step 3: one row per column (tables and views) */
export const psqlDescribeColumns = (oid: string): string => `SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
   FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
  a.attnotnull,
  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = '${oid}' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum;`;

/** `\d name`, table footers: indexes (only when relhasindex) */
export const psqlDescribeIndexes = (oid: string): string => `SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace, false AS conperiod
FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
WHERE c.oid = '${oid}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
ORDER BY i.indisprimary DESC, c2.relname;`;

/** `\d name`, table footers: check constraints (only when relchecks > 0) */
export const psqlDescribeChecks = (oid: string): string => `SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)
FROM pg_catalog.pg_constraint r
WHERE r.conrelid = '${oid}' AND r.contype = 'c'
ORDER BY 1;`;

/** `\d name`, table footers: foreign keys */
export const psqlDescribeForeignKeys = (oid: string): string => `SELECT true as sametable, conname,
  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,
  conrelid::pg_catalog.regclass AS ontable
FROM pg_catalog.pg_constraint r
WHERE r.conrelid = '${oid}' AND r.contype = 'f'
     AND conparentid = 0
ORDER BY conname`;

/** `\d name`, table footers: referencing foreign keys */
export const psqlDescribeReferencedBy = (oid: string): string => `SELECT conname, conrelid::pg_catalog.regclass AS ontable,
       pg_catalog.pg_get_constraintdef(oid, true) AS condef
  FROM pg_catalog.pg_constraint c
 WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('${oid}')
                     UNION ALL VALUES ('${oid}'::pg_catalog.regclass))
       AND contype = 'f' AND conparentid = 0
ORDER BY conname;`;

/** `\d name`, table footers: row-level policies */
export const psqlDescribePolicies = (oid: string): string => `SELECT pol.polname, pol.polpermissive,
  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,
  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),
  CASE pol.polcmd
    WHEN 'r' THEN 'SELECT'
    WHEN 'a' THEN 'INSERT'
    WHEN 'w' THEN 'UPDATE'
    WHEN 'd' THEN 'DELETE'
    END AS cmd
FROM pg_catalog.pg_policy pol
WHERE pol.polrelid = '${oid}' ORDER BY 1;`;

/** `\d name`, table footers: publications */
export const psqlDescribePublications = (oid: string): string => `SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
WHERE pc.oid ='${oid}' and pg_catalog.pg_relation_is_publishable('${oid}')
UNION
SELECT pubname
     , pg_get_expr(pr.prqual, c.oid)
     , (CASE WHEN pr.prattrs IS NOT NULL THEN
         (SELECT string_agg(attname, ', ')
           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                pg_catalog.pg_attribute
          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
        ELSE NULL END) FROM pg_catalog.pg_publication p
     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
WHERE pr.prrelid = '${oid}'
UNION
SELECT pubname
     , NULL
     , NULL
FROM pg_catalog.pg_publication p
WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('${oid}')
ORDER BY 1;`;

/** `\d name`, table footers: inheritance parents */
export const psqlDescribeInherits = (oid: string): string => `SELECT c.oid::pg_catalog.regclass
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhparent AND i.inhrelid = '${oid}'
  AND c.relkind != 'p' AND c.relkind != 'I'
ORDER BY inhseqno;`;

/** `\d name` of a view: the view definition */
export const psqlDescribeViewDef = (oid: string): string =>
  `SELECT pg_catalog.pg_get_viewdef('${oid}'::pg_catalog.oid, true);`;

/** `\dn` */
export const PSQL_DN = `SELECT n.nspname AS "Name",
  pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"
FROM pg_catalog.pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
ORDER BY 1;`;

/** `\l` (psql 17; server 14 has no datlocprovider/daticurules columns) */
export const PSQL_L = `SELECT
  d.datname as "Name",
  pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
  pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
  'libc' AS "Locale Provider",
  d.datcollate as "Collate",
  d.datctype as "Ctype",
  NULL as "Locale",
  NULL as "ICU Rules",
  pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges"
FROM pg_catalog.pg_database d
ORDER BY 1;`;

/** `\du` (psql 16+) */
export const PSQL_DU = `SELECT r.rolname, r.rolsuper, r.rolinherit,
  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil
, r.rolreplication
, r.rolbypassrls
FROM pg_catalog.pg_roles r
WHERE r.rolname !~ '^pg_'
ORDER BY 1;`;

/** `\du` (psql 15 and older: with the memberof array) */
export const PSQL_DU_15 = `SELECT r.rolname, r.rolsuper, r.rolinherit,
  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil,
  ARRAY(SELECT b.rolname
        FROM pg_catalog.pg_auth_members m
        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
        WHERE m.member = r.oid) as memberof
, r.rolreplication
, r.rolbypassrls
FROM pg_catalog.pg_roles r
WHERE r.rolname !~ '^pg_'
ORDER BY 1;`;

/** `\df` */
export const PSQL_DF = `SELECT n.nspname as "Schema",
  p.proname as "Name",
  pg_catalog.pg_get_function_result(p.oid) as "Result data type",
  pg_catalog.pg_get_function_arguments(p.oid) as "Argument data types",
 CASE p.prokind
  WHEN 'a' THEN 'agg'
  WHEN 'w' THEN 'window'
  WHEN 'p' THEN 'proc'
  ELSE 'func'
 END as "Type"
FROM pg_catalog.pg_proc p
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE pg_catalog.pg_function_is_visible(p.oid)
      AND n.nspname <> 'pg_catalog'
      AND n.nspname <> 'information_schema'
ORDER BY 1, 2, 4;`;

// ---------------------------------------------------------------------------------------------
// pgjdbc 42.7.9 (PgDatabaseMetaData, TypeInfoCache, PgConnection, ConnectionFactoryImpl)
// ---------------------------------------------------------------------------------------------

export const JDBC_SET_APPLICATION_NAME = "SET application_name = 'PostgreSQL JDBC Driver'";
export const JDBC_TRANSACTION_ISOLATION = 'SHOW TRANSACTION ISOLATION LEVEL';
export const JDBC_CURRENT_CATALOG = 'select current_catalog';
export const JDBC_CURRENT_SCHEMA = 'select current_schema()';

const JDBC_TABLES_SELECT = 'SELECT current_database() AS "TABLE_CAT", n.nspname AS "TABLE_SCHEM", c.relname AS "TABLE_NAME", '
  + " CASE n.nspname ~ '^pg_' OR n.nspname = 'information_schema' "
  + ' WHEN true THEN CASE '
  + " WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN CASE c.relkind "
  + "  WHEN 'r' THEN 'SYSTEM TABLE' "
  + "  WHEN 'v' THEN 'SYSTEM VIEW' "
  + "  WHEN 'i' THEN 'SYSTEM INDEX' "
  + '  ELSE NULL '
  + '  END '
  + " WHEN n.nspname = 'pg_toast' THEN CASE c.relkind "
  + "  WHEN 'r' THEN 'SYSTEM TOAST TABLE' "
  + "  WHEN 'i' THEN 'SYSTEM TOAST INDEX' "
  + '  ELSE NULL '
  + '  END '
  + ' ELSE CASE c.relkind '
  + "  WHEN 'r' THEN 'TEMPORARY TABLE' "
  + "  WHEN 'p' THEN 'TEMPORARY TABLE' "
  + "  WHEN 'i' THEN 'TEMPORARY INDEX' "
  + "  WHEN 'S' THEN 'TEMPORARY SEQUENCE' "
  + "  WHEN 'v' THEN 'TEMPORARY VIEW' "
  + '  ELSE NULL '
  + '  END '
  + ' END '
  + ' WHEN false THEN CASE c.relkind '
  + " WHEN 'r' THEN 'TABLE' "
  + " WHEN 'p' THEN 'PARTITIONED TABLE' "
  + " WHEN 'i' THEN 'INDEX' "
  + " WHEN 'P' then 'PARTITIONED INDEX' "
  + " WHEN 'S' THEN 'SEQUENCE' "
  + " WHEN 'v' THEN 'VIEW' "
  + " WHEN 'c' THEN 'TYPE' "
  + " WHEN 'f' THEN 'FOREIGN TABLE' "
  + " WHEN 'm' THEN 'MATERIALIZED VIEW' "
  + ' ELSE NULL '
  + ' END '
  + ' ELSE NULL '
  + ' END '
  + ' AS "TABLE_TYPE", d.description AS "REMARKS", '
  + " '' as \"TYPE_CAT\", '' as \"TYPE_SCHEM\", '' as \"TYPE_NAME\", "
  + "'' AS \"SELF_REFERENCING_COL_NAME\", '' AS \"REF_GENERATION\" "
  + ' FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c '
  + " LEFT JOIN pg_catalog.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0  and d.classoid = 'pg_class'::regclass) "
  + ' WHERE c.relnamespace = n.oid ';

/** getTables(null, schemaPattern, tableNamePattern, {"TABLE", "VIEW"}): args schema, table */
export const JDBC_GET_TABLES = `${JDBC_TABLES_SELECT} AND n.nspname LIKE $1 AND c.relname LIKE $2`
  + " AND (false  OR ( c.relkind = 'r' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ) "
  + " OR ( c.relkind = 'v' AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema' ) ) "
  + ' ORDER BY "TABLE_TYPE","TABLE_SCHEM","TABLE_NAME" ';

/** getTables(null, null, "%", null): arg table pattern */
export const JDBC_GET_TABLES_ALL = `${JDBC_TABLES_SELECT} AND c.relname LIKE $1`
  + ' ORDER BY "TABLE_TYPE","TABLE_SCHEM","TABLE_NAME" ';

/** getSchemas(null, null) */
export const JDBC_GET_SCHEMAS = 'SELECT nspname AS "TABLE_SCHEM", current_database() AS "TABLE_CATALOG" FROM pg_catalog.pg_namespace '
  + " WHERE nspname <> 'pg_toast' AND (nspname !~ '^pg_temp_' "
  + ' OR nspname = (pg_catalog.current_schemas(true))[1]) AND (nspname !~ \'^pg_toast_temp_\' '
  + " OR nspname = replace((pg_catalog.current_schemas(true))[1], 'pg_temp_', 'pg_toast_temp_')) "
  + ' ORDER BY "TABLE_SCHEM"';

/** getCatalogs() */
export const JDBC_GET_CATALOGS = 'SELECT datname AS "TABLE_CAT" FROM pg_catalog.pg_database'
  + ' WHERE datallowconn = true'
  + ' ORDER BY datname';

/** getColumns(null, schemaPattern, tableNamePattern, "%"): args schema, table, column */
export const JDBC_GET_COLUMNS = 'SELECT * FROM ('
  + 'SELECT current_database() AS current_database, n.nspname,c.relname,a.attname,a.atttypid,a.attnotnull '
  + " OR (t.typtype = 'd' AND t.typnotnull) AS attnotnull,a.atttypmod,a.attlen,t.typtypmod,"
  + 'row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum, '
  + "nullif(a.attidentity, '') as attidentity,"
  + "nullif(a.attgenerated, '') as attgenerated,"
  + 'pg_catalog.pg_get_expr(def.adbin, def.adrelid) AS adsrc,dsc.description,t.typbasetype,t.typtype '
  + ' FROM pg_catalog.pg_namespace n '
  + ' JOIN pg_catalog.pg_class c ON (c.relnamespace = n.oid) '
  + ' JOIN pg_catalog.pg_attribute a ON (a.attrelid=c.oid) '
  + ' JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid) '
  + ' LEFT JOIN pg_catalog.pg_attrdef def ON (a.attrelid=def.adrelid AND a.attnum = def.adnum) '
  + ' LEFT JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid) '
  + " LEFT JOIN pg_catalog.pg_class dc ON (dc.oid=dsc.classoid AND dc.relname='pg_class') "
  + " LEFT JOIN pg_catalog.pg_namespace dn ON (dc.relnamespace=dn.oid AND dn.nspname='pg_catalog') "
  + " WHERE c.relkind in ('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped "
  + ' AND n.nspname LIKE $1 AND c.relname LIKE $2'
  + ') c WHERE true '
  + ' AND attname LIKE $3'
  + ' ORDER BY nspname,c.relname,attnum ';

/** getPrimaryKeys(null, schema, table): args schema, table (42.7.9, via pg_index) */
export const JDBC_GET_PRIMARY_KEYS = 'SELECT '
  + '       result.TABLE_CAT AS "TABLE_CAT", '
  + '       result.TABLE_SCHEM AS "TABLE_SCHEM", '
  + '       result.TABLE_NAME AS "TABLE_NAME", '
  + '       result.COLUMN_NAME AS "COLUMN_NAME", '
  + '       result.KEY_SEQ AS "KEY_SEQ", '
  + '       result.PK_NAME AS "PK_NAME"'
  + 'FROM '
  + '     ('
  + 'SELECT current_database() AS TABLE_CAT, n.nspname AS TABLE_SCHEM, '
  + '  ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME, '
  + '  (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relname AS PK_NAME, '
  + '  information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM, '
  + 'i.indnkeyatts as KEY_COUNT '
  + 'FROM pg_catalog.pg_class ct '
  + '  JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid) '
  + '  JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid) '
  + '  JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid) '
  + '  JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid) '
  + 'WHERE true '
  + ' AND n.nspname = $1'
  + ' AND ct.relname = $2'
  + ' AND i.indisprimary '
  + ' ) result'
  + ' where '
  + ' result.A_ATTNUM = (result.KEYS).x AND result.KEY_SEQ <= KEY_COUNT '
  + ' ORDER BY result.table_name, result.pk_name, result.key_seq';

/** getPrimaryKeys(null, schema, table) in pgjdbc's development branch (via pg_constraint.conkey) */
export const JDBC_GET_PRIMARY_KEYS_CONKEY = 'SELECT '
  + '       result.TABLE_CAT AS "TABLE_CAT", '
  + '       result.TABLE_SCHEM AS "TABLE_SCHEM", '
  + '       result.TABLE_NAME AS "TABLE_NAME", '
  + '       result.COLUMN_NAME AS "COLUMN_NAME", '
  + '       result.KEY_SEQ AS "KEY_SEQ", '
  + '       result.PK_NAME AS "PK_NAME"'
  + 'FROM '
  + '     ('
  + 'SELECT current_database() AS TABLE_CAT, n.nspname AS TABLE_SCHEM, '
  + '  ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME, '
  + '  (information_schema._pg_expandarray(con.conkey)).n AS KEY_SEQ, con.conname AS PK_NAME, '
  + '  information_schema._pg_expandarray(con.conkey) AS KEYS, a.attnum AS A_ATTNUM '
  + 'FROM pg_catalog.pg_constraint con '
  + '  JOIN pg_catalog.pg_class ct ON (con.conrelid = ct.oid) '
  + '  JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid) '
  + '  JOIN pg_catalog.pg_attribute a ON (a.attrelid = ct.oid) '
  + "WHERE con.contype = 'p' "
  + ' AND n.nspname = $1'
  + ' AND ct.relname = $2'
  + ' ) result'
  + ' where '
  + ' result.A_ATTNUM = (result.KEYS).x '
  + ' ORDER BY result.table_name, result.pk_name, result.key_seq';

/** getTypeInfo() */
export const JDBC_GET_TYPE_INFO = 'SELECT t.typname,t.oid FROM pg_catalog.pg_type t'
  + ' JOIN pg_catalog.pg_namespace n ON (t.typnamespace = n.oid) '
  + " WHERE n.nspname  != 'pg_toast'"
  + ' AND '
  + " (t.typrelid = 0 OR (SELECT c.relkind = 'c' FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid))";

const JDBC_SP_JOIN = '  LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r '
  + '          from pg_namespace as ns '
  + '          join ( select s.r, (current_schemas(false))[s.r] as nspname '
  + '                   from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r '
  + '         using ( nspname ) '
  + '       ) as sp '
  + '    ON sp.nspoid = typnamespace ';

/** TypeInfoCache.getSQLType(oid): arg type OID */
export const JDBC_SQL_TYPE_BY_OID = "SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid "
  + '  FROM pg_catalog.pg_type '
  + JDBC_SP_JOIN
  + ' WHERE pg_type.oid = $1 '
  + ' ORDER BY sp.r, pg_type.oid DESC;';

/** TypeInfoCache.cacheSQLTypes(): all types */
export const JDBC_SQL_TYPES = "SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid "
  + '  FROM pg_catalog.pg_type '
  + JDBC_SP_JOIN
  + ' ORDER BY sp.r, pg_type.oid DESC;';

/** TypeInfoCache.getPGType(name) for a simple name: arg type name */
export const JDBC_OID_BY_NAME = 'SELECT pg_type.oid, typname '
  + '  FROM pg_catalog.pg_type '
  + '  LEFT '
  + '  JOIN (select ns.oid as nspoid, ns.nspname, r.r '
  + '          from pg_namespace as ns '
  + '          join ( select s.r, (current_schemas(false))[s.r] as nspname '
  + '                   from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r '
  + '         using ( nspname ) '
  + '       ) as sp '
  + '    ON sp.nspoid = typnamespace '
  + ' WHERE typname = $1 '
  + ' ORDER BY sp.r, pg_type.oid DESC LIMIT 1;';

/** TypeInfoCache.getPGType(name) for `name[]`: args element name, schema, search-path flag */
export const JDBC_ARRAY_OID_BY_NAME = 'SELECT t.typarray, arr.typname '
  + '  FROM pg_catalog.pg_type t'
  + '  JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid'
  + '  JOIN pg_catalog.pg_type arr ON arr.oid = t.typarray'
  + ' WHERE t.typname = $1 AND (n.nspname = $2 OR $3 AND n.nspname = ANY (current_schemas(true)))'
  + ' ORDER BY t.oid DESC LIMIT 1';

/** TypeInfoCache.getPGType(name) for `schema.name`: args name, schema, search-path flag */
export const JDBC_OID_BY_QUALIFIED_NAME = 'SELECT t.oid, t.typname '
  + '  FROM pg_catalog.pg_type t'
  + '  JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid'
  + ' WHERE t.typname = $1 AND (n.nspname = $2 OR $3 AND n.nspname = ANY (current_schemas(true)))'
  + ' ORDER BY t.oid DESC LIMIT 1';

/** TypeInfoCache.getPGType(oid): arg type OID */
export const JDBC_NAME_BY_OID = 'SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname '
  + 'FROM pg_catalog.pg_type t '
  + 'JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1';

/** TypeInfoCache.getArrayDelimiter(oid): arg array type OID */
export const JDBC_ARRAY_DELIMITER = 'SELECT e.typdelim FROM pg_catalog.pg_type t, pg_catalog.pg_type e '
  + 'WHERE t.oid = $1 and t.typelem = e.oid';

/** TypeInfoCache.getPGArrayElement(oid): arg array type OID */
export const JDBC_ARRAY_ELEMENT = 'SELECT e.oid, n.nspname = ANY(current_schemas(true)), n.nspname, e.typname '
  + 'FROM pg_catalog.pg_type t JOIN pg_catalog.pg_type e ON t.typelem = e.oid '
  + 'JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1';

// ---------------------------------------------------------------------------------------------
// asyncpg (asyncpg/introspection.py, transaction.py)
// ---------------------------------------------------------------------------------------------

export const ASYNCPG_TYPE_BY_NAME = `SELECT
    t.oid,
    t.typelem     AS elemtype,
    t.typtype     AS kind
FROM
    pg_catalog.pg_type AS t
    INNER JOIN pg_catalog.pg_namespace ns ON (ns.oid = t.typnamespace)
WHERE
    t.typname = $1 AND ns.nspname = $2
`;

/** the start of INTRO_LOOKUP_TYPES (the rest does not matter: CrateDB has no WITH RECURSIVE) */
export const ASYNCPG_INTRO_LOOKUP_TYPES_HEAD = `WITH RECURSIVE typeinfo_tree(
    oid, ns, name, kind, basetype, elemtype, elemdelim,
    range_subtype, attrtypoids, attrnames, depth)
AS (
    SELECT
        ti.oid, ti.ns, ti.name, ti.kind, ti.basetype,
        ti.elemtype, ti.elemdelim, ti.range_subtype,
        ti.attrtypoids, ti.attrnames, 0
    FROM
        pg_catalog.pg_type AS ti
    WHERE
        ti.oid = any($1::oid[])
)
SELECT DISTINCT * FROM typeinfo_tree ORDER BY depth DESC`;

export const ASYNCPG_SHOW_ISOLATION = 'SHOW transaction_isolation;';

// ---------------------------------------------------------------------------------------------
// psycopg 3 (TypeInfo.fetch), psycopg2, Npgsql, psqlODBC
// ---------------------------------------------------------------------------------------------

/** psycopg TypeInfo._get_info_query for servers ≥ 9.4 (arg: the type name) */
export const PSYCOPG_TYPE_INFO = `SELECT
    typname AS name, oid, typarray AS array_oid,
    oid::regtype::text AS regtype, typdelim AS delimiter
FROM pg_type t
WHERE t.oid = to_regtype($1)
ORDER BY t.oid
`;

/** psycopg TypeInfo._get_info_query for servers without to_regtype() */
export const PSYCOPG_TYPE_INFO_CAST = `SELECT
    typname AS name, oid, typarray AS array_oid,
    oid::regtype::text AS regtype, typdelim AS delimiter
FROM pg_type t
WHERE t.oid = $1::regtype
ORDER BY t.oid
`;

/** Npgsql type loading: four statements in one simple query (CrateDB PostgresITest) */
export const NPGSQL_TYPE_LOADING = `SELECT version();
SELECT ns.nspname, t.oid, t.typname, t.typtype, t.typnotnull, t.elemtypoid
FROM (
    -- Arrays have typtype=b - this subquery identifies them by their typreceive and converts their typtype to a
    -- We first do this for the type (innerest-most subquery), and then for its element type
    -- This also returns the array element, range subtype and domain base type as elemtypoid
    SELECT
        typ.oid, typ.typnamespace, typ.typname, typ.typtype, typ.typrelid, typ.typnotnull, typ.relkind,
        elemtyp.oid AS elemtypoid, elemtyp.typname AS elemtypname, elemcls.relkind AS elemrelkind,
        CASE WHEN elemproc.proname='array_recv' THEN 'a' ELSE elemtyp.typtype END AS elemtyptype
    FROM (
        SELECT typ.oid, typnamespace, typname, typrelid, typnotnull, relkind, typelem AS elemoid,
            CASE WHEN proc.proname='array_recv' THEN 'a' ELSE typ.typtype END AS typtype,
            CASE
                WHEN proc.proname='array_recv' THEN typ.typelem
                WHEN typ.typtype='r' THEN rngsubtype

                WHEN typ.typtype='d' THEN typ.typbasetype
            END AS elemtypoid
        FROM pg_type AS typ
        LEFT JOIN pg_class AS cls ON (cls.oid = typ.typrelid)
        LEFT JOIN pg_proc AS proc ON proc.oid = typ.typreceive
        LEFT JOIN pg_range ON (pg_range.rngtypid = typ.oid)
    ) AS typ
    LEFT JOIN pg_type AS elemtyp ON elemtyp.oid = elemtypoid
    LEFT JOIN pg_class AS elemcls ON (elemcls.oid = elemtyp.typrelid)
    LEFT JOIN pg_proc AS elemproc ON elemproc.oid = elemtyp.typreceive
) AS t
JOIN pg_namespace AS ns ON (ns.oid = typnamespace)
WHERE
    typtype IN ('b', 'r', 'm', 'e', 'd') OR -- Base, range, multirange, enum, domain
    (typtype = 'c' AND relkind='c') OR -- User-defined free-standing composites (not table composites) by default
    (typtype = 'p' AND typname IN ('record', 'void')) OR -- Some special supported pseudo-types
    (typtype = 'a' AND (  -- Array of...
        elemtyptype IN ('b', 'r', 'm', 'e', 'd') OR -- Array of base, range, multirange, enum, domain
        (elemtyptype = 'p' AND elemtypname IN ('record', 'void')) OR -- Arrays of special supported pseudo-types
        (elemtyptype = 'c' AND elemrelkind='c') -- Array of user-defined free-standing composites (not table composites) by default
    ))
ORDER BY CASE
       WHEN typtype IN ('b', 'e', 'p') THEN 0           -- First base types, enums, pseudo-types
       WHEN typtype = 'r' THEN 1                        -- Ranges after
       WHEN typtype = 'm' THEN 2                        -- Multiranges after
       WHEN typtype = 'c' THEN 3                        -- Composites after
       WHEN typtype = 'd' AND elemtyptype <> 'a' THEN 4 -- Domains over non-arrays after
       WHEN typtype = 'a' THEN 5                        -- Arrays after
       WHEN typtype = 'd' AND elemtyptype = 'a' THEN 6  -- Domains over arrays last
END;

-- Load field definitions for (free-standing) composite types
SELECT typ.oid, att.attname, att.atttypid
FROM pg_type AS typ
JOIN pg_namespace AS ns ON (ns.oid = typ.typnamespace)
JOIN pg_class AS cls ON (cls.oid = typ.typrelid)
JOIN pg_attribute AS att ON (att.attrelid = typ.typrelid)
WHERE
  (typ.typtype = 'c' AND cls.relkind='c') AND
  attnum > 0 AND     -- Don't load system attributes
  NOT attisdropped
ORDER BY typ.oid, att.attnum;

-- Load enum fields
SELECT pg_type.oid, enumlabel
FROM pg_enum
JOIN pg_type ON pg_type.oid=enumtypid
ORDER BY oid, enumsortorder;
`;

export const ODBC_SHOW_DATESTYLE = 'SHOW DateStyle;';
export const ODBC_SHOW_ISOLATION = 'show transaction_isolation';
export const ODBC_LO_TYPE = "select oid, typbasetype from pg_type where typname = 'lo'";
export const ODBC_CURRENT_SCHEMA = 'select current_schema()';

/** psqlODBC SQLTables(NULL, "doc", "%", NULL) (info.c PGAPI_Tables; `like E'…'` when escapes are on) */
export const ODBC_TABLES = "select relname, nspname, relkind from pg_catalog.pg_class c, pg_catalog.pg_namespace n "
  + "where relkind in ('r', 'v', 'm', 'f', 'p') and nspname like E'doc' and relname like E'%' "
  + "and nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'pg_temp_1') "
  + 'and n.oid = relnamespace order by nspname, relname';

/** psqlODBC SQLColumns(NULL, "doc", "t1", NULL) (info.c PGAPI_Columns, server ≥ 12) */
export const ODBC_COLUMNS = 'select n.nspname, c.relname, a.attname, a.atttypid, '
  + 't.typname, a.attnum, a.attlen, a.atttypmod, a.attnotnull, '
  + 'c.relhasrules, c.relkind, c.oid, pg_get_expr(d.adbin, d.adrelid), '
  + "case t.typtype when 'd' then t.typbasetype else 0 end, t.typtypmod, "
  + '0, attidentity, c.relhassubclass '
  + 'from (((pg_catalog.pg_class c '
  + 'inner join pg_catalog.pg_namespace n on n.oid = c.relnamespace'
  + " and c.relname like E't1' and n.nspname like E'doc'"
  + ') inner join pg_catalog.pg_attribute a on (not a.attisdropped)'
  + ' and a.attnum operator(pg_catalog.>) 0'
  + ' and a.attrelid operator(pg_catalog.=) c.oid) inner join pg_catalog.pg_type t'
  + ' on t.oid operator(pg_catalog.=) a.atttypid) left outer join pg_attrdef d'
  + ' on a.atthasdef and d.adrelid operator(pg_catalog.=) a.attrelid and d.adnum operator(pg_catalog.=) a.attnum'
  + ' order by n.nspname, c.relname, attnum';

/** psqlODBC SQLPrimaryKeys(NULL, "doc", "t1") (info.c PGAPI_PrimaryKeys, first query, server ≥ 11) */
export const ODBC_PRIMARY_KEYS = 'select ta.attname, ia.attnum, ic.relname, n.nspname, tc.relname'
  + ' from pg_catalog.pg_attribute ta,'
  + ' pg_catalog.pg_attribute ia, pg_catalog.pg_class tc,'
  + ' pg_catalog.pg_index i, pg_catalog.pg_namespace n'
  + ', pg_catalog.pg_class ic'
  + " where tc.relname operator(pg_catalog.=) E't1'"
  + " AND n.nspname operator(pg_catalog.=) E'doc'"
  + ' AND tc.oid operator(pg_catalog.=) i.indrelid'
  + ' AND n.oid operator(pg_catalog.=) tc.relnamespace'
  + " AND i.indisprimary operator(pg_catalog.=) 't'"
  + ' AND ia.attrelid operator(pg_catalog.=) i.indexrelid'
  + ' AND ta.attrelid operator(pg_catalog.=) i.indrelid'
  + ' AND ta.attnum operator(pg_catalog.=) i.indkey[ia.attnum-1]'
  + ' AND (NOT ta.attisdropped)'
  + ' AND (NOT ia.attisdropped)'
  + ' AND ic.oid operator(pg_catalog.=) i.indexrelid'
  + ' AND ia.attnum operator(pg_catalog.<=) i.indnkeyatts'
  + ' order by ia.attnum';

// ---------------------------------------------------------------------------------------------
// Grafana PostgreSQL data source (postgresMetaQuery.ts) and DBeaver (PostgreDataSource & co.)
// ---------------------------------------------------------------------------------------------

export const GRAFANA_VERSION = "SELECT current_setting('server_version_num')::int/100 as version";
export const GRAFANA_TIMESCALEDB = "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'";

export const GRAFANA_SCHEMAS = `SELECT schema_name AS "name"
    FROM information_schema.schemata
    WHERE schema_name NOT IN ('information_schema',
                              'pg_catalog',
                              'pg_toast',
                              '_timescaledb_cache',
                              '_timescaledb_catalog',
                              '_timescaledb_internal',
                              '_timescaledb_config',
                              'timescaledb_information',
                              'timescaledb_experimental')
    ORDER BY schema_name`;

const GRAFANA_SCHEMA_CONSTRAINT = `
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )`;

export const GRAFANA_TABLES = `SELECT
    CASE WHEN ${GRAFANA_SCHEMA_CONSTRAINT}
      THEN quote_ident(table_name)
      ELSE quote_ident(table_schema) || '.' || quote_ident(table_name)
    END AS "table"
    FROM information_schema.tables
    WHERE quote_ident(table_schema) NOT IN ('information_schema',
                             'pg_catalog',
                             '_timescaledb_cache',
                             '_timescaledb_catalog',
                             '_timescaledb_internal',
                             '_timescaledb_config',
                             'timescaledb_information',
                             'timescaledb_experimental')
    ORDER BY CASE WHEN ${GRAFANA_SCHEMA_CONSTRAINT} THEN 0 ELSE 1 END, 1`;

export const GRAFANA_TABLES_IN_SCHEMA = `SELECT quote_ident(table_name) AS "table"
      FROM information_schema.tables
      WHERE quote_ident(table_schema) = 'doc'
      ORDER BY 1`;

export const GRAFANA_COLUMNS = `SELECT quote_ident(column_name) AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE
      CASE WHEN array_length(parse_ident('t1'),1) = 2
        THEN quote_ident(table_schema) = (parse_ident('t1'))[1]
          AND quote_ident(table_name) = (parse_ident('t1'))[2]
        ELSE quote_ident(table_name) = 't1'
          AND ${GRAFANA_SCHEMA_CONSTRAINT}
      END`;

export const DBEAVER_CURRENT_SCHEMA = 'SELECT current_schema(),session_user';
export const DBEAVER_DATABASE = 'SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=$1';
export const DBEAVER_SCHEMAS = `SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass
 ORDER BY nspname`;
export const DBEAVER_TABLES = `SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key 
FROM pg_catalog.pg_class c
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass
WHERE c.relnamespace=$1 AND c.relkind not in ('i','I','c')`;
export const DBEAVER_KEYWORDS = "select string_agg(word, ',') from pg_catalog.pg_get_keywords()";
export const DBEAVER_SHOW_SEARCH_PATH = 'SHOW search_path';

// ---------------------------------------------------------------------------------------------
// aiopg 1.4 (connection.py, enable_hstore) and SQLAlchemy 1.4 (dialects/postgresql/base.py), both
// over psycopg2, which interpolates parameters on the client: the texts are as sent, with values
// ---------------------------------------------------------------------------------------------

/** aiopg `_get_oids` on connect (enable_hstore=True, the default) */
export const AIOPG_HSTORE_OIDS = `SELECT t.oid, typarray
FROM pg_type t JOIN pg_namespace ns
    ON typnamespace = ns.oid
WHERE typname = 'hstore'`;

export const SQLALCHEMY_VERSION = 'select pg_catalog.version()';
export const SQLALCHEMY_CURRENT_SCHEMA = 'select current_schema()';
export const SQLALCHEMY_STANDARD_CONFORMING_STRINGS = 'show standard_conforming_strings';
export const SQLALCHEMY_ISOLATION_LEVEL = 'show transaction isolation level';

/** PGDialect.has_table(table, schema=None); pandas also sends it with whole query texts as the name */
export const sqlalchemyHasTable = (name: string): string => 'select relname from pg_class c join pg_namespace n on '
  + `n.oid=c.relnamespace where pg_catalog.pg_table_is_visible(c.oid) and relname='${name}'`;

/** PGDialect.get_table_oid(table, schema=None) */
export const sqlalchemyTableOid = (name: string): string => `
            SELECT c.oid
            FROM pg_catalog.pg_class c
            LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE (pg_catalog.pg_table_is_visible(c.oid))
            AND c.relname = '${name}' AND c.relkind in
            ('r', 'v', 'm', 'f', 'p')
        `;

export const SQLALCHEMY_SCHEMA_NAMES = "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' ORDER BY nspname";
export const SQLALCHEMY_TABLE_NAMES = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
  + "WHERE n.nspname = 'doc' AND c.relkind in ('r', 'p')";
export const SQLALCHEMY_VIEW_NAMES = "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
  + "WHERE n.nspname = 'doc' AND c.relkind IN ('v', 'm')";

/** PGDialect.get_columns (server ≥ 12): the `AS DEFAULT` alias is a reserved word in CrateDB */
export const sqlalchemyColumns = (oid: number): string => `
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (
                SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid)
                FROM pg_catalog.pg_attrdef d
                WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum
                AND a.atthasdef
              ) AS DEFAULT,
              a.attnotnull,
              a.attrelid as table_oid,
              pgd.description as comment,
              a.attgenerated as generated,
                              (SELECT json_build_object(
                    'always', a.attidentity = 'a',
                    'start', s.seqstart,
                    'increment', s.seqincrement,
                    'minvalue', s.seqmin,
                    'maxvalue', s.seqmax,
                    'cache', s.seqcache,
                    'cycle', s.seqcycle)
                FROM pg_catalog.pg_sequence s
                JOIN pg_catalog.pg_class c on s.seqrelid = c."oid"
                WHERE c.relkind = 'S'
                AND a.attidentity != ''
                AND s.seqrelid = pg_catalog.pg_get_serial_sequence(
                    a.attrelid::regclass::text, a.attname
                )::regclass::oid
                ) as identity_options                
            FROM pg_catalog.pg_attribute a
            LEFT JOIN pg_catalog.pg_description pgd ON (
                pgd.objoid = a.attrelid AND pgd.objsubid = a.attnum)
            WHERE a.attrelid = '${oid}'
            AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
        `;

/** PGDialect.get_pk_constraint (server ≥ 8.4), first query */
export const sqlalchemyPkColumns = (oid: number): string => `
                SELECT a.attname
                FROM pg_attribute a JOIN (
                    SELECT unnest(ix.indkey) attnum,
                           generate_subscripts(ix.indkey, 1) ord
                    FROM pg_index ix
                    WHERE ix.indrelid = '${oid}' AND ix.indisprimary
                    ) k ON a.attnum=k.attnum
                WHERE a.attrelid = '${oid}'
                ORDER BY k.ord
            `;

/** PGDialect.get_pk_constraint, second query (the constraint name) */
export const sqlalchemyPkName = (oid: number): string => `
        SELECT conname
           FROM  pg_catalog.pg_constraint r
           WHERE r.conrelid = '${oid}' AND r.contype = 'p'
           ORDER BY 1
        `;

/** PGDialect.get_foreign_keys */
export const sqlalchemyForeignKeys = (oid: number): string => `
          SELECT r.conname,
                pg_catalog.pg_get_constraintdef(r.oid, true) as condef,
                n.nspname as conschema
          FROM  pg_catalog.pg_constraint r,
                pg_namespace n,
                pg_class c

          WHERE r.conrelid = '${oid}' AND
                r.contype = 'f' AND
                c.oid = confrelid AND
                n.oid = c.relnamespace
          ORDER BY 1
        `;

/** PGDialect.get_unique_constraints */
export const sqlalchemyUniqueConstraints = (oid: number): string => `
            SELECT
                cons.conname as name,
                cons.conkey as key,
                a.attnum as col_num,
                a.attname as col_name
            FROM
                pg_catalog.pg_constraint cons
                join pg_attribute a
                  on cons.conrelid = a.attrelid AND
                    a.attnum = ANY(cons.conkey)
            WHERE
                cons.conrelid = '${oid}' AND
                cons.contype = 'u'
        `;

/** PGDialect.get_check_constraints */
export const sqlalchemyCheckConstraints = (oid: number): string => `
            SELECT
                cons.conname as name,
                pg_get_constraintdef(cons.oid) as src
            FROM
                pg_catalog.pg_constraint cons
            WHERE
                cons.conrelid = '${oid}' AND
                cons.contype = 'c'
        `;

/** PGDialect.get_indexes (server ≥ 11): `ix.indkey::varchar` casts an array to text */
export const sqlalchemyIndexes = (oid: number): string => `
              SELECT
                  i.relname as relname,
                  ix.indisunique, ix.indexprs,
                  a.attname, a.attnum, c.conrelid, ix.indkey::varchar,
                  ix.indoption::varchar, i.reloptions, am.amname,
                  pg_get_expr(ix.indpred, ix.indrelid),
                  ix.indnkeyatts as indnkeyatts
              FROM
                  pg_class t
                        join pg_index ix on t.oid = ix.indrelid
                        join pg_class i on i.oid = ix.indexrelid
                        left outer join
                            pg_attribute a
                            on t.oid = a.attrelid and a.attnum = ANY(ix.indkey)
                        left outer join
                            pg_constraint c
                            on (ix.indrelid = c.conrelid and
                                ix.indexrelid = c.conindid and
                                c.contype in ('p', 'u', 'x'))
                        left outer join
                            pg_am am
                            on i.relam = am.oid
              WHERE
                  t.relkind IN ('r', 'v', 'f', 'm', 'p')
                  and t.oid = ${oid}
                  and ix.indisprimary = 'f'
              ORDER BY
                  t.relname,
                  i.relname
            `;

// ---------------------------------------------------------------------------------------------
// psqlODBC 13.02 (Debian 12's odbc-postgresql): connect settings and the PK fallback query; with
// standard_conforming_strings on it writes plain '…' literals and plain operators
// ---------------------------------------------------------------------------------------------

export const ODBC13_CONNECT = ["SET DateStyle = 'ISO'", 'SET extra_float_digits = 2', 'show transaction_isolation',
  "select oid, typbasetype from pg_type where typname = 'lo'"];

/** SQLPrimaryKeys(NULL, "doc", "t1"), the second query (by the index name `<table>_pkey`) */
export const ODBC13_PRIMARY_KEYS_BY_INDEX = 'select ta.attname, ia.attnum, ic.relname, n.nspname, NULL from '
  + 'pg_catalog.pg_attribute ta, pg_catalog.pg_attribute ia, pg_catalog.pg_class ic, pg_catalog.pg_index i, '
  + "pg_catalog.pg_namespace n where ic.relname = 't1_pkey' AND n.nspname = 'doc' AND ic.oid = i.indexrelid AND "
  + 'n.oid = ic.relnamespace AND ia.attrelid = i.indexrelid AND ta.attrelid = i.indrelid AND '
  + 'ta.attnum = i.indkey[ia.attnum-1] AND (NOT ta.attisdropped) AND (NOT ia.attisdropped) order by ia.attnum';

/** SQLTables(NULL, "doc", "t1", NULL) */
export const ODBC13_TABLES = "select relname, nspname, relkind from pg_catalog.pg_class c, pg_catalog.pg_namespace n "
  + "where relkind in ('r', 'v', 'm', 'f', 'p') and nspname like 'doc' and relname like 't1' and nspname not in "
  + "('pg_catalog', 'information_schema', 'pg_toast', 'pg_temp_1') and n.oid = relnamespace order by nspname, relname";

// ---------------------------------------------------------------------------------------------
// PHP PDO_PGSQL 8.2 (pgsql_statement.c, getColumnMeta): the OID is printed into the text
// ---------------------------------------------------------------------------------------------

/** native_type of a result column whose type OID PDO does not know itself */
export const pdoTypeName = (oid: number): string => `SELECT TYPNAME FROM PG_TYPE WHERE OID=${oid}`;
/** `table` of a result column: the RowDescription table OID (cratelite sends 0) */
export const pdoTableName = (oid: number): string => `SELECT RELNAME FROM PG_CLASS WHERE OID=${oid}`;

// ---------------------------------------------------------------------------------------------
// ruby-pg 1.4 (basic_type_registry.rb, CoderMapsBundle)
// ---------------------------------------------------------------------------------------------

/** the BasicTypeRegistry's type list: joined with pg_proc on the *input* function */
export const RUBY_PG_TYPES = `\t\t\t\tSELECT t.oid, t.typname, t.typelem, t.typdelim, ti.proname AS typinput
\t\t\t\tFROM pg_type as t
\t\t\t\tJOIN pg_proc as ti ON ti.oid = t.typinput
`;
