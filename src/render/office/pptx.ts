/**
 * presentation.pptx: the HTML deck as an editable PowerPoint file. The slides are the rendered
 * presentation template (templates/presentation.md.hbs) split at its rules, so titles and sentences are the
 * same as in the HTML and PDF; charts the template places become native PowerPoint charts (radar, bars, a
 * bar-based Gantt) or tables, the rest of each slide native text and tables; the speaker notes carry the
 * figures behind each slide, from the view. A user's templates/presentation.pptx supplies the masters,
 * layouts and theme (see ./pptx-template.ts).
 */
import PptxModule from 'pptxgenjs';
import type { Assessment } from '../../engine/types.js';
import type { Chart } from '../assessment-charts.js';
import type { ReportView } from '../report-view.js';
import { plain, markdownBlocks, splitAtRules, type Block, type Run } from './blocks.js';
import { fitColumns, hex6, serialDay, type OfficeMeta } from './common.js';
import { fit, logoPicture } from './images.js';
import { svgSize, svgToPng } from './png.js';
import { categoryFill } from '../charts/svg.js';
import { capitalise } from '../words.js';
import { wrapLines } from './metrics.js';
import { applyTemplate, templateGeometry, type Geometry } from './pptx-template.js';
import { normalisePackage, withFixedRandom } from './zip.js';
import { maxOf, minOf, pushAll } from '../../util/arrays.js';
import { roadmapInput } from '../assessment-charts.js';
import { formatDay, isoDay } from '../charts/gantt.js';

// pptxgenjs's types describe its CommonJS build (the class under `default`); Node's import gives the class itself.
const PptxGenJS = ((PptxModule as unknown as { default?: unknown }).default ?? PptxModule) as typeof PptxModule.default;

/** Arial: on every Windows and Mac, and LibreOffice's Liberation Sans has its widths, so text measured here fits (./metrics.ts). */
const FONT = 'Arial';
const TEXT = '1F2937';
const MUTED = '6B7280';
const RULE = 'D0D5DD';
/** The colour of a Gantt chart's hidden offset series, made transparent after writing. */
const HIDDEN = 'FEFEFE';
const BAND_FILL: Record<string, string> = { elite: 'D1FADF', high: 'E8F5E9', medium: 'FEF0C7', low: 'FEE4E2' };
/** The types of maintenance in the backlog chart's order; each takes relm's category colour of its place. */
const BACKLOG_TYPES = ['corrective', 'adaptive', 'perfective', 'preventive', 'unspecified'] as const;

/** 16:9 at PowerPoint's default widescreen size (13.333 × 7.5 in). */
export const DEFAULT_GEOMETRY: Geometry = {
  width: 13.333,
  height: 7.5,
  title: { x: 0.6, y: 0.35, w: 12.133, h: 1.0 },
  body: { x: 0.6, y: 1.5, w: 12.133, h: 5.3 },
  footerY: 7.0,
};

type Slide = PptxModule.default.Slide;
type TextRun = PptxModule.default.TextProps;

function runs(rs: readonly Run[], base: PptxModule.default.TextPropsOptions = {}): TextRun[] {
  return rs.map((r) => ({
    text: r.text,
    options: { ...base, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}), ...(r.code ? { fontFace: 'Consolas' } : {}) },
  }));
}

/** Lines a text takes in a box `w` inches wide at `pt` points, measured in the deck's font with 3 % to spare. */
function lines(text: string, w: number, pt: number, bold = false): number {
  return wrapLines(text, w * 0.97, pt, bold);
}

/** "1 participant", "2 participants": a count in figures with its noun (the speaker notes). */
function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** The title sizes tried, largest first: the largest at which the title fits its box in at most two lines. */
const TITLE_SIZES = [26, 24, 22, 20, 18];

/** The point size a slide title takes in a box `w` × `h` inches. */
export function titleSize(title: string, w: number, h: number): number {
  const inner = w - 0.2;
  return TITLE_SIZES.find((pt) => lines(title, inner, pt, true) <= 2 && lines(title, inner, pt, true) * lineH(pt) <= h) ?? TITLE_SIZES[TITLE_SIZES.length - 1]!;
}

const lineH = (pt: number) => (pt * 1.2) / 72;

interface TableSpec {
  head: TextRun[][];
  rows: TextRun[][][];
  align: ('left' | 'right' | 'center')[];
  /** Plain texts, for sizing. */
  texts: string[][];
  /** The whole table's texts when this is a part of it: every part keeps the columns the whole table gives. */
  sizing?: string[][];
  fills?: (string | null)[][];
}

/** Column widths in inches at `pt` points: an average glyph about 0.56 em, 0.16 in of cell margins. */
function columnWidths(texts: readonly string[][], total: number, pt: number): number[] {
  return fitColumns(texts, total, (pt * 0.56) / 72, 0.16);
}

function tableHeight(t: TableSpec, w: number, pt: number): number {
  const widths = columnWidths(t.sizing ?? t.texts, w, pt);
  return t.texts.reduce((h, row) => h + maxOf(row.map((s, c) => lines(s, widths[c]! - 0.16, pt))) * lineH(pt) * 1.1 + 0.16, 0);
}

type TableBlock = Extract<Block, { kind: 'table' }>;

/** A part of a table continued over slides, to the whole table's texts (its column widths). */
const wholeTexts = new WeakMap<TableBlock, string[][]>();

