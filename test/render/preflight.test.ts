/**
 * The preflight's text rules on hand-made text: what is a finding and what is not, and where it is reported.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkHtml, checkMarkdown, checkOffice, checkText, textRules } from '../../src/render/preflight.js';

const rules = textRules(['REQ-3', 'release-policy', 'G-1']);
const codes = (text: string) => checkText(text, rules).map((f) => f.code);

describe('the preflight text rules', () => {
  it('finds missing values, cut text, file names and internal ids', () => {
    expect(codes('Cost: null')).toEqual(['missing-value']);
    expect(codes('Owner: undefined, share NaN %')).toEqual(['missing-value']);
    expect(codes('Roles: [object Object]')).toEqual(['missing-value']);
    expect(codes('Standar… Aug… 2026')).toEqual(['cut-text']);
    expect(codes('Keep the list in backlog.yaml')).toEqual(['file-name']);
    expect(codes('Meets REQ-3 and G-1 by March')).toEqual(['internal-id']);
    expect(codes('See release-policy for details')).toEqual(['internal-id']);
  });

  it('leaves alone what only looks like them', () => {
    // An elided list, a word that contains an id, a version number, an ordinary sentence.
    expect(codes('Eight skills rest on one person (Release planning, Change management, …)')).toEqual([]);
    expect(codes('REQ-30 is another requirement; the release-policy-review neither')).toEqual([]);
    expect(codes('relm 0.2.0 on Node 20.17, nullable fields, an undefinedness')).toEqual([]);
  });

  it('gives one finding per rule and place, with how many times and an excerpt', () => {
    const [f] = checkText('a null b null c null', rules);
    expect(f!.message).toBe('shows "null" where a value belongs: a field the template names is missing or not text (3 times): "a null b null c null"');
  });

  it('places a finding at its line in Markdown and HTML, reading only what a reader sees', () => {
    expect(checkMarkdown('report.md', '# Title\n\n![chart](charts/backlog.yaml)\n\nBudget: null\n', rules)).toEqual([
      { file: 'report.md', where: 'line 5', code: 'missing-value', message: expect.stringContaining('"Budget: null"') },
    ]);
    const html =
      '<html><head><title>null</title><style>.null{}</style></head>\n<body>\n<p data-id="REQ-3">Fine</p>\n<p>Owner: <b>undefined</b></p>\n</body></html>';
    expect(checkHtml('report.html', html, rules).map((f) => [f.where, f.code])).toEqual([['line 4', 'missing-value']]);
  });

  it('reads the slides of a PowerPoint deck and the paragraphs of a Word document', async () => {
    const pptx = new JSZip();
    pptx.file('ppt/slides/slide2.xml', '<p:sld><a:p><a:r><a:t>Fine</a:t></a:r></a:p><a:p><a:r><a:t>Standar</a:t></a:r><a:r><a:t>…</a:t></a:r></a:p></p:sld>');
    pptx.file('ppt/slides/slide1.xml', '<p:sld><a:p><a:r><a:t>Meets REQ-3</a:t></a:r></a:p></p:sld>');
    const deck = await checkOffice('presentation.pptx', await pptx.generateAsync({ type: 'uint8array' }), rules);
    expect(deck.map((f) => [f.where, f.code])).toEqual([
      ['slide 1', 'internal-id'],
      ['slide 2', 'cut-text'],
    ]);
    const docx = new JSZip();
    docx.file(
      'word/document.xml',
      '<w:body><w:p><w:pPr/><w:r><w:t>Fine</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Cost: </w:t></w:r><w:r><w:t>NaN</w:t></w:r></w:p></w:body>',
    );
    const doc = await checkOffice('report.docx', await docx.generateAsync({ type: 'uint8array' }), rules);
    expect(doc.map((f) => [f.where, f.code])).toEqual([['paragraph 2', 'missing-value']]);
  });
});
