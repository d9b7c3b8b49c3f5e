/**
 * The registry of system tables: information_schema (24), sys (22) and pg_catalog (32 relations,
 * system-tables.md §6). The analyzer resolves `schema.name` here; information_schema.tables,
 * information_schema.columns and pg_class list these tables as relations.
 *
 * The list is built on first use rather than at module load: the tables that describe relations
 * import this module back (through relations.ts), and a lazy list keeps that import cycle safe
 * whichever module is loaded first.
 */
import type { CrateSystemTable } from './define-table.js';
import type { SystemTable } from './system-table.js';
import { characterSetsTable, collationsTable } from './information-schema/character-sets-table.js';
import { columnsTable } from './information-schema/columns-table.js';
import { constraintColumnUsageTable } from './information-schema/constraint-column-usage-table.js';
import { foreignDataTables } from './information-schema/foreign-data-tables.js';
import { keyColumnUsageTable } from './information-schema/key-column-usage-table.js';
import { referentialConstraintsTable } from './information-schema/referential-constraints-table.js';
import { roleTables } from './information-schema/role-tables.js';
import { routinesTable } from './information-schema/routines-table.js';
import { schemataTable } from './information-schema/schemata-table.js';
import { sqlFeaturesTable } from './information-schema/sql-features-table.js';
import { tableConstraintsTable } from './information-schema/table-constraints-table.js';
import { tablePartitionsTable } from './information-schema/table-partitions-table.js';
import { tablesTable } from './information-schema/tables-table.js';
import { viewColumnUsageTable } from './information-schema/view-column-usage-table.js';
import { viewsTable } from './information-schema/views-table.js';
import { pgAttributeTable } from './pg-catalog/pg-attribute-table.js';
import { pgClassTable } from './pg-catalog/pg-class-table.js';
import { pgConstraintTable } from './pg-catalog/pg-constraint-table.js';
import { pgDatabaseTable } from './pg-catalog/pg-database-table.js';
import { pgEmptyTables, pgPsqlOnlyTables } from './pg-catalog/pg-empty-tables.js';
import { pgIndexTable } from './pg-catalog/pg-index-table.js';
import { pgNamespaceTable } from './pg-catalog/pg-namespace-table.js';
import { pgProcTable } from './pg-catalog/pg-proc-table.js';
import { pgRolesTable, pgUserTable } from './pg-catalog/pg-roles-table.js';
import { pgSettingsTable } from './pg-catalog/pg-settings-table.js';
import { pgTablesTable, pgViewsTable } from './pg-catalog/pg-tables-table.js';
import { pgTypeTable } from './pg-catalog/pg-type-table.js';
import { checksTable } from './sys/checks-table.js';
import { clusterTable } from './sys/cluster-table.js';
import { clusterHealthTable, healthTable } from './sys/health-table.js';
import { jobsLogTable, jobsMetricsTable, jobsTable } from './sys/jobs-table.js';
import { nodeChecksTable } from './sys/node-checks-table.js';
import { nodesTable } from './sys/nodes-table.js';
import { operationsLogTable, operationsTable } from './sys/operations-table.js';
import { sessionsTable } from './sys/sessions-table.js';
import { shardsTable } from './sys/shards-table.js';
import {
  allocationsTable, repositoriesTable, segmentsTable, snapshotRestoreTable, snapshotsTable,
} from './sys/storage-tables.js';
import { summitsTable } from './sys/summits-table.js';
import { privilegesTable, rolesTable, usersTable } from './sys/users-table.js';

let tables: readonly CrateSystemTable[] | undefined;
let byName: Map<string, CrateSystemTable> | undefined;

function build(): readonly CrateSystemTable[] {
  const all: CrateSystemTable[] = [
    // information_schema
    tablesTable, columnsTable, schemataTable, tableConstraintsTable, keyColumnUsageTable,
    constraintColumnUsageTable, referentialConstraintsTable, tablePartitionsTable, viewsTable,
    viewColumnUsageTable, routinesTable, sqlFeaturesTable, characterSetsTable, collationsTable,
    ...roleTables, ...foreignDataTables,
    // sys
    clusterTable, nodesTable, shardsTable, healthTable, clusterHealthTable, checksTable, nodeChecksTable,
    jobsTable, jobsLogTable, jobsMetricsTable, operationsTable, operationsLogTable, sessionsTable,
    usersTable, rolesTable, privilegesTable, allocationsTable, segmentsTable, repositoriesTable,
    snapshotsTable, snapshotRestoreTable, summitsTable,
    // pg_catalog
    pgNamespaceTable, pgClassTable, pgAttributeTable, pgTypeTable, pgDatabaseTable, pgSettingsTable,
    pgRolesTable, pgUserTable, pgIndexTable, pgConstraintTable, pgProcTable, pgTablesTable, pgViewsTable,
    ...pgEmptyTables,
  ];
  return all.sort((a, b) => {
    const ka = `${a.schema}.${a.name}`;
    const kb = `${b.schema}.${b.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** All system tables with their constraint metadata, sorted by schema and name. */
export function crateSystemTables(): readonly CrateSystemTable[] {
  tables ??= build();
  return tables;
}

export function systemTables(): SystemTable[] {
  return [...crateSystemTables()];
}

export function getSystemTable(schema: string, name: string): SystemTable | undefined {
  byName ??= new Map([...crateSystemTables(), ...pgPsqlOnlyTables].map((t) => [`${t.schema}.${t.name}`, t]));
  return byName.get(`${schema}.${name}`);
}
