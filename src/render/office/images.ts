/** Images for the Office files: the logo's size and a format every Office reader shows. */
import { imageSize } from 'image-size';
import { decodeDataUri } from './common.js';
import { svgRaster } from './png.js';

const LOGO_MAX_SIDE = 1200;

export interface Picture {
  /** PNG, JPEG or GIF bytes. */
  bytes: Uint8Array;
  type: 'png' | 'jpg' | 'gif';
  width: number;
  height: number;
}

/**
 * The logo (a data URI) as a picture Office can show: PNG, JPEG and GIF as they are, SVG and WebP drawn
 * to PNG (WebP through its size only when it cannot be drawn: it is left out). Null without a logo.
 */
export async function logoPicture(uri: string | null | undefined): Promise<Picture | null> {
  const d = decodeDataUri(uri);
  if (!d) return null;
  if (d.type === 'image/svg+xml') {
    // Drawn 600 pixels wide (at most 1,200 tall): sharp on a slide and a page, small whatever the SVG claims.
    const { png, width, height } = await svgRaster(d.bytes.toString('utf8'), 600, LOGO_MAX_SIDE);
    return { bytes: png, type: 'png', width, height };
  }
  const type = d.type === 'image/png' ? 'png' : d.type === 'image/jpeg' ? 'jpg' : d.type === 'image/gif' ? 'gif' : null;
  if (!type) return null;
  const size = imageSize(d.bytes);
  if (!size.width || !size.height) return null;
  return { bytes: new Uint8Array(d.bytes), type, width: size.width, height: size.height };
}

/** The largest box of the picture's proportions inside w × h. */
export function fit(width: number, height: number, w: number, h: number): { w: number; h: number } {
  const s = Math.min(w / width, h / height);
  return { w: width * s, h: height * s };
}
