import type { Formatter } from './types.js';

/** All findings as a JSON array of {file, line, col, endLine, endCol, severity, code, message}. */
export const json: Formatter = (diagnostics) => JSON.stringify(diagnostics, null, 2) + '\n';
