// The plots the sheet shows (issue 12 item 2): which there are, their alt
// text and topic section, and where on the page each one goes. plots.ts draws
// them (Vega-Lite, rendered to SVG in Node).
import { isAbsolute, join, relative, sep } from 'node:path';
import type { SheetData } from './model.js';
import type { PlotOptions } from './plots.js';

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

/** What a plot renderer reports for each plot it wrote: its name and file (relative to the plots folder, or absolute). */
export interface DrawnPlot {
  readonly name: string;
  readonly file: string;
  readonly alt?: string;
  readonly caption?: string;
  readonly topic?: string;
}

export type PlotRenderer = (dir: string, options: PlotOptions) => Promise<readonly DrawnPlot[]>;

// Loaded when a sheet is drawn, not when the library is imported: Vega is most of the sheet's start-up time.
const renderWithVega: PlotRenderer = async (dir, options) => (await import('./plots.js')).renderPlots(dir, options);

/**
 * Draws the plots into `outDir/plots` (plots.ts, Vega-Lite rendered to SVG)
 * and links each one relative to the sheet, with its alt text and topic.
 * The samplers' histograms use the sheet's seed, so a sheet is reproducible
 * from its seed.
 */
export async function drawPlots(outDir: string, data: SheetData, render: PlotRenderer = renderWithVega): Promise<SheetPlot[]> {
  const dir = join(outDir, 'plots');
  const drawn = await render(dir, { seed: data.seed });
  return drawn.map((p) => {
    const planned = PLANNED_PLOTS.find((q) => q.name === p.name);
    const file = relative(outDir, isAbsolute(p.file) ? p.file : join(dir, p.file)).split(sep).join('/');
    const topic = p.topic ?? planned?.topic;
    return { name: p.name, file, alt: p.alt ?? planned?.alt ?? p.name, ...(p.caption ? { caption: p.caption } : {}), ...(topic ? { topic } : {}) };
  });
}
