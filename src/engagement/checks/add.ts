import type { Code } from '../../diagnostics/rules.js';

/** How a check reports a finding: the file, the path in it, the code (its severity is the catalogue's), the message. */
export type Add = (file: string, path: (string | number)[], code: Code, message: string, at?: 'key' | 'value') => void;
