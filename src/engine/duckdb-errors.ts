/**
 * DuckDB error messages → CrateDB errors. DuckDB's text must never reach a client unclassified
 * for errors CrateDB users can cause (overflow, division by zero, casts, constraint violations).
 */
import {
  ArithmeticException, ColumnValidationException, CrateliteError, DuplicateKeyException, InternalError,
  JobKilledException, SQLParseException, UnsupportedFeatureException, UnsupportedFunctionException,
} from '../errors/errors.js';

export function classifyDuckDbError(e: unknown): CrateliteError {
  if (e instanceof CrateliteError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/INTERRUPT|Interrupted/i.test(msg)) return new JobKilledException('Job killed. statement interrupted');
  if (/Duplicate key|violates primary key constraint|PRIMARY KEY or UNIQUE constraint/i.test(msg)) {
    return new DuplicateKeyException('A document with the same primary key exists already');
  }
  const userError = /^(?:Invalid Input Error|Out of Range Error): (.*)$/s.exec(msg);
  if (userError) {
    const inner = userError[1]!;
    if (/overflow|out of range/i.test(inner) && /INT64|BIGINT/i.test(inner)) return new ArithmeticException('long overflow');
    if (/overflow|out of range/i.test(inner) && /INT32|INTEGER|INT16|INT8/i.test(inner)) return new ArithmeticException('integer overflow');
    // `Overflow on abs(-2147483648)`, `Overflow in division of -2147483648 / -1`: no type named
    if (/^Overflow (on|in) /.test(inner)) {
      return new ArithmeticException(/-9223372036854775808/.test(inner) ? 'long overflow' : 'integer overflow');
    }
    // Messages raised on purpose by translated SQL: error('…') carries the CrateDB text.
    const raised = /^cratelite:(\w+):(.*)$/s.exec(inner);
    if (raised) return raisedError(raised[1]!, raised[2]!);
  }
  const conv = /^Conversion Error: (.*)$/s.exec(msg);
  if (conv) return new SQLParseException(conv[1]!.split('\n')[0]!);
  return new InternalError(msg.split('\n')[0]!);
}

/**
 * Translated SQL raises CrateDB errors through DuckDB's `error()` with the text
 * `cratelite:<ExceptionName>:<message>`; this turns them back into the right class.
 */
function raisedError(name: string, message: string): CrateliteError {
  const cls = RAISABLE[name];
  return cls ? new cls(message) : new InternalError(message);
}

const RAISABLE: Record<string, new (message: string) => CrateliteError> = {
  ArithmeticException, SQLParseException, UnsupportedFeatureException, ColumnValidationException,
  DuplicateKeyException, UnsupportedFunctionException,
};

/** The DuckDB SQL expression that raises a CrateDB error when evaluated. */
export function raiseSql(name: string, message: string): string {
  return `error('cratelite:${name}:${message.replace(/'/g, "''")}')`;
}

/**
 * DuckDB's texts for an optimistic-concurrency abort of a statement or of an ALTER TABLE: the
 * statement had no effect and can be run again.
 */
export function isTransactionConflict(e: unknown): boolean {
  return e instanceof Error
    && /Transaction conflict|write-write conflict|another transaction has altered|concurrent transaction/i.test(e.message);
}
