// The formula sheet's plots: Vega-Lite specs compiled to Vega and rendered to
// SVG by Vega's headless View in Node (renderer 'none': no browser, no canvas;
// text widths are Vega's estimates). No SVG is written by hand here: each plot
// is a spec over data computed by the small plot-* modules.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { alphaBar, betas, logSnr, zeroTerminalSnr, type Schedule } from './plot-schedules.js';
import { WEIGHTINGS } from './plot-weightings.js';
import { cosMapDensity, histogram, logitNormalDensity, modeDensity, sample, type Sampler } from './plot-timesteps.js';
import { estimatorVariances, SWEEP } from './plot-vdm.js';

export const T = 1000;
/** The Philox key of the timestep samplers' histograms. */
export const PLOT_SEED = 20240101;
export const HISTOGRAM_DRAWS = 200_000;
export const HISTOGRAM_BINS = 50;

export interface PlotSpec {
  readonly name: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

const WIDTH = 460;
const HEIGHT = 280;

type Row = Record<string, number | string>;

/** t = 1..20, then every 10th step, and T: the start in full (where the off-by-one lives), the rest thinned. */
function plottedSteps(): number[] {
  const ts: number[] = [];
  for (let t = 1; t <= T; t++) if (t <= 20 || t % 10 === 0) ts.push(t);
  return ts;
}

const SCHEDULES: readonly { id: Schedule; label: string; rescaled: boolean }[] = [
  { id: 'linear', label: 'linear 1e-4…0.02', rescaled: false },
  { id: 'scaled-linear', label: 'scaled-linear 0.00085…0.012', rescaled: false },
  { id: 'cosine', label: 'cosine s = 0.008', rescaled: false },
  { id: 'linear', label: 'linear 1e-4…0.02', rescaled: true },
  { id: 'scaled-linear', label: 'scaled-linear 0.00085…0.012', rescaled: true },
  { id: 'cosine', label: 'cosine s = 0.008', rescaled: true },
  { id: 'seed-linear', label: "the seed's linear (off by one)", rescaled: false },
];

/** One row per (schedule, rescale, plotted t); log-SNR is left out where it is not finite (ᾱ_T = 0 after the rescale). */
export function scheduleRows(): Row[] {
  const rows: Row[] = [];
  const ts = plottedSteps();
  for (const s of SCHEDULES) {
    const raw = alphaBar(betas(s.id, T));
    const abar = s.rescaled ? zeroTerminalSnr(raw) : raw;
    for (const t of ts) {
      const a = abar[t - 1];
      const row: Row = { t, abar: a, schedule: s.label, rescale: s.rescaled ? 'zero terminal SNR (Lin et al.)' : 'as published' };
      const l = logSnr(a);
      if (Number.isFinite(l)) row.logSnr = l;
      rows.push(row);
    }
  }
  return rows;
}

const seriesEncoding = {
  color: { field: 'schedule', type: 'nominal', title: 'schedule', sort: null },
  strokeDash: { field: 'rescale', type: 'nominal', title: null, sort: null },
} as const;

function scheduleSpec(field: 'abar' | 'logSnr', title: string, yTitle: string): TopLevelSpec {
  const rows = scheduleRows().filter((r) => field in r);
  return {
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 't', scale: { domain: [1, T] } },
      y: { field, type: 'quantitative', title: yTitle },
      detail: { field: 'rescale', type: 'nominal' },
      ...seriesEncoding,
    },
  } as TopLevelSpec;
}

/** The first ten steps of linear and the seed's linear: log-SNR differs at t = 1 (β_1 vs β_1 + (β_T − β_1)/T). */
function offByOneSpec(): TopLevelSpec {
  const rows: Row[] = [];
  for (const [id, label] of [['linear', 'linear: β_t = β_1 + (t−1)/(T−1)(β_T − β_1)'], ['seed-linear', "the seed: β_t = β_1 + (t/T)(β_T − β_1)"]] as const) {
    const abar = alphaBar(betas(id, T));
    for (let t = 1; t <= 10; t++) rows.push({ t, logSnr: logSnr(abar[t - 1]), schedule: label });
  }
  return {
    title: "The seed's off-by-one: log-SNR of the linear schedule at the first steps",
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 't', axis: { tickMinStep: 1 } },
      y: { field: 'logSnr', type: 'quantitative', title: 'log SNR(t) = log ᾱ_t/(1 − ᾱ_t)', scale: { zero: false } },
      color: { field: 'schedule', type: 'nominal', title: null, sort: null },
    },
  } as TopLevelSpec;
}

export const LAMBDA_RANGE = { lo: -10, hi: 10, n: 201 } as const;