function markdownTable(b: TableBlock): TableSpec {
  return {
    ...(wholeTexts.has(b) ? { sizing: wholeTexts.get(b)! } : {}),
    head: b.head.map((c) => runs(c)),
    rows: b.rows.map((r) => r.map((c) => runs(c))),
    align: b.head.map((_, i) => b.align[i] ?? 'left'),
    texts: [b.head.map(plain), ...b.rows.map((r) => r.map(plain))],
  };
}

/** How relm's own shapes look: its font and text colour, or (with a user's template) the template's. */
interface Look {
  accent: string;
  /** Font and colour of text; empty with a template, so its theme's apply. */
  ink: { fontFace?: string; color?: string };
  /** A user's template: give charts and table cells a white ground whatever the background. */
  themed: boolean;
}

function addTable(slide: Slide, t: TableSpec, box: { x: number; y: number; w: number }, pt: number, look: Look): void {
  const accent = look.accent;
  const colW = columnWidths(t.sizing ?? t.texts, box.w, pt);
  const cell = (text: TextRun[], c: number, head: boolean, fill: string | null): PptxModule.default.TableCell => ({
    text,
    options: {
      align: t.align[c] ?? 'left',
      valign: 'middle',
      ...(head
        ? { bold: true, color: 'FFFFFF', fill: { color: accent } }
        : fill
          ? { fill: { color: fill } }
          : look.themed
            ? { fill: { color: 'FFFFFF' }, color: TEXT }
            : {}),
    },
  });
  const rows: PptxModule.default.TableRow[] = [
    t.head.map((h, c) => cell(h, c, true, null)),
    ...t.rows.map((r, k) => r.map((x, c) => cell(x, c, false, t.fills?.[k]?.[c] ?? null))),
  ];
  slide.addTable(rows, {
    x: box.x,
    y: box.y,
    w: box.w,
    colW,
    fontFace: look.ink.fontFace,
    fontSize: pt,
    color: TEXT,
    border: { type: 'solid', pt: 0.5, color: RULE },
    margin: 0.06,
    autoPage: false,
  });
}

/** The native form of a chart the template places, or null when PowerPoint has none (an image is used). */
type Native = { kind: 'chart'; draw: (slide: Slide, box: Box) => void } | { kind: 'table'; table: TableSpec };
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The bars of the roadmap on slides: at most this many on one slide, the rest on continuation slides. */
const ROADMAP_BARS = 24;

/** The phases' colours in turn: the brand colour, then darker and lighter neighbours. */
const PHASE_COLOURS: ((accent: string) => string)[] = [(x) => x, () => '5B6473', () => '9DBDE6', () => '2E7D32', () => 'B54708'];

interface RoadmapBar {
  label: string;
  /** The phase's label ("Phase 1: Stabilise"). */
  phase: string;
  /** Serial days (spreadsheet dates): the first day, and the day after the last. */
  from: number;
  until: number;
}

/**
 * The roadmap's bars, one per scheduled recommendation, in slides of at most ROADMAP_BARS: whole phases
 * together while they fit, a phase longer than a slide split across slides. A recommendation runs from its own
 * `start` to `end` where the engine schedules it inside its phase, else across its phase.
 */
export function roadmapPages(v: ReportView, a: Assessment): RoadmapBar[][] {
  const dates = new Map(a.recommendations.map((r) => [r.id, r as { start?: string | null; end?: string | null }]));
  const phases = v.plan.phases
    .filter((p) => p.start && p.end)
    .map((p) =>
      p.recs.map((r): RoadmapBar => {
        const own = dates.get(r.id);
        const start = own?.start ?? p.start!;
        const end = own?.end ?? p.end!;
        return { label: r.title, phase: p.label, from: serialDay(start), until: serialDay(end) + 1 };
      }),
    )
    .filter((bars) => bars.length);
  const pages: RoadmapBar[][] = [];
  let page: RoadmapBar[] = [];
  for (const bars of phases) {
    if (page.length && page.length + bars.length > ROADMAP_BARS) {
      pages.push(page);
      page = [];
    }
    for (const b of bars) {
      if (page.length === ROADMAP_BARS) {
        pages.push(page);
        page = [];
      }
      page.push(b);
    }
  }
  if (page.length) pages.push(page);
  return pages;
}

/** The milestones' outcomes under the roadmap, in points. */
const MILESTONE_PT = 12;

/**
 * The roadmap's milestones that fall on a slide's time axis (serial days `min`..`max`), one per date with its
 * outcomes, as the PDF deck's roadmap states them: "31 Oct 2026: 2 metric targets reached". A milestone marks the
 * end of its day (the day after, as a bar's end).
 */
export function slideMilestones(a: Assessment, min: number, max: number): { day: number; text: string }[] {
  const byDate = new Map<string, string[]>();
  for (const m of roadmapInput(a, true).milestones) byDate.set(m.date, [...(byDate.get(m.date) ?? []), m.label]);
  return [...byDate.entries()]
    .map(([date, labels]) => ({ day: serialDay(date) + 1, text: `${formatDay(isoDay(date)!)}: ${labels.join('; ')}` }))
    .filter((m) => m.day >= min && m.day <= max)
    .sort((p, q) => p.day - q.day);
}

interface Counter {
  /** Charts drawn so far (pptxgenjs numbers the chart parts in this order). */
  count: number;
  /** The numbers of the Gantt charts, whose offset series is made invisible after writing. */
  hidden: number[];
  /** Which slide of the roadmap is being drawn. */
  roadmapPage: number;
}

