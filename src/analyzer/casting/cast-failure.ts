/**
 * The internal signal of a failed value cast. Callers turn it into CrateDB's message: the
 * literal printed as a symbol at compile time, or the bare value for parameters. A
 * `specificMessage` replaces the generic "Cannot cast …" text where CrateDB has its own.
 */
export class CastFailure extends Error {
  constructor(readonly specificMessage?: string) { super(specificMessage ?? 'cast failure'); }
}
