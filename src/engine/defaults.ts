/**
 * The engine's defaults that commands and the engine share: one definition each (a tiny module, so the CLI's
 * option parsing can read them without loading the engine).
 */

/** The release-metrics window in days, ending with as_of (docs/formulas.md: 180); record metrics of the backlog use it too. */
export const DEFAULT_WINDOW_DAYS = 180;
