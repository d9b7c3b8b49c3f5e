/** Query nodes: SELECT, set operations, VALUES, relations (sql.md §4). */
import type { Expression, SortItem, WindowSpec } from './expression.js';

export interface Query {
  kind: 'Query';
  pos: number;
  with: { name: string; columns?: string[]; query: Query }[];
  body: QueryBody;
  orderBy: SortItem[];
  limit?: Expression | 'ALL';
  offset?: Expression;
}

export type QueryBody = QuerySpec | SetOperation | ValuesBody | Query;

export interface SelectItemExpr { kind: 'SelectExpr'; expr: Expression; alias?: string; pos: number }
/** `*` or `t.*` (qualifier = ['t']) */
export interface SelectItemStar { kind: 'SelectStar'; qualifier?: string[]; pos: number }
export type SelectItem = SelectItemExpr | SelectItemStar;

export interface QuerySpec {
  kind: 'QuerySpec';
  pos: number;
  distinct: boolean;
  select: SelectItem[];
  from: Relation[];
  where?: Expression;
  /** `GROUP BY ALL` is represented as 'ALL' */
  groupBy: Expression[] | 'ALL';
  having?: Expression;
  windows: { name: string; spec: WindowSpec }[];
}

export interface SetOperation {
  kind: 'SetOperation';
  pos: number;
  op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  /** UNION ALL → false */
  distinct: boolean;
  left: QueryBody;
  right: QueryBody;
}

/** stand-alone `VALUES (…), (…)`; `DEFAULT` items appear as { kind: 'Default' } (INSERT only) */
export interface ValuesBody { kind: 'Values'; pos: number; rows: (Expression | { kind: 'Default'; pos: number })[][] }

export type Relation = TableRef | TableFunctionRef | SubqueryRef | Join;

export interface Alias { name: string; columns?: string[] }

/** `[catalog.][schema.]table` */
export interface TableRef { kind: 'TableRef'; pos: number; name: string[]; alias?: Alias }
export interface TableFunctionRef { kind: 'TableFunctionRef'; pos: number; name: string[]; args: Expression[]; alias?: Alias }
export interface SubqueryRef { kind: 'SubqueryRef'; pos: number; query: Query; alias?: Alias }

export interface Join {
  kind: 'Join';
  pos: number;
  type: 'CROSS' | 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';
  natural: boolean;
  left: Relation;
  right: Relation;
  on?: Expression;
  using?: string[];
}
