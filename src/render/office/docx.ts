/**
 * report.docx (and the other documents): the rendered Markdown of a deliverable as a Word document. The
 * cover is what comes before the first section, then a table of contents field built from the headings,
 * then the sections: `##` headings are Word's Heading 1, `###` Heading 2, so a client's own table of
 * contents and navigation pane work; tables are Word tables; charts are SVG pictures with a PNG fallback
 * (drawn without a browser); page numbers in the footer. A user's templates/reference.docx gives the
 * styles (and theme), as with pandoc's reference documents.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from '#docx';
import { estimatePageNumbers } from '#docx/layout';
import type { Chart } from '../assessment-charts.js';
import { markdownBlocks, plain, type Block, type Run } from './blocks.js';
import { fitColumns, hex6, type OfficeMeta } from './common.js';
import { fit, logoPicture } from './images.js';
import { svgSize, svgToPng } from './png.js';
import { PackageProblem, readUserPackage } from './user-package.js';
import { normalisePackage, withFixedRandom } from './zip.js';
import { pushAll } from '../../util/arrays.js';

/** A4 with 2 cm margins, in twips (1/20 pt). */
const PAGE = { width: 11_906, height: 16_838, margin: 1_134 };
const CONTENT_TWIPS = PAGE.width - 2 * PAGE.margin;
/** The content width in CSS pixels (96 per inch), as ImageRun measures. */
const CONTENT_PX = (CONTENT_TWIPS / 1440) * 96;
const RULE = 'C9CED6';
/** Arial, as the deck: on every Windows and Mac, and LibreOffice's Liberation Sans has its widths, so the pages break as laid out. */
const FONT = 'Arial';
const HEADINGS = [
  HeadingLevel.TITLE,
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
] as const;

function textRuns(rs: readonly Run[], extra: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return rs.map(
    (r) =>
      new TextRun({
        text: r.text,
        bold: r.bold || extra.bold || undefined,
        italics: r.italic || undefined,
        ...(r.code ? { font: 'Consolas' } : {}),
        ...(extra.color ? { color: extra.color } : {}),
        ...(extra.size ? { size: extra.size } : {}),
      }),
  );
}

/** Column widths in twips at 9 pt (an average glyph about 0.56 em), filling the page width. */
function widths(texts: readonly string[][]): number[] {
  return fitColumns(texts, CONTENT_TWIPS, 9 * 0.56 * 20, 180).map(Math.floor);
}

function wordTable(b: Extract<Block, { kind: 'table' }>, accent: string): Table {
  const cols = widths([b.head.map(plain), ...b.rows.map((r) => r.map(plain))]);
  const align = (i: number) => (b.align[i] === 'right' ? AlignmentType.RIGHT : b.align[i] === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
  const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
  const cell = (rs: Run[], i: number, head: boolean) =>
    new TableCell({
      width: { size: cols[i]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(head ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: accent } } : {}),
      children: [
        new Paragraph({
          alignment: align(i),
          spacing: { before: 0, after: 0 },
          children: textRuns(rs, head ? { bold: true, color: 'FFFFFF', size: 18 } : { size: 18 }),
        }),
      ],
    });
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: cols,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.head.map((c, i) => cell(c, i, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

async function chartParagraphs(c: Chart): Promise<Paragraph[]> {
  const size = svgSize(c.svg);
  const box = fit(size.width, size.height, CONTENT_PX, 820);
  const png = await svgToPng(c.svg, Math.round(box.w * 2));
  const image = new ImageRun({
    type: 'svg',
    data: Buffer.from(c.svg, 'utf8'),
    transformation: { width: Math.round(box.w), height: Math.round(box.h) },
    fallback: { type: 'png', data: png },
    altText: { name: c.title, title: c.title, description: c.title },
  });
  // The chart draws its title at its top: no caption under it repeats that (the title stays its alt text).
  return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [image] })];
}

const NUMBERED = 'relm-numbered';

interface Built {
  cover: Paragraph[];
  body: (Paragraph | Table | TableOfContents)[];
  lists: number;
}

async function build(blocks: readonly Block[], charts: Record<string, Chart>, accent: string): Promise<Built> {
  const cover: Paragraph[] = [];
  const body: (Paragraph | Table | TableOfContents)[] = [];
  let target: (Paragraph | Table | TableOfContents)[] = cover as (Paragraph | Table | TableOfContents)[];
  let lists = 0;
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level >= 2 && target === cover) target = body;
    switch (b.kind) {
      case 'heading':
        // The document's title opens the cover a third of the way down the page.
        if (b.level === 1)
          target.push(new Paragraph({ heading: HeadingLevel.TITLE, ...(target === cover ? { spacing: { before: 3600 } } : {}), children: textRuns(b.runs) }));
        else target.push(new Paragraph({ heading: HEADINGS[Math.min(5, b.level - 1)], keepNext: true, children: textRuns(b.runs) }));
        break;
      case 'paragraph':
        target.push(new Paragraph({ children: textRuns(b.runs), spacing: { after: 120 } }));
        break;
      case 'list': {
        const instance = ++lists;
        for (const it of b.items) {
          target.push(
            new Paragraph({
              children: textRuns(it.runs),
              spacing: { after: 60 },
              ...(b.ordered ? { numbering: { reference: NUMBERED, level: Math.min(it.level, 2), instance } } : { bullet: { level: Math.min(it.level, 2) } }),
            }),
          );
        }
        break;
      }
      case 'table':
        target.push(wordTable(b, accent), new Paragraph({ spacing: { after: 120 }, children: [] }));
        break;
      case 'chart': {
        const c = charts[b.name];
        if (c) pushAll(target, await chartParagraphs(c));
        break;
      }
      case 'code':
        for (const line of b.text.split('\n'))
          target.push(new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, font: 'Consolas', size: 18 })] }));
        break;
      case 'rule':
        target.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 1 } }, children: [] }));
        break;
    }
  }
  return { cover, body, lists };
}

