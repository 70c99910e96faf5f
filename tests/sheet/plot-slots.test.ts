// Where the plots of plots.ts land on the page: linked relative to the sheet
// whether the renderer reports a file relative to the plots folder or an
// absolute one, in their topic, with their alt text; drawn with the sheet's seed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SheetData } from '../../src/sheet/model.js';
import { drawPlots, PLANNED_PLOTS, type PlotRenderer } from '../../src/sheet/plot-slots.js';

const root = mkdtempSync(join(tmpdir(), 'sheet-plots-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const data = { formulas: [], derivations: [], generated: '', seed: 1, backend: 'cpu', adapter: '', version: '0' } as SheetData;

describe('drawPlots', () => {
  it('links each plot relative to the sheet: paths relative to the plots folder or absolute; alt and topic from the plan unless given', async () => {
    const out = join(root, 'a');
    let asked = '';
    let seed: number | undefined;
    const fake: PlotRenderer = async (dir, options) => {
      asked = dir;
      seed = options.seed;
      return [{ name: 'weightings', file: join(dir, 'weightings.svg') }, { name: 'schedules-logsnr', file: 'schedules-logsnr.svg', alt: 'log-SNR' }, { name: 'mine', file: 'sub/mine.svg', topic: 'flow' }];
    };
    const plots = await drawPlots(out, { ...data, seed: 7 }, fake);
    expect(asked).toBe(join(out, 'plots'));
    expect(seed).toBe(7);
    expect(plots).toEqual([
      { name: 'weightings', file: 'plots/weightings.svg', alt: 'the weightings w(λ) of the common objectives on one chart', topic: 'weights' },
      { name: 'schedules-logsnr', file: 'plots/schedules-logsnr.svg', alt: 'log-SNR', topic: 'schedule' },
      { name: 'mine', file: 'plots/sub/mine.svg', alt: 'mine', topic: 'flow' },
    ]);
  });

  it('a renderer that fails is an error, not a silent sheet without plots', async () => {
    const broken: PlotRenderer = async () => {
      throw new SyntaxError('Unexpected token');
    };
    await expect(drawPlots(join(root, 'c'), data, broken)).rejects.toThrow('Unexpected token');
  });

  it('by default draws every planned plot with Vega, as SVG files beside the sheet', async () => {
    const out = join(root, 'd');
    const plots = await drawPlots(out, data);
    expect(plots.map((p) => p.name).sort()).toEqual(PLANNED_PLOTS.map((p) => p.name).sort());
    for (const p of plots) {
      expect(existsSync(join(out, p.file)), p.file).toBe(true);
      expect(readFileSync(join(out, p.file), 'utf8')).toMatch(/^<svg/);
    }
  }, 120_000);
});
