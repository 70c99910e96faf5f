// The blank-screenshot detector itself, on PNGs made here: it must call a
// white (or transparent) image blank and a drawn one not.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pixelStats } from './pixels.js';

function png(w: number, h: number, paint: (x: number, y: number) => [number, number, number, number]): Buffer {
  const img = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set(paint(x, y), 4 * (y * w + x));
  return PNG.sync.write(img);
}

describe('pixelStats (blank screenshot detection)', () => {
  it('a white page has no ink and no variance', () => {
    const s = pixelStats(png(40, 30, () => [255, 255, 255, 255]));
    expect([s.width, s.height, s.inked]).toEqual([40, 30, 0]);
    expect(s.variance).toBeCloseTo(0, 9);
  });
  it('a fully transparent page counts as white (composited over white)', () => {
    const s = pixelStats(png(10, 10, () => [0, 0, 0, 0]));
    expect(s.inked).toBe(0);
    expect(s.variance).toBe(0);
  });
  it('near-white noise (≥ 241) is not ink', () => {
    expect(pixelStats(png(20, 20, (x, y) => [241 + ((x + y) % 14), 250, 250, 255])).inked).toBe(0);
  });
  it('one black column in ten is 10% ink with variance 0.1·0.9·255²', () => {
    const s = pixelStats(png(10, 10, (x) => (x === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255])));
    expect(s.inked).toBeCloseTo(0.1, 12);
    expect(s.variance).toBeCloseTo(0.09 * 255 * 255, 6);
  });
  it('a uniformly grey page is inked but has no contrast (variance 0): blank by the variance test', () => {
    const s = pixelStats(png(10, 10, () => [128, 128, 128, 255]));
    expect(s.inked).toBe(1);
    expect(s.variance).toBeCloseTo(0, 9);
  });
});
