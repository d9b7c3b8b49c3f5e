/**
 * Aggregate, window and table functions (functions.md §3–§5), run over a small table in an
 * in-memory DuckDB.
 */
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { applyOver, lookupFunction } from '../../../src/analyzer/functions/registry.js';
import { T, type DataType } from '../../../src/types/data-type.js';
import type { CallOptions, CompiledExpr, ResolvedCall } from '../../../src/analyzer/functions/function-types.js';
import { col, lit, openTestDb, testContext, type TestDb } from './duckdb-fixture.js';

let db: TestDb;
before(async () => {
  db = await openTestDb();
  await db.connection.run(`CREATE TABLE m AS SELECT * FROM (VALUES
    (1, CAST(1 AS INTEGER), CAST(1.0 AS DOUBLE), 'a', TIMESTAMPTZ '2021-01-01 00:00:00+00', 'x'),
    (2, CAST(2 AS INTEGER), CAST(2.0 AS DOUBLE), 'b', TIMESTAMPTZ '2021-01-01 00:00:01+00', 'x'),
    (3, CAST(4 AS INTEGER), CAST(4.0 AS DOUBLE), NULL, TIMESTAMPTZ '2021-01-01 00:00:02+00', 'y'),
    (4, CAST(6 AS INTEGER), CAST(6.0 AS DOUBLE), 'b', TIMESTAMPTZ '2021-01-01 00:00:03+00', 'y'),
    (5, CAST(NULL AS INTEGER), CAST(NULL AS DOUBLE), 'c', TIMESTAMPTZ '2021-01-01 00:00:04+00', 'y')
  ) AS v(id, i, d, s, ts, g)`);
});
after(() => db.close());

const i = col('i', T.integer);
const d = col('d', T.double);
const s = col('s', T.text);
const id = col('id', T.integer);
const tsCol = col('ts', T.timestamptz);

function resolve(name: string, args: CompiledExpr[], options: Partial<CallOptions> = {}): ResolvedCall {
  const r = lookupFunction(name)!.resolve(args, testContext, { distinct: false, ...options });
  assert.ok(r, `${name} did not resolve`);
  return r;
}

/** `SELECT <aggregate> FROM m` → the single value. */
async function agg(name: string, args: CompiledExpr[], options: Partial<CallOptions> = {}, where = ''): Promise<unknown> {
  const rows = await db.rows(`SELECT ${resolve(name, args, options).sql} FROM m ${where}`);
  return rows[0]![0];
}

/** A window call over m ordered by id → the column of results. */
async function win(name: string, args: CompiledExpr[], over = 'ORDER BY id', options: Partial<CallOptions> = {}): Promise<unknown[]> {
  const rows = await db.rows(`SELECT ${applyOver(resolve(name, args, options), over)} FROM m ORDER BY id`);
  return rows.map((r) => r[0]);
}

async function table(name: string, args: CompiledExpr[]): Promise<{ rows: unknown[][]; columns: { name: string; type: DataType }[] }> {
  const t = lookupFunction(name)!.resolveTable!(args, testContext);
  assert.ok(t, `${name} did not resolve`);
  return { rows: await db.rows(`SELECT * FROM ${t.sql}`), columns: [...t.columns] };
}