function nativeChart(name: string, v: ReportView, a: Assessment, look: Look, gantt: Counter): Native | null | undefined {
  const accent = look.accent;
  const font = look.ink.fontFace;
  const axisFont = {
    catAxisLabelFontFace: font,
    valAxisLabelFontFace: font,
    legendFontFace: font,
    dataLabelFontFace: font,
    catAxisLabelColor: TEXT,
    valAxisLabelColor: MUTED,
    ...(look.themed ? { chartArea: { fill: { color: 'FFFFFF' } }, plotArea: { fill: { color: 'FFFFFF' } } } : {}),
  };
  switch (name) {
    case 'radar': {
      if (v.nothing_assessed) return null;
      const labels = v.perspectives.map((p) => (p.score === null ? `${p.name} (not assessed)` : `${p.name} (${p.score_text} → ${p.target_text})`));
      return {
        kind: 'chart',
        draw: (slide, box) => {
          gantt.count++;
          slide.addChart(
            'radar' as PptxModule.default.CHART_NAME,
            [
              { name: 'Current', labels, values: v.perspectives.map((p) => p.score ?? 0) },
              { name: 'Target', labels, values: v.perspectives.map((p) => p.target ?? 0) },
            ],
            {
              ...box,
              ...axisFont,
              radarStyle: 'marker',
              chartColors: [accent, '374151'],
              lineSize: 2,
              lineDataSymbolSize: 8,
              showLegend: true,
              legendPos: 'b',
              legendFontSize: 14,
              valAxisMinVal: 0,
              valAxisMaxVal: 5,
              valAxisMajorUnit: 1,
              catAxisLabelFontSize: 14,
              valAxisLabelFontSize: 10,
              altText: 'Maturity by perspective: current and target',
            },
          );
        },
      };
    }
    case 'perspectives':
    case 'top_gaps':
    case 'top_gaps_slide':
    case 'gaps': {
      // The same rows as relm's chart of that name: the perspectives, or the practices with the largest gaps.
      const rows: readonly { name: string; score: number | null; target: number | null }[] =
        name === 'perspectives'
          ? v.nothing_assessed
            ? []
            : v.perspectives
          : name === 'gaps'
            ? v.largest_gap_rows
            : name === 'top_gaps_slide'
              ? v.slide_gap_rows
              : v.top_gaps;
      if (!rows.length) return null;
      const labels = rows.map((p) => p.name);
      return {
        kind: 'chart',
        draw: (slide, box) => {
          gantt.count++;
          slide.addChart(
            'bar' as PptxModule.default.CHART_NAME,
            [
              { name: 'Current', labels, values: rows.map((p) => p.score ?? 0) },
              { name: 'Target', labels, values: rows.map((p) => p.target ?? 0) },
            ],
            {
              ...box,
              ...axisFont,
              barDir: 'bar',
              barGrouping: 'clustered',
              barGapWidthPct: 60,
              catAxisOrientation: 'maxMin' as 'minMax',
              valAxisMinVal: 0,
              valAxisMaxVal: 5,
              valAxisMajorUnit: 1,
              chartColors: [accent, 'C7CDD6'],
              showValue: true,
              dataLabelFormatCode: '0.0',
              dataLabelFontSize: 10,
              showLegend: true,
              legendPos: 'b',
              legendFontSize: 12,
              catAxisLabelFontSize: 12,
              valAxisLabelFontSize: 10,
              altText: name === 'perspectives' ? 'Current score and target by perspective' : 'Current and target level of the practices with the largest gaps',
            },
          );
        },
      };
    }
    case 'dora': {
      const r = v.releases;
      if (!r?.count) return null;
      return {
        kind: 'table',
        table: {
          head: [[{ text: 'Metric' }], [{ text: 'Measured' }], [{ text: 'Target' }], [{ text: 'DORA band' }]],
          rows: r.dora.map((m) => [[{ text: m.name }], [{ text: m.value }], [{ text: m.target }], [{ text: m.band, options: { bold: true } }]]),
          align: ['left', 'right', 'right', 'center'],
          texts: [['Metric', 'Measured', 'Target', 'DORA band'], ...r.dora.map((m) => [m.name, m.value, m.target, m.band])],
          fills: r.dora.map((m) => [null, null, null, BAND_FILL[m.band] ?? null]),
        },
      };
    }
    case 'backlog': {
      // As relm's chart: open items by application, split by type of maintenance (a stacked bar per application).
      const b = a.backlog;
      if (!b?.applications.length) return null;
      const labels = b.applications.map((x) => x.name);
      const types = BACKLOG_TYPES.filter((t) => b.applications.some((x) => (x.open_by_type[t] ?? 0) > 0));
      if (!types.length) return null;
      return {
        kind: 'chart',
        draw: (slide, box) => {
          gantt.count++;
          slide.addChart(
            'bar' as PptxModule.default.CHART_NAME,
            types.map((t) => ({ name: capitalise(t), labels, values: b.applications.map((x) => x.open_by_type[t] ?? 0) })),
            {
              ...box,
              ...axisFont,
              barDir: 'bar',
              barGrouping: 'stacked',
              barGapWidthPct: 50,
              catAxisOrientation: 'maxMin' as 'minMax',
              chartColors: types.map((t) => categoryFill(BACKLOG_TYPES.indexOf(t)).slice(1).toUpperCase()),
              showValue: true,
              dataLabelFontSize: 11,
              dataLabelColor: TEXT,
              // No label on a type an application has none of.
              dataLabelFormatCode: '#,##0;-#,##0;;',
              valAxisHidden: true,
              valGridLine: { style: 'none' },
              showLegend: true,
              legendPos: 'b',
              legendFontSize: 12,
              showTitle: true,
              title: 'Open items by application and type of maintenance',
              titleFontSize: 14,
              titleFontFace: font,
              catAxisLabelFontSize: 12,
              altText: 'Open backlog items by application and type of maintenance',
            },
          );
        },
      };
    }
    case 'roadmap':
    case 'roadmap_slide': {
      // Initiative level: a bar per scheduled recommendation from its start to its end, coloured by phase.
      const page = roadmapPages(v, a)[gantt.roadmapPage];
      if (!page?.length) return null;
      const phases = [...new Set(page.map((b) => b.phase))];
      const labels = page.map((b) => b.label);
      const starts = page.map((b) => b.from);
      const min = minOf(starts);
      // The axis runs to the end of the last phase on the slide, so that its milestone is on it.
      const ends = v.plan.phases.filter((p) => p.end && phases.includes(p.label)).map((p) => serialDay(p.end!) + 1);
      const max = maxOf([...page.map((b) => b.until), ...ends]);
      const milestones = slideMilestones(a, min, max);
      // A phase keeps its colour on every slide of the roadmap.
      const phaseIndex = new Map(v.plan.phases.map((p, i) => [p.label, i]));
      const colours = phases.map((ph) => PHASE_COLOURS[(phaseIndex.get(ph) ?? 0) % PHASE_COLOURS.length]!(accent));
      const catPt = page.length > 16 ? 9 : page.length > 10 ? 10 : 12;
      return {
        kind: 'chart',
        draw: (slide, all) => {
          gantt.count++;
          gantt.hidden.push(gantt.count);
          // The milestones as the PDF deck draws them: a diamond on the time axis at each date with a line up
          // through the bars, and their outcomes listed under the chart. The plot area is placed by hand so that
          // a date's place on the axis is known: the labels' column on the left, the dates above, the legend below.
          const row = lineH(MILESTONE_PT) * 1.15;
          const listH = milestones.length ? milestones.length * row + 0.12 : 0;
          const box = { ...all, h: all.h - listH };
          const labelW = Math.min(0.45, (maxOf(labels.map((l) => l.length)) * catPt * 0.5) / 72 / box.w + 0.03);
          const plot = { x: labelW, y: 0.1, w: 0.97 - labelW, h: 0.76 };
          const at = (day: number) => box.x + (plot.x + (plot.w * (day - min)) / (max - min)) * box.w;
          const top = box.y + plot.y * box.h;
          const bottom = box.y + (plot.y + plot.h) * box.h;
          slide.addChart(
            'bar' as PptxModule.default.CHART_NAME,
            [
              { name: 'Start', labels, values: starts },
              ...phases.map((ph) => ({ name: ph, labels, values: page.map((b) => (b.phase === ph ? b.until - b.from : 0)) })),
            ],
            {
              ...box,
              ...axisFont,
              barDir: 'bar',
              barGrouping: 'stacked',
              barGapWidthPct: 35,
              catAxisOrientation: 'maxMin' as 'minMax',
              valAxisMinVal: min,
              valAxisMaxVal: max,
              // About six dated gridlines across the span (months differ in length, so no unit lands on every 1st).
              valAxisMajorUnit: Math.max(7, Math.round((max - min) / 6)),
              valAxisLabelFormatCode: 'd mmm yyyy',
              valAxisLabelFontSize: 10,
              catAxisLabelFontSize: catPt,
              layout: plot,
              chartColors: [HIDDEN, ...colours],
              // The legend is drawn below as shapes: a chart legend would list the hidden offset series too in
              // readers that ignore its deleted entry (LibreOffice).
              showLegend: false,
              altText: 'Roadmap: each recommendation from its start to its end, by phase',
            },
          );
          const ink = look.ink.color ?? TEXT;
          // The legend: a swatch and the phase's label each, centred under the plot.
          const swatch = 0.22;
          const widths = phases.map((ph) => swatch + 0.1 + (ph.length * 11 * 0.5) / 72 + 0.3);
          let lx = box.x + plot.x * box.w + (plot.w * box.w - widths.reduce((t, w) => t + w, 0)) / 2;
          const ly = bottom + 0.3;
          phases.forEach((ph, i) => {
            slide.addShape('rect', { x: lx, y: ly + 0.04, w: swatch, h: 0.12, fill: { color: colours[i]! }, line: { color: colours[i]!, width: 0.5 } });
            slide.addText(ph, {
              x: lx + swatch + 0.08,
              y: ly - 0.02,
              w: widths[i]! - swatch - 0.1,
              h: 0.24,
              ...look.ink,
              fontSize: 11,
              margin: 0,
              valign: 'middle',
            });
            lx += widths[i]!;
          });
          for (const m of milestones) {
            const x = at(m.day);
            slide.addShape('line', { x, y: top, w: 0, h: bottom - top, line: { color: ink, width: 0.75, dashType: 'dash' } });
            slide.addShape('diamond', { x: x - 0.09, y: bottom - 0.09, w: 0.18, h: 0.18, fill: { color: ink }, line: { color: 'FFFFFF', width: 0.5 } });
          }
          milestones.forEach((m, i) => {
            const y = box.y + box.h + 0.12 + i * row;
            slide.addShape('diamond', { x: box.x, y: y + (row - 0.14) / 2, w: 0.14, h: 0.14, fill: { color: ink }, line: { color: ink, width: 0.5 } });
            slide.addText(m.text, {
              x: box.x + 0.22,
              y,
              w: box.w - 0.22,
              h: row,
              ...look.ink,
              fontSize: MILESTONE_PT,
              margin: 0,
              valign: 'middle',
              fit: 'shrink',
            });
          });
        },
      };
    }
    default:
      return undefined;
  }
}

