/**
 * The names of the findings formats, in the order help lists them. Kept apart from the formatters so that
 * the command line can name them without loading them; index.ts maps each name to its formatter, and the
 * compiler checks that the two lists agree.
 */
export const FORMAT_NAMES = ['stylish', 'text', 'json', 'github', 'junit', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
