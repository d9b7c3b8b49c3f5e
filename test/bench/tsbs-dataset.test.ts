/**
 * The TSBS data generator reproduces the test vectors of spec/bench.md §1.5 exactly, and the
 * bulk-file lines and query parameters derived from it are what §1.6 and §4 say.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  csvLine, DEFAULT_START, generateDataset, jsonLine, NFIELDS, rowTs, type Dataset,
} from '../../bench/tsbs/dataset.js';
import { drawQueries, QUERY_TYPES } from '../../bench/tsbs/queries.js';

const HOUR = 3_600_000;
const small = generateDataset({ hosts: 20, start: DEFAULT_START, end: DEFAULT_START + 24 * HOUR, seed: 123 });
const fields = (d: Dataset, r: number): number[] => Array.from(d.values.subarray(r * NFIELDS, (r + 1) * NFIELDS));

test('20 hosts × 24 h: row count and sums', () => {
  assert.equal(small.rows, 172_800);
  assert.deepEqual(small.sums, { usageUser: 8_353_487, allFields: 86_231_297, usageUserOver90: 11_669 });
});

test('20 hosts × 24 h: tags of host_0 and host_19', () => {
  assert.equal(small.tagsJson[0], '{"hostname":"host_0","region":"ap-southeast-1","datacenter":"ap-southeast-1b",' +
    '"rack":"18","os":"Ubuntu16.04LTS","arch":"x64","team":"SF","service":"7","service_version":"1",' +
    '"service_environment":"staging"}');
  assert.equal(small.tagsJson[19], '{"hostname":"host_19","region":"eu-central-1","datacenter":"eu-central-1a",' +
    '"rack":"30","os":"Ubuntu16.04LTS","arch":"x86","team":"NYC","service":"0","service_version":"1",' +
    '"service_environment":"test"}');
});

test('20 hosts × 24 h: field values of the spec rows (time-major order)', () => {
  const at = (iso: string, host: number): number => ((Date.parse(iso) - DEFAULT_START) / 10_000) * 20 + host;
  assert.deepEqual(fields(small, at('2016-01-01T00:00:00Z', 0)), [78, 17, 49, 23, 37, 83, 86, 92, 78, 40]);
  assert.deepEqual(fields(small, at('2016-01-01T00:00:00Z', 1)), [50, 68, 15, 4, 11, 52, 81, 26, 56, 92]);
  assert.deepEqual(fields(small, at('2016-01-01T00:00:10Z', 0)), [78, 19, 51, 23, 38, 84, 84, 94, 80, 40]);
  const last = at('2016-01-01T23:59:50Z', 19);
  assert.equal(last, small.rows - 1);
  assert.deepEqual(fields(small, last), [51, 81, 47, 32, 53, 95, 42, 4, 15, 56]);
  assert.equal(rowTs(small, last), Date.parse('2016-01-01T23:59:50Z'));
});

test('100 hosts × 72 h: row count and sums', () => {
  const large = generateDataset({ hosts: 100, start: DEFAULT_START, end: DEFAULT_START + 72 * HOUR, seed: 123 });
  assert.equal(large.rows, 2_592_000);
  assert.deepEqual(large.sums, { usageUser: 131_174_066, allFields: 1_294_760_811, usageUserOver90: 248_687 });
});

test('bulk-file lines: JSON lines with epoch-ms ts, CSV with ISO ts, tags, fields', () => {
  const json = JSON.parse(jsonLine(small, 20));
  assert.equal(json.ts, DEFAULT_START + 10_000);
  assert.equal(json.tags.hostname, 'host_0');
  assert.equal(json.usage_user, 78);
  assert.equal(json.usage_guest_nice, 40);
  assert.deepEqual(Object.keys(json).slice(0, 3), ['tags', 'ts', 'usage_user']);
  assert.equal(csvLine(small, 20, '2016-01-01T00:00:10Z'),
    '2016-01-01T00:00:10Z,host_0,ap-southeast-1,ap-southeast-1b,18,Ubuntu16.04LTS,x64,SF,7,1,staging,' +
    '78,19,51,23,38,84,84,94,80,40');
});

test('query parameters: deterministic, windows inside the data, distinct hosts', () => {
  const a = drawQueries(small, 3);
  assert.deepEqual(a, drawQueries(small, 3));
  assert.equal(a.length, QUERY_TYPES.length * 3);
  for (const q of a) {
    const t = QUERY_TYPES.find((x) => x.name === q.type)!;
    assert.equal(new Set(q.hosts).size, t.hosts);
    if (t.window) {
      assert.equal(q.t1 - q.t0, t.window);
      assert.ok(q.t0 >= small.start && q.t1 <= small.end, `${q.type} window inside the data`);
    }
  }
  const one = a.find((q) => q.type === 'single-groupby-1-1-1')!;
  assert.equal(one.crate, "SELECT date_trunc('minute', ts) AS minute, max(usage_user) AS max_usage_user FROM cpu " +
    `WHERE tags['hostname'] IN ('${one.hosts[0]}') AND ts >= ${one.t0} AND ts < ${one.t1} GROUP BY minute ORDER BY minute ASC`);
  assert.equal(one.duckdbFlat, one.crate.replace("tags['hostname']", 'hostname')
    .replace(`>= ${one.t0}`, `>= epoch_ms(${one.t0})`).replace(`< ${one.t1}`, `< epoch_ms(${one.t1})`));
});
