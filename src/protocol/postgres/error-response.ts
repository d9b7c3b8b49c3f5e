/**
 * CrateliteError → ErrorResponse fields (pgwire.md §13).
 *
 * The message is the plain exception message (no `Name[…]` wrapper, unlike HTTP). The SQLSTATE
 * is the error's own (errors/errors.ts keeps CrateDB's table: a short list of errors has a
 * specific code, everything else — casts, NOT NULL/CHECK, job killed, division by zero — XX000).
 */
import { toCrateliteError } from '../../errors/errors.js';
import type { ErrorFields } from './messages/backend-messages.js';

export const INTERNAL_ERROR = 'XX000';
export const INVALID_AUTHORIZATION = '28000';

/** ErrorResponse fields for a statement error (severity ERROR). */
export function errorFieldsOf(e: unknown): ErrorFields {
  const err = toCrateliteError(e);
  return { severity: 'ERROR', message: err.message || err.crateName, sqlState: err.sqlState };
}

/** FATAL error of the start-up phase or of a broken connection (framing); XX000 unless given. */
export function fatal(message: string, sqlState = INTERNAL_ERROR): ErrorFields {
  return { severity: 'FATAL', message, sqlState };
}

/** Authentication failures: S, M, C=28000, R=ClientAuthentication — exactly this field set (§2.4). */
export function authenticationFailed(message: string): ErrorFields {
  return { severity: 'FATAL', message, sqlState: INVALID_AUTHORIZATION, routine: 'ClientAuthentication' };
}
