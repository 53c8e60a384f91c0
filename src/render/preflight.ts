/**
 * The preflight of `relm report`: what a client must never see, looked for in the rendered deliverables before
 * anything is written. The text checks run here on the Markdown and HTML, and in the browser page (print-pass.ts)
 * on what each PDF page shows; the layout checks (a slide's content under its footer, a table wider than the
 * page) run only in the browser. A finding names the deliverable, the place (line, slide or page) and the text.
 */
import type { Engagement } from '../engagement/types.js';
import type { Assessment } from '../engine/types.js';
import { decodeEntities } from './html.js';

export interface PreflightFinding {
  /** The deliverable's file: report.md, presentation.pdf, … */
  file: string;
  /** The place in it: "line 12", "slide 10", "page 7". */
  where: string;
  code: string;
  message: string;
}

/** A text rule, as plain data so that it also runs inside the browser page. `{m}` in the message is the match. */
export interface TextRule {
  code: string;
  source: string;
  flags: string;
  message: string;
}

const RULES: readonly TextRule[] = [
  {
    code: 'missing-value',
    source: String.raw`\b(?:null|undefined|NaN)\b|\\?\[object Object\\?\]`,
    flags: 'g',
    message: 'shows "{m}" where a value belongs: a field the template names is missing or not text',
  },
  { code: 'cut-text', source: String.raw`[\p{L}\p{N}]…`, flags: 'gu', message: 'shows text cut short with "…": wrap it or give it room' },
  {
    code: 'file-name',
    source: String.raw`(?<![\w./-])[\w.-]+\.(?:ya?ml|json|hbs|csv)\b`,
    flags: 'g',
    message: 'names a file ("{m}"): say what it holds in the client\'s words',
  },
];

/**
 * The ids relm and the engagement use internally, which client text must not show: those of practices,
 * recommendations, requirements, goals, people, roles and skills. Plain words ("lead") read as words and are
 * left out; so are ids shorter than three characters.
 */
export function internalIds(a: Assessment, e: Engagement): string[] {
  const ids = [
    ...e.model.practices.map((p) => p.id),
    ...a.recommendations.map((r) => r.id),
    ...(e.target.requirements ?? []).map((r) => r.id),
    ...(e.target.goals ?? []).map((g) => g.id),
    ...(e.team?.people ?? []).map((p) => p.id),
    ...(e.team?.roles ?? []).map((r) => r.id),
    ...(e.model.skills ?? []).map((s) => s.id),
  ];
  return [...new Set(ids)].filter((id) => id.length >= 3 && /[-_.@]|\d/.test(id)).sort((x, y) => y.length - x.length);
}

/** The rules for a run: the fixed ones and one for the engagement's internal ids. */
export function textRules(ids: readonly string[]): TextRule[] {
  if (!ids.length) return [...RULES];
  const alternatives = ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return [
    ...RULES,
    { code: 'internal-id', source: `(?<![\\w.-])(?:${alternatives})(?![\\w-])`, flags: 'g', message: 'shows the internal id "{m}": use its name' },
  ];
}

/** The excerpt a finding quotes: the match with a little of the text on either side. */
export function excerpt(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 40);
  const to = Math.min(text.length, index + length + 40);
  return `${from > 0 ? '...' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '...' : ''}`;
}

/** Each rule's regular expression, compiled once: a deliverable is checked line by line, thousands of lines. */
const compiled = new WeakMap<TextRule, RegExp>();
function regexOf(r: TextRule): RegExp {
  let re = compiled.get(r);
  if (!re) compiled.set(r, (re = new RegExp(r.source, r.flags.includes('g') ? r.flags : `${r.flags}g`)));
  re.lastIndex = 0;
  return re;
}

/** The rules a piece of text breaks: per rule, its message with the first match's excerpt (and how many more). */
export function checkText(text: string, rules: readonly TextRule[]): { code: string; message: string }[] {
  const out: { code: string; message: string }[] = [];
  for (const r of rules) {
    const re = regexOf(r);
    const m = re.exec(text);
    if (!m) continue;
    let count = 1;
    for (let at = m.index; ; count++) {
      if (re.lastIndex === at) re.lastIndex++; // an empty match: step past it, as matchAll does
      const next = re.exec(text);
      if (!next) break;
      at = next.index;
    }
    const more = count > 1 ? ` (${count} times)` : '';
    out.push({ code: r.code, message: `${r.message.replace('{m}', m[0])}${more}: "${excerpt(text, m.index, m[0].length)}"` });
  }
  return out;
}

