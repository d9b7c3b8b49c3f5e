/**
 * System-table rows reach DuckDB as one JSON document (from_json) instead of a VALUES list;
 * both forms must give the same typed rows. Tables with a type JSON cannot carry fall back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineRelation, jsonRelation, valuesRelation } from '../../../src/analyzer/system-relation.js';
import type { SystemTable } from '../../../src/catalog/system/system-table.js';
import { T } from '../../../src/types/data-type.js';
import { openTestDb, type TestDb } from './duckdb-fixture.js';

let db: TestDb;
before(async () => { db = await openTestDb(); });
after(() => db.close());

const table = (columns: SystemTable['columns'], rows: unknown[][]): [SystemTable, unknown[][]] =>
  [{ schema: 'sys', name: 'x', columns, rows: () => rows }, rows];

const names = (t: SystemTable): string[] => t.columns.map((_, i) => `"c${i}"`);

test('JSON and VALUES forms give the same rows for every supported type', async () => {
  const [t, rows] = table([
    { name: 'b', type: T.boolean }, { name: 'y', type: T.byte }, { name: 's', type: T.smallint },
    { name: 'i', type: T.integer }, { name: 'l', type: T.bigint }, { name: 'r', type: T.real },
    { name: 'd', type: T.double }, { name: 't', type: T.text }, { name: 'ts', type: T.timestamptz },
    { name: 'tn', type: T.timestamp }, { name: 'o', type: T.object() }, { name: 'ta', type: T.array(T.text) },
    { name: 'ia', type: T.array(T.integer) }, { name: 'rc', type: T.regclass }, { name: 'ov', type: T.oidvector },
  ], [
    [true, 1, -2, 3, 9007199254740993n, 0.5, -1.25, 'grüße "q" \'x\' \\', 1709212455123, 1709212455123, { a: 1, n: { b: [1, 'x'] } }, ['a', null], [1, 2], 42, [1, 2]],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    [false, 0, 0, 0, 0n, 0, 0, '', 0, 0, {}, [], [], 0, []],
  ]);
  const json = jsonRelation(t, rows, names(t));
  assert.ok(json?.includes('from_json'), json);
  const order = 'ORDER BY "c3" NULLS LAST, "c0"';
  assert.deepEqual(await db.rows(`SELECT * FROM ${json} AS x ${order}`), await db.rows(`SELECT * FROM ${valuesRelation(t, rows, names(t))} AS x ${order}`));
});

test('types or values JSON cannot carry exactly use VALUES', () => {
  const [interval, r1] = table([{ name: 'i', type: T.interval }], [[{ months: 1, days: 0, micros: 0n }]]);
  assert.equal(jsonRelation(interval, r1, names(interval)), undefined);
  const [nan, r2] = table([{ name: 'd', type: T.double }], [[Number.NaN]]);
  assert.equal(jsonRelation(nan, r2, names(nan)), undefined);
  assert.match(inlineRelation(nan, r2), /VALUES/);
  const [empty] = table([{ name: 'd', type: T.double }], []);
  assert.match(inlineRelation(empty, []), /WHERE false/);
});