/** The styles.xml of a reference document, and its theme when it has one. */
async function referenceParts(bytes: Uint8Array): Promise<{ styles: string; theme: Uint8Array | null }> {
  const { RelmError, EXIT_USAGE } = await import('../../errors.js');
  let parts: Map<string, Uint8Array>;
  try {
    parts = await readUserPackage(bytes);
  } catch (err) {
    if (!(err instanceof PackageProblem)) throw err;
    throw new RelmError(
      `templates/reference.docx cannot be used: ${err.message}`,
      EXIT_USAGE,
      'Save it from Word as a .docx document, or delete it to use the built-in styles.',
    );
  }
  const styles = parts.get('word/styles.xml');
  if (!styles)
    throw new RelmError(
      'templates/reference.docx cannot be used: it has no word/styles.xml',
      EXIT_USAGE,
      'Save it from Word as a .docx document, or delete it to use the built-in styles.',
    );
  return { styles: new TextDecoder().decode(styles), theme: parts.get('word/theme/theme1.xml') ?? null };
}

/** Writes a document. `reference` is the bytes of a user's .docx whose styles (and theme) are used. */
export async function writeDocument(raw: string, charts: Record<string, Chart>, meta: OfficeMeta, reference: Uint8Array | null = null): Promise<Uint8Array> {
  const accent = hex6(meta.primaryColor);
  const ref = reference ? await referenceParts(reference) : null;
  const { cover, body } = await build(markdownBlocks(raw), charts, accent);
  const logo = await logoPicture(meta.logo);
  if (logo) {
    const s = fit(logo.width, logo.height, 220, 90);
    cover.unshift(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { after: 480 },
        children: [
          new ImageRun({
            type: logo.type,
            data: logo.bytes,
            transformation: { width: Math.round(s.w), height: Math.round(s.h) },
            altText: { name: 'Logo', title: 'Logo', description: 'Logo' },
          }),
        ],
      }),
    );
  }
  const hasSections = body.some((x) => x instanceof Paragraph);
  const contents = hasSections
    ? [
        new Paragraph({ pageBreakBefore: true, heading: HeadingLevel.TITLE, children: [new TextRun({ text: 'Contents' })] }),
        new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1', beginDirty: false }),
        new Paragraph({ children: [new PageBreak()] }),
      ]
    : [];
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 18, color: '6B7280' })],
      }),
    ],
  });
  const section: ISectionOptions = {
    properties: {
      titlePage: true,
      page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } },
    },
    footers: { default: footer, first: new Footer({ children: [new Paragraph({ children: [] })] }) },
    children: [...cover, ...contents, ...body],
  };
  const headingColor = { color: accent };
  const doc = new Document({
    // The contents' page numbers are written with the document (docx lays the pages out as Word does), so they
    // show on first opening, in Word's protected view and in LibreOffice, without updating fields.
    pageNumbers: estimatePageNumbers,
    creator: meta.author,
    lastModifiedBy: meta.creator,
    title: meta.title,
    subject: meta.subject,
    description: `Written by ${meta.creator}`,
    ...(ref
      ? { externalStyles: ref.styles }
      : {
          styles: {
            default: {
              document: { run: { font: FONT, size: 21, color: '1F2937' }, paragraph: { spacing: { after: 100 } } },
              title: { run: { font: FONT, size: 48, bold: true, ...headingColor }, paragraph: { spacing: { after: 240 } } },
              heading1: {
                run: { font: FONT, size: 32, bold: true, ...headingColor },
                paragraph: { outlineLevel: 0, spacing: { before: 360, after: 120 } },
              },
              heading2: {
                run: { font: FONT, size: 26, bold: true, ...headingColor },
                paragraph: { outlineLevel: 1, spacing: { before: 240, after: 100 } },
              },
              heading3: {
                run: { font: FONT, size: 22, bold: true, color: '1F2937' },
                paragraph: { outlineLevel: 2, spacing: { before: 200, after: 80 } },
              },
            },
            paragraphStyles: [
              {
                id: 'Caption',
                name: 'caption',
                basedOn: 'Normal',
                next: 'Normal',
                quickFormat: true,
                run: { italics: true, size: 18, color: '6B7280' },
                paragraph: { spacing: { after: 200 } },
              },
            ],
          },
        }),
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [0, 1, 2].map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [section],
  });
  const bytes = await withFixedRandom(async () => new Uint8Array(await Packer.toBuffer(doc)));
  const theme = ref?.theme;
  return normalisePackage(bytes, {
    date: meta.date,
    ...(theme
      ? {
          parts: { 'word/theme/theme1.xml': theme },
          editXml: (path: string, xml: string) =>
            path === '[Content_Types].xml' && !xml.includes('/word/theme/theme1.xml')
              ? xml.replace(
                  '</Types>',
                  '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>',
                )
              : path === 'word/_rels/document.xml.rels' && !xml.includes('theme/theme1.xml')
                ? xml.replace(
                    '</Relationships>',
                    '<Relationship Id="rIdRelmTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>',
                  )
                : xml,
        }
      : {}),
  });
}
