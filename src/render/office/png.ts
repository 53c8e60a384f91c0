/**
 * Charts as PNG without a browser: relm's SVG charts rasterised by resvg (a Rust SVG renderer shipped as a
 * prebuilt Node addon), with the system's fonts. Word needs a PNG beside each SVG for readers that cannot
 * draw SVG; PowerPoint gets one for a chart it has no native type for.
 */
import { RelmError } from '../../errors.js';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;

async function load(): Promise<ResvgModule> {
  if (resvg) return resvg;
  try {
    resvg = await import('@resvg/resvg-js');
    return resvg;
  } catch (err) {
    throw new RelmError(
      `cannot load the SVG renderer (@resvg/resvg-js) for the chart images: ${(err as Error).message.split('\n')[0]}`,
      undefined,
      'Reinstall relm with its optional platform packages (npm install, without --no-optional), or ask for md, html or pdf instead.',
    );
  }
}

/** The SVG's own size (its width and height attributes, else its viewBox), in CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  const attr = (name: string) => Number(new RegExp(`<svg\\b[^>]*\\s${name}="([\\d.]+)`).exec(svg)?.[1] ?? NaN);
  const box = /<svg\b[^>]*\sviewBox="[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"/.exec(svg);
  const width = attr('width') || Number(box?.[1] ?? 700);
  const height = attr('height') || Number(box?.[2] ?? 400);
  return { width, height };
}

/** The largest side, in pixels, of any PNG relm draws from an SVG (a chart at twice its size is under 2,000). */
export const MAX_PNG_SIDE = 4096;

/**
 * A PNG of the SVG, `width` pixels wide, on white — but never more than `maxSide` pixels on either side,
 * whatever the SVG claims to measure: a 126-byte `<svg width="100000" height="100000">` would otherwise ask for
 * a 40-gigabyte bitmap. The SVG's own size is read by resvg (its parse, without drawing) before anything is drawn.
 */
export async function svgToPng(svg: string, width: number, maxSide = MAX_PNG_SIDE): Promise<Uint8Array> {
  return (await svgRaster(svg, width, maxSide)).png;
}

/** svgToPng, with the SVG's own size as resvg reads it (CSS pixels). */
export async function svgRaster(svg: string, width: number, maxSide = MAX_PNG_SIDE): Promise<{ png: Uint8Array; width: number; height: number }> {
  const { Resvg } = await load();
  const font = { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' };
  const own = new Resvg(svg, { font: { loadSystemFonts: false } });
  const w = own.width;
  const h = own.height;
  if (!(w > 0 && h > 0)) throw new RelmError('the SVG has no size to draw', undefined, 'Give the <svg> element a width and height, or a viewBox.');
  let zoom = Math.max(1, Math.round(width)) / w;
  if (w * zoom > maxSide || h * zoom > maxSide) zoom = maxSide / Math.max(w, h);
  if (Math.min(w, h) * zoom < 0.5)
    throw new RelmError(
      `the SVG measures ${w} × ${h}: too thin to draw within ${maxSide} pixels`,
      undefined,
      'Give the <svg> element proportions an image can have (a width and height, or a viewBox).',
    );
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, background: 'white', font });
  return { png: new Uint8Array(r.render().asPng()), width: w, height: h };
}
