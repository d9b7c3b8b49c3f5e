/**
 * Test fixture for the system tables: a real in-memory DuckDB, a Catalog loaded from it, and a
 * few TableMeta objects written through `Catalog.ddl` — a table with a primary key, NOT NULL,
 * DEFAULT, a generated column, a CHECK and nested object columns; a partitioned table with WITH
 * settings; a view; a table in a user schema. `rowsOf` turns a system table's rows into records.
 */
import { Catalog } from '../../../src/catalog/catalog.js';
import type { ColumnMeta, TableMeta } from '../../../src/catalog/table-meta.js';
import { getSystemTable } from '../../../src/catalog/system/registry.js';
import type { SystemContext } from '../../../src/catalog/system/system-table.js';
import { Engine, type EngineConnection } from '../../../src/engine/engine.js';
import { T, type DataType } from '../../../src/types/data-type.js';

let nextColumn = 1;
function col(path: string[], type: DataType, position: number, extra: Partial<ColumnMeta> = {}): ColumnMeta {
  return { name: path[path.length - 1]!, path, type, internal: `c${nextColumn++}`, nullable: true, position, ...extra };
}

function objectCol(path: string[], position: number, policy: 'strict' | 'dynamic', children: ColumnMeta[]): ColumnMeta {
  return col(path, { kind: 'object', policy, fields: children.map((c) => ({ name: c.name, type: c.type })) }, position,
    { children, policy });
}

function table(partial: Partial<TableMeta> & Pick<TableMeta, 'oid' | 'schema' | 'name' | 'columns'>): TableMeta {
  return {
    kind: 'table',
    internal: `t${partial.oid}`,
    primaryKey: [],
    partitionedBy: [],
    shards: 4,
    settings: {},
    columnPolicy: 'strict',
    checks: [],
    nextColumn: 100,
    nextPosition: partial.columns.length + 1,
    closed: false,
    owner: 'crate',
    createdAt: 0,
    ...partial,
  };
}

/** doc.t1: id PK, name NOT NULL, o OBJECT(STRICT) AS (k TEXT, j AS (x INT)), ts DEFAULT, gen GENERATED, vc varchar(10), price numeric(10,2), CHECK */
export function t1(): TableMeta {
  const x = col(['o', 'j', 'x'], T.integer, 6);
  const j = objectCol(['o', 'j'], 5, 'dynamic', [x]);
  const k = col(['o', 'k'], T.text, 4);
  return table({
    oid: 1,
    schema: 'doc',
    name: 't1',
    columns: [
      col(['id'], T.integer, 1, { nullable: false }),
      col(['name'], T.text, 2, { nullable: false }),
      objectCol(['o'], 3, 'strict', [k, j]),
      col(['ts'], T.timestamptz, 7, { defaultExpr: 'current_timestamp(3)' }),
      col(['gen'], T.integer, 8, { generatedExpr: '(id + 1)' }),
      col(['vc'], { kind: 'varchar', length: 10 }, 9),
      col(['price'], { kind: 'numeric', precision: 10, scale: 2 }, 10),
    ],
    primaryKey: [['id']],
    checks: [{ name: 'positive', expr: '"id" > 0' }],
  });
}

/** doc.parted: PARTITIONED BY (day), 2 shards, replicas '1', a few WITH settings */
export function parted(): TableMeta {
  return table({
    oid: 2,
    schema: 'doc',
    name: 'parted',
    columns: [col(['id'], T.bigint, 1), col(['day'], T.timestamptz, 2), col(['title'], T.text, 3)],
    partitionedBy: [['day']],
    shards: 2,
    settings: { number_of_replicas: '1', refresh_interval: '5s', 'blocks.read_only': true, 'translog.flush_threshold_size': '1mb' },
    columnPolicy: 'dynamic',
  });
}

export function view(): TableMeta {
  return table({
    oid: 3, schema: 'doc', name: 'v1', kind: 'view', columns: [col(['id'], T.integer, 1)], shards: 0,
    viewQuery: 'SELECT "id"\nFROM "t1"',
  });
}

/** my_schema.events: CLUSTERED BY (kind), two-column key with a named constraint */
export function events(): TableMeta {
  return table({
    oid: 4,
    schema: 'my_schema',
    name: 'events',
    columns: [col(['kind'], T.text, 1, { nullable: false }), col(['n'], T.bigint, 2, { nullable: false }),
      col(['tags'], T.array(T.text), 3)],
    primaryKey: [['kind'], ['n']],
    pkConstraintName: 'events_key',
    clusteredBy: ['kind'],
    shards: 1,
  });
}

export interface Fixture {
  readonly engine: Engine;
  readonly conn: EngineConnection;
  readonly catalog: Catalog;
  readonly ctx: SystemContext;
  close(): void;
}

export const DAY_1 = 1396915200000;
export const DAY_2 = 1397001600000;

export async function openFixture(): Promise<Fixture> {
  const engine = await Engine.open({ path: ':memory:', memoryLimit: '1GB' });
  const conn = await engine.connect();
  const catalog = await Catalog.load(conn);
  await catalog.ddl(conn, () => ({ change: { sql: [], put: [t1(), parted(), view(), events()] }, result: undefined }));
  const ctx: SystemContext = {
    catalog,
    node: {
      nodeId: 'AbCdEfGhIjKlMnOpQrStUv',
      nodeName: 'Piz Bernina',
      clusterName: 'crate',
      clusterId: '6a1c1f7c-2f0e-4b8e-9f3e-0c2b7f1e9d11',
      hostname: 'testhost',
      httpUrl: 'http://127.0.0.1:4200',
      pgUrl: 'postgres://127.0.0.1:5432',
      startedAt: 0,
      dataPath: ':memory:',
      version: '6.5.0',
    },
    session: { user: 'crate', currentSchema: 'doc', settings: new Map([['application_name', 'tests']]) },
    stats: new Map([
      ['doc.t1', { rows: 3 }],
      ['doc.parted', { rows: 5, partitions: [{ values: { day: DAY_1 }, rows: 3 }, { values: { day: DAY_2 }, rows: 2 }] }],
      ['my_schema.events', { rows: 0 }],
    ]),
  };
  return { engine, conn, catalog, ctx, close: () => { conn.close(); engine.close(); } };
}

export type Rec = Record<string, unknown>;

/** Rows of `schema.name` as records keyed by column name. */
export async function rowsOf(ctx: SystemContext, schema: string, name: string): Promise<Rec[]> {
  const t = getSystemTable(schema, name);
  if (!t) throw new Error(`no system table ${schema}.${name}`);
  const rows = await t.rows(ctx);
  return rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])));
}

export const columnNames = (schema: string, name: string): string[] =>
  getSystemTable(schema, name)!.columns.map((c) => c.name);