/** The speaker notes of a slide: the figures behind its title, by which of the view's titles it carries. */
function notesFor(key: string | null, v: ReportView, a: Assessment): string[] {
  const out: string[] = [];
  const plan = v.plan;
  switch (key) {
    case 'answer':
      out.push(v.headlines.answer, v.headlines.position, `Plan: ${v.headlines.plan}`, `Requirements: ${v.headlines.requirements}`);
      break;
    case 'position':
      out.push(
        v.headlines.position,
        v.overall.percent_text === null
          ? `Overall: ${v.overall.score_text} of 5.`
          : `Overall: ${v.overall.score_text} of 5 against ${v.overall.target_text} (${v.overall.gap_text} levels missing on average: ${v.overall.percent_text} of the way there).`,
      );
      for (const p of v.perspectives) out.push(`${p.name}: ${p.score_text} against ${p.target_text}, gap ${p.gap_text} (${p.rag_text}, weight ${p.weight}).`);
      break;
    case 'gaps':
      out.push(v.headlines.largest_gaps);
      for (const p of v.top_gaps)
        out.push(`${p.name} (${p.perspective_name}): ${p.score_text} against ${p.target_text}, gap ${p.gap_text}, level ${p.level_text}.`);
      break;
    case 'release':
      out.push(v.headlines.release);
      if (v.releases) {
        out.push(
          `${counted(v.releases.count, 'release')} in the ${v.releases.window_days} days up to ${v.as_of_text}; ${v.releases.unknown_outcomes} without a recorded outcome; DORA band ${v.releases.band_name}.`,
        );
        for (const m of v.releases.dora) out.push(`${m.name}: ${m.value} (target ${m.target}, band ${m.band}; ${m.thresholds}).`);
        out.push(`Emergency releases: ${v.releases.emergency}; unplanned: ${v.releases.rework}.`);
      }
      break;
    case 'backlog':
      out.push(v.headlines.backlog);
      if (v.headlines.close) out.push(v.headlines.close);
      if (v.backlog) {
        for (const w of v.backlog.waits) out.push(`${w.name}: ${w.value}.`);
        for (const x of v.backlog.applications)
          out.push(`${x.name}: ${x.open} open, ${x.effort} person-days, median age ${x.age} days, cost ${x.cost}, benefit ${x.benefit}.`);
      }
      break;
    case 'requirements':
      out.push(v.headlines.requirements);
      for (const r of v.requirements)
        out.push(
          `${r.rank}. ${r.title}: ${r.status_text}.${r.metrics.length ? ` ${r.metrics.map((m) => `${m.name} ${m.value} now, target ${m.target} (${m.met})`).join('; ')}.` : ''} Practices: ${r.practice_names.join(', ')}.`,
        );
      break;
    case 'roadmap':
      out.push(v.headlines.plan);
      for (const p of plan.phases) {
        out.push(
          `${p.label} (${p.dates}): ${p.effort} of ${p.capacity}${p.cost_text ? `, ${p.cost_text}` : ''}; ${p.met_by_end} of ${v.requirements.length} requirements met by its end.`,
        );
        for (const r of p.recs) out.push(`  - ${r.title}${r.first_step ? ' (first step)' : ''}: ${r.effort}`);
        for (const o of [...p.outcomes, ...p.milestone_kpis]) out.push(`  Milestone: ${o}`);
      }
      if (plan.unscheduled.length) out.push(`Not scheduled: ${counted(plan.unscheduled.length, 'recommendation')}, ${plan.unscheduled_effort}.`);
      break;
    case 'first_steps':
      for (const r of v.first_steps)
        out.push(`${r.title} (${r.practice_name}, ${r.level_text}; owner ${r.owner_text}; ${r.effort}${r.cost_text ? `, ${r.cost_text}` : ''}): ${r.why}`);
      break;
    case 'risks':
      out.push(v.headlines.risks);
      for (const r of v.risks)
        out.push(`${r.number}. ${r.title} (likelihood ${r.likelihood}, impact ${r.impact}; owner ${r.owner}). Mitigation: ${r.mitigation}`);
      break;
    case 'training':
      out.push(v.headlines.training);
      if (v.training) {
        for (const c of v.training.courses)
          out.push(
            `${c.name}: ${c.course ?? 'no course'}, ${counted(c.participants, 'participant')}, ${c.participant_days} participant-day${c.participant_days === '1' ? '' : 's'}, ${c.cost}; needed for ${c.needed_for}.`,
          );
        for (const s of v.training.single_points) out.push(`Single point of knowledge: ${s.skill} (${s.person}).`);
      }
      break;
    case 'value':
      out.push(v.business_case.headline);
      pushAll(out, v.business_case.assumptions);
      break;
    case 'ask':
      out.push(v.headlines.ask);
      if (v.headlines.scenario) out.push(v.headlines.scenario);
      if (v.headlines.bridge) out.push(v.headlines.bridge);
      if (v.headlines.decide) out.push(v.headlines.decide);
      for (const s of plan.scenarios)
        out.push(
          `${s.name}${s.recommended ? ' (recommended)' : ''}: capacity ${s.capacity}, effort placed ${s.effort}, cost ${s.cost}, ${s.reached} of ${s.of} requirements, ${typeof s.unscheduled === 'number' ? counted(s.unscheduled, 'recommendation') : `${s.unscheduled} recommendations`} left out.`,
        );
      if (v.day_rate_text) out.push(`Costs at ${v.day_rate_text} a person-day.`);
      break;
    default:
      break;
  }
  void a;
  return out.filter(Boolean);
}

