/**
 * pg_catalog relations that are always empty on cratelite (pgwire.md §11.1) but must exist with
 * CrateDB's columns so that driver and tool queries joining them work: pg_am, pg_attrdef,
 * pg_auth_members, pg_cursors, pg_depend, pg_description, pg_enum, pg_event_trigger, pg_indexes,
 * pg_locks, pg_matviews, pg_publication, pg_publication_tables, pg_range, pg_shdescription,
 * pg_stats, pg_subscription, pg_subscription_rel, pg_tablespace.
 *
 * pg_auth_members (role grants), pg_cursors (DECLAREd cursors) and pg_stats (ANALYZE) get rows
 * once those features exist.
 */
import type { DataType } from '../../../types/data-type.js';
import { C, emptySystemTable, type CrateSystemTable } from '../define-table.js';

const table = (name: string, columns: Record<string, DataType>): CrateSystemTable =>
  emptySystemTable('pg_catalog', name, columns);

export const pgEmptyTables: readonly CrateSystemTable[] = [
  table('pg_am', { oid: C.int, amname: C.text, amhandler: C.regproc, amtype: C.byte }),
  table('pg_attrdef', { oid: C.int, adrelid: C.regclass, adnum: C.int, adbin: C.text, adsrc: C.text }),
  table('pg_auth_members', {
    oid: C.int, roleid: C.int, member: C.int, grantor: C.int,
    admin_option: C.bool, inherit_option: C.bool, set_option: C.bool,
  }),
  table('pg_cursors', {
    name: C.text, statement: C.text, is_holdable: C.bool, is_binary: C.bool, is_scrollable: C.bool, creation_time: C.ts,
  }),
  table('pg_depend', {
    classid: C.int, objid: C.int, objsubid: C.int, refclassid: C.int, refobjid: C.int, refobjsubid: C.int, deptype: C.char,
  }),
  table('pg_description', { objoid: C.int, classoid: C.int, objsubid: C.int, description: C.text }),
  table('pg_enum', { oid: C.int, enumtypid: C.int, enumsortorder: C.real, enumlabel: C.text }),
  table('pg_event_trigger', {
    oid: C.int, evtname: C.text, evtevent: C.text, evtowner: C.int, evtfoid: C.int, evtenabled: C.char, evttags: C.textArray,
  }),
  table('pg_indexes', { schemaname: C.text, tablename: C.text, indexname: C.text, tablespace: C.text, indexdef: C.text }),
  table('pg_locks', {
    locktype: C.text, database: C.int, relation: C.int, page: C.int, tuple: C.smallint, virtualxid: C.text,
    transactionid: C.int, classid: C.int, objid: C.text, objsubid: C.smallint, virtualtransaction: C.text,
    pid: C.int, mode: C.text, granted: C.bool, fastpath: C.bool, waitstart: C.ts,
  }),
  table('pg_matviews', {
    schemaname: C.text, matviewname: C.text, matviewowner: C.text, tablespace: C.text,
    hasindexes: C.bool, ispopulated: C.bool, definition: C.text,
  }),
  table('pg_publication', {
    oid: C.int, pubname: C.text, pubowner: C.int, puballtables: C.bool, pubinsert: C.bool, pubupdate: C.bool, pubdelete: C.bool,
  }),
  table('pg_publication_tables', { pubname: C.text, schemaname: C.text, tablename: C.text }),
  table('pg_range', {
    rngtypid: C.int, rngsubtype: C.int, rngmultitypid: C.int, rngcollation: C.int, rngsubopc: C.int,
    rngcanonical: C.regproc, rngsubdiff: C.regproc,
  }),
  table('pg_shdescription', { objoid: C.int, classoid: C.int, description: C.text }),
  table('pg_stats', {
    schemaname: C.text, tablename: C.text, attname: C.text, inherited: C.bool, null_frac: C.real, avg_width: C.int,
    n_distinct: C.real, most_common_vals: C.textArray, most_common_freqs: C.realArray, histogram_bounds: C.textArray,
    correlation: C.real, most_common_elems: C.textArray, most_common_elem_freqs: C.realArray,
    elem_count_histogram: C.realArray,
  }),
  table('pg_subscription', {
    oid: C.int, subdbid: C.int, subname: C.text, subowner: C.text, subenabled: C.bool, subbinary: C.bool,
    substream: C.bool, subconninfo: C.text, subslotname: C.text, subsynccommit: C.text, subpublications: C.textArray,
  }),
  table('pg_subscription_rel', {
    srsubid: C.int, srrelid: C.regclass, srsubstate: C.text, srsubstate_reason: C.text, srsublsn: C.bigint,
  }),
  table('pg_tablespace', { oid: C.int, spcname: C.text, spcowner: C.int, spcacl: C.textArray, spcoptions: C.textArray }),
];

/**
 * Beyond CrateDB (which lacks them): psql's `\d table` reads these relations; empty is the
 * right answer for a database without collations, row policies, inheritance, extended
 * statistics, publications or triggers. They resolve in queries but are not listed in
 * information_schema.tables / pg_class, so the listed catalog stays CrateDB's.
 */
export const pgPsqlOnlyTables: readonly CrateSystemTable[] = [
  table('pg_collation', {
    oid: C.int, collname: C.text, collnamespace: C.int, collowner: C.int, collprovider: C.char,
    collisdeterministic: C.bool, collencoding: C.int, collcollate: C.text, collctype: C.text,
  }),
  table('pg_policy', {
    oid: C.int, polname: C.text, polrelid: C.int, polcmd: C.char, polpermissive: C.bool, polroles: C.intArray,
    polqual: C.text, polwithcheck: C.text,
  }),
  table('pg_inherits', { inhrelid: C.int, inhparent: C.int, inhseqno: C.int, inhdetachpending: C.bool }),
  table('pg_statistic_ext', {
    oid: C.int, stxrelid: C.int, stxname: C.text, stxnamespace: C.int, stxowner: C.int, stxstattarget: C.int,
    stxkeys: C.intArray, stxkind: C.textArray,
  }),
  table('pg_publication_namespace', { oid: C.int, pnpubid: C.int, pnnspid: C.int }),
  table('pg_publication_rel', { oid: C.int, prpubid: C.int, prrelid: C.int, prqual: C.text, prattrs: C.intArray }),
  table('pg_trigger', {
    oid: C.int, tgrelid: C.int, tgparentid: C.int, tgname: C.text, tgfoid: C.int, tgtype: C.smallint,
    tgenabled: C.char, tgisinternal: C.bool, tgconstraint: C.int,
  }),
];
