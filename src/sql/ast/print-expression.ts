/**
 * AST → SQL text for expressions, types and column definitions.
 *
 * The text re-parses to the same tree (modulo `pos`), and doubles as CrateDB's output-column
 * naming for expressions (sql.md §4.2): every binary operator and predicate is wrapped in
 * parentheses — `(1 + 2)`, `(sqrt(a) > 1)`, `(x IS NULL)` — literals print as written
 * (`'matches'`, `1.5`, `NULL`, `true`), casts as `CAST(x AS type)`, parameters as `$n`,
 * identifiers are quoted only when needed.
 *
 * `x::t` prints as `CAST(x AS t)` (CrateDB names the column that way) unless
 * `preserveCasts` is set, in which case the `::` form is kept for an exact round trip.
 */
import { RESERVED_FUNCTION_NAMES, RESERVED_KEYWORDS } from '../lexer/keywords.js';
import type {
  ColumnConstraint, ColumnDefinition, Expression, FrameBound, FunctionCall, GenericProperty,
  SortItem, TypeRef, WindowSpec,
} from './expression.js';
import { printQuery } from './print-query.js';

export interface PrintOptions {
  /** print `x::t` casts in the `::` form instead of `CAST(x AS t)` */
  preserveCasts?: boolean;
  /** double-quote every column-reference part (`"qty" > 0`, CrateDB's stored CHECK text) */
  quoteIdentifiers?: boolean;
}

let options: PrintOptions = {};

/** run `fn` with print options in effect (printing is synchronous, so a module slot is enough) */
export function withPrintOptions<T>(opts: PrintOptions | undefined, fn: () => T): T {
  const saved = options;
  options = opts ?? {};
  try {
    return fn();
  } finally {
    options = saved;
  }
}

/** Words that are not reserved but would be parsed specially when written bare. */
const CONTEXTUAL = new Set(['current_schema']);

