/**
 * The one sanitiser for text that relm prints to a terminal or writes into a line-based format (text,
 * stylish, GitHub workflow commands, JUnit, the summaries, error messages). Engagement files are written by
 * others: a client name holding `ESC ]0;…` would retitle the terminal, `ESC [2J` clear it, a line break in a
 * file name would start a line of its own (a forged finding, or a GitHub workflow command). Every control
 * character, and the invisible characters that reorder or break lines, is shown escaped instead: `\n`, `\t`,
 * `\r`, `\x1b`, `\u{202e}`. Everything else, accents and emoji included, passes unchanged.
 */
// C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional controls.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function printable(s: string, opts: { lineBreaks?: boolean } = {}): string {
  return s.replace(UNSAFE, (c) => {
    // A format that encodes line breaks itself (a workflow command's %0A, XML) may keep them in a message.
    if (opts.lineBreaks && (c === '\n' || c === '\r')) return c;
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
  });
}

/** A finding with its file, code and message made printable (positions are numbers already). */
export function printableFinding<D extends { file: string; code: string; message: string }>(d: D, opts: { lineBreaks?: boolean } = {}): D {
  return { ...d, file: printable(d.file), code: printable(d.code), message: printable(d.message, opts) };
}

/** The same, through every string of a plain value (arrays, objects, maps of strings): for a whole view at once. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [printableDeep(k), printableDeep(v)])) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, { value: printableDeep(v), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/** relm's own colours (SGR sequences, as chalk writes them): the only escape sequences a terminal gets from relm. */
const SGR = /\u001b\[[0-9;]*m/y;
const ONE_UNSAFE = new RegExp(UNSAFE.source);
/** Whether a text holds anything to escape besides its line breaks and tabs (most output holds nothing). */
const ANY_UNSAFE = new RegExp(UNSAFE.source.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b-\\u001f'));

/**
 * The terminal's one sanitiser, applied to every line relm prints (cli/ui.ts writeOut, writeErr): line breaks
 * and tabs pass, relm's own colours pass when `colors` is on, and every other control character is shown
 * escaped, whichever command printed it and whatever it forgot (a name, a title, an id of the user's).
 */
export function terminalSafe(text: string, colors: boolean): string {
  if (!ANY_UNSAFE.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '\t' || !ONE_UNSAFE.test(c)) continue;
    if (colors && c === '\u001b') {
      SGR.lastIndex = i;
      const m = SGR.exec(text);
      if (m) {
        i += m[0].length - 1;
        continue;
      }
    }
    out += text.slice(from, i) + printable(c);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
