/**
 * Window definitions and sort items (sql.md §4.1):
 *   window_definition ::= '(' [window_name] [PARTITION BY expr, …] [ORDER BY sort_item, …] [frame] ')'
 *   frame             ::= {RANGE | ROWS} {frame_bound | BETWEEN frame_bound AND frame_bound}
 *   frame_bound       ::= UNBOUNDED {PRECEDING | FOLLOWING} | CURRENT ROW | expr {PRECEDING | FOLLOWING}
 *   sort_item         ::= expr [ASC | DESC] [NULLS {FIRST | LAST}]
 */
import type { FrameBound, SortItem, WindowFrame, WindowSpec } from '../ast/expression.js';
import { parseExpression, parseValueExpression } from './parse-expression.js';
import type { TokenStream } from './token-stream.js';

export function parseSortItems(p: TokenStream): SortItem[] {
  return p.list(() => {
    const item: SortItem = { expr: parseExpression(p), direction: 'ASC' };
    if (p.acceptKw('desc')) item.direction = 'DESC';
    else p.acceptKw('asc');
    if (p.acceptKw('nulls')) {
      if (p.acceptKw('first')) item.nulls = 'FIRST';
      else {
        p.expectKw('last');
        item.nulls = 'LAST';
      }
    }
    return item;
  });
}

/** `ORDER BY sort_item, …` if present, else [] */
export function parseOptionalOrderBy(p: TokenStream): SortItem[] {
  if (!p.isKw('order')) return [];
  p.next();
  p.expectKw('by');
  p.markClause();
  return parseSortItems(p);
}

/** `'(' … ')'` window definition */
export function parseWindowSpec(p: TokenStream): WindowSpec {
  p.expectOp('(');
  p.enter();
  const spec: WindowSpec = { partitionBy: [], orderBy: [] };
  const startsPartition = p.isKw('partition') && p.isKw('by', 1);
  const startsFrame = p.isAnyKw(['rows', 'range']) && !p.isOp(')', 1);
  if (p.isIdent() && !startsPartition && !startsFrame) spec.base = p.ident();
  if (p.isKw('partition') && p.isKw('by', 1)) {
    p.i += 2;
    spec.partitionBy = p.list(() => parseExpression(p));
  }
  spec.orderBy = parseOptionalOrderBy(p);
  if (p.isAnyKw(['rows', 'range'])) spec.frame = parseFrame(p);
  p.expectOp(')');
  p.leave();
  return spec;
}

function parseFrame(p: TokenStream): WindowFrame {
  const mode = p.next().value === 'rows' ? 'ROWS' : 'RANGE';
  if (p.acceptKw('between')) {
    const start = parseFrameBound(p);
    p.expectKw('and');
    return { mode, start, end: parseFrameBound(p) };
  }
  return { mode, start: parseFrameBound(p) };
}

function parseFrameBound(p: TokenStream): FrameBound {
  if (p.acceptKw('unbounded')) {
    if (p.acceptKw('preceding')) return { type: 'UNBOUNDED PRECEDING' };
    p.expectKw('following');
    return { type: 'UNBOUNDED FOLLOWING' };
  }
  if (p.isKw('current') && p.isKw('row', 1)) {
    p.i += 2;
    return { type: 'CURRENT ROW' };
  }
  const offset = parseValueExpression(p);
  if (p.acceptKw('preceding')) return { type: 'PRECEDING', offset };
  p.expectKw('following');
  return { type: 'FOLLOWING', offset };
}
