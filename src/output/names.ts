/**
 * The names of the findings formats, in the order help lists them. Kept apart from the formatters so that
 * the command line can name them without loading them; index.ts maps each name to its formatter, and the
 * compiler checks that the two lists agree.
 */
export const FORMAT_NAMES = ['stylish', 'text', 'json', 'github', 'junit', 'sarif'] as const;

/**
 * The formats `relm report` writes, in the order help lists them; relm.yaml `output.formats` takes the same
 * (test/docs/registries.test.ts checks the schema's enum against it).
 */
export const REPORT_FORMATS = ['md', 'html', 'pdf', 'pptx', 'xlsx', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type FormatName = (typeof FORMAT_NAMES)[number];
