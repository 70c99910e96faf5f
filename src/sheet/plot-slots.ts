// The plots the sheet shows (issue 12 item 2), drawn by plots.ts (Vega-Lite,
// rendered to SVG in Node) where that module is present. This file only says
// which plots there are and where on the page each one goes, so that the page
// has a slot for each whether or not they have been drawn yet.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SheetData } from './model.js';

/** A plot as the sheets link it: `plots/NAME.svg` beside the page. */
export interface SheetPlot {
  readonly name: string;
  /** Path relative to the sheet's folder. */
  readonly file: string;
  readonly alt: string;
  readonly caption?: string;
  /** The topic section it belongs in; plots without one go in the plots section. */
  readonly topic?: string;
}

/** The plots of item 2, by the names plots.ts writes (plots/NAME.svg). */
export const PLANNED_PLOTS: readonly SheetPlot[] = [
  { name: 'schedules-alphabar', file: 'plots/schedules-alphabar.svg', alt: 'ᾱ_t of the linear, scaled-linear and cosine schedules, with and without the zero-SNR rescale', topic: 'schedule' },
  { name: 'schedules-logsnr', file: 'plots/schedules-logsnr.svg', alt: 'log-SNR of the discrete schedules (the rescaled ones reach −∞ at t = T)', topic: 'schedule' },
  { name: 'schedules-off-by-one', file: 'plots/schedules-off-by-one.svg', alt: "log-SNR at t = 1 … 10: the seed's linear β_t = β_1 + (t/T)(β_T − β_1) against diffusers' linspace", topic: 'schedule' },
  { name: 'weightings', file: 'plots/weightings.svg', alt: 'the weightings w(λ) of the common objectives on one chart', topic: 'weights' },
  { name: 'timestep-densities', file: 'plots/timestep-densities.svg', alt: 'logit-normal, mode and CosMap densities over histograms of their samplers', topic: 'weights' },
  { name: 'vdm-estimator-variance', file: 'plots/vdm-estimator-variance.svg', alt: 'variances of the two VDM ELBO estimators', topic: 'vdm' },
];

interface PlotModule {
  renderPlots(dir: string, data: SheetData): Promise<Array<Partial<SheetPlot> & { file?: string; path?: string; name?: string }>>;
}

const loadPlotModule = () => {
  const specifier = './plots.js';
  return import(specifier);
};

/**
 * Draws the plots into `outDir/plots` with plots.ts, when it is there. The
 * specifier is computed so that the build does not require the module.
 * THE CALL SITE of item 2's plots.
 */
export async function drawPlots(outDir: string, data: SheetData, load: () => Promise<unknown> = loadPlotModule): Promise<SheetPlot[]> {
  let mod: PlotModule | undefined;
  try {
    mod = (await load()) as PlotModule;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes('plots')) throw e;
  }
  if (mod?.renderPlots) {
    const drawn = await mod.renderPlots(join(outDir, 'plots'), data);
    return drawn.map((p) => {
      const raw = String(p.file ?? p.path ?? '');
      const name = p.name ?? raw.replace(/^.*\//, '').replace(/\.svg$/, '');
      const planned = PLANNED_PLOTS.find((q) => q.name === name);
      // Linked where it was written, relative to the page (an absolute path, or one relative to the plots folder).
      const written = raw ? (isAbsolute(raw) ? raw : existsSync(resolve(raw)) ? resolve(raw) : join(outDir, 'plots', raw)) : join(outDir, 'plots', `${name}.svg`);
      const file = relative(outDir, written).split(sep).join('/');
      return { name, file, alt: p.alt ?? planned?.alt ?? name, ...(p.caption ? { caption: p.caption } : {}), ...((p.topic ?? planned?.topic) ? { topic: p.topic ?? planned?.topic } : {}) };
    });
  }
  // No plotting module yet: keep the plots a previous run drew, if any.
  return PLANNED_PLOTS.filter((p) => existsSync(join(outDir, p.file)));
}
