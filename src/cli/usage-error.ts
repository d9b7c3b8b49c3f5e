/** A bad command line or configuration: printed as `cratelite: message`, exit code 1 (2 for usage). */
export class UsageError extends Error {
  /** `showHelpHint`: append "Try 'cratelite … --help'." — for command-line mistakes, not for bad settings. */
  constructor(message: string, readonly showHelpHint = true) {
    super(message);
  }
}
