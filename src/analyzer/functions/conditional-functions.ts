/**
 * Conditional functions: coalesce, greatest, least, nullif, if (functions.md §2.8).
 *
 * All arguments are converted to their unified type (types.md §8.1) first.
 *   coalesce(a, b)      → `coalesce(a, b)`
 *   greatest(a, b)      → `greatest(a, b)` (NULLs ignored, all NULL → NULL, as in CrateDB)
 *   if(cond, a [, b])   → `CASE WHEN cond THEN a ELSE b END` (only the chosen branch runs)
 */
import { T } from '../../types/data-type.js';
import { castExpr } from '../casts.js';
import { castAll, commonOperands, unifyTypes } from '../operators/coercion.js';
import { result, scalar } from './define.js';
import type { CompiledExpr, FunctionDef } from './function-types.js';

function variadic(name: string, sqlName: string): FunctionDef {
  return scalar(name, ['(T, ...)'], (args) => {
    if (args.length === 0) return undefined;
    const type = unifyTypes(args.map((a) => a.type));
    const items = castAll(args, type);
    return result(`${sqlName}(${items.map((a) => a.sql).join(', ')})`, type);
  });
}

const asCondition = (e: CompiledExpr): string =>
  e.type.kind === 'boolean' ? e.sql : castExpr(e, T.boolean, 'implicit').sql;

export const conditionalFunctions: FunctionDef[] = [
  variadic('coalesce', 'coalesce'),
  variadic('greatest', 'greatest'),
  variadic('least', 'least'),
  scalar('nullif', ['(T, T)'], (args) => {
    if (args.length !== 2) return undefined;
    const [a, b] = commonOperands('nullif', args[0]!, args[1]!);
    return result(`nullif(${a.sql}, ${b.sql})`, a.type);
  }),
  scalar('if', ['(boolean, T)', '(boolean, T, T)'], (args) => {
    if (args.length !== 2 && args.length !== 3) return undefined;
    const branches = args.slice(1);
    const type = unifyTypes(branches.map((b) => b.type));
    const [a, b] = castAll(branches, type);
    return result(`CASE WHEN ${asCondition(args[0]!)} THEN ${a!.sql}${b ? ` ELSE ${b.sql}` : ''} END`, type);
  }),
];
