/**
 * System information functions (functions.md §2.9). Their values come from cratelite itself
 * (session, catalog constants) and are inlined as literals, never from DuckDB's functions of
 * the same names (DuckDB's `version()` or `pg_typeof` would print DuckDB facts).
 *
 * Privilege functions answer for the superuser `crate` (auth off): everything is granted
 * except TEMP/TEMPORARY on the database; a pg_catalog/auth layer may override these defs.
 */
import os from 'node:os';
import { SQLParseException } from '../../errors/errors.js';
import { CRATE_VERSION, CRATELITE_VERSION } from '../../session/version.js';
import { T, typeName, type DataType } from '../../types/data-type.js';
import { quoteString } from '../../translator/duckdb-types.js';
import { literalSql } from '../casts.js';
import { stringLiteral } from '../expr-util.js';
import { coerceArgs, result, scalar } from './define.js';
import type { CompiledExpr, FunctionDef } from './function-types.js';

const SERVER_START_MS = Date.now();

/** `CrateDB 6.5.0 (built cratelite-0.1.0/2026-01-01, Linux 6.1 x64, Node.js v20.11.0)` */
export function versionString(): string {
  return `CrateDB ${CRATE_VERSION} (built cratelite-${CRATELITE_VERSION}/unknown, ${os.type()} ${os.release()} `
    + `${process.arch}, Node.js ${process.version})`;
}

const constant = (name: string, signatures: string[], arity: number[], sql: (args: readonly CompiledExpr[]) => string,
  type: DataType = T.text): FunctionDef =>
  scalar(name, signatures, (args) => (arity.includes(args.length) ? result(sql(args), type) : undefined));

function privilege(name: string, withUser: number, withoutUser: number, denied: readonly string[] = []): FunctionDef {
  return scalar(name, ['([user,] object, privileges)'], (args) => {
    if (args.length !== withUser && args.length !== withoutUser) return undefined;
    const privs = args[args.length - 1]!;
    const text = stringLiteral(privs);
    if (text !== undefined) {
      const list = text.split(',').map((p) => p.trim().toUpperCase());
      return result(list.some((p) => !denied.includes(p)) ? 'true' : 'false', T.boolean);
    }
    const anyNull = args.map((a) => `${a.sql} IS NULL`).join(' OR ');
    return result(`CASE WHEN ${anyNull} THEN NULL ELSE true END`, T.boolean);
  });
}

export const systemFunctions: FunctionDef[] = [
  constant('version', ['()'], [0], () => quoteString(versionString())),
  scalar('current_schema', ['()'], (args, ctx) => (args.length === 0 ? result(quoteString(ctx.currentSchema), T.text) : undefined)),
  scalar('current_schemas', ['(boolean)'], (args, ctx) => {
    const a = coerceArgs(args, [T.boolean]);
    if (!a) return undefined;
    const path = (ctx.setting('search_path') ?? ctx.currentSchema).split(',').map((s) => s.trim()).filter(Boolean)
      .filter((s) => s !== 'pg_catalog');
    const withCatalog = literalSql(['pg_catalog', ...path], T.array(T.text));
    const without = literalSql(path, T.array(T.text));
    const flag = a[0]!;
    if (flag.literal) return result(flag.literal.value ? withCatalog : without, T.array(T.text));
    return result(`CASE WHEN ${flag.sql} THEN ${withCatalog} ELSE ${without} END`, T.array(T.text));
  }),
  constant('current_database', ['()'], [0], () => quoteString('crate')),
  scalar('current_setting', ['(text)', '(text, boolean)'], (args, ctx) => {
    if (args.length < 1 || args.length > 2) return undefined;
    const name = stringLiteral(args[0]!);
    if (name === undefined) {
      if (args[0]!.literal?.value === null) return result('CAST(NULL AS VARCHAR)', T.text);
      throw new SQLParseException('current_setting requires a literal setting name');
    }
    const value = ctx.setting(name);
    if (value === undefined) {
      const missingOk = args[1]?.literal?.value === true;
      if (!missingOk) throw new SQLParseException(`Unrecognised Setting: ${name}`);
      return result('CAST(NULL AS VARCHAR)', T.text);
    }
    return result(quoteString(value), T.text);
  }),
  constant('pg_backend_pid', ['()'], [0], () => 'CAST(-1 AS INTEGER)', T.integer),
  constant('pg_postmaster_start_time', ['()'], [0], () => literalSql(SERVER_START_MS, T.timestamptz), T.timestamptz),
  scalar('pg_typeof', ['(T)'], (args) => (args.length === 1
    ? result(quoteString(args[0]!.rawJson !== undefined ? 'undefined' : typeName(args[0]!.type)), T.text) : undefined)),
  privilege('has_database_privilege', 3, 2, ['TEMP', 'TEMPORARY']),
  privilege('has_schema_privilege', 3, 2),
  privilege('has_table_privilege', 3, 2),
  privilege('has_function_privilege', 3, 2),
];
