/**
 * The pass relm runs inside the browser page just before printing it (the page's own scripts stay off; this
 * runs through the DevTools protocol). It does two things in one layout:
 * - the contents' page numbers: each empty `.toc-page` slot becomes a link box at the right of its entry, so
 *   that the single print carries, for every entry, a link annotation with the box's place and the page the
 *   heading is on; relm then writes the number into that box (pdf-info.ts `numberContents`). No second print.
 * - the layout checks of the preflight: on a slide, anything that runs into the footer band or over the slide's
 *   edge; on a page, anything wider than the page or an unbreakable block taller than one.
 *
 * `inPage` is serialised into the page: it may use nothing from outside its own body.
 */

export interface LayoutFinding {
  /** overflow, or the code of the text rule (preflight.ts) the text breaks. */
  code: string;
  /** The slide (1-based) for a deck; null for a document. */
  slide: number | null;
  /** The heading of the slide or of the document's section the element is in. */
  section: string;
  /** The text of the element at fault (shortened). */
  text: string;
  problem: string;
}

/** How the contents' page numbers look, measured on the first slot (CSS px, the page's own colour). */
export interface TocStyle {
  fontPx: number;
  /** From the top of the slot's box to the text's baseline. */
  baselinePx: number;
  widthPx: number;
  color: string;
}

export interface InPageResult {
  toc: TocStyle | null;
  findings: LayoutFinding[];
}

