/**
 * COPY statement options and constants: `WITH (…)` properties, the source URI expression and
 * PARTITION values are evaluated (literals, parameters, arrays, objects, `||`, unary minus and
 * casts of those; anything else through DuckDB) and validated with CrateDB's messages
 * (copy.md §1.5, §2.4):
 *
 *   unknown option        → `Setting 'x' is not supported`
 *   bad enum value        → `Unsupported setting value: zip. Supported values are: gzip`
 *   bad integer / boolean → `Failed to parse value [0] for setting [bulk_size] must be >= 1`
 *
 * PostgreSQL's options (FORMAT text|csv|binary, HEADER, DELIMITER, NULL, QUOTE, ESCAPE, FORCE_*)
 * are accepted only for STDIN/STDOUT (pg-copy-options.ts).
 */
import type { EngineConnection } from '../engine/engine.js';
import { SQLParseException } from '../errors/errors.js';
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import { QueryAnalyzer } from '../analyzer/query.js';
import { inferValueType } from '../analyzer/casting/value-cast.js';
import type { Expression, GenericProperty } from '../sql/ast/index.js';
import { printExpression } from '../sql/ast/printer.js';
import { parseStatement } from '../sql/parser/parser.js';
import { typeName } from '../types/data-type.js';
import { rawToPlain } from './plain-values.js';

/** Evaluate a constant expression: in JS when it is simple, else with DuckDB. */
export async function evaluateConstant(e: Expression, cx: AnalyzerContext, conn: EngineConnection): Promise<unknown> {
  const v = simpleConstant(e, cx.args);
  if (v !== NOT_SIMPLE) return v;
  const select = parseStatement(`SELECT ${printExpression(e)}`);
  if (select.kind !== 'Select') throw new SQLParseException('internal: constant is not an expression');
  const q = new QueryAnalyzer(cx).compileQuery(select.query, undefined, new Map());
  if (q.constantRow) return q.constantRow[0];
  const rows = await conn.all(await cx.finalizeSql(q.sql, conn));
  return rawToPlain(rows[0]?.[0] ?? null, q.columns[0]!.type);
}

const NOT_SIMPLE = Symbol('not simple');

function simpleConstant(e: Expression, args: readonly unknown[]): unknown {
  switch (e.kind) {
    case 'Literal':
      return e.type === 'integer' ? bigToNumber(e.value) : e.type === 'decimal' ? Number(e.value) : e.value;
    case 'Parameter': return args[e.index - 1] ?? null;
    case 'ArrayLiteral': {
      const out = e.elements.map((x) => simpleConstant(x, args));
      return out.includes(NOT_SIMPLE) ? NOT_SIMPLE : out;
    }
    case 'ObjectLiteral': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of e.entries) {
        const v = simpleConstant(value, args);
        if (v === NOT_SIMPLE) return NOT_SIMPLE;
        out[key] = v;
      }
      return out;
    }
    case 'UnaryOp': {
      const v = simpleConstant(e.operand, args);
      if (typeof v !== 'number') return NOT_SIMPLE;
      return e.op === '-' ? -v : v;
    }
    case 'BinaryOp': {
      if (e.op !== '||') return NOT_SIMPLE;
      const l = simpleConstant(e.left, args);
      const r = simpleConstant(e.right, args);
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      return NOT_SIMPLE;
    }
    default: return NOT_SIMPLE;
  }
}

const bigToNumber = (v: bigint): number | bigint => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

/** Evaluated `WITH (…)`: option name → value, names as written (lower-case when unquoted). */
export async function evaluateOptions(
  props: readonly GenericProperty[], cx: AnalyzerContext, conn: EngineConnection,
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const p of props) out.set(p.name, await evaluateConstant(p.value, cx, conn));
  return out;
}

/** Reject options outside `allowed` (CrateDB's GenericProperties.ensureContainsOnly). */
export function ensureOnly(options: ReadonlyMap<string, unknown>, allowed: readonly string[]): void {
  for (const key of options.keys()) {
    if (!allowed.includes(key)) throw new SQLParseException(`Setting '${key}' is not supported`);
  }
}

/** Settings are strings in CrateDB: every value is compared as its text. */
export function settingText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function boolOption(options: ReadonlyMap<string, unknown>, key: string, dflt: boolean): boolean {
  if (!options.has(key)) return dflt;
  const v = options.get(key);
  if (typeof v === 'boolean') return v;
  const text = settingText(v);
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new SQLParseException(`Failed to parse value [${text}] as only [true] or [false] are allowed.`);
}

export function intOption(options: ReadonlyMap<string, unknown>, key: string, dflt: number, min: number): number {
  if (!options.has(key)) return dflt;
  const text = settingText(options.get(key));
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new SQLParseException(`Failed to parse value [${text}] for setting [${key}]`);
  }
  const n = Number(text);
  if (n < min) throw new SQLParseException(`Failed to parse value [${text}] for setting [${key}] must be >= ${min}`);
  return n;
}

export function enumOption<V extends string>(
  options: ReadonlyMap<string, unknown>, key: string, allowed: readonly V[],
): V | undefined {
  if (!options.has(key)) return undefined;
  const text = settingText(options.get(key));
  const v = allowed.find((a) => a === text.toLowerCase());
  if (v === undefined) {
    throw new SQLParseException(`Unsupported setting value: ${text}. Supported values are: ${[...allowed].sort().join(', ')}`);
  }
  return v;
}

/** `fileUri must be of type STRING or STRING ARRAY. Got integer` */
export function uriTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  throw new SQLParseException(`fileUri must be of type STRING or STRING ARRAY. Got ${typeName(inferValueType(value))}`);
}
