/**
 * The TSBS devops "cpu-only" dataset, generated deterministically (spec/bench.md §1).
 *
 * One mulberry32 stream (seed 123 by default) draws, per host, the 10 initial field states and
 * then the 9 tag choices; afterwards one standard normal per (epoch, host, field), time-major.
 * Field values are integers 0…100, so the whole dataset is kept as one `Uint8Array`
 * (`rows × 10`, row order = time-major, host-minor): 26 MB for the large preset.
 * Timestamps follow from the row index (`start + floor(row / H) × 10 s`).
 *
 * In: `{hosts, start, end, seed}`. Out: `Dataset` (tags per host, values, sums for the
 * test vectors) and writers for the two bulk files of §1.6 (JSON lines, CSV).
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

export const EPOCH_MS = 10_000;
export const DEFAULT_START = Date.UTC(2016, 0, 1);
export const DEFAULT_SEED = 123;

export const TAG_NAMES = ['hostname', 'region', 'datacenter', 'rack', 'os', 'arch', 'team', 'service',
  'service_version', 'service_environment'] as const;
export const FIELD_NAMES = ['usage_user', 'usage_system', 'usage_idle', 'usage_nice', 'usage_iowait', 'usage_irq',
  'usage_softirq', 'usage_steal', 'usage_guest', 'usage_guest_nice'] as const;
export const NFIELDS = FIELD_NAMES.length;

const REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['us-east-1', 'abce'], ['us-west-1', 'ab'], ['us-west-2', 'abc'], ['eu-west-1', 'abc'], ['eu-central-1', 'ab'],
  ['ap-southeast-1', 'ab'], ['ap-southeast-2', 'ab'], ['ap-northeast-1', 'ac'], ['sa-east-1', 'abc'],
];
const OSES = ['Ubuntu16.10', 'Ubuntu16.04LTS', 'Ubuntu15.10'];
const ARCHES = ['x64', 'x86'];
const TEAMS = ['SF', 'NYC', 'LON', 'CHI'];
const ENVIRONMENTS = ['production', 'staging', 'test'];

/** The uniform generator of §1.4, with `choice` and the cosine-branch Box–Muller `normal`. */
export class Mulberry32 {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  choice(n: number): number { return Math.floor(this.uniform() * n); }
  normal(): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}

export type Tags = Record<(typeof TAG_NAMES)[number], string>;

export interface DatasetParams { hosts: number; start: number; end: number; seed: number }

export interface Dataset extends DatasetParams {
  epochs: number;
  rows: number;
  tags: Tags[];
  /** tag values per host in TAG_NAMES order */
  tagValues: string[][];
  /** `JSON.stringify(tags[h])`, the text every load path sends for the object column */
  tagsJson: string[];
  /** field values, row-major: row r field f at `values[r * 10 + f]` */
  values: Uint8Array;
  sums: { usageUser: number; allFields: number; usageUserOver90: number };
}

export function generateDataset(p: DatasetParams): Dataset {
  const { hosts, start, end, seed } = p;
  const epochs = Math.floor((end - start) / EPOCH_MS);
  const rows = hosts * epochs;
  const rng = new Mulberry32(seed);
  const state = new Float64Array(hosts * NFIELDS);
  const tags: Tags[] = [];
  for (let h = 0; h < hosts; h++) {
    for (let f = 0; f < NFIELDS; f++) state[h * NFIELDS + f] = rng.uniform() * 100;
    const [region, zones] = REGIONS[rng.choice(REGIONS.length)]!;
    const datacenter = region + zones[rng.choice(zones.length)]!;
    const rack = String(rng.choice(100));
    const arch = ARCHES[rng.choice(2)]!;
    const os = OSES[rng.choice(3)]!;
    const service = String(rng.choice(20));
    const serviceVersion = String(rng.choice(2));
    const environment = ENVIRONMENTS[rng.choice(3)]!;
    const team = TEAMS[rng.choice(4)]!;
    tags.push({ hostname: `host_${h}`, region, datacenter, rack, os, arch, team, service,
      service_version: serviceVersion, service_environment: environment });
  }
  const values = new Uint8Array(rows * NFIELDS);
  const sums = { usageUser: 0, allFields: 0, usageUserOver90: 0 };
  for (let e = 0; e < epochs; e++) {
    for (let h = 0; h < hosts; h++) {
      const base = (e * hosts + h) * NFIELDS;
      for (let f = 0; f < NFIELDS; f++) {
        const i = h * NFIELDS + f;
        if (e > 0) state[i] = Math.min(100, Math.max(0, state[i]! + rng.normal()));
        const v = Math.trunc(state[i]!);
        values[base + f] = v;
        sums.allFields += v;
      }
      const user = values[base]!;
      sums.usageUser += user;
      if (user > 90) sums.usageUserOver90++;
    }
  }
  return { ...p, epochs, rows, tags, tagValues: tags.map((t) => TAG_NAMES.map((n) => t[n])),
    tagsJson: tags.map((t) => JSON.stringify(t)), values, sums };
}