function weightingSpec(): TopLevelSpec {
  const rows: Row[] = [];
  for (const w of WEIGHTINGS) {
    for (let i = 0; i < LAMBDA_RANGE.n; i++) {
      const lambda = LAMBDA_RANGE.lo + ((LAMBDA_RANGE.hi - LAMBDA_RANGE.lo) * i) / (LAMBDA_RANGE.n - 1);
      rows.push({ lambda, w: w.w(lambda), objective: w.label });
    }
  }
  return {
    title: 'Weightings w(λ) of common objectives (Kingma & Gao 2023)',
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'lambda', type: 'quantitative', title: 'λ = log SNR' },
      y: { field: 'w', type: 'quantitative', title: 'w(λ)', scale: { type: 'log' } },
      color: { field: 'objective', type: 'nominal', title: null, sort: null },
    },
  } as TopLevelSpec;
}

const SAMPLERS: readonly { id: Sampler; title: string; density: (t: number) => number }[] = [
  { id: 'logit-normal', title: 'logit-normal(0, 1)', density: (t) => logitNormalDensity(t) },
  { id: 'mode', title: 'mode(s = 1.29)', density: (t) => modeDensity(t) },
  { id: 'cosmap', title: 'CosMap', density: cosMapDensity },
];

function timestepSpec(seed: number): TopLevelSpec {
  const panels = SAMPLERS.map((s) => {
    const bars = histogram(sample(s.id, HISTOGRAM_DRAWS, seed), HISTOGRAM_BINS);
    const curve: Row[] = [];
    for (let i = 1; i < 200; i++) curve.push({ t: i / 200, density: s.density(i / 200) });
    return {
      title: s.title,
      width: 200,
      height: 180,
      layer: [
        {
          data: { values: bars },
          mark: { type: 'rect', color: '#b8c7dc' },
          encoding: {
            x: { field: 'lo', type: 'quantitative', title: 't', scale: { domain: [0, 1] } },
            x2: { field: 'hi' },
            y: { field: 'density', type: 'quantitative', title: 'density' },
            y2: { datum: 0 },
          },
        },
        {
          data: { values: curve },
          mark: { type: 'line', color: '#c0392b', strokeWidth: 1.5 },
          encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' } },
        },
      ],
    };
  });
  return {
    title: `Timestep densities (line) over histograms of their samplers (${HISTOGRAM_DRAWS} Philox draws each, seed ${seed})`,
    hconcat: panels,
  } as TopLevelSpec;
}

function vdmSpec(): TopLevelSpec {
  const rows: Row[] = [];
  for (const c of estimatorVariances()) for (const p of c.points) rows.push({ x: p.x, variance: p.variance, estimator: c.label });
  return {
    title: 'Single-sample variance of the VDM ELBO estimators (T = 2, closed form)',
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: `${SWEEP.name} (others at α = (1/2, 1/4), k_2 = 0, c = −1, s = 1, x_0 = 0)` },
      y: { field: 'variance', type: 'quantitative', title: 'Var g (one forward chain)' },
      color: { field: 'estimator', type: 'nominal', title: null, sort: null },
    },
  } as TopLevelSpec;
}

/** Legends in full (Vega cuts labels at 160 px by default), one column below the chart. */
const CONFIG = { legend: { labelLimit: 0, orient: 'bottom', direction: 'vertical' } } as const;

export interface PlotOptions {
  /** The Philox key of the samplers' histograms (default PLOT_SEED). */
  readonly seed?: number;
}

/** Every plot of the sheet, in the order the sheet shows them. */
export function plotSpecs(options: PlotOptions = {}): PlotSpec[] {
  const seed = options.seed ?? PLOT_SEED;
  const specs: [string, TopLevelSpec][] = [
    ['schedules-alphabar', scheduleSpec('abar', 'ᾱ_t of discrete schedules (T = 1000), with and without the zero-terminal-SNR rescale', 'ᾱ_t')],
    ['schedules-logsnr', scheduleSpec('logSnr', 'log-SNR of discrete schedules (T = 1000; the rescaled ones reach −∞ at t = T)', 'log SNR(t)')],
    ['schedules-off-by-one', offByOneSpec()],
    ['weightings', weightingSpec()],
    ['timestep-densities', timestepSpec(seed)],
    ['vdm-estimator-variance', vdmSpec()],
  ];
  return specs.map(([name, spec]) => ({ name, title: String((spec as { title: unknown }).title), spec: { ...spec, config: CONFIG } as TopLevelSpec }));
}

/** SVG of one Vega-Lite spec, rendered headless. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Writes every plot to `dir` as NAME.svg (temporary file, then rename: an
 * interrupted run leaves the previous plot in place) and returns, per plot,
 * its name, its file name inside `dir` (the sheet links it as plots/FILE),
 * and its title (for alt text and captions).
 */
export async function renderPlots(dir: string, options: PlotOptions = {}): Promise<{ name: string; file: string; title: string }[]> {
  await mkdir(dir, { recursive: true });
  const out: { name: string; file: string; title: string }[] = [];
  for (const p of plotSpecs(options)) {
    const svg = await renderSvg(p.spec);
    const file = `${p.name}.svg`;
    const tmp = join(dir, `.${file}.${process.pid}.tmp`);
    await writeFile(tmp, svg.endsWith('\n') ? svg : `${svg}\n`);
    await rename(tmp, join(dir, file));
    out.push({ name: p.name, file, title: p.title });
  }
  return out;
}
