/**
 * The built-in function registry: CrateDB function name → FunctionDef (functions.md §0).
 *
 * Only CrateDB names resolve — never DuckDB's own functions — so an unknown name becomes
 * `UnsupportedFunctionException` in the analyzer (sql.md §13 #12). Lookup is
 * case-insensitive and tolerates a `pg_catalog.` / `information_schema.` prefix.
 * UDFs (CREATE FUNCTION) are looked up by the analyzer after these.
 */
import { aggregateFunctions } from './aggregate-functions.js';
import { arrayFunctions } from './array-functions.js';
import { conditionalFunctions } from './conditional-functions.js';
import { dateFunctions } from './date-functions.js';
import type { WindowAwareCall } from './define.js';
import type { FunctionDef, ResolvedCall } from './function-types.js';
import { geoFunctions } from './geo-functions.js';
import { mathFunctions } from './math-functions.js';
import { objectFunctions } from './object-functions.js';
import { regexFunctions } from './regex-functions.js';
import { stringFunctions } from './string-functions.js';
import { pgFunctions } from './pg-functions.js';
import { systemFunctions } from './system-functions.js';
import { tableFunctions } from './table-functions.js';
import { windowFunctions } from './window-functions.js';

const REGISTRY = new Map<string, FunctionDef>();
for (const family of [
  conditionalFunctions, stringFunctions, mathFunctions, regexFunctions, dateFunctions, arrayFunctions,
  objectFunctions, geoFunctions, systemFunctions, pgFunctions, aggregateFunctions, windowFunctions, tableFunctions,
]) {
  for (const def of family) {
    if (REGISTRY.has(def.name)) throw new Error(`duplicate built-in function ${def.name}`);
    REGISTRY.set(def.name, def);
  }
}

const PREFIXES = ['pg_catalog.', 'information_schema.'];

/** The built-in function `name` (any case, optional pg_catalog./information_schema. prefix). */
export function lookupFunction(name: string): FunctionDef | undefined {
  let key = name.toLowerCase();
  for (const p of PREFIXES) if (key.startsWith(p)) key = key.slice(p.length);
  return REGISTRY.get(key);
}

/** Names of all built-in functions (for pg_proc / information_schema.routines). */
export function builtinFunctionNames(): string[] {
  return [...REGISTRY.keys()].sort();
}

/**
 * The SQL of an aggregate/window call used with `OVER (over)`. Calls from this registry know
 * where the OVER clause goes (`CAST(row_number() OVER (…) AS INTEGER)`); for others it is
 * appended.
 */
export function applyOver(resolved: ResolvedCall, over: string): string {
  const aware = resolved as Partial<WindowAwareCall>;
  return aware.windowSql ? aware.windowSql(over) : `${resolved.sql} OVER (${over})`;
}
