/**
 * Aggregate functions (functions.md §3, sql.md §13 #8). Each returns a template with the
 * OVER slot after every aggregate call (define.ts), so the same definitions serve window use.
 *
 *   sum(int)        → bigint; DuckDB sums into HUGEINT, so the result is range-checked and
 *                     raises CrateDB's `long overflow` (ArithmeticException)
 *   sum(double)     → `fsum` (Kahan summation, like CrateDB)
 *   variance        → population variance with CrateDB's sum-of-squares formula (DuckDB's
 *                     `variance` is the sample variance, its var_pop rounds differently)
 *   max_by / min_by → `arg_max_null` / `arg_min_null` (a NULL result value is a valid answer)
 *   percentile      → exact t-digest-compatible pick for small inputs: the sorted non-NULL
 *                     values `v`, element `v[min(floor(q·n), n−1)]`
 *   hyperloglog_distinct → `count(DISTINCT x)` (exact is a valid HLL answer)
 */
import { SQLParseException } from '../../errors/errors.js';
import { isIntegral, isTextual, isTimestamp, T, type DataType } from '../../types/data-type.js';
import { isJsonStored } from '../../translator/duckdb-types.js';
import { castExpr } from '../casts.js';
import { aggCall, aggregate, coerceArgs, numericArg, templated } from './define.js';
import type { CallOptions, CompiledExpr, FunctionDef, ResolvedCall } from './function-types.js';

const LONG_RANGE = '-9223372036854775808 AND 9223372036854775807';
const raiseLongOverflow = "error('cratelite:ArithmeticException:long overflow')";

/**
 * The numeric argument of sum/avg/…: numbers as they are; text converts to `byte`, the first
 * numeric signature CrateDB tries (`sum(name)` → ``Cannot cast value `Aldebaran` to type `byte` ``).
 */
function numberArg(e: CompiledExpr): CompiledExpr | undefined {
  if (isTextual(e.type) && e.literal === undefined) return castExpr(e, T.byte, 'implicit');
  return numericArg(e);
}

/** An aggregate with a FILTER that also skips rows where `notNull` is NULL. */
const withNotNull = (options: CallOptions, notNull: string): CallOptions => ({
  ...options,
  filter: { sql: options.filter ? `(${notNull} IS NOT NULL AND ${options.filter.sql})` : `${notNull} IS NOT NULL`, type: T.boolean },
});

