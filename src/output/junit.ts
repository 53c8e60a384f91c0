import { xmlAttr, xmlText } from '../util/xml.js';
import type { Diagnostic } from '../diagnostics/finding.js';
import { printableFinding } from './printable.js';
import type { Formatter } from './types.js';
import { pushAll } from '../util/arrays.js';

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

function failed(c: Case): boolean {
  return c.findings.some((d) => d.severity === 'error');
}

function testcase(c: Case): string[] {
  const body = c.findings.map((d) => `${d.line}:${d.col} ${d.severity === 'error' ? '' : `${d.severity}: `}${d.message}`).join('\n');
  const open = `    <testcase classname="${xmlAttr(c.file)}" name="${xmlAttr(c.code)}">`;
  if (!failed(c)) {
    // Warnings do not fail the build: the case passes, its findings in the output CI shows beside it.
    return [open, `      <system-out>${xmlText(body)}</system-out>`, '    </testcase>'];
  }
  const errors = c.findings.filter((d) => d.severity === 'error');
  const first = errors[0]!.message;
  const message = errors.length === 1 ? first : `${first} (and ${errors.length - 1} more)`;
  return [open, `      <failure type="error" message="${xmlAttr(message)}">${xmlText(body)}</failure>`, '    </testcase>'];
}

/**
 * JUnit XML: one testsuite per file with findings, one testcase per (file, code) pair listing its findings as
 * `line:col message`. A case with an error fails; a case with only warnings passes, its findings in
 * `<system-out>`, so CI shows a valid engagement as green. No findings gives one passing testcase.
 */
export const junit: Formatter = (diagnostics) => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const files = group(diagnostics.map((d) => printableFinding(d, { lineBreaks: true })));
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
  const all = [...files.values()].flatMap((codes) => [...codes.values()]);
  out.push(`<testsuites name="relm" tests="${all.length}" failures="${all.filter(failed).length}" errors="0">`);
  for (const [file, codes] of files) {
    const cases = [...codes.values()];
    out.push(`  <testsuite name="${xmlAttr(file)}" tests="${cases.length}" failures="${cases.filter(failed).length}" errors="0">`);
    for (const c of cases) pushAll(out, testcase(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
};
