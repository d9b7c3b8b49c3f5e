/**
 * Seeded random expressions: every generated text must parse, print, and re-parse to the same
 * tree. Catches precedence/parenthesisation mistakes between printer and parser.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParsingException } from '../../../src/errors/errors.js';
import { printStatement } from '../../../src/sql/ast/printer.js';
import { parseStatement } from '../../../src/sql/parser/parser.js';
import { assertRoundTrip } from './helpers.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const BINARY = ['+', '-', '*', '/', '%', '^', '||', '&', '|', '#', '&&'];
const COMPARE = ['=', '<>', '!=', '<', '<=', '>', '>=', '<<', '~', '~*', '!~', '!~*'];

function gen(r: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (depth <= 0) {
    return pick([
      'a', 't.b', "o['k']", '1', '2.5', "'s'", '?', 'NULL', 'true', 'arr[1]', '-3', 'x::int', 'current_date',
      "INTERVAL '1' DAY", "DATE '2020-01-01'", 'arr[1:2]', '(r).f', 'count(*)', '-x', 'x::int[]', "B'01'",
      'EXTRACT(YEAR FROM ts)', "trim(LEADING 'x' FROM s)", 'current_timestamp(3)', '$2', '[]', 'ts AT TIME ZONE tz',
    ]);
  }
  const sub = () => gen(r, depth - 1);
  switch (Math.floor(r() * 26)) {
    case 22: return `EXISTS (SELECT ${sub()})`;
    case 23: return `${sub()} ${pick(['LIKE', 'ILIKE'])} ${pick(['ANY', 'ALL'])} (${sub()}) ESCAPE ${sub()}`;
    case 24: return `sum(${sub()}) FILTER (WHERE ${sub()}) OVER (PARTITION BY ${sub()} ORDER BY ${sub()} DESC)`;
    case 25: return `(${sub()}).f`;
    case 0: return `${sub()} ${pick(BINARY)} ${sub()}`;
    case 1: return `${sub()} ${pick(COMPARE)} ${sub()}`;
    case 2: return `${sub()} AND ${sub()}`;
    case 3: return `${sub()} OR ${sub()}`;
    case 4: return `NOT ${sub()}`;
    case 5: return `-${sub()}`;
    case 6: return `(${sub()})`;
    case 7: return `${sub()} IS ${pick(['', 'NOT '])}${pick(['NULL', 'TRUE', 'FALSE'])}`;
    case 8: return `${sub()} ${pick(['', 'NOT '])}BETWEEN ${sub()} AND ${sub()}`;
    case 9: return `${sub()} ${pick(['', 'NOT '])}IN (${sub()}, ${sub()})`;
    case 10: return `${sub()} ${pick(['', 'NOT '])}${pick(['LIKE', 'ILIKE'])} ${sub()}`;
    case 11: return `${sub()} = ${pick(['ANY', 'ALL'])}(${sub()})`;
    case 12: return `CAST(${sub()} AS ${pick(['int', 'text[]', 'double precision', 'OBJECT'])})`;
    case 13: return `(${sub()})::${pick(['int', 'text'])}`;
    case 14: return `f(${sub()}, ${sub()})`;
    case 15: return `CASE WHEN ${sub()} THEN ${sub()} ELSE ${sub()} END`;
    case 16: return `(${sub()})[${sub()}]`;
    case 17: return `[${sub()}, ${sub()}]`;
    case 18: return `(${sub()}) AT TIME ZONE ${pick(["'UTC'", 'tz'])}`;
    case 19: return `${sub()} IS DISTINCT FROM ${sub()}`;
    case 20: return `(SELECT ${sub()} FROM t WHERE ${sub()} LIMIT 1)`;
    default: return `{k = ${sub()}}`;
  }
}

const random = rng(20240611);
let parsed = 0;
for (let i = 0; i < 400; i++) {
  const sql = `SELECT ${gen(random, 1 + (i % 4))}`;
  // the generator is looser than the grammar (`a = NOT b`); texts CrateDB rejects are skipped
  let canonical: string;
  try {
    canonical = printStatement(parseStatement(sql));
  } catch (e) {
    if (e instanceof ParsingException) continue;
    throw e;
  }
  parsed++;
  test(`fuzz #${i}: ${sql.length > 70 ? `${sql.slice(0, 70)}…` : sql}`, () => assertRoundTrip(sql, canonical));
}

test('the fuzz generator mostly produces valid SQL', () => {
  assert.ok(parsed > 250, `only ${parsed} of 400 generated statements parsed`);
});
