import type { ErrorBody } from '@harmony-push/shared';

/** What `harmony-push` exits with; the README's CLI section lists the same. */
export enum ExitCode {
  OK = 0,
  /** A check or an operation failed (`doctor` found a problem, a send ended `failed`). */
  FAILED = 1,
  /** The command line is wrong: an unknown option, a missing argument, an unreadable `--file`. */
  USAGE = 2,
  /** The request was refused: a 4xx from the server, or the server's own schema with `--dry-run`. */
  REFUSED = 3,
  /** No usable answer: the server cannot be reached, timed out, or answered 5xx. */
  UNAVAILABLE = 4
}

/** A failure a command ends with: told on stderr (or as JSON with `--json`), then the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly body: ErrorBody,
    /** Lines told after the message (the fix, the details). */
    readonly hints: string[] = []
  ) {
    super(body.message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(ExitCode.USAGE, { error: 'USAGE', message });
