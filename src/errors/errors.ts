/**
 * The one error hierarchy of cratelite. Every error knows its CrateDB exception name
 * (the `Name[message]` prefix on HTTP), its CrateDB error code, its HTTP status and its
 * PostgreSQL SQLSTATE (CrateDB sends XX000 for all but a short list of errors, pgwire.md §13;
 * http.md §3.10, sql.md §12).
 * Protocol adapters only serialize these.
 */

export abstract class CrateliteError extends Error {
  abstract readonly crateName: string;
  abstract readonly crateCode: number;
  abstract readonly sqlState: string;
  /** 0-based character offset into the statement, when known */
  position?: number;

  get httpStatus(): number { return httpStatusOf(this.crateCode); }

  /** `RelationUnknown[Relation 'foo' unknown]` */
  get crateMessage(): string { return `${this.crateName}[${this.message}]`; }
}

/** HTTP status for a CrateDB error code: the first digits of the code (4041 → 404, 40910 → 409). */
export function httpStatusOf(code: number): number {
  return Number(String(code).slice(0, 3));
}

function define(crateName: string, crateCode: number, sqlState: string) {
  return class extends CrateliteError {
    readonly crateName = crateName;
    readonly crateCode = crateCode;
    readonly sqlState = sqlState;
    constructor(message: string, position?: number) {
      super(message);
      this.name = crateName;
      if (position !== undefined) this.position = position;
    }
  };
}

/** Syntax errors: `line 1:11: mismatched input 'select' expecting <EOF>` */
export class ParsingException extends define('ParsingException', 4000, '42601') {}
/** Every IllegalArgumentException in CrateDB: casts, NOT NULL, CHECK, bad settings, analysis errors. */
export class SQLParseException extends define('SQLParseException', 4000, 'XX000') {}
export class SQLParseSourceException extends define('SQLParseSourceException', 5000, 'XX000') {}
export class InvalidRelationName extends define('InvalidRelationName', 4002, 'XX000') {}
export class InvalidSchemaNameException extends define('InvalidSchemaNameException', 4002, '3F000') {}
export class ColumnValidationException extends define('ColumnValidationException', 4003, 'XX000') {}
export class OperationOnInaccessibleRelationException extends define('OperationOnInaccessibleRelationException', 4007, 'XX000') {}
export class UnsupportedFeatureException extends define('UnsupportedFeatureException', 4004, 'XX000') {}
export class UnsupportedFunctionException extends define('UnsupportedFunctionException', 4004, '0A000') {}
export class AmbiguousColumnException extends define('AmbiguousColumnException', 4006, '42702') {}
export class InvalidColumnNameException extends define('InvalidColumnNameException', 4008, 'XX000') {}
export class RelationUnknown extends define('RelationUnknown', 4041, '42P01') {}
export class ColumnUnknownException extends define('ColumnUnknownException', 4043, '42703') {}
export class SchemaUnknownException extends define('SchemaUnknownException', 4045, '3F000') {}
export class PartitionUnknownException extends define('PartitionUnknownException', 4046, 'XX000') {}
export class DuplicateKeyException extends define('DuplicateKeyException', 4091, '23505') {}
export class VersioningValidationException extends define('VersioningValidationException', 4000, 'XX000') {}
export class RelationAlreadyExists extends define('RelationAlreadyExists', 4093, '42P07') {}
export class SchemaAlreadyExists extends define('SchemaAlreadyExists', 40910, '42P06') {}
export class DependentObjectsExists extends define('DependentObjectsExists', 40013, '2BP01') {}
export class ReadOnlyException extends define('ReadOnlyException', 4031, 'XX000') {}
export class JobKilledException extends define('JobKilledException', 5005, 'XX000') {}
/** Integer overflow, `/ by zero` (a plain Java ArithmeticException: code 5000). */
export class ArithmeticException extends define('ArithmeticException', 5000, 'XX000') {}
export class InternalError extends define('RuntimeException', 5000, 'XX000') {}

/** `Relation 'x' unknown` */
export const relationUnknown = (name: string, position?: number) =>
  new RelationUnknown(`Relation '${name}' unknown`, position);
export const columnUnknown = (name: string, position?: number) =>
  new ColumnUnknownException(`Column ${name} unknown`, position);
export const schemaUnknown = (name: string) => new SchemaUnknownException(`Schema '${name}' unknown`);
export const unsupported = (message: string) => new UnsupportedFeatureException(message);

/** Wrap anything thrown into a CrateliteError (unknown errors become 5000 RuntimeException). */
export function toCrateliteError(e: unknown): CrateliteError {
  if (e instanceof CrateliteError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new InternalError(message);
}
