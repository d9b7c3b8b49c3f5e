/**
 * Data type references (sql.md §2, types.md §1):
 *
 *   data_type ::= base_type ['(' int, … ')']
 *               | OBJECT ['(' {DYNAMIC | STRICT | IGNORED} ')'] [AS '(' column_definition, … ')']
 *               | ARRAY '(' data_type ')'
 *               | data_type '[]'
 *
 * Multi-word names (`double precision`, `timestamp with time zone`, `timestamp without time
 * zone`, `time with time zone`, `character varying`) are kept as written, folded and single-
 * spaced; `"char"` keeps its quotes. Mapping aliases to canonical types is the analyzer's job.
 * A `pg_catalog.` qualifier (PostgreSQL clients write `x::pg_catalog.regclass`) is dropped;
 * `pg_catalog.char` is PostgreSQL's one-byte `"char"`.
 */
import type { TypeRef } from '../ast/expression.js';
import { parseColumnDefinition } from './parse-column.js';
import type { TokenStream } from './token-stream.js';

const POLICIES = ['dynamic', 'strict', 'ignored'] as const;

export function parseType(p: TokenStream): TypeRef {
  p.enter();
  let type = parseBaseType(p);
  let chain = 0;
  while (p.isOp('[') && p.isOp(']', 1)) {
    p.i += 2;
    type = { kind: 'ArrayType', inner: type };
    p.checkChain(++chain);
  }
  p.leave();
  return type;
}

function parseBaseType(p: TokenStream): TypeRef {
  if (p.acceptKw('array')) {
    p.expectOp('(');
    const inner = parseType(p);
    p.expectOp(')');
    return { kind: 'ArrayType', inner };
  }
  if (p.acceptKw('object')) return parseObjectType(p);
  const t = p.peek();
  if (t.type === 'quoted') {
    p.next();
    return { kind: 'NamedType', name: t.value === 'char' ? '"char"' : t.value, params: [] };
  }
  let name = p.ident();
  if (name === 'pg_catalog' && p.isOp('.') && (p.peek(1).type === 'ident' || p.peek(1).type === 'quoted')) {
    p.next();
    const t2 = p.peek();
    if (t2.type === 'quoted') return parseBaseType(p);
    name = p.next().value;
    if (name === 'char' && !p.isOp('(')) return { kind: 'NamedType', name: '"char"', params: [] };
  }
  if (name === 'double' && p.acceptKw('precision')) name = 'double precision';
  else if (name === 'character' && p.acceptKw('varying')) name = 'character varying';
  else if ((name === 'timestamp' || name === 'time') && p.isAnyKw(['with', 'without'])
    && p.isKw('time', 1) && p.isKw('zone', 2)) {
    name = `${name} ${p.next().value} time zone`;
    p.i += 2;
  }
  const params: number[] = [];
  if (p.acceptOp('(')) {
    params.push(...p.list(() => {
      const n = p.peek();
      if (n.type !== 'integer') p.mismatched('integer');
      p.next();
      return Number(n.value);
    }));
    p.expectOp(')');
  }
  return { kind: 'NamedType', name, params };
}

function parseObjectType(p: TokenStream): TypeRef {
  const type: TypeRef = { kind: 'ObjectType', columns: [] };
  if (p.acceptOp('(')) {
    const policy = POLICIES.find((x) => p.isKw(x));
    if (!policy) p.mismatched("{'DYNAMIC', 'STRICT', 'IGNORED'}");
    p.next();
    type.policy = policy;
    p.expectOp(')');
  }
  // only `AS (` starts column definitions: `x::object AS alias` is an alias
  if (p.isKw('as') && p.isOp('(', 1)) {
    p.next();
    p.expectOp('(');
    if (!p.isOp(')')) type.columns = p.list(() => parseColumnDefinition(p, false));
    p.expectOp(')');
  }
  return type;
}
