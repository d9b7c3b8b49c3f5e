/**
 * `name = value` lists: `WITH (number_of_replicas = '0-1', "blocks.read_only" = true)`,
 * `PARTITION (day = 1396915200000)`, `SET GLOBAL stats.enabled = true`.
 *
 * Names may be dotted (`a.b`) or quoted (`"blocks.read_only"`); both give the joined string.
 * A bare identifier as a value (`analyzer = english`, `codec = best_compression`) becomes a
 * string Literal, as the AST contract for GenericProperty says.
 */
import type { Expression, GenericProperty } from '../ast/expression.js';
import { parseExpression } from './parse-expression.js';
import type { TokenStream } from './token-stream.js';

/** `a`, `a.b.c`, `"a.b"` → 'a', 'a.b.c', 'a.b' */
export function parsePropertyName(p: TokenStream): string {
  return p.qname().join('.');
}

/** an expression; a lone identifier becomes a string literal */
export function parsePropertyValue(p: TokenStream): Expression {
  const e = parseExpression(p);
  if (e.kind === 'ColumnRef' && e.parts.length === 1) {
    return { kind: 'Literal', pos: e.pos, type: 'string', value: e.parts[0]! };
  }
  return e;
}

/** `name {= | TO} value` (TO only where `allowTo`) */
export function parseProperty(p: TokenStream, allowTo = false): GenericProperty {
  const name = parsePropertyName(p);
  if (!(allowTo && p.acceptKw('to'))) p.expectOp('=');
  return { name, value: parsePropertyValue(p) };
}

/** `'(' name = value, … ')'`; an empty list `()` is accepted */
export function parseProperties(p: TokenStream): GenericProperty[] {
  p.expectOp('(');
  if (p.acceptOp(')')) return [];
  const props = p.list(() => parseProperty(p));
  p.expectOp(')');
  return props;
}

/** optional `WITH (…)` */
export function parseOptionalWith(p: TokenStream): GenericProperty[] {
  return p.acceptKw('with') ? parseProperties(p) : [];
}

/** `PARTITION '(' column = expr, … ')'` (the PARTITION keyword already checked by the caller) */
export function parsePartition(p: TokenStream): GenericProperty[] {
  p.expectKw('partition');
  p.expectOp('(');
  const props = p.list(() => {
    const name = parsePropertyName(p);
    p.expectOp('=');
    return { name, value: parseExpression(p) };
  });
  p.expectOp(')');
  return props;
}

/** `qname [PARTITION (…)]` */
export function parseTableWithPartition(p: TokenStream): { name: string[]; partition?: GenericProperty[] } {
  const name = p.qname();
  if (p.isKw('partition') && p.isOp('(', 1)) return { name, partition: parsePartition(p) };
  return { name };
}
