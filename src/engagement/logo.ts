import { imageHeader } from '../util/image-header.js';

/** Image types a logo may have, by file extension, with their media type. */
export const LOGO_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/**
 * The most pixels a raster logo may have on a side. A browser decodes the whole bitmap to draw it, however
 * small it is shown: a 2 MB PNG can claim 100,000 × 100,000 pixels (40 GB decoded). A logo needs a few hundred.
 */
export const MAX_LOGO_SIDE = 8000;

export const logoExtension = (path: string) => (path.split('.').pop() ?? '').toLowerCase();

const RASTER: Record<string, string> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', gif: 'gif', webp: 'webp' };

/**
 * Why the bytes of a logo file cannot be used, or null: the type its name says, the content that type has
 * (a text file named .png is not an image), a size within bounds, and pixels a browser can decode.
 */
export function logoProblem(path: string, bytes: Buffer): string | null {
  const ext = logoExtension(path);
  if (!LOGO_TYPES[ext]) return 'it is not a PNG, JPEG, GIF, WebP or SVG file';
  if (bytes.length > MAX_LOGO_BYTES) return 'it is larger than 2 MB';
  if (ext === 'svg') {
    // Vector: drawn at the size the page gives it (and rasterised for Office within a bounded box).
    return /<svg[\s>]/i.test(bytes.subarray(0, 64 * 1024).toString('utf8')) ? null : 'it is named .svg but holds no <svg> element';
  }
  const size = imageHeader(bytes);
  if (!size) return `it is named .${ext} but is not an image`;
  if (size.type !== RASTER[ext]) return `it is named .${ext} but holds a ${size.type.toUpperCase()} image; rename it or convert it`;
  if (!size.width || !size.height) return 'its width and height cannot be read';
  if (size.width > MAX_LOGO_SIDE || size.height > MAX_LOGO_SIDE)
    return `it is ${size.width.toLocaleString('en-GB')} × ${size.height.toLocaleString('en-GB')} pixels; a logo may have at most ${MAX_LOGO_SIDE.toLocaleString('en-GB')} on a side (a few hundred are plenty)`;
  return null;
}
