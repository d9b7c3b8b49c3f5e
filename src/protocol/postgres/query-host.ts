/**
 * What the simple and extended query handlers need from their connection: the session, the
 * output (writer + backpressured flush), error reporting, and the hooks for statements that
 * change protocol-level state (DEALLOCATE, DISCARD ALL).
 */
import type { Session } from '../../session/session.js';
import type { Statement } from '../../sql/ast/index.js';
import type { PgOutput } from './pg-result-sink.js';

export interface QueryHost extends PgOutput {
  readonly session: Session;
  /** Append an ErrorResponse for a statement error (cancel messages rewritten as CrateDB words them). */
  errorResponse(e: unknown): void;
  /** Called before a statement runs; DEALLOCATE / DISCARD ALL drop prepared statements and portals. */
  beforeStatement(statement: Statement): void;
}
