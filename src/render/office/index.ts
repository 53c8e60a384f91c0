/**
 * The editable Office deliverables: presentation.pptx, workbook.xlsx and a .docx of each document. Each
 * writer (and its library) is loaded only when its format is asked for, so md/html/pdf runs never pay for them.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Engagement } from '../../engagement/types.js';
import { readInside } from '../../engagement/load.js';
import type { Assessment } from '../../engine/types.js';
import { EXIT_USAGE, RelmError } from '../../errors.js';
import type { RenderedSet } from '../deliverables.js';
import { reportView } from '../report-view.js';
import type { OfficeMeta } from './common.js';
import { pushAll } from '../../util/arrays.js';

export const OFFICE_FORMATS = ['pptx', 'xlsx', 'docx'] as const;
export type OfficeFormat = (typeof OFFICE_FORMATS)[number];

/** The user's own Office templates, in the engagement's templates/ folder. */
export const PPTX_TEMPLATE = 'templates/presentation.pptx';
export const DOCX_REFERENCE = 'templates/reference.docx';

/** A template file of the engagement: null when absent; an error when it is there but cannot be used. */
export function readOfficeTemplate(root: string | undefined, rel: string): Uint8Array | null {
  if (!root) return null;
  try {
    lstatSync(join(root, rel));
  } catch {
    return null;
  }
  const read = readInside(root, rel);
  if (!read.ok)
    throw new RelmError(
      `the engagement template ${rel} cannot be used: ${read.reason}`,
      EXIT_USAGE,
      'Replace it with a file inside the engagement folder, or delete it to use the built-in look.',
    );
  return new Uint8Array(read.bytes);
}

export interface OfficeInput {
  assessment: Assessment;
  engagement: Engagement;
  rendered: RenderedSet;
  /** Everything but the title, which each file sets for itself. */
  meta: Omit<OfficeMeta, 'title'>;
  engagementRoot?: string;
}

/** Renders the Office files asked for, in memory, as [file name, bytes]. */
export async function renderOffice(formats: readonly string[], input: OfficeInput): Promise<[string, Uint8Array][]> {
  const { assessment: a, engagement: e, rendered, meta } = input;
  // The view the templates saw (report-view.ts): the deck's notes and the workbook present its fields.
  const view = reportView(a, e, { logo: meta.logo });
  const out: [string, Uint8Array][] = [];
  // Every deck: the presentation, and the progress deck when it is rendered.
  const decks = rendered.docs.filter((d) => d.layout === 'slides');
  if (formats.includes('pptx') && decks.length) {
    const template = readOfficeTemplate(input.engagementRoot, PPTX_TEMPLATE);
    const { writeDeck } = await import('./pptx.js');
    for (const deck of decks) out.push([`${deck.file}.pptx`, await writeDeck(deck.raw, view, a, rendered.charts, { ...meta, title: deck.title }, template)]);
  }
  if (formats.includes('xlsx')) {
    const { writeWorkbook } = await import('./xlsx.js');
    const wb = await writeWorkbook(a, e, view, { ...meta, title: `Assessment data: ${a.engagement.title} — ${a.engagement.client}` });
    // A record sheet too long for a workbook keeps its first rows; its CSV beside the workbook has every one.
    pushAll(out, [['workbook.xlsx', wb.bytes], ...wb.beside]);
  }
  if (formats.includes('docx')) {
    const docs = rendered.docs.filter((d) => d.layout === 'a4');
    if (docs.length) {
      const reference = readOfficeTemplate(input.engagementRoot, DOCX_REFERENCE);
      const { writeDocument } = await import('./docx.js');
      for (const d of docs) out.push([`${d.file}.docx`, await writeDocument(d.raw, rendered.charts, { ...meta, title: d.title }, reference)]);
    }
  }
  return out;
}
