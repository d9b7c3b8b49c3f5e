/**
 * CrateliteError → ErrorResponse fields (pgwire.md §13).
 *
 * The message is the plain exception message (no `Name[…]` wrapper, unlike HTTP). The SQLSTATE
 * follows CrateDB's table: only a short list of errors has a specific code, everything else —
 * casts, NOT NULL/CHECK violations, job killed, statement timeout, division by zero, protocol
 * errors — is XX000. The table is keyed by CrateDB exception name because CrateDB picks PG
 * codes by exception class (PGErrorStatus), independent of the HTTP code.
 */
import { toCrateliteError } from '../../errors/errors.js';
import type { ErrorFields } from './messages/backend-messages.js';

const SQLSTATE_BY_NAME: Record<string, string> = {
  ParsingException: '42601',
  RelationUnknown: '42P01',
  ColumnUnknownException: '42703',
  RelationAlreadyExists: '42P07',
  DuplicateKeyException: '23505',
  AmbiguousColumnException: '42702',
  AmbiguousAliasException: '42P09',
  InvalidSchemaNameException: '3F000',
  SchemaUnknownException: '3F000',
  UnsupportedFunctionException: '0A000',
  RoleUnknownException: '42704',
  SchemaAlreadyExists: '42P06',
  DuplicateObjectException: '42710',
  DependentObjectsExists: '2BP01',
};

export const INTERNAL_ERROR = 'XX000';
export const INVALID_AUTHORIZATION = '28000';

export function sqlStateOf(crateName: string): string {
  return SQLSTATE_BY_NAME[crateName] ?? INTERNAL_ERROR;
}

/** ErrorResponse fields for a statement error (severity ERROR). */
export function errorFieldsOf(e: unknown): ErrorFields {
  const err = toCrateliteError(e);
  return { severity: 'ERROR', message: err.message || err.crateName, sqlState: sqlStateOf(err.crateName) };
}

/** FATAL error of the start-up phase or of a broken connection (framing); XX000 unless given. */
export function fatal(message: string, sqlState = INTERNAL_ERROR): ErrorFields {
  return { severity: 'FATAL', message, sqlState };
}

/** Authentication failures: S, M, C=28000, R=ClientAuthentication — exactly this field set (§2.4). */
export function authenticationFailed(message: string): ErrorFields {
  return { severity: 'FATAL', message, sqlState: INVALID_AUTHORIZATION, routine: 'ClientAuthentication' };
}
