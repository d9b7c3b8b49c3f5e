/**
 * Shared helpers for the SQL front-end unit tests: round-trip checks (parse → print →
 * compare with the canonical text → re-parse → same tree modulo positions) and error checks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParsingException } from '../../../src/errors/errors.js';
import { printStatement } from '../../../src/sql/ast/printer.js';
import { parseStatement } from '../../../src/sql/parser/parser.js';

/** deep copy without `pos` (and without Cast.syntax when `ignoreCastSyntax`) */
export function stripPos(value: unknown, ignoreCastSyntax = false): unknown {
  if (Array.isArray(value)) return value.map((v) => stripPos(v, ignoreCastSyntax));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'pos') continue;
    if (ignoreCastSyntax && k === 'syntax') continue;
    out[k] = stripPos(v, ignoreCastSyntax);
  }
  return out;
}

/** parse `sql`, print it, compare with `expected`, and check the printed text re-parses identically */
export function assertRoundTrip(sql: string, expected: string = sql): void {
  const ast = parseStatement(sql);
  const printed = printStatement(ast);
  assert.equal(printed, expected);
  const reparsed = parseStatement(printed);
  assert.deepEqual(stripPos(reparsed, true), stripPos(ast, true), `re-parse of: ${printed}`);
  assert.equal(printStatement(reparsed), printed, 'printing is idempotent');
  const exact = printStatement(ast, { preserveCasts: true });
  assert.deepEqual(stripPos(parseStatement(exact)), stripPos(ast), `exact re-parse of: ${exact}`);
}

/** one node:test case per row: [input, canonical output (default: the input itself)] */
export function roundTripCases(title: string, cases: readonly (readonly [string, string?])[]): void {
  for (const [sql, expected] of cases) {
    test(`${title}: ${sql}`, () => assertRoundTrip(sql, expected ?? sql));
  }
}

/** expect a ParsingException whose message starts with / equals `message` */
export function assertParseError(sql: string, message: string | RegExp, position?: number): void {
  assert.throws(() => parseStatement(sql), (e: unknown) => {
    assert.ok(e instanceof ParsingException, `expected ParsingException, got ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    if (position !== undefined) assert.equal(e.position, position);
    return true;
  });
}

export function errorCases(title: string, cases: readonly (readonly [string, string | RegExp, number?])[]): void {
  for (const [sql, message, position] of cases) {
    test(`${title}: ${sql.length > 80 ? `${sql.slice(0, 80)}…` : sql}`, () => assertParseError(sql, message, position));
  }
}
