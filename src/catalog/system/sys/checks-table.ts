/**
 * sys.checks (system-tables.md §4.6): cluster checks with CrateDB's ids, severities and texts.
 * id 2 (more than 1000 partitions in a partitioned table) is evaluated; id 3 (tables created by an
 * older major version) always passes — cratelite has no tables from older versions.
 */
import { C, defineSystemTable } from '../define-table.js';
import { tablePartitions } from '../partitions.js';
import { userTables } from '../relations.js';

const CLUSTER_CHECK_LINK = 'https://cr8.is/d-cluster-check-';
const PARTITIONS_THRESHOLD = 1000;

export const checksTable = defineSystemTable({
  schema: 'sys',
  name: 'checks',
  columns: { id: C.int, severity: C.int, description: C.text, passed: C.bool },
  primaryKey: ['id'],
  needsStats: true,
  rows: (ctx) => {
    const tooManyPartitions = userTables(ctx.catalog)
      .some((t) => t.partitionedBy.length > 0 && tablePartitions(ctx, t).length > PARTITIONS_THRESHOLD);
    return [
      {
        id: 2,
        severity: 2,
        description: 'The total number of partitions of one or more partitioned tables should not be greater than 1000. '
          + `A large amount of shards can significantly reduce performance. ${CLUSTER_CHECK_LINK}2`,
        passed: !tooManyPartitions,
      },
      {
        id: 3,
        severity: 1,
        description: 'The following tables need to be recreated for compatibility with future major versions of CrateDB: '
          + `[] ${CLUSTER_CHECK_LINK}3`,
        passed: true,
      },
    ];
  },
});
