// Where the plots of plots.ts land on the page: linked relative to the sheet
// whatever path form the module returns, in their topic, with their alt text;
// without the module, the plots already drawn beside the sheet are kept.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SheetData } from '../../src/sheet/model.js';
import { drawPlots } from '../../src/sheet/plot-slots.js';

const root = mkdtempSync(join(tmpdir(), 'sheet-plots-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const data = { formulas: [], derivations: [], generated: '', seed: 1, backend: 'cpu', adapter: '', version: '0' } as SheetData;

describe('drawPlots', () => {
  it('links each plot relative to the sheet: absolute paths, paths relative to the plots folder, or a name alone', async () => {
    const out = join(root, 'a');
    let asked = '';
    const fake = async () => ({
      renderPlots: async (dir: string) => {
        asked = dir;
        return [{ file: join(dir, 'weightings.svg') }, { path: 'schedules-logsnr.svg', alt: 'log-SNR' }, { name: 'mine', topic: 'flow' }];
      },
    });
    const plots = await drawPlots(out, data, fake);
    expect(asked).toBe(join(out, 'plots'));
    expect(plots).toEqual([
      { name: 'weightings', file: 'plots/weightings.svg', alt: 'the weightings w(λ) of the common objectives on one chart', topic: 'weights' },
      { name: 'schedules-logsnr', file: 'plots/schedules-logsnr.svg', alt: 'log-SNR', topic: 'schedule' },
      { name: 'mine', file: 'plots/mine.svg', alt: 'mine', topic: 'flow' },
    ]);
  });

  it('without plots.ts, keeps the planned plots already drawn beside the sheet, and only those', async () => {
    const out = join(root, 'b');
    mkdirSync(join(out, 'plots'), { recursive: true });
    writeFileSync(join(out, 'plots', 'weightings.svg'), '<svg/>');
    const missing = async () => {
      throw Object.assign(new Error("Cannot find module '/x/src/sheet/plots.js'"), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    expect((await drawPlots(out, data, missing)).map((p) => p.file)).toEqual(['plots/weightings.svg']);
  });

  it('a plots.ts that fails to load for another reason is an error, not a silent sheet without plots', async () => {
    const broken = async () => {
      throw new SyntaxError('Unexpected token');
    };
    await expect(drawPlots(join(root, 'c'), data, broken)).rejects.toThrow('Unexpected token');
  });
});