describe('aggregates (§3)', () => {
  test('count(*)', async () => assert.equal(await agg('count', []), 5));
  test('count(x) skips NULL', async () => assert.equal(await agg('count', [s]), 4));
  test('count(DISTINCT x)', async () => assert.equal(await agg('count', [s], { distinct: true }), 3));
  test('count with FILTER', async () => assert.equal(await agg('count', [], { filter: col("g = 'y'", T.boolean) }), 3));
  test('sum(int) is bigint', async () => {
    assert.deepEqual(resolve('sum', [i]).type, T.bigint);
    assert.equal(await agg('sum', [i]), 13);
  });
  test('sum(bigint) overflow raises long overflow', async () => {
    const e = await db.error(`SELECT ${resolve('sum', [col('x', T.bigint)]).sql} FROM (VALUES (9223372036854775807::BIGINT), (1::BIGINT)) t(x)`);
    assert.equal(e, 'ArithmeticException[long overflow]');
  });
  test('sum(double) uses Kahan summation', async () => assert.equal(await agg('sum', [d]), 13));
  test('sum(real) stays real', async () => assert.deepEqual(resolve('sum', [col('CAST(d AS FLOAT)', T.real)]).type, T.real));
  test('sum(interval)', async () => {
    const r = await db.rows(`SELECT epoch(${resolve('sum', [col('x', T.interval)]).sql}) FROM (VALUES (INTERVAL '1 day'), (INTERVAL '2 hours')) t(x)`);
    assert.equal(r[0]![0], 93600);
  });
  test('sum of no rows is NULL', async () => assert.equal(await agg('sum', [i], {}, 'WHERE false'), null));
  test('avg(int) is double', async () => {
    assert.deepEqual(resolve('avg', [i]).type, T.double);
    assert.equal(await agg('avg', [i]), 3.25);
  });
  test('mean alias', async () => assert.equal(await agg('mean', [d]), 3.25));
  test('avg(timestamp) averages epoch ms', async () => assert.equal(await agg('avg', [tsCol]), 1609459202000));
  test('avg(DISTINCT x)', async () => assert.equal(await agg('avg', [col('CAST(i > 2 AS INTEGER)', T.integer)], { distinct: true }), 0.5));
  test('min/max', async () => {
    assert.equal(await agg('min', [i]), 1);
    assert.equal(await agg('max', [s]), 'c');
  });
  test('max_by / min_by', async () => {
    assert.equal(await agg('max_by', [s, i]), 'b');
    assert.equal(await agg('min_by', [s, d]), 'a');
  });
  test('arbitrary / any_value', async () => assert.ok(['x', 'y'].includes(await agg('arbitrary', [col('g', T.text)]) as string)));
  test('array_agg keeps NULLs', async () => {
    assert.deepEqual(resolve('array_agg', [i]).type, T.array(T.integer));
    const v = await agg('array_agg', [i]) as unknown[];
    assert.deepEqual([...v].sort(), [1, 2, 4, 6, null].sort());
  });
  test('array_agg of objects is JSON', async () => {
    const r = await db.rows(`SELECT CAST(${resolve('array_agg', [col('o', T.object())]).sql} AS VARCHAR) FROM (VALUES (CAST('{"a":1}' AS JSON))) t(o)`);
    assert.equal(r[0]![0], '[{"a":1}]');
  });
  test('string_agg skips NULL', async () => {
    const v = await agg('string_agg', [s, lit(',')]) as string;
    assert.deepEqual(v.split(',').sort(), ['a', 'b', 'b', 'c']);
  });
  test('percentile(x, 0.5) = data value at floor(q·n)', async () => assert.equal(await agg('percentile', [i, lit(0.5)]), 4));
  test('percentile(x, 0.95)', async () => assert.equal(await agg('percentile', [i, lit(0.95)]), 6));
  test('percentile(x, [0.5, 0.95])', async () => assert.deepEqual(await agg('percentile', [i, lit([0.5, 0.95], T.array(T.double))]), [4, 6]));
  test('percentile of no rows is NULL', async () => assert.equal(await agg('percentile', [i, lit(0.5)], {}, 'WHERE false'), null));
  test('percentile fraction out of range', () => assert.throws(() => resolve('percentile', [i, lit(1.5)]), /q should be in \[0,1\], got 1.5/));
  test('hyperloglog_distinct', async () => assert.equal(await agg('hyperloglog_distinct', [s]), 3));
  test('variance is the population variance (CrateDB formula, exact)', async () => assert.equal(await agg('variance', [i]), 3.6875));
  test('variance of no rows is NULL', async () => assert.equal(await agg('variance', [i], {}, 'WHERE false'), null));
  test('stddev of one row is NULL', async () => assert.equal(await agg('stddev', [i], {}, 'WHERE id = 1'), null));
  test('sum(text) converts to byte like CrateDB', async () => assert.equal(await db.error(`SELECT ${resolve('sum', [s]).sql} FROM m`), 'SQLParseException[Cannot cast value `a` to type `byte`]'));
  test('max_by keeps a NULL result value', async () => assert.equal(await agg('max_by', [col("CASE WHEN id = 4 THEN NULL ELSE s END", T.text), i]), null));
  test('topk of no rows', async () => assert.deepEqual(JSON.parse(await agg('topk', [s], {}, 'WHERE false') as string), { frequencies: [], maximum_error: 0 }));
  test('sum(numeric) keeps the scale', async () => assert.equal(String(await agg('sum', [col('CAST(d AS DECIMAL(10,1))', { kind: 'numeric', precision: 10, scale: 1 })])), '13'));
  test('stddev is the sample deviation', async () => assert.equal(Math.round((await agg('stddev', [i]) as number) * 1e9), Math.round(Math.sqrt(4.916666666666667) * 1e9)));
  test('stddev_pop', async () => assert.ok(Math.abs((await agg('stddev_pop', [i]) as number) - Math.sqrt(3.6875)) < 1e-12));
  test('geometric_mean', async () => assert.equal(Math.round((await agg('geometric_mean', [d]) as number) * 1e9) / 1e9, Math.round(Math.pow(48, 0.25) * 1e9) / 1e9));
  test('geometric_mean with 0 is 0', async () => assert.equal(await agg('geometric_mean', [col('d - 1', T.double)]), 0));
  test('geometric_mean with a negative is NULL', async () => assert.equal(await agg('geometric_mean', [col('d - 2', T.double)]), null));
  test('topk', async () => {
    const v = await agg('topk', [col('g', T.text), lit(1)]) as string;
    assert.deepEqual(JSON.parse(v), { frequencies: [{ estimate: 3, item: 'y', lower_bound: 3, upper_bound: 3 }], maximum_error: 0 });
  });
  test('collect_set', async () => assert.deepEqual(((await agg('collect_set', [col('g', T.text)])) as string[]).sort(), ['x', 'y']));
  test('lttb keeps all points when threshold >= n', async () => {
    const v = JSON.parse(await agg('lttb', [tsCol, d, lit(10)]) as string) as { x: number[]; y: number[] };
    assert.deepEqual(v.x, [1609459200000, 1609459201000, 1609459202000, 1609459203000]);
    assert.deepEqual(v.y, [1, 2, 4, 6]);
  });
  test('lttb downsamples to the threshold', async () => {
    const v = JSON.parse(await agg('lttb', [tsCol, d, lit(3)]) as string) as { x: number[] };
    assert.equal(v.x.length, 3);
    assert.equal(v.x[0], 1609459200000);
    assert.equal(v.x[2], 1609459203000);
  });
  test('aggregate template carries the OVER clause inside the cast', () => {
    assert.equal(applyOver(resolve('sum', [i]), 'PARTITION BY g').includes('sum(i) OVER (PARTITION BY g)'), true);
  });
});

