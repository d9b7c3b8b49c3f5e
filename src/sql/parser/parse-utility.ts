/**
 * Maintenance and utility statements (sql.md §7, §8.5, §8.7, §8.8):
 *
 *   REFRESH TABLE t [PARTITION (…)], …
 *   OPTIMIZE TABLE t [PARTITION (…)], … [WITH (…)]
 *   ANALYZE
 *   EXPLAIN [ANALYZE | VERBOSE | '(' {ANALYZE | COSTS | VERBOSE} [boolean], … ')'] statement
 *   DEALLOCATE [PREPARE] {name | 'name' | qname | ALL}
 *   DISCARD {ALL | PLANS | SEQUENCES | TEMPORARY | TEMP}
 *   KILL {ALL | 'job_id' | param}
 */
import type { Expression } from '../ast/expression.js';
import type { Discard, Explain, Statement } from '../ast/statement.js';
import { parsePrimary } from './parse-primary.js';
import { parseOptionalWith, parseTableWithPartition } from './parse-properties.js';
import type { TokenStream } from './token-stream.js';

export function parseRefresh(p: TokenStream): Statement {
  const pos = p.expectKw('refresh').start;
  p.expectKw('table');
  return { kind: 'Refresh', pos, tables: p.list(() => parseTableWithPartition(p)) };
}

export function parseOptimize(p: TokenStream): Statement {
  const pos = p.expectKw('optimize').start;
  p.expectKw('table');
  const tables = p.list(() => parseTableWithPartition(p));
  return { kind: 'Optimize', pos, tables, with: parseOptionalWith(p) };
}

export function parseAnalyze(p: TokenStream): Statement {
  return { kind: 'Analyze', pos: p.expectKw('analyze').start };
}

const EXPLAIN_OPTIONS = ['analyze', 'costs', 'verbose'];

/** `parseInner` parses the explained statement (passed in to avoid an import cycle with parser.ts) */
export function parseExplain(p: TokenStream, parseInner: (p: TokenStream) => Statement): Statement {
  const pos = p.expectKw('explain').start;
  const flags = { analyze: false, verbose: false, costs: true };
  if (p.isOp('(') && p.isAnyKw(EXPLAIN_OPTIONS, 1)) {
    p.next();
    p.list(() => {
      if (!p.isAnyKw(EXPLAIN_OPTIONS)) p.mismatched("{'ANALYZE', 'COSTS', 'VERBOSE'}");
      const option = p.next().value as keyof typeof flags;
      let value = true;
      if (p.acceptKw('false')) value = false;
      else p.acceptKw('true');
      flags[option] = value;
    });
    p.expectOp(')');
  } else if (p.isKw('analyze') && !p.atEnd() && !isEnd(p, 1)) {
    p.next();
    flags.analyze = true;
  } else if (p.acceptKw('verbose')) flags.verbose = true;
  const explain: Explain = { kind: 'Explain', pos, ...flags, statement: parseInner(p) };
  return explain;
}

function isEnd(p: TokenStream, k: number): boolean {
  const t = p.peek(k);
  return t.type === 'eof' || (t.type === 'op' && t.value === ';');
}

export function parseDeallocate(p: TokenStream): Statement {
  const pos = p.expectKw('deallocate').start;
  p.acceptKw('prepare');
  if (p.acceptKw('all')) return { kind: 'Deallocate', pos, name: 'ALL' };
  if (p.peek().type === 'string') return { kind: 'Deallocate', pos, name: p.next().value };
  return { kind: 'Deallocate', pos, name: p.qname().join('.') };
}

const DISCARD_TARGETS: Record<string, Discard['what']> = {
  all: 'ALL', plans: 'PLANS', sequences: 'SEQUENCES', temporary: 'TEMPORARY', temp: 'TEMPORARY',
};

export function parseDiscard(p: TokenStream): Statement {
  const pos = p.expectKw('discard').start;
  const what = DISCARD_TARGETS[p.peek().type === 'ident' ? p.peek().value : ''];
  if (!what) p.mismatched("{'ALL', 'PLANS', 'SEQUENCES', 'TEMPORARY', 'TEMP'}");
  p.next();
  return { kind: 'Discard', pos, what };
}

export function parseKill(p: TokenStream): Statement {
  const pos = p.expectKw('kill').start;
  if (p.acceptKw('all')) return { kind: 'Kill', pos, jobId: 'ALL' };
  const jobId: Expression = parsePrimary(p);
  return { kind: 'Kill', pos, jobId };
}