function titleKey(title: string, v: ReportView): string | null {
  const hit = Object.entries(v.titles).find(([, t]) => t === title);
  return hit ? hit[0] : null;
}

export interface DeckOptions {
  geometry: Geometry;
  accent: string;
}

/** Writes the deck. `template` is the bytes of a user's .pptx whose masters, layouts and theme are used. */
export async function writeDeck(
  raw: string,
  v: ReportView,
  a: Assessment,
  charts: Record<string, Chart>,
  meta: OfficeMeta,
  template: Uint8Array | null = null,
): Promise<Uint8Array> {
  const geo = template ? await templateGeometry(template) : DEFAULT_GEOMETRY;
  const accent = hex6(meta.primaryColor);
  const themed = template !== null;
  const look: Look = { accent, ink: themed ? {} : { fontFace: FONT, color: TEXT }, themed };
  const logo = await logoPicture(meta.logo);
  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: 'RELM', width: geo.width, height: geo.height });
  pptx.layout = 'RELM';
  pptx.author = meta.author;
  pptx.company = a.engagement.client;
  pptx.title = meta.title;
  pptx.subject = meta.subject;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  const foot = { x: geo.body.x, y: geo.footerY, h: 0.3, fontFace: FONT, fontSize: 10, color: MUTED };
  pptx.defineSlideMaster({
    title: 'RELM_TITLE',
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: 0, y: 0, w: 0.25, h: geo.height, fill: { color: accent }, line: { type: 'none' } } },
      {
        placeholder: {
          options: {
            name: 'title',
            type: 'title',
            x: geo.body.x,
            y: geo.height * 0.3,
            w: geo.body.w * 0.8,
            h: 1.6,
            fontFace: FONT,
            fontSize: 36,
            bold: true,
            color: accent,
            align: 'left',
            valign: 'bottom',
          },
          text: '',
        },
      },
    ],
  });
  pptx.defineSlideMaster({
    title: 'RELM_CONTENT',
    background: { color: 'FFFFFF' },
    slideNumber: { x: geo.width - geo.body.x - 1, y: geo.footerY, w: 1, h: 0.3, fontFace: FONT, fontSize: 10, color: MUTED, align: 'right' },
    objects: [
      { line: { x: geo.body.x, y: geo.footerY - 0.05, w: geo.body.w, h: 0, line: { color: RULE, width: 0.75 } } },
      {
        placeholder: {
          options: { name: 'title', type: 'title', ...geo.title, fontFace: FONT, fontSize: 26, bold: true, color: accent, align: 'left', valign: 'middle' },
          text: '',
        },
      },
    ],
  });

  const slides = splitAtRules(markdownBlocks(raw));
  const counter: Counter = { count: 0, hidden: [], roadmapPage: 0 };
  for (const [k, blocks] of slides.entries()) {
    const first = blocks[0];
    if (k === 0 && first?.kind === 'heading' && first.level === 1) {
      const slide = pptx.addSlide({ masterName: 'RELM_TITLE' });
      slide.addText(plain(first.runs), { placeholder: 'title' });
      const rest = blocks.slice(1);
      let y = geo.cover ? geo.cover.y + geo.cover.h + 0.2 : geo.height * 0.3 + 1.75;
      for (const b of rest) {
        if (b.kind !== 'paragraph') continue;
        const h = lines(plain(b.runs), geo.body.w * 0.8, 18) * lineH(18) + 0.05;
        slide.addText(runs(b.runs), { x: geo.cover?.x ?? geo.body.x, y, w: geo.body.w * 0.8, h, ...look.ink, fontSize: 18, margin: 0, valign: 'top' });
        y += h + 0.12;
      }
      if (logo) {
        const size = fit(logo.width, logo.height, 2.4, 1.1);
        slide.addImage({
          data: `image/${logo.type === 'jpg' ? 'jpeg' : logo.type};base64,${Buffer.from(logo.bytes).toString('base64')}`,
          x: geo.width - geo.body.x - size.w,
          y: 0.5,
          w: size.w,
          h: size.h,
          altText: 'Logo',
        });
      }
      slide.addNotes(
        [
          meta.title,
          `${v.client}, as of ${v.as_of_text}.`,
          v.consultants.length ? `Prepared by ${v.consultants.join(', ')}.` : '',
          v.sponsor ? `Sponsor: ${v.sponsor}.` : '',
          `Model: ${v.model.name} ${v.model.version} (${v.model.practices} practices, ${v.model.criteria} criteria).`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
      continue;
    }
    const hasTitle = first?.kind === 'heading';
    const title = hasTitle ? plain(first.runs) : '';
    const body = hasTitle ? blocks.slice(1) : blocks;
    const key = titleKey(title, v);
    const notes = notesFor(key, v, a);
    // A roadmap with more bars than a slide holds continues on the next slides ("… (2 of 3)"), the chart alone.
    const roadmap = body.some((b) => b.kind === 'chart' && (b.name === 'roadmap' || b.name === 'roadmap_slide'));
    // A table longer than a slide continues the same way ("Risks (2 of 2)"), its header row on each.
    const parts = roadmap ? [] : tableParts(body, geo.body);
    const pages = roadmap ? Math.max(1, roadmapPages(v, a).length) : parts.length;
    for (let page = 0; page < pages; page++) {
      const slide = pptx.addSlide({ masterName: 'RELM_CONTENT' });
      const shown = pages > 1 ? `${title} (${page + 1} of ${pages})` : title;
      if (hasTitle) slide.addText(shown, { placeholder: 'title', fontSize: titleSize(shown, geo.title.w, geo.title.h) });
      // The PDF deck's footer: the deliverable and its confidentiality.
      if (!themed) slide.addText(`${meta.title} · Confidential`, { ...foot, w: geo.body.w - 1.2 });
      counter.roadmapPage = page;
      await layoutBody(slide, roadmap ? (page === 0 ? body : body.filter((b) => b.kind === 'chart')) : parts[page]!, geo.body, v, a, charts, look, counter);
      const rest = page > 0 && roadmap ? (roadmapPages(v, a)[page] ?? []).map((b) => `${b.label} (${b.phase})`) : [];
      if (page === 0 ? notes.length : rest.length) slide.addNotes(page === 0 ? notes.join('\n') : [`${title}, continued:`, ...rest].join('\n'));
    }
  }

  const bytes = await withFixedRandom(async () => new Uint8Array((await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer));
  const hidden = new Set(counter.hidden.map((n) => `ppt/charts/chart${n}.xml`));
  const normalised = await normalisePackage(bytes, {
    date: meta.date,
    editXml: (path, xml) => (hidden.has(path) ? hideFirstSeries(xml) : /^ppt\/slides\/slide\d+\.xml$/.test(path) ? oneParagraphProperties(xml) : xml),
  });
  return template ? applyTemplate(normalised, template, meta.date) : normalised;
}

/**
 * pptxgenjs writes paragraph properties before every run of a paragraph; the schema allows them only first
 * (PowerPoint repairs such a file, LibreOffice lets the last one win and drops the bullets). The first stays.
 */
export function oneParagraphProperties(xml: string): string {
  return xml.replace(
    /<a:p>([\s\S]*?)<\/a:p>/g,
    (_, inner: string) => `<a:p>${inner.replace(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, (p: string, at: number) => (at === 0 ? p : ''))}</a:p>`,
  );
}

/** A Gantt chart's offset series: no fill, no line and no legend entry, so the bars float from their start dates. */
function hideFirstSeries(xml: string): string {
  return xml
    .replace(/(<c:ser>\s*<c:idx val="0"\/>[\s\S]*?)<c:spPr>[\s\S]*?<\/c:spPr>/, '$1<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>')
    .replace(/(<c:legend>\s*<c:legendPos [^>]*\/>)/, '$1<c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry>');
}

type Item = { h: (pt: number) => number; flex: boolean; draw: (y: number, h: number, pt: number) => Promise<void> | void };

/** The space between a slide's blocks, in inches. */
const BLOCK_GAP = 0.18;

/** The height of a text block or table at body size `pt` (tables and code 2 pt smaller), in a box `w` wide. */
function blockHeight(b: Block, w: number, pt: number): number {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return lines(plain(b.runs), w, pt, b.kind === 'heading') * lineH(pt) + 0.08;
    case 'list':
      return b.items.reduce((n, i) => n + lines(plain(i.runs), w - 0.4, pt), 0) * lineH(pt) * 1.1 + 0.08;
    case 'table':
      return tableHeight(markdownTable(b), w, pt - 2);
    case 'code':
      return lines(b.text, w, pt - 2) * lineH(pt - 2) + 0.1;
    default:
      return 0;
  }
}

/** The body size a continued table keeps on every slide: its cells at 14 pt (DELIVERABLES: none smaller). */
const CONTINUED_PT = 16;

/**
 * A slide whose one table does not fit at CONTINUED_PT continues on copies of the slide, as the PDF deck does:
 * each part takes the rows that fit, the text before the table goes on the first, the text after it on the last,
 * and the last two parts share their rows evenly, so no slide carries an orphan row. A slide with a chart or with
 * more than one table, or whose table fits, stays one slide (the layout sizes its text to fit).
 */
export function tableParts(body: readonly Block[], box: Box): Block[][] {
  const tables = body.filter((b): b is TableBlock => b.kind === 'table');
  if (tables.length !== 1 || body.some((b) => b.kind === 'chart')) return [[...body]];
  const height = (bs: readonly Block[]) => bs.reduce((t, b) => t + blockHeight(b, box.w, CONTINUED_PT), 0) + BLOCK_GAP * Math.max(0, bs.length - 1);
  if (height(body) <= box.h) return [[...body]];
  const table = tables[0]!;
  const at = body.indexOf(table);
  const before = body.slice(0, at);
  const after = body.slice(at + 1);
  const whole = markdownTable(table).texts;
  const part = (rows: Run[][][]): TableBlock => {
    const b: TableBlock = { ...table, rows };
    wholeTexts.set(b, whole);
    return b;
  };
  const page = (rows: Run[][][], k: number, n: number): Block[] => [...(k === 0 ? before : []), part(rows), ...(k === n - 1 ? after : [])];
  const fits = (rows: Run[][][], k: number, n: number) => height(page(rows, k, n)) <= box.h;
  // Greedy: each part the rows that fit (at least one); the last part also holds the text after the table.
  const parts: Run[][][][] = [];
  let rest = table.rows;
  while (rest.length) {
    const k = parts.length;
    let take = 1;
    while (take < rest.length && height([...(k === 0 ? before : []), part(rest.slice(0, take + 1))]) <= box.h) take++;
    parts.push(rest.slice(0, take));
    rest = rest.slice(take);
  }
  while (parts.length > 1 && !fits(parts[parts.length - 1]!, parts.length - 1, parts.length) && parts[parts.length - 1]!.length > 1) {
    const last = parts[parts.length - 1]!;
    parts.splice(parts.length - 1, 1, last.slice(0, -1), last.slice(-1));
  }
  if (parts.length === 1) return [[...body]];
  // No orphan row: rows move from the part before to the last while the last has fewer and still fits.
  const n = parts.length;
  for (;;) {
    const prev = parts[n - 2]!;
    const last = parts[n - 1]!;
    if (last.length + 1 >= prev.length) break;
    const moved = [prev[prev.length - 1]!, ...last];
    if (!fits(moved, n - 1, n)) break;
    parts[n - 2] = prev.slice(0, -1);
    parts[n - 1] = moved;
  }
  return parts.map((rows, k) => page(rows, k, n));
}

async function layoutBody(
  slide: Slide,
  blocks: readonly Block[],
  box: Box,
  v: ReportView,
  a: Assessment,
  charts: Record<string, Chart>,
  look: Look,
  counter: Counter,
): Promise<void> {
  const items: Item[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
      case 'paragraph': {
        const bold = b.kind === 'heading';
        items.push({
          h: (pt) => blockHeight(b, box.w, pt),
          flex: false,
          draw: (y, h, pt) => {
            slide.addText(runs(b.runs, bold ? { bold: true } : {}), { x: box.x, y, w: box.w, h, ...look.ink, fontSize: pt, margin: 0, valign: 'top' });
          },
        });
        break;
      }
      case 'list': {
        items.push({
          h: (pt) => blockHeight(b, box.w, pt),
          flex: false,
          draw: (y, h, pt) => {
            const paras: TextRun[] = [];
            for (const it of b.items) {
              // Paragraph options on the first run only: pptxgenjs opens a new paragraph at every run that has a bullet.
              const bullet = b.ordered ? { type: 'number' as const, ...(b.start !== 1 ? { numberStartAt: b.start } : {}) } : true;
              const rs = runs(it.runs);
              if (rs[0]) rs[0].options = { ...rs[0].options, bullet, indentLevel: it.level, paraSpaceAfter: 4 };
              pushAll(paras, rs);
            }
            slide.addText(paras, { x: box.x, y, w: box.w, h, ...look.ink, fontSize: pt, margin: 0, valign: 'top' });
          },
        });
        break;
      }
      case 'table': {
        const t = markdownTable(b);
        items.push({ h: (pt) => blockHeight(b, box.w, pt), flex: false, draw: (y, _h, pt) => addTable(slide, t, { x: box.x, y, w: box.w }, pt - 2, look) });
        break;
      }
      case 'code':
        items.push({
          h: (pt) => blockHeight(b, box.w, pt),
          flex: false,
          draw: (y, h, pt) => {
            slide.addText(b.text, { x: box.x, y, w: box.w, h, ...look.ink, fontFace: 'Consolas', fontSize: pt - 2, margin: 0, valign: 'top' });
          },
        });
        break;
      case 'chart': {
        const native = nativeChart(b.name, v, a, look, counter);
        if (native === null) break;
        if (native?.kind === 'table') {
          const t = native.table;
          items.push({ h: (pt) => tableHeight(t, box.w, pt), flex: false, draw: (y, _h, pt) => addTable(slide, t, { x: box.x, y, w: box.w }, pt, look) });
        } else if (native?.kind === 'chart') {
          items.push({ h: () => 2.6, flex: true, draw: (y, h) => native.draw(slide, { x: box.x, y, w: box.w, h }) });
        } else {
          // A chart PowerPoint has no type for (or one a user's template names): relm's own drawing, as an image.
          const c = charts[b.name];
          if (!c) break;
          const size = svgSize(c.svg);
          const png = await svgToPng(c.svg, Math.max(1600, size.width * 2));
          items.push({
            h: () => 2.6,
            flex: true,
            draw: (y, h) => {
              const s = fit(size.width, size.height, box.w, h);
              slide.addImage({
                data: `image/png;base64,${Buffer.from(png).toString('base64')}`,
                x: box.x + (box.w - s.w) / 2,
                y,
                w: s.w,
                h: s.h,
                altText: c.title,
              });
            },
          });
        }
        break;
      }
      default:
        break;
    }
  }
  if (!items.length) return;
  const gap = BLOCK_GAP;
  const sizes = [18, 16, 15, 14, 13, 12, 11, 10];
  const need = (pt: number) => items.reduce((t, i) => t + i.h(pt), 0) + gap * (items.length - 1);
  const pt = sizes.find((s) => need(s) <= box.h) ?? sizes[sizes.length - 1]!;
  const flexCount = items.filter((i) => i.flex).length;
  const spare = Math.max(0, box.h - need(pt));
  let y = box.y;
  for (const it of items) {
    const h = it.flex ? it.h(pt) + spare / flexCount : it.h(pt);
    await it.draw(y, h, pt);
    y += h + gap;
  }
}
