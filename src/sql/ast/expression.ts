/**
 * Expression nodes of the CrateDB SQL dialect (sql.md §1, functions.md §1).
 *
 * Every node carries `pos`, the 0-based character offset of its first token in the statement
 * text, so errors can point at it. Identifiers are stored already case-folded: unquoted names
 * lower-cased, quoted names as written.
 */
import type { Query } from './query.js';

export interface Node { readonly pos: number }

export type Expression =
  | Literal | IntervalLiteral | TypedLiteral | Parameter | ColumnRef | Subscript | Slice | FieldAccess
  | FunctionCall | BinaryOp | UnaryOp | Not | IsNull | IsBoolean | IsDistinctFrom | Between | InList
  | InSubquery | Exists | SubqueryExpr | ArraySubquery | Quantified | Like | ArrayLiteral
  | ObjectLiteral | Cast | Case | AtTimeZone | Extract | SpecialFunction | Match;

/** `value` is the JS form: integers as bigint (type decided by the analyzer), decimals as their text. */
export type Literal =
  | Node & { kind: 'Literal'; type: 'null'; value: null }
  | Node & { kind: 'Literal'; type: 'boolean'; value: boolean }
  | Node & { kind: 'Literal'; type: 'integer'; value: bigint }
  | Node & { kind: 'Literal'; type: 'decimal'; value: string }
  | Node & { kind: 'Literal'; type: 'string'; value: string }
  | Node & { kind: 'Literal'; type: 'bit'; value: string };

export type IntervalUnit = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND' | 'MILLISECOND';

/** `INTERVAL [+|-] 'text' [unit [TO unit]]` */
export interface IntervalLiteral extends Node {
  kind: 'IntervalLiteral'; sign: 1 | -1; value: string; from?: IntervalUnit; to?: IntervalUnit;
}

/** `INTEGER '25'`, `TIMESTAMP WITH TIME ZONE '…'` */
export interface TypedLiteral extends Node { kind: 'TypedLiteral'; type: TypeRef; value: string }

/** `?` (numbered left to right from 1) or `$n`. `index` is 1-based. */
export interface Parameter extends Node { kind: 'Parameter'; index: number }

/**
 * `a`, `t.a`, `s.t.a`, `crate.s.t.a`. The parser cannot tell table from column qualifiers;
 * the analyzer resolves `parts`.
 */
export interface ColumnRef extends Node { kind: 'ColumnRef'; parts: string[] }

/** `base[index]`: array index (1-based) or object key (`obj['k']`). */
export interface Subscript extends Node { kind: 'Subscript'; base: Expression; index: Expression }

/** `base[from:to]`, bounds optional and inclusive. */
export interface Slice extends Node { kind: 'Slice'; base: Expression; from?: Expression; to?: Expression }

/** `(expr).field` */
export interface FieldAccess extends Node { kind: 'FieldAccess'; base: Expression; field: string }

export interface WindowSpec {
  /** name of a window from the WINDOW clause this one extends */
  base?: string;
  partitionBy: Expression[];
  orderBy: SortItem[];
  frame?: WindowFrame;
}

export type FrameBound =
  | { type: 'UNBOUNDED PRECEDING' } | { type: 'UNBOUNDED FOLLOWING' } | { type: 'CURRENT ROW' }
  | { type: 'PRECEDING'; offset: Expression } | { type: 'FOLLOWING'; offset: Expression };

export interface WindowFrame { mode: 'RANGE' | 'ROWS'; start: FrameBound; end?: FrameBound }

/**
 * `name(args)`; `name` is the (possibly schema-qualified) folded name, e.g. ['pg_catalog','format_type'].
 * `count(*)` is `{ name: ['count'], args: [], star: true }`.
 */
export interface FunctionCall extends Node {
  kind: 'FunctionCall';
  name: string[];
  args: Expression[];
  distinct: boolean;
  star: boolean;
  filter?: Expression;
  nulls?: 'IGNORE' | 'RESPECT';
  /** `OVER w` is `{ base: 'w', partitionBy: [], orderBy: [] }` with `overName` set. */
  over?: WindowSpec;
  overName?: string;
}

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%' | '^' | '||' | '&' | '|' | '#' | '&&'
  | '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=' | '<<' | '~' | '~*' | '!~' | '!~*'
  | 'AND' | 'OR';

export interface BinaryOp extends Node { kind: 'BinaryOp'; op: BinaryOperator; left: Expression; right: Expression }
export interface UnaryOp extends Node { kind: 'UnaryOp'; op: '-' | '+'; operand: Expression }
export interface Not extends Node { kind: 'Not'; operand: Expression }
export interface IsNull extends Node { kind: 'IsNull'; operand: Expression; negated: boolean }
/** `x IS [NOT] TRUE|FALSE` */
export interface IsBoolean extends Node { kind: 'IsBoolean'; operand: Expression; value: boolean; negated: boolean }
export interface IsDistinctFrom extends Node { kind: 'IsDistinctFrom'; left: Expression; right: Expression; negated: boolean }
export interface Between extends Node { kind: 'Between'; operand: Expression; low: Expression; high: Expression; negated: boolean }
export interface InList extends Node { kind: 'InList'; operand: Expression; list: Expression[]; negated: boolean }
export interface InSubquery extends Node { kind: 'InSubquery'; operand: Expression; query: Query; negated: boolean }
export interface Exists extends Node { kind: 'Exists'; query: Query }
/** `(SELECT …)` used as a scalar */
export interface SubqueryExpr extends Node { kind: 'SubqueryExpr'; query: Query }
/** `ARRAY(SELECT …)` */
export interface ArraySubquery extends Node { kind: 'ArraySubquery'; query: Query }