describe('window functions (§4)', () => {
  test('row_number is integer', async () => {
    assert.deepEqual(resolve('row_number', []).type, T.integer);
    assert.deepEqual(await win('row_number', []), [1, 2, 3, 4, 5]);
  });
  test('rank / dense_rank', async () => {
    assert.deepEqual(await win('rank', [], 'ORDER BY g'), [1, 1, 3, 3, 3]);
    assert.deepEqual(await win('dense_rank', [], 'ORDER BY g'), [1, 1, 2, 2, 2]);
  });
  test('lag / lead', async () => {
    assert.deepEqual(await win('lag', [i]), [null, 1, 2, 4, 6]);
    assert.deepEqual(await win('lead', [i, lit(1), lit(0)]), [2, 4, 6, null, 0]);
  });
  test('first_value / last_value / nth_value', async () => {
    assert.deepEqual(await win('first_value', [s], 'PARTITION BY g ORDER BY id'), ['a', 'a', null, null, null]);
    assert.deepEqual(await win('first_value', [s], 'PARTITION BY g ORDER BY id', { nulls: 'IGNORE' }), ['a', 'a', null, 'b', 'b']);
    assert.deepEqual(await win('last_value', [i], 'ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING'), [null, null, null, null, null]);
    assert.deepEqual(await win('nth_value', [i, lit(2)]), [null, 2, 2, 2, 2]);
  });
  test('aggregates as window functions', async () => {
    assert.deepEqual(await win('sum', [i]), [1, 3, 7, 13, 13]);
    assert.deepEqual(await win('count', [], 'PARTITION BY g'), [2, 2, 3, 3, 3]);
    assert.deepEqual(await win('percentile', [i, lit(0.5)], 'PARTITION BY g'), [2, 2, 6, 6, 6]);
  });
});