export function inPage(
  layout: 'a4' | 'slides',
  page: { widthMm: number; heightMm: number; marginMm: { top: number; right: number; bottom: number; left: number } },
  rules: readonly { code: string; source: string; flags: string; message: string }[],
): InPageResult {
  const findings: LayoutFinding[] = [];
  const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
  const short = (s: string | null | undefined): string => {
    const t = squash(s);
    return t.length > 100 ? `${t.slice(0, 97)}...` : t;
  };
  const mm = (v: string, fallback: number): number => {
    const probe = document.createElement('div');
    probe.style.cssText = `position:absolute;visibility:hidden;width:${v}`;
    document.body.appendChild(probe);
    const w = probe.getBoundingClientRect().width;
    probe.remove();
    return w > 0 ? w : fallback * (96 / 25.4);
  };
  const px = (millimetres: number) => millimetres * (96 / 25.4);
  // Parts of a chart are checked as the chart: its labels are wrapped by relm, not by the browser.
  const inSvg = (e: Element) => e.closest('svg') !== null && e.tagName.toLowerCase() !== 'svg';
  // The element's first descendant row, item or paragraph that fails `bad`, for the finding's text.
  const culprit = (e: Element, bad: (r: DOMRect) => boolean): Element => {
    for (const d of Array.from(e.querySelectorAll('tr, li, p, h1, h2, h3, h4, figure, svg, pre, img'))) {
      if (!inSvg(d) && bad(d.getBoundingClientRect())) return d;
    }
    return e;
  };
  const label = (e: Element): string =>
    short(e.textContent) ||
    (e.tagName.toLowerCase() === 'svg' ? `the chart "${short(e.querySelector('title')?.textContent)}"` : `<${e.tagName.toLowerCase()}>`);

  // A table that runs into a slide's footer band continues on copies of the slide: the title numbered "(2 of 3)",
  // the header row repeated, the text before the table on the first, the text after it on the last. Measured, not
  // estimated: each copy takes the rows that end above the band.
  function paginateSlides(): void {
    for (const slide of Array.from(document.querySelectorAll<HTMLElement>('.slide'))) {
      const body = slide.querySelector('.slide-body');
      const footer = slide.querySelector('.slide-footer');
      const title = body?.querySelector(':scope > h2');
      const tables = body ? Array.from(body.querySelectorAll(':scope > table')) : [];
      if (!body || !footer || !title || tables.length !== 1 || body.querySelector('figure')) continue;
      const limit = () => footer.getBoundingClientRect().top - 1;
      const last = body.lastElementChild!;
      if (last.getBoundingClientRect().bottom <= limit()) continue;
      // The columns keep the widths the whole table gave them, on every part: the rows keep their heights as
      // measured, and the parts read as one table.
      const table0 = tables[0]!;
      const heads = Array.from(table0.querySelectorAll(':scope > thead > tr > th'));
      const widths = heads.map((th) => th.getBoundingClientRect().width);
      heads.forEach((th, i) => ((th as HTMLElement).style.width = `${widths[i]}px`));
      if (heads.length) (table0 as HTMLElement).style.tableLayout = 'fixed';
      const original = title.innerHTML;
      const mark = (i: number, n: number) => {
        title.innerHTML = `${original} (${i} of ${n})`;
      };
      mark(1, 2);
      const parts: HTMLElement[] = [slide];
      for (let current = slide, guard = 0; guard < 200; guard++) {
        const cb = current.querySelector('.slide-body')!;
        const cf = current.querySelector('.slide-footer')!;
        const table = cb.querySelector(':scope > table')!;
        const end = cf.getBoundingClientRect().top - 1;
        if (cb.lastElementChild!.getBoundingClientRect().bottom <= end) break;
        const rows = Array.from(table.querySelectorAll(':scope > tbody > tr'));
        const after: Element[] = [];
        for (let e = table.nextElementSibling; e; e = e.nextElementSibling) after.push(e);
        const fit = rows.filter((r) => r.getBoundingClientRect().bottom <= end).length;
        // Nothing to move on: the preflight reports what still runs into the band.
        if (fit === 0 || (fit === rows.length && after.length === 0)) break;
        const next = current.cloneNode(true) as HTMLElement;
        current.after(next);
        const nb = next.querySelector('.slide-body')!;
        const nrows = Array.from(nb.querySelectorAll(':scope > table > tbody > tr'));
        nrows.slice(0, fit).forEach((r) => r.remove());
        for (let e = nb.querySelector(':scope > h2')!.nextElementSibling; e && e.tagName.toLowerCase() !== 'table'; ) {
          const following = e.nextElementSibling;
          e.remove();
          e = following;
        }
        rows.slice(fit).forEach((r) => r.remove());
        after.forEach((e) => e.remove());
        if (fit === rows.length) nb.querySelector(':scope > table')!.remove();
        parts.push(next);
        current = next;
      }
      if (parts.length === 1) {
        title.innerHTML = original;
        continue;
      }
      // No orphan row: the last two parts share their rows evenly (rows move from the one before to the last
      // while the last has fewer, each move measured: a row that would run into the band goes back).
      const [prev, tail] = parts.slice(-2) as [HTMLElement, HTMLElement];
      const prevBody = prev.querySelector(':scope .slide-body > table > tbody');
      const tailBody = tail.querySelector(':scope .slide-body > table > tbody');
      if (prevBody && tailBody) {
        const tailEnd = () => tail.querySelector('.slide-footer')!.getBoundingClientRect().top - 1;
        const tailBottom = () => tail.querySelector('.slide-body')!.lastElementChild!.getBoundingClientRect().bottom;
        while (tailBody.children.length + 1 < prevBody.children.length) {
          const row = prevBody.lastElementChild!;
          tailBody.insertBefore(row, tailBody.firstElementChild);
          if (tailBottom() > tailEnd()) {
            prevBody.appendChild(row);
            break;
          }
        }
      }
      parts.forEach((p, i) => {
        p.querySelector('.slide-body > h2')!.innerHTML = `${original} (${i + 1} of ${parts.length})`;
      });
    }
    // The footers' "n / m" and the slides' ids, for the deck as it now is.
    const all = Array.from(document.querySelectorAll<HTMLElement>('.slide'));
    all.forEach((s, i) => {
      s.id = `slide-${i + 1}`;
      const number = s.querySelector('.slide-footer > span:last-child');
      if (number && /^\d+ \/ \d+$/.test(squash(number.textContent))) number.textContent = `${i + 1} / ${all.length}`;
    });
  }

  // The text rules on what the page shows: every text node of the body, but not a chart's title or description.
  const textChecks = (placeOf: (e: Element) => { slide: number | null; section: string }) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.nodeValue ?? '';
      if (!parent || !text.trim() || parent.closest('style, script, title, desc')) continue;
      for (const r of rules) {
        const matches = [...text.matchAll(new RegExp(r.source, r.flags))];
        const m = matches[0];
        if (!m) continue;
        const whole = squash(parent.textContent);
        const at = Math.max(0, whole.indexOf(squash(text)));
        const more = matches.length > 1 ? ` (${matches.length} times)` : '';
        findings.push({
          code: r.code,
          ...placeOf(parent),
          text: short(whole.slice(Math.max(0, at + (m.index ?? 0) - 40))),
          problem: r.message.replace('{m}', m[0]) + more,
        });
      }
    }
  };

  if (layout === 'slides') {
    paginateSlides();
    textChecks((e) => {
      const slide = e.closest('.slide');
      const all = Array.from(document.querySelectorAll('.slide'));
      return { slide: slide ? all.indexOf(slide) + 1 : null, section: short(slide?.querySelector('h1, h2')?.textContent) };
    });
    Array.from(document.querySelectorAll('.slide')).forEach((slide, i) => {
      const s = slide.getBoundingClientRect();
      const footer = slide.querySelector('.slide-footer');
      const limit = footer ? footer.getBoundingClientRect().top : s.bottom;
      const body = slide.querySelector('.slide-body') ?? slide;
      const section = short(body.querySelector('h1, h2')?.textContent);
      const under = (r: DOMRect) => r.height > 0 && r.bottom > limit + 1;
      const outside = (r: DOMRect) => r.width > 0 && (r.right > s.right + 1 || r.left < s.left - 1);
      const blocks = [...Array.from(body.children), ...Array.from(body.querySelectorAll('figure svg'))];
      for (const child of blocks) {
        if (child === footer) continue;
        const r = child.getBoundingClientRect();
        if (under(r)) {
          findings.push({
            code: 'overflow',
            slide: i + 1,
            section,
            text: label(culprit(child, under)),
            problem: `runs ${Math.ceil(r.bottom - limit)} px into the footer band: it is cut`,
          });
        } else if (outside(r)) {
          findings.push({ code: 'overflow', slide: i + 1, section, text: label(culprit(child, outside)), problem: 'runs over the edge of the slide' });
        }
      }
    });
    return { toc: null, findings };
  }

  // A document: laid out at the width of the printed page's text area (the stylesheet's @page margins win).
  let left = page.marginMm.left;
  let right = page.marginMm.right;
  let top = page.marginMm.top;
  let bottom = page.marginMm.bottom;
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (!(rule instanceof CSSPageRule)) continue;
      const st = rule.style;
      if (st.marginLeft) left = mm(st.marginLeft, left) / px(1);
      if (st.marginRight) right = mm(st.marginRight, right) / px(1);
      if (st.marginTop) top = mm(st.marginTop, top) / px(1);
      if (st.marginBottom) bottom = mm(st.marginBottom, bottom) / px(1);
    }
  }
  const width = px(page.widthMm - left - right);
  const height = px(page.heightMm - top - bottom);
  const root = document.documentElement;
  const before = root.style.width;
  root.style.width = `${width}px`;
  try {
    const sectionOf = (e: Element): string => {
      const sec = e.closest('section');
      return short(sec?.querySelector('h2, h3')?.textContent) || 'the cover';
    };
    textChecks((e) => ({ slide: null, section: sectionOf(e) }));
    const reported: Element[] = [];
    const wide = (r: DOMRect) => r.width > 0 && r.right > width + 1;
    for (const e of Array.from(document.body.querySelectorAll('*'))) {
      if (inSvg(e) || reported.some((p) => p.contains(e))) continue;
      const r = e.getBoundingClientRect();
      const tag = e.tagName.toLowerCase();
      if (wide(r)) {
        reported.push(e);
        findings.push({
          code: 'overflow',
          slide: null,
          section: sectionOf(e),
          text: label(culprit(e, wide)),
          problem: `is ${Math.ceil(r.right - width)} px wider than the page: it is cut at the edge`,
        });
      } else if (['figure', 'svg', 'img', 'tr', 'pre'].includes(tag) && r.height > height + 1) {
        reported.push(e);
        findings.push({
          code: 'overflow',
          slide: null,
          section: sectionOf(e),
          text: label(e),
          problem: 'is taller than a page and cannot break: it is cut at the page foot',
        });
      }
    }

    // The contents: each empty page-number slot becomes a link box to its heading.
    let toc: TocStyle | null = null;
    for (const slot of Array.from(document.querySelectorAll('span.toc-page'))) {
      if (squash(slot.textContent) !== '') continue;
      const entry = slot.parentElement?.querySelector('a[href^="#"]');
      if (!entry) continue;
      const e = entry.getBoundingClientRect();
      const color = getComputedStyle(slot).color;
      const box = document.createElement('a');
      box.className = 'toc-page';
      box.setAttribute('href', entry.getAttribute('href')!);
      box.setAttribute('aria-hidden', 'true');
      box.style.cssText = `display:inline-block;min-width:2.6em;height:${e.height}px;vertical-align:top;text-decoration:none`;
      slot.replaceWith(box);
      if (!toc) {
        const b = box.getBoundingClientRect();
        // The entry's first baseline: where a zero-size box sitting on it begins.
        const mark = document.createElement('span');
        mark.style.cssText = 'display:inline-block;width:0;height:0;vertical-align:baseline';
        entry.insertBefore(mark, entry.firstChild);
        const st = getComputedStyle(entry);
        toc = { fontPx: Number.parseFloat(st.fontSize), baselinePx: mark.getBoundingClientRect().top - b.top, widthPx: b.width, color };
        mark.remove();
      }
    }
    return { toc, findings };
  } finally {
    root.style.width = before;
  }
}