export type ComparisonOperator = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=';

/** `x op ANY|SOME|ALL (array-expr | subquery)`; SOME is stored as ANY. */
export interface Quantified extends Node {
  kind: 'Quantified'; op: ComparisonOperator; quantifier: 'ANY' | 'ALL';
  left: Expression; right: Expression | { kind: 'Subquery'; query: Query };
}

/** `s [NOT] LIKE|ILIKE [ANY|ALL] p [ESCAPE e]` */
export interface Like extends Node {
  kind: 'Like'; operand: Expression; pattern: Expression; escape?: Expression;
  caseInsensitive: boolean; negated: boolean; quantifier?: 'ANY' | 'ALL';
}

/** `[a, b]` or `ARRAY[a, b]` */
export interface ArrayLiteral extends Node { kind: 'ArrayLiteral'; elements: Expression[] }

/** `{ key = expr, … }`; keys already folded. */
export interface ObjectLiteral extends Node { kind: 'ObjectLiteral'; entries: { key: string; value: Expression }[] }

/** `CAST(x AS t)`, `x::t`, `TRY_CAST(x AS t)` */
export interface Cast extends Node { kind: 'Cast'; operand: Expression; type: TypeRef; try: boolean; syntax: 'cast' | 'colons' }

/** `CASE [operand] WHEN … THEN … [ELSE …] END` */
export interface Case extends Node {
  kind: 'Case'; operand?: Expression; whens: { when: Expression; then: Expression }[]; else?: Expression;
}

export interface AtTimeZone extends Node { kind: 'AtTimeZone'; operand: Expression; zone: Expression }

/** `EXTRACT(field FROM expr)`; field upper-cased (`YEAR`, `DOW`, `EPOCH`, …) */
export interface Extract extends Node { kind: 'Extract'; field: string; operand: Expression }

/**
 * Keyword functions written without parentheses or with special syntax:
 * CURRENT_DATE, CURRENT_TIME[(p)], CURRENT_TIMESTAMP[(p)], CURRENT_USER, SESSION_USER, USER,
 * CURRENT_ROLE, CURRENT_SCHEMA, CURRENT_CATALOG, plus `TRIM([LEADING|TRAILING|BOTH] [chars] FROM s)`
 * and `SUBSTRING(s FROM a [FOR b])`, which the parser turns into ordinary FunctionCalls.
 */
export interface SpecialFunction extends Node {
  kind: 'SpecialFunction';
  name: 'CURRENT_DATE' | 'CURRENT_TIME' | 'CURRENT_TIMESTAMP' | 'CURRENT_USER' | 'SESSION_USER'
    | 'USER' | 'CURRENT_ROLE' | 'CURRENT_SCHEMA' | 'CURRENT_CATALOG' | 'LOCALTIME' | 'LOCALTIMESTAMP';
  precision?: number;
}

/** `MATCH(column_or_idents, query_term) [USING type [WITH (…)]]` (P1) */
export interface Match extends Node {
  kind: 'Match'; columns: { column: Expression; boost?: Expression }[]; term: Expression;
  matchType?: string; options: GenericProperty[];
}

/**
 * A written data type. `name` is the folded canonical-ish keyword sequence as written
 * (`double precision`, `timestamp with time zone`, `varchar`, `char`, `"char"` → `"char"`),
 * `params` its `(n, …)` numbers. Objects and arrays nest.
 */
export type TypeRef =
  | { kind: 'NamedType'; name: string; params: number[] }
  | { kind: 'ArrayType'; inner: TypeRef }
  | { kind: 'ObjectType'; policy?: 'dynamic' | 'strict' | 'ignored'; columns: ColumnDefinition[] };

export interface SortItem { expr: Expression; direction: 'ASC' | 'DESC'; nulls?: 'FIRST' | 'LAST' }

/** `name = value` in WITH (…) lists; a bare ident value is a string Literal. */
export interface GenericProperty { name: string; value: Expression }

export interface ColumnConstraint {
  kind: 'PrimaryKey' | 'NotNull' | 'Null' | 'Default' | 'Generated' | 'Check' | 'IndexOff' | 'IndexUsing' | 'Storage';
  name?: string;
  expr?: Expression;
  /** INDEX USING method (plain, fulltext, geohash …) */
  method?: string;
  properties?: GenericProperty[];
}

export interface ColumnDefinition extends Node {
  kind: 'ColumnDefinition';
  /** column name, or a path for `ALTER TABLE ADD COLUMN o['a']['b']` */
  name: string[];
  type?: TypeRef;
  constraints: ColumnConstraint[];
}
