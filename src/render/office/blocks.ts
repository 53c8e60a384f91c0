/**
 * A rendered deliverable's Markdown as a short list of blocks (headings, paragraphs, lists, tables, chart
 * placeholders, rules) with inline runs (bold, italic, code). The Word and PowerPoint writers lay these out,
 * so the Office files say exactly what the template says, user overrides included, and nothing is re-worded.
 */
import type { Token } from 'markdown-it';
import { markdown } from '../markdown.js';
import { CHART_TOKEN } from '../render-limits.js';
import { pushAll } from '../../util/arrays.js';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export type Align = 'left' | 'right' | 'center' | null;

export type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; start: number; items: { runs: Run[]; level: number }[] }
  | { kind: 'table'; align: Align[]; head: Run[][]; rows: Run[][][] }
  | { kind: 'chart'; name: string }
  | { kind: 'rule' }
  | { kind: 'code'; text: string };

/** A chart's place, as the `chart` helper marks it (with this run's token, so no user text can stand for one). */
const CHART = new RegExp(`^@@chart:${CHART_TOKEN}:([A-Za-z0-9_-]+)@@$`);

/** The plain text of runs. */
export function plain(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** Inline tokens as runs: adjacent runs of the same style merged, line breaks as spaces. */
function inlineRuns(tokens: readonly Token[] | null): Run[] {
  const out: Run[] = [];
  let bold = 0;
  let italic = 0;
  const push = (text: string, code = false) => {
    if (!text) return;
    const style = { bold: bold > 0, italic: italic > 0, code };
    const last = out[out.length - 1];
    if (last && !!last.bold === style.bold && !!last.italic === style.italic && !!last.code === code) last.text += text;
    else out.push({ text, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}), ...(code ? { code: true } : {}) });
  };
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
        push(t.content);
        break;
      case 'code_inline':
        push(t.content, true);
        break;
      case 'softbreak':
      case 'hardbreak':
        push(' ');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'image':
        // An image in a user's note: its description stands in for it (nothing is fetched).
        push(t.content || (t.children ?? []).map((c) => c.content).join(''));
        break;
      default:
        if (t.content && !t.type.endsWith('_open') && !t.type.endsWith('_close')) push(t.content);
    }
  }
  return out;
}

function alignOf(t: Token): Align {
  const style = t.attrGet('style') ?? '';
  const m = /text-align:\s*(left|right|center)/.exec(style);
  return m ? (m[1] as Align) : null;
}

/** Parses Markdown (markdown-it, raw HTML off, as for the HTML deliverables) into blocks. */
export function markdownBlocks(md: string): Block[] {
  const tokens = markdown().parse(md, {});
  const blocks: Block[] = [];
  let list: Extract<Block, { kind: 'list' }> | null = null;
  let listDepth = 0;
  let itemRuns: Run[] | null = null;
  let table: Extract<Block, { kind: 'table' }> | null = null;
  let row: Run[][] | null = null;
  let inHead = false;
  let heading = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'heading_open':
        heading = Number(t.tag.slice(1));
        break;
      case 'heading_close':
        heading = 0;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (listDepth === 0) {
          list = { kind: 'list', ordered: t.type === 'ordered_list_open', start: Number(t.attrGet('start') ?? 1), items: [] };
          blocks.push(list);
        }
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        if (listDepth === 0) list = null;
        break;
      case 'list_item_open':
        itemRuns = [];
        list?.items.push({ runs: itemRuns, level: listDepth - 1 });
        break;
      case 'list_item_close':
        itemRuns = null;
        break;
      case 'table_open':
        table = { kind: 'table', align: [], head: [], rows: [] };
        blocks.push(table);
        break;
      case 'table_close':
        table = null;
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (table && row) {
          if (inHead) table.head = row;
          else table.rows.push(row);
        }
        row = null;
        break;
      case 'th_open':
        table?.align.push(alignOf(t));
        break;
      case 'hr':
        blocks.push({ kind: 'rule' });
        break;
      case 'code_block':
      case 'fence':
        blocks.push({ kind: 'code', text: t.content.replace(/\n$/, '') });
        break;
      case 'inline': {
        const runs = inlineRuns(t.children);
        if (row) row.push(runs);
        else if (heading) blocks.push({ kind: 'heading', level: heading, runs });
        else if (itemRuns) {
          if (itemRuns.length) itemRuns.push({ text: ' ' });
          pushAll(itemRuns, runs);
        } else {
          const m = CHART.exec(t.content.trim());
          blocks.push(m ? { kind: 'chart', name: m[1]! } : { kind: 'paragraph', runs });
        }
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

/** Blocks split at their rules: the slides of a deck (empty slides dropped, as the HTML deck does). */
export function splitAtRules(blocks: readonly Block[]): Block[][] {
  const out: Block[][] = [[]];
  for (const b of blocks) {
    if (b.kind === 'rule') out.push([]);
    else out[out.length - 1]!.push(b);
  }
  return out.filter((s) => s.length);
}
