// Is a PNG screenshot blank? Decoded with pngjs: the fraction of pixels that
// are not (near) white, and the variance of their luminance.
import { PNG } from 'pngjs';

export interface PixelStats {
  readonly width: number;
  readonly height: number;
  /** fraction of pixels with luminance below 240/255 */
  readonly inked: number;
  /** variance of the luminance over all pixels, in (0..255)² */
  readonly variance: number;
}

export function pixelStats(png: Buffer): PixelStats {
  const img = PNG.sync.read(png);
  const n = img.width * img.height;
  const lum = new Float64Array(n);
  let inked = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const [r, g, b, a] = [img.data[4 * i], img.data[4 * i + 1], img.data[4 * i + 2], img.data[4 * i + 3]];
    // composite over white, as the page is shown
    const y = 255 - (a / 255) * (255 - (0.2126 * r + 0.7152 * g + 0.0722 * b));
    if (y < 240) inked++;
    lum[i] = y;
    sum += y;
  }
  // two passes: E[y²] − E[y]² cancels to rounding noise on a blank page
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (lum[i] - mean) ** 2;
  return { width: img.width, height: img.height, inked: inked / n, variance: ss / n };
}