/** `name` or `"Name"`: quoted unless a lower-case, non-reserved word */
export function quoteIdent(name: string, contextual = true): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED_KEYWORDS.has(name) && !(contextual && CONTEXTUAL.has(name))) {
    return name;
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** `a.b.c`; contextual words only matter for a lone name */
export const printQualifiedName = (parts: readonly string[]): string =>
  parts.map((part) => quoteIdent(part, parts.length === 1)).join('.');

/** a dotted setting name: `stats.enabled`, `"Odd Name"` */
export const printDottedName = (name: string): string => printQualifiedName(name.split('.'));

export function printStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const MULTI_WORD_TYPES = new Set([
  'double precision', 'character varying', 'timestamp with time zone', 'timestamp without time zone',
  'time with time zone', 'time without time zone', '"char"',
]);

export function printType(t: TypeRef): string {
  switch (t.kind) {
    case 'NamedType': {
      const name = MULTI_WORD_TYPES.has(t.name) ? t.name : quoteIdent(t.name);
      return t.params.length > 0 ? `${name}(${t.params.join(', ')})` : name;
    }
    case 'ArrayType':
      return t.inner.kind === 'NamedType' || t.inner.kind === 'ArrayType'
        ? `${printType(t.inner)}[]` : `ARRAY(${printType(t.inner)})`;
    case 'ObjectType': {
      let s = 'OBJECT';
      if (t.policy) s += `(${t.policy.toUpperCase()})`;
      if (t.columns.length > 0) s += ` AS (${t.columns.map(printColumnDefinition).join(', ')})`;
      return s;
    }
  }
}

export function printProperties(props: readonly GenericProperty[]): string {
  return `(${props.map((p) => `${quoteIdent(p.name)} = ${printExpr(p.value)}`).join(', ')})`;
}

export function printColumnDefinition(def: ColumnDefinition): string {
  const [first, ...rest] = def.name;
  let s = quoteIdent(first!) + rest.map((k) => `[${printStringLiteral(k)}]`).join('');
  if (def.type) s += ` ${printType(def.type)}`;
  for (const c of def.constraints) s += ` ${printConstraint(c)}`;
  return s;
}

function printConstraint(c: ColumnConstraint): string {
  const named = c.name !== undefined ? `CONSTRAINT ${quoteIdent(c.name)} ` : '';
  switch (c.kind) {
    case 'PrimaryKey': return `${named}PRIMARY KEY`;
    case 'NotNull': return 'NOT NULL';
    case 'Null': return 'NULL';
    case 'Default': return `${named}DEFAULT ${printExpr(c.expr!)}`;
    case 'Generated': return `${named}GENERATED ALWAYS AS (${printExpr(c.expr!)})`;
    case 'Check': return `${named}CHECK (${printExpr(c.expr!)})`;
    case 'IndexOff': return 'INDEX OFF';
    case 'IndexUsing': {
      const withProps = c.properties && c.properties.length > 0 ? ` WITH ${printProperties(c.properties)}` : '';
      return `INDEX USING ${quoteIdent(c.method!)}${withProps}`;
    }
    case 'Storage': return `STORAGE WITH ${printProperties(c.properties ?? [])}`;
  }
}

export function printSortItems(items: readonly SortItem[]): string {
  return items.map((i) => {
    let s = printExpr(i.expr);
    if (i.direction === 'DESC') s += ' DESC';
    if (i.nulls) s += ` NULLS ${i.nulls}`;
    return s;
  }).join(', ');
}

export function printWindowSpec(w: WindowSpec): string {
  const parts: string[] = [];
  if (w.base !== undefined) parts.push(quoteIdent(w.base));
  if (w.partitionBy.length > 0) parts.push(`PARTITION BY ${w.partitionBy.map(printExpr).join(', ')}`);
  if (w.orderBy.length > 0) parts.push(`ORDER BY ${printSortItems(w.orderBy)}`);
  if (w.frame) {
    const f = w.frame;
    parts.push(f.end ? `${f.mode} BETWEEN ${printBound(f.start)} AND ${printBound(f.end)}` : `${f.mode} ${printBound(f.start)}`);
  }
  return `(${parts.join(' ')})`;
}

function printBound(b: FrameBound): string {
  return b.type === 'PRECEDING' || b.type === 'FOLLOWING' ? `${printExpr(b.offset)} ${b.type}` : b.type;
}

function printFunctionName(parts: readonly string[]): string {
  return parts.length === 1 && RESERVED_FUNCTION_NAMES.has(parts[0]!) ? parts[0]! : printQualifiedName(parts);
}

function printFunctionCall(e: FunctionCall): string {
  const args = e.star ? '*' : (e.distinct ? 'DISTINCT ' : '') + e.args.map(printExpr).join(', ');
  let s = `${printFunctionName(e.name)}(${args})`;
  if (e.filter) s += ` FILTER (WHERE ${printExpr(e.filter)})`;
  if (e.nulls) s += ` ${e.nulls} NULLS`;
  if (e.overName !== undefined) s += ` OVER ${quoteIdent(e.overName)}`;
  else if (e.over) s += ` OVER ${printWindowSpec(e.over)}`;
  return s;
}

/** kinds whose printed form is one self-delimited primary (or already fully parenthesised) */
const SELF_DELIMITED = new Set<Expression['kind']>([
  'Parameter', 'ColumnRef', 'FunctionCall', 'SpecialFunction', 'ArrayLiteral', 'ObjectLiteral', 'Case',
  'Extract', 'Exists', 'SubqueryExpr', 'ArraySubquery', 'BinaryOp', 'Not', 'IsNull', 'IsBoolean',
  'IsDistinctFrom', 'Between', 'InList', 'InSubquery', 'Quantified', 'Like', 'Match',
]);

const isColonsCast = (e: Expression & { kind: 'Cast' }) => e.syntax === 'colons' && !e.try && options.preserveCasts === true;

function isPrimaryText(e: Expression, s: string): boolean {
  if (SELF_DELIMITED.has(e.kind)) return true;
  if (e.kind === 'Literal') return !s.startsWith('-');
  return e.kind === 'Cast' && !isColonsCast(e);
}

/**
 * An operand the parser reads with its primary rule only (no postfix operators, no unary
 * minus): AT TIME ZONE zones, MATCH boosts, LIMIT/OFFSET/SHARDS counts, KILL job ids.
 */
export function printPrimary(e: Expression): string {
  const s = printExpr(e);
  return isPrimaryText(e, s) ? s : `(${s})`;
}

/** operands of postfix operators (`[ ]`, `::`, AT TIME ZONE): a primary or another postfix form */
function printPostfixBase(e: Expression): string {
  const s = printExpr(e);
  const chains = e.kind === 'Subscript' || e.kind === 'Slice' || e.kind === 'FieldAccess' || e.kind === 'Cast';
  return chains || isPrimaryText(e, s) ? s : `(${s})`;
}

const not = (negated: boolean) => (negated ? 'NOT ' : '');

export function printExpr(e: Expression): string {
  switch (e.kind) {
    case 'Literal':
      switch (e.type) {
        case 'null': return 'NULL';
        case 'boolean': return e.value ? 'true' : 'false';
        case 'integer': return e.value.toString();
        case 'decimal': return e.value;
        case 'string': return printStringLiteral(e.value);
        case 'bit': return `B'${e.value}'`;
      }
      break;
    case 'IntervalLiteral': {
      let s = `INTERVAL ${e.sign < 0 ? '-' : ''}${printStringLiteral(e.value)}`;
      if (e.from) s += ` ${e.from}`;
      if (e.to) s += ` TO ${e.to}`;
      return s;
    }
    case 'TypedLiteral': return `${printType(e.type)} ${printStringLiteral(e.value)}`;
    case 'Parameter': return `$${e.index}`;
    case 'ColumnRef':
      return options.quoteIdentifiers ? e.parts.map((p) => `"${p.replace(/"/g, '""')}"`).join('.') : printQualifiedName(e.parts);
    case 'Subscript': return `${printPostfixBase(e.base)}[${printExpr(e.index)}]`;
    case 'Slice':
      return `${printPostfixBase(e.base)}[${e.from ? printExpr(e.from) : ''}:${e.to ? printExpr(e.to) : ''}]`;
    case 'FieldAccess':
      return e.base.kind === 'FieldAccess'
        ? `${printExpr(e.base)}.${quoteIdent(e.field)}`
        : `(${printExpr(e.base)}).${quoteIdent(e.field)}`;
    case 'FunctionCall': return printFunctionCall(e);
    case 'BinaryOp': return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'UnaryOp': {
      const operand = printExpr(e.operand);
      const sep = operand.startsWith('-') || operand.startsWith('+') ? ' ' : '';
      return `${e.op}${sep}${operand}`;
    }
    case 'Not': return `(NOT ${printExpr(e.operand)})`;
    case 'IsNull': return `(${printExpr(e.operand)} IS ${not(e.negated)}NULL)`;
    case 'IsBoolean': return `(${printExpr(e.operand)} IS ${not(e.negated)}${e.value ? 'TRUE' : 'FALSE'})`;
    case 'IsDistinctFrom': return `(${printExpr(e.left)} IS ${not(e.negated)}DISTINCT FROM ${printExpr(e.right)})`;
    case 'Between':
      return `(${printExpr(e.operand)} ${not(e.negated)}BETWEEN ${printExpr(e.low)} AND ${printExpr(e.high)})`;
    case 'InList': return `(${printExpr(e.operand)} ${not(e.negated)}IN (${e.list.map(printExpr).join(', ')}))`;
    case 'InSubquery': return `(${printExpr(e.operand)} ${not(e.negated)}IN (${printQuery(e.query)}))`;
    case 'Exists': return `EXISTS (${printQuery(e.query)})`;
    case 'SubqueryExpr': return `(${printQuery(e.query)})`;
    case 'ArraySubquery': return `ARRAY(${printQuery(e.query)})`;
    case 'Quantified': {
      const right = e.right.kind === 'Subquery' ? printQuery(e.right.query) : printExpr(e.right);
      return `(${printExpr(e.left)} ${e.op} ${e.quantifier}(${right}))`;
    }
    case 'Like': {
      const op = e.caseInsensitive ? 'ILIKE' : 'LIKE';
      const pattern = e.quantifier ? `${e.quantifier} (${printExpr(e.pattern)})` : printExpr(e.pattern);
      const escape = e.escape ? ` ESCAPE ${printExpr(e.escape)}` : '';
      return `(${printExpr(e.operand)} ${not(e.negated)}${op} ${pattern}${escape})`;
    }
    case 'ArrayLiteral': return `[${e.elements.map(printExpr).join(', ')}]`;
    case 'ObjectLiteral':
      return `{${e.entries.map((en) => `${quoteIdent(en.key)} = ${printExpr(en.value)}`).join(', ')}}`;
    case 'Cast':
      if (isColonsCast(e)) {
        return `${printPostfixBase(e.operand)}::${printType(e.type)}`;
      }
      return `${e.try ? 'TRY_CAST' : 'CAST'}(${printExpr(e.operand)} AS ${printType(e.type)})`;
    case 'Case': {
      let s = 'CASE';
      if (e.operand) s += ` ${printExpr(e.operand)}`;
      for (const w of e.whens) s += ` WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`;
      if (e.else) s += ` ELSE ${printExpr(e.else)}`;
      return `${s} END`;
    }
    case 'AtTimeZone': return `${printPostfixBase(e.operand)} AT TIME ZONE ${printPrimary(e.zone)}`;
    case 'Extract': {
      const field = /^[A-Z_][A-Z0-9_]*$/.test(e.field) ? e.field : printStringLiteral(e.field);
      return `EXTRACT(${field} FROM ${printExpr(e.operand)})`;
    }
    case 'SpecialFunction': {
      const name = e.name.toLowerCase();
      return e.precision !== undefined ? `${name}(${e.precision})` : name;
    }
    case 'Match': {
      const [only] = e.columns;
      const cols = e.columns.length === 1 && !only!.boost
        ? printExpr(only!.column)
        : `(${e.columns.map((c) => printExpr(c.column) + (c.boost ? ` ${printPrimary(c.boost)}` : '')).join(', ')})`;
      let s = `MATCH(${cols}, ${printPostfixBase(e.term)})`;
      if (e.matchType !== undefined) {
        s += ` USING ${quoteIdent(e.matchType)}`;
        if (e.options.length > 0) s += ` WITH ${printProperties(e.options)}`;
      }
      return s;
    }
  }
  throw new Error(`cannot print expression ${(e as { kind: string }).kind}`);
}