/** epoch ms of row `r` */
export const rowTs = (d: Dataset, r: number): number => d.start + Math.floor(r / d.hosts) * EPOCH_MS;
/** host index of row `r` */
export const rowHost = (d: Dataset, r: number): number => r % d.hosts;

/** `{"tags":{…},"ts":…,"usage_user":…,…}`: one JSON-lines record (§1.6), without the newline */
export function jsonLine(d: Dataset, r: number): string {
  const v = d.values;
  const b = r * NFIELDS;
  return `{"tags":${d.tagsJson[rowHost(d, r)]},"ts":${rowTs(d, r)},"usage_user":${v[b]},"usage_system":${v[b + 1]},` +
    `"usage_idle":${v[b + 2]},"usage_nice":${v[b + 3]},"usage_iowait":${v[b + 4]},"usage_irq":${v[b + 5]},` +
    `"usage_softirq":${v[b + 6]},"usage_steal":${v[b + 7]},"usage_guest":${v[b + 8]},"usage_guest_nice":${v[b + 9]}}`;
}

/** ISO-8601 UTC timestamp, second precision: `2016-01-01T00:00:10Z` */
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** CSV line for PostgreSQL COPY: ts, 10 tags, 10 fields (no quoting needed: no commas in values) */
export function csvLine(d: Dataset, r: number, tsText: string): string {
  const b = r * NFIELDS;
  let s = tsText + ',' + d.tagValues[rowHost(d, r)]!.join(',');
  for (let f = 0; f < NFIELDS; f++) s += ',' + d.values[b + f];
  return s;
}

export interface BulkFiles { json: string; csv: string }

/**
 * Writes (once per `(H, start, end, seed)`) the JSON-lines and CSV files into `dir`; existing
 * complete files are reused (each is written under a temporary name and renamed when done).
 */
export async function writeBulkFiles(d: Dataset, dir: string): Promise<BulkFiles & { reused: boolean }> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const stem = `cpu-h${d.hosts}-${d.start}-${d.end}-s${d.seed}`;
  const files = { json: join(dir, `${stem}.json`), csv: join(dir, `${stem}.csv`) };
  const reused = existsSync(files.json) && existsSync(files.csv);
  if (existsSync(files.json) === false) await writeLines(files.json, d, (r) => jsonLine(d, r));
  if (existsSync(files.csv) === false) {
    let lastTs = -1;
    let tsText = '';
    await writeLines(files.csv, d, (r) => {
      const ts = rowTs(d, r);
      if (ts !== lastTs) { lastTs = ts; tsText = isoSeconds(ts); }
      return csvLine(d, r, tsText);
    });
  }
  return { ...files, reused };
}

async function writeLines(path: string, d: Dataset, line: (r: number) => string): Promise<void> {
  const tmp = `${path}.part`;
  const out = createWriteStream(tmp, { mode: 0o644 });
  const CHUNK = 2_000;
  for (let r = 0; r < d.rows; r += CHUNK) {
    let s = '';
    for (let i = r; i < Math.min(d.rows, r + CHUNK); i++) s += line(i) + '\n';
    if (!out.write(s)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
}
