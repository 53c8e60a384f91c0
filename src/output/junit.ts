import type { Diagnostic } from '../engagement/diagnostics.js';
import type { Formatter } from './types.js';

// Characters XML 1.0 does not allow anywhere (lone surrogates included, thanks to the u flag).
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/** Escapes text content. */
export function xmlText(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!);
}

/** Escapes an attribute value; line breaks and tabs as character references so parsers keep them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

interface Case {
  file: string;
  code: string;
  findings: Diagnostic[];
}

/** Groups findings by file, then by code, each in order of first appearance. */
function group(diagnostics: readonly Diagnostic[]): Map<string, Map<string, Case>> {
  const files = new Map<string, Map<string, Case>>();
  for (const d of diagnostics) {
    let codes = files.get(d.file);
    if (!codes) files.set(d.file, (codes = new Map()));
    let c = codes.get(d.code);
    if (!c) codes.set(d.code, (c = { file: d.file, code: d.code, findings: [] }));
    c.findings.push(d);
  }
  return files;
}

function testcase(c: Case): string[] {
  const type = c.findings.some((d) => d.severity === 'error') ? 'error' : 'warning';
  const first = c.findings[0]!.message;
  const message = c.findings.length === 1 ? first : `${first} (and ${c.findings.length - 1} more)`;
  const body = c.findings.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n');
  return [
    `    <testcase classname="${xmlAttr(c.file)}" name="${xmlAttr(c.code)}">`,
    `      <failure type="${type}" message="${xmlAttr(message)}">${xmlText(body)}</failure>`,
    '    </testcase>',
  ];
}

/**
 * JUnit XML: one testsuite per file with findings, one failing testcase per (file, code) pair listing
 * its findings as `line:col message`. No findings gives one passing testcase, so CI shows a pass.
 */
export const junit: Formatter = (diagnostics) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const files = group(diagnostics);
  if (!files.size) {
    out.push(
      '<testsuites name="relm" tests="1" failures="0" errors="0">',
      '  <testsuite name="relm" tests="1" failures="0" errors="0">',
      '    <testcase classname="relm" name="engagement is valid"/>',
      '  </testsuite>',
      '</testsuites>',
    );
    return out.join('\n') + '\n';
  }
  const total = [...files.values()].reduce((n, codes) => n + codes.size, 0);
  out.push(`<testsuites name="relm" tests="${total}" failures="${total}" errors="0">`);
  for (const [file, codes] of files) {
    out.push(`  <testsuite name="${xmlAttr(file)}" tests="${codes.size}" failures="${codes.size}" errors="0">`);
    for (const c of codes.values()) out.push(...testcase(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
};