describe('table functions (§5)', () => {
  test('unnest single array', async () => {
    const t = await table('unnest', [col('[1,2,3]', T.array(T.integer))]);
    assert.deepEqual(t.rows, [[1], [2], [3]]);
    assert.deepEqual(t.columns, [{ name: 'unnest', type: T.integer }]);
  });
  test('unnest several arrays pads with NULL', async () => {
    const t = await table('unnest', [col('[1,2]', T.array(T.integer)), col("['Arthur','Trillian','Marvin']", T.array(T.text))]);
    assert.deepEqual(t.rows, [[1, 'Arthur'], [2, 'Trillian'], [null, 'Marvin']]);
    assert.deepEqual(t.columns.map((c) => c.name), ['col1', 'col2']);
  });
  test('unnest nested array one level', async () => {
    const t = await table('unnest', [col('[[1,2],[3]]', T.array(T.array(T.integer)))]);
    assert.deepEqual(t.rows, [[[1, 2]], [[3]]]);
  });
  test('unnest NULL gives no rows', async () => assert.deepEqual((await table('unnest', [lit(null)])).rows, []));
  test('generate_series inclusive integers', async () => {
    const t = await table('generate_series', [lit(1), lit(3)]);
    assert.deepEqual(t.rows, [[1], [2], [3]]);
    assert.deepEqual(t.columns, [{ name: 'generate_series', type: T.integer }]);
  });
  test('generate_series with step', async () => assert.deepEqual((await table('generate_series', [lit(10), lit(1), lit(-4)])).rows, [[10], [6], [2]]));
  test('generate_series timestamps with interval', async () => {
    const t = await table('generate_series', [lit('2021-01-01'), col("TIMESTAMPTZ '2021-01-01 02:00:00+00'", T.timestamptz), col("INTERVAL '1 hour'", T.interval)]);
    assert.deepEqual(t.rows.map((r) => r[0]), [1609459200000, 1609462800000, 1609466400000]);
  });
  test('generate_subscripts', async () => assert.deepEqual((await table('generate_subscripts', [col('[5,NULL,7]', T.array(T.integer)), lit(1)])).rows, [[1], [2], [3]]));
  test('generate_subscripts reversed', async () => assert.deepEqual((await table('generate_subscripts', [col('[5,6]', T.array(T.integer)), lit(1), lit(true)])).rows, [[2], [1]]));
  test('generate_subscripts dimension 2', async () => assert.deepEqual((await table('generate_subscripts', [col('[[1,2,3],[4]]', T.array(T.array(T.integer))), lit(2)])).rows, [[1], [2], [3]]));
  test('regexp_matches first match', async () => assert.deepEqual((await table('regexp_matches', [lit('a1b2'), lit('([a-z])(\\d)')])).rows, [[['a', '1']]]));
  test("regexp_matches with 'g'", async () => assert.deepEqual((await table('regexp_matches', [lit('a1b2'), lit('([a-z])(\\d)'), lit('g')])).rows, [[['a', '1']], [['b', '2']]]));
  test('regexp_matches without groups', async () => assert.deepEqual((await table('regexp_matches', [lit('foobar'), lit('o+')])).rows, [[['oo']]]));
  test('regexp_matches no match gives no rows', async () => assert.deepEqual((await table('regexp_matches', [lit('abc'), lit('\\d')])).rows, []));
  test('_pg_expandarray', async () => {
    const t = await table('_pg_expandarray', [col("['a','b']", T.array(T.text))]);
    assert.deepEqual(t.rows, [['a', 1], ['b', 2]]);
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'n']);
  });
  test('pg_get_keywords lists reserved and unreserved words', async () => {
    const t = await table('pg_get_keywords', []);
    assert.ok(t.rows.some((r) => r[0] === 'select' && r[1] === 'R' && r[2] === 'reserved'));
    assert.ok(t.rows.some((r) => r[0] === 'absolute' && r[1] === 'U' && r[2] === 'unreserved'));
  });
});