/**
 * A line-by-line check of text a client reads; `visible` maps a line to its visible text. The rules are tried
 * on the whole visible text first (no rule matches across lines): only those that match anywhere are tried
 * line by line, so a clean deliverable costs one search per rule.
 */
function byLine(file: string, text: string, rules: readonly TextRule[], visible: (line: string) => string): PreflightFinding[] {
  const lines = text.split('\n').map(visible);
  const whole = lines.join('\n');
  const broken = rules.filter((r) => regexOf(r).test(whole));
  if (!broken.length) return [];
  const out: PreflightFinding[] = [];
  lines.forEach((line, i) => {
    for (const f of checkText(line, broken)) out.push({ file, where: `line ${i + 1}`, ...f });
  });
  return out;
}

/** The Markdown's text: link and image targets and HTML comments are not shown to a reader. */
export function checkMarkdown(file: string, md: string, rules: readonly TextRule[]): PreflightFinding[] {
  return byLine(
    file,
    md.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' ')),
    rules,
    (line) => line.replace(/\]\([^)]*\)/g, ']'),
  );
}

/** The HTML's text: what is between the tags of the body (the stylesheet and attributes are not shown). */
export function checkHtml(file: string, html: string, rules: readonly TextRule[]): PreflightFinding[] {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const body = html.replace(/<head[\s>][\s\S]*?<\/head>|<style[\s>][\s\S]*?<\/style>|<script[\s>][\s\S]*?<\/script>|<!--[\s\S]*?-->/gi, blank);
  return byLine(file, body, rules, (line) => decodeEntities(line.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ')));
}

/** The findings for the terminal, grouped by deliverable as `relm validate` prints its findings. */
export function formatPreflight(
  findings: readonly PreflightFinding[],
  severity: 'error' | 'warning',
  c: { underline: (s: string) => string; dim: (s: string) => string; red: (s: string) => string; yellow: (s: string) => string },
): string {
  const out: string[] = [];
  const whereWidth = findings.reduce((w, f) => Math.max(w, f.where.length), 0);
  const codeWidth = findings.reduce((w, f) => Math.max(w, f.code.length), 0);
  const sev = severity === 'error' ? c.red(severity) : c.yellow(severity);
  let file: string | undefined;
  for (const f of findings) {
    if (f.file !== file) {
      if (file !== undefined) out.push('');
      out.push(c.underline(f.file));
      file = f.file;
    }
    out.push(`  ${c.dim(f.where.padEnd(whereWidth))}  ${sev}  ${c.dim(f.code.padEnd(codeWidth))}  ${f.message}`);
  }
  return out.join('\n');
}

/** The text of an XML element's runs, entities decoded. */
function runsText(xml: string, run: RegExp): string {
  return decodeEntities([...xml.matchAll(run)].map((m) => m[1]!).join('')).replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

/**
 * The text of a PowerPoint deck (by slide) or a Word document (by paragraph), checked like the other formats.
 * The workbook is left out: it is a data file whose id columns are there to filter and join on.
 */
export async function checkOffice(file: string, bytes: Uint8Array, rules: readonly TextRule[]): Promise<PreflightFinding[]> {
  if (!file.endsWith('.pptx') && !file.endsWith('.docx')) return [];
  const { readPackage } = await import('./office/zip.js');
  const parts = await readPackage(bytes);
  const text = (path: string) => new TextDecoder().decode(parts.get(path)!);
  const out: PreflightFinding[] = [];
  if (file.endsWith('.pptx')) {
    const slides = [...parts.keys()]
      .map((p) => /^ppt\/slides\/slide(\d+)\.xml$/.exec(p))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    for (const m of slides) {
      for (const para of text(m[0]).match(/<a:p>[\s\S]*?<\/a:p>/g) ?? []) {
        for (const f of checkText(runsText(para, /<a:t>([^<]*)<\/a:t>/g), rules)) out.push({ file, where: `slide ${m[1]}`, ...f });
      }
    }
  } else if (file.endsWith('.docx') && parts.has('word/document.xml')) {
    (text('word/document.xml').match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).forEach((para, i) => {
      for (const f of checkText(runsText(para, /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g), rules)) out.push({ file, where: `paragraph ${i + 1}`, ...f });
    });
  }
  return out;
}
