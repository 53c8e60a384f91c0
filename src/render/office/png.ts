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

/** A PNG of the SVG, `width` pixels wide, on white. */
export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const { Resvg } = await load();
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width) },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  return new Uint8Array(r.render().asPng());
}