function sum(args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined {
  if (args.length !== 1) return undefined;
  const x = args[0]!.type.kind === 'interval' ? args[0]! : numberArg(args[0]!);
  if (!x) return undefined;
  const t = x.type;
  if (isIntegral(t)) {
    const s = aggCall('sum', [x.sql], o);
    return templated(`CASE WHEN NOT (${s} BETWEEN ${LONG_RANGE}) THEN ${raiseLongOverflow} ELSE CAST(${s} AS BIGINT) END`, T.bigint);
  }
  if (t.kind === 'real') return templated(`CAST(${aggCall('fsum', [x.sql], o)} AS FLOAT)`, T.real);
  if (t.kind === 'double precision') return templated(aggCall('fsum', [x.sql], o), T.double);
  if (t.kind === 'numeric') return templated(aggCall('sum', [x.sql], o), T.numeric);
  if (t.kind === 'interval') {
    const months = aggCall('sum', [`datepart('year', ${x.sql}) * 12 + datepart('month', ${x.sql})`], o);
    const days = aggCall('sum', [`datepart('day', ${x.sql})`], o);
    const micros = aggCall('sum', [`datepart('hour', ${x.sql}) * 3600000000 + datepart('minute', ${x.sql}) * 60000000 + datepart('microseconds', ${x.sql})`], o);
    return templated(`(to_months(CAST(${months} AS INTEGER)) + to_days(CAST(${days} AS INTEGER)) + to_microseconds(CAST(${micros} AS BIGINT)))`, T.interval);
  }
  return undefined;
}

/** avg/mean and the deviation family: double, numeric for numeric, timestamps as epoch ms. */
function statistic(duckName: string) {
  return (args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined => {
    if (args.length !== 1) return undefined;
    const a = args[0]!;
    if (isTimestamp(a.type) || a.type.kind === 'date') {
      const ms = a.type.kind === 'date' ? `epoch_ms(CAST(${a.sql} AS TIMESTAMP))` : `epoch_ms(${a.sql})`;
      return templated(aggCall(duckName, [ms], o), T.double);
    }
    const x = numberArg(a);
    if (!x) return undefined;
    const d = castExpr(x, T.double, 'implicit').sql;
    return templated(aggCall(duckName, [d], o), x.type.kind === 'numeric' ? T.numeric : T.double);
  };
}

/** min/max/any_value: same type as the argument. */
/**
 * variance / stddev with CrateDB's sum-of-squares formula (statistics/Variance.java):
 * `(Σx² − (Σx)²/n) / n` clamped at 0, NULL without rows; the sample variants divide by n − 1.
 */
function deviation(kind: 'var_pop' | 'stddev_pop' | 'stddev_samp') {
  return (args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined => {
    if (args.length !== 1) return undefined;
    const a = args[0]!;
    const x = isTimestamp(a.type) ? { sql: `epoch_ms(${a.sql})`, type: T.bigint } : numberArg(a);
    if (!x) return undefined;
    const d = castExpr(x, T.double, 'implicit').sql;
    const n = aggCall('count', [d], o);
    const sum = aggCall('sum', [d], o);
    const squares = aggCall('sum', [`${d} * ${d}`], o);
    const divisor = kind === 'stddev_samp' ? `(${n} - 1)` : n;
    const variance = `greatest((${squares} - (${sum} * ${sum}) / ${n}) / ${divisor}, 0)`;
    const minRows = kind === 'stddev_samp' ? 2 : 1;
    const value = kind === 'var_pop' ? variance : `sqrt(${variance})`;
    return templated(`CASE WHEN ${n} < ${minRows} THEN NULL ELSE ${value} END`, x.type.kind === 'numeric' ? T.numeric : T.double);
  };
}

function sameType(duckName: string) {
  return (args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined => {
    if (args.length !== 1) return undefined;
    const x = args[0]!;
    if (isJsonStored(x.type) || x.type.kind === 'array' && duckName !== 'any_value') return undefined;
    return templated(aggCall(duckName, [x.sql], o), x.type);
  };
}

function byKey(duckName: string) {
  return (args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined => {
    if (args.length !== 2) return undefined;
    return templated(aggCall(duckName, [args[0]!.sql, args[1]!.sql], o), args[0]!.type);
  };
}

function arrayAgg(args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined {
  if (args.length !== 1) return undefined;
  const x = args[0]!;
  const type = T.array(x.type);
  if (isJsonStored(type)) return templated(`CAST(to_json(${aggCall('array_agg', [`CAST(${x.sql} AS JSON)`], o)}) AS JSON)`, type);
  return templated(aggCall('array_agg', [x.sql], o), type);
}

/** The fractions of percentile(): literal numbers in [0, 1]. */
function fractions(e: CompiledExpr): number[] | undefined {
  const v = e.literal?.value;
  const list = Array.isArray(v) ? v : [v];
  if (list.some((q) => typeof q !== 'number' && typeof q !== 'bigint')) return undefined;
  const qs = list.map(Number);
  for (const q of qs) if (q < 0 || q > 1) throw new SQLParseException(`q should be in [0,1], got ${q}`);
  return qs;
}

function percentile(args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined {
  if (args.length !== 2 && args.length !== 3) return undefined;
  const x = numericArg(args[0]!);
  if (!x || x.type.kind === 'numeric') return undefined;
  const qs = fractions(args[1]!);
  if (!qs) throw new SQLParseException('percentile fraction must be a literal number or array of numbers');
  const value = castExpr(x, T.double, 'implicit').sql;
  const filtered = withNotNull(o, x.sql);
  const sorted = `list_sort(${aggCall('list', [value], filtered)})`;
  const n = aggCall('count', [x.sql], o);
  const pick = (q: number) => `list_extract(${sorted}, least(CAST(floor(${q} * ${n}) AS BIGINT), ${n} - 1) + 1)`;
  if (args[1]!.type.kind === 'array') return templated(`[${qs.map(pick).join(', ')}]`, T.array(T.double));
  return templated(pick(qs[0]!), T.double);
}

function geometricMean(args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined {
  if (args.length !== 1) return undefined;
  const x = numericArg(args[0]!);
  if (!x) return undefined;
  const d = castExpr(x, T.double, 'implicit').sql;
  return templated(`CASE WHEN ${aggCall('count', [d], o)} = 0 THEN NULL WHEN ${aggCall('bool_or', [`${d} < 0`], o)} THEN NULL `
    + `WHEN ${aggCall('bool_or', [`${d} = 0`], o)} THEN CAST(0 AS DOUBLE) `
    // the ORDER BY makes the floating-point sum independent of how DuckDB splits the work
    + `ELSE exp(${aggCall('avg', [`ln(CASE WHEN ${d} > 0 THEN ${d} END) ORDER BY ${d}`], o)}) END`, T.double);
}

function topk(args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined {
  if (args.length < 1 || args.length > 3) return undefined;
  const k = args[1] ? coerceArgs([args[1]], [T.integer])?.[0]?.sql : '8';
  if (!k) return undefined;
  const entries = `list_transform(map_entries(${aggCall('histogram', [args[0]!.sql], o)}), e -> {'n': e.value, 'item': e.key})`;
  const top = `list_slice(list_sort(${entries}, 'DESC'), 1, ${k})`;
  const freq = `list_transform(coalesce(${top}, []), f -> json_object('estimate', f.n, 'item', f.item, 'lower_bound', f.n, 'upper_bound', f.n))`;
  const type: DataType = T.object('dynamic', [
    { name: 'frequencies', type: T.array(T.object()) }, { name: 'maximum_error', type: T.bigint }]);
  return templated(`json_object('frequencies', to_json(${freq}), 'maximum_error', 0)`, type);
}

function lttb(args: readonly CompiledExpr[], o: CallOptions): ResolvedCall | undefined {
  if (args.length !== 3 || !isTimestamp(args[0]!.type)) return undefined;
  const rest = coerceArgs(args.slice(1), [T.double, T.integer]);
  if (!rest) return undefined;
  const [v, threshold] = rest as [CompiledExpr, CompiledExpr];
  const point = `{'t': epoch_ms(${args[0]!.sql}), 'v': ${v.sql}}`;
  const filtered = withNotNull(withNotNull(o, args[0]!.sql), v.sql);
  const type: DataType = T.object('dynamic', [
    { name: 'x', type: T.array(args[0]!.type) }, { name: 'y', type: T.array(T.double) }]);
  return templated(`CAST(cratelite_lttb(${aggCall('list', [point], filtered)}, ${aggCall('any_value', [threshold.sql], o)}) AS JSON)`, type);
}

const def = (name: string, signatures: string[], f: (args: readonly CompiledExpr[], o: CallOptions) => ResolvedCall | undefined) =>
  aggregate(name, signatures, (args, _ctx, o) => f(args, o));

export const aggregateFunctions: FunctionDef[] = [
  def('count', ['()', '(T)'], (args, o) => {
    if (args.length === 0) return templated(aggCall('count', ['*'], { ...o, distinct: false }), T.bigint);
    return args.length === 1 ? templated(aggCall('count', [args[0]!.sql], o), T.bigint) : undefined;
  }),
  def('sum', ['(number)', '(interval)'], sum),
  def('avg', ['(number)', '(timestamp)'], statistic('avg')),
  def('mean', ['(number)', '(timestamp)'], statistic('avg')),
  def('stddev', ['(number)', '(timestamp)'], deviation('stddev_samp')),
  def('stddev_samp', ['(number)', '(timestamp)'], deviation('stddev_samp')),
  def('stddev_pop', ['(number)', '(timestamp)'], deviation('stddev_pop')),
  def('variance', ['(number)', '(timestamp)'], (args, o) => (args[0] && args[0].type.kind === 'numeric' ? undefined : deviation('var_pop')(args, o))),
  def('min', ['(T)'], sameType('min')),
  def('max', ['(T)'], sameType('max')),
  def('arbitrary', ['(T)'], sameType('any_value')),
  def('any_value', ['(T)'], sameType('any_value')),
  def('max_by', ['(T, K)'], byKey('arg_max_null')),
  def('min_by', ['(T, K)'], byKey('arg_min_null')),
  def('array_agg', ['(T)'], arrayAgg),
  def('string_agg', ['(text, text)'], (args, o) => {
    const a = coerceArgs(args, [T.text, T.text]);
    return a ? templated(aggCall('string_agg', [a[0]!.sql, a[1]!.sql], o), T.text) : undefined;
  }),
  def('percentile', ['(number, double precision)', '(number, double precision_array)', '(number, double precision, double precision)'], percentile),
  def('hyperloglog_distinct', ['(T)', '(T, integer)'], (args, o) =>
    (args.length === 1 || args.length === 2 ? templated(aggCall('count', [args[0]!.sql], { ...o, distinct: true }), T.bigint) : undefined)),
  def('geometric_mean', ['(number)'], geometricMean),
  def('topk', ['(T)', '(T, integer)', '(T, integer, integer)'], topk),
  def('lttb', ['(timestamp, double precision, integer)'], lttb),
  def('collect_set', ['(T)'], (args, o) => {
    if (args.length !== 1) return undefined;
    return templated(`list_distinct(${aggCall('list', [args[0]!.sql], o)})`, T.array(args[0]!.type));
  }),
];
