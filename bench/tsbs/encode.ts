/**
 * Rows of the dataset as each load path sends them (spec/bench.md §3): the HTTP `bulk_args`
 * body, and the text parameters of the PG paths (tags as JSON object text, ts as an ISO-8601
 * UTC string, numbers as decimal text; all with unspecified type). Column lists and the
 * multi-row statements live here too, so every loader builds the same SQL.
 */
import { FIELD_NAMES, NFIELDS, TAG_NAMES, rowHost, rowTs, type Dataset } from './dataset.js';

export const CRATE_TABLE = '"doc"."cpu"';
export const CRATE_COLUMNS = ['tags', 'ts', ...FIELD_NAMES];
/** PostgreSQL's flat table: ts, the 10 tags as columns, the 10 fields */
export const FLAT_COLUMNS = ['ts', ...TAG_NAMES, ...FIELD_NAMES];

const NUM = Array.from({ length: 101 }, (_, i) => String(i));

export const CRATE_DDL = `CREATE TABLE ${CRATE_TABLE} (
  tags object as (hostname string, region string, datacenter string, rack string,
                  os string, arch string, team string, service string,
                  service_version string, service_environment string),
  ts timestamp,
  usage_user double, usage_system double, usage_idle double, usage_nice double,
  usage_iowait double, usage_irq double, usage_softirq double, usage_steal double,
  usage_guest double, usage_guest_nice double
) CLUSTERED INTO 5 SHARDS WITH (number_of_replicas = 0)`;

/** L1: the HTTP statement with `?` placeholders */
export const CRATE_INSERT_ONE = `INSERT INTO ${CRATE_TABLE} (${CRATE_COLUMNS.join(', ')}) VALUES ` +
  `(${CRATE_COLUMNS.map(() => '?').join(', ')})`;

/** L3 for cratelite: single-row INSERT with `?` placeholders, exactly as TSBS writes it */
export const CRATE_INSERT_PIPELINE = `INSERT INTO ${CRATE_TABLE} (${CRATE_COLUMNS.join(',')}) VALUES ` +
  `(${CRATE_COLUMNS.map(() => '?').join(',')})`;

/** `INSERT INTO <table> (<cols>) VALUES ($1,…),(…)` for `rows` rows (L2) */
export function multiRowInsert(table: string, columns: readonly string[], rows: number): string {
  const groups: string[] = [];
  for (let r = 0, n = 1; r < rows; r++) {
    const g: string[] = [];
    for (let c = 0; c < columns.length; c++) g.push(`$${n++}`);
    groups.push(`(${g.join(',')})`);
  }
  return `INSERT INTO ${table} (${columns.join(',')}) VALUES ${groups.join(',')}`;
}

/** L3 for PostgreSQL: single-row INSERT with `$n` placeholders */
export const pgInsertOne = (table: string, columns: readonly string[]): string =>
  multiRowInsert(table, columns, 1);

/** `{"stmt": …, "bulk_args": [[{tags}, ts, f1…f10], …]}` for rows [from, to) */
export function bulkArgsBody(d: Dataset, from: number, to: number): string {
  const parts: string[] = [];
  const v = d.values;
  for (let r = from; r < to; r++) {
    let s = `[${d.tagsJson[rowHost(d, r)]},${rowTs(d, r)}`;
    const b = r * NFIELDS;
    for (let f = 0; f < NFIELDS; f++) s += ',' + NUM[v[b + f]!];
    parts.push(s + ']');
  }
  return `{"stmt":${JSON.stringify(CRATE_INSERT_ONE)},"bulk_args":[${parts.join(',')}]}`;
}

/** Caches the ISO text of the last timestamp (rows of one epoch share it). */
export class IsoCache {
  private ts = -1;
  private text = '';
  get(ms: number): string {
    if (ms !== this.ts) { this.ts = ms; this.text = new Date(ms).toISOString(); }
    return this.text;
  }
}

/** The 12 text parameters of one row for cratelite: tags JSON, ISO ts, 10 numbers */
export function crateRowParams(d: Dataset, r: number, iso: IsoCache, out: string[] = []): string[] {
  out.push(d.tagsJson[rowHost(d, r)]!, iso.get(rowTs(d, r)));
  const b = r * NFIELDS;
  for (let f = 0; f < NFIELDS; f++) out.push(NUM[d.values[b + f]!]!);
  return out;
}

/** The 21 text parameters of one row for PostgreSQL's flat table: ts, 10 tags, 10 numbers */
export function flatRowParams(d: Dataset, r: number, iso: IsoCache, out: string[] = []): string[] {
  out.push(iso.get(rowTs(d, r)), ...d.tagValues[rowHost(d, r)]!);
  const b = r * NFIELDS;
  for (let f = 0; f < NFIELDS; f++) out.push(NUM[d.values[b + f]!]!);
  return out;
}

/**
 * Runs batches [0, n) over `workers` connections; batch k goes to the next free connection.
 * Stops handing out batches after the first failure and rethrows it.
 */
export async function runBatches(n: number, workers: number,
  fn: (batch: number, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (!failed) {
      const k = next++;
      if (k >= n) return;
      try { await fn(k, w); } catch (e) { failed = true; throw e; }
    }
  }));
}
