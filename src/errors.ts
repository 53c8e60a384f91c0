/** Exit codes of docs/commands.md. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * A user-facing error: a message that says what is wrong, an optional hint that says what to do,
 * and the exit code it maps to. The CLI prints these without a stack trace (unless --debug).
 */
export class RelmError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'RelmError';
  }
}
