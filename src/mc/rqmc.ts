// Randomized quasi-Monte Carlo estimates of E[integrand]: R independent
// randomizations (scrambled Sobol, sobol/sobol.ts) of n points each.
//
//   const est = await compileRqmc(x², [draw('x', normal(0, 1))], []);
//   const r = await est.run({}, { samples: 2 ** 20, seed: 1 });  // R = 32 × n = 2^15
//   r.mean ± r.stderr, r.dof = 31: (r.mean − μ)/r.stderr is Student t with 31 dof
//
// The estimate is the mean of the R randomizations' means; its standard error
// is their standard deviation / √R — honest whatever the integrand, because
// the randomizations are independent and each is unbiased (every scrambled
// point is uniform). For a smooth integrand of a few dimensions the error
// falls nearly as n^-1 (or faster) instead of n^-1/2.
//
// `McResult` semantics are kept so the decisions can use either method:
// `variance` is se²·samples (what a plain run with this standard error would
// have), `samples` = R·n; `dof` = R − 1 says the statistic is t, not z.
//
// The kernel is float64 JS on the main thread (rqmc-js.ts). The tail
// diagnostic (k̂) is a property of the integrand's distribution, not of the
// point set: it is measured as for plain Monte Carlo, on float64 Philox draws
// of a stream of their own.
import type { Binding, Node } from '../expr/ast.js';
import { analyze, McParamError, type Analysis } from './plan.js';
import { deviceSlots, dimsOf, specialize, type Spec } from './specialize.js';
import { compileHost } from './js.js';
import { keyOf } from './layout.js';
import { compileRqmcKernel, rqmcKernelSource, sobolDims, type RqmcKernel } from './rqmc-js.js';
import { scrambleOf, SOBOL_MAX_DIMS } from './sobol/sobol.js';
import { ambientLimits, compileExpectation, McBudgetExhausted, McInterrupted, type Estimator, type McResult, type RunOptions } from './index.js';

/** Randomizations per estimate by default: t with 31 dof needs |t| ≥ 8.35 for the |z| ≥ 6 tail (1.9× the variance of z). */
export const DEFAULT_RANDOMIZATIONS = 32;
/** The fewest randomizations an RQMC estimate uses (the bar: the t statistic's tails are heavy below). */
export const MIN_RANDOMIZATIONS = 16;
/** The most points per randomization (32-bit direction numbers). */
export const MAX_POINTS = 2 ** 32;

export interface RqmcResult extends McResult {
  readonly method: 'rqmc';
  readonly randomizations: number;
  /** Points per randomization (a power of 2). */
  readonly points: number;
  /** Degrees of freedom of the standard error: randomizations − 1. */
  readonly dof: number;
}

/**
 * Randomizations and points per randomization for a budget of `samples`: n the
 * largest power of 2 with R0·n ≤ samples (Sobol nets balance at powers of 2),
 * then as many randomizations of n points as fit (R0 … 2R0 − 1).
 */
export function rqmcShape(samples: number, randomizations = DEFAULT_RANDOMIZATIONS): { randomizations: number; points: number } {
  if (!(Number.isInteger(randomizations) && randomizations >= 2)) throw new McParamError(`randomizations must be an integer ≥ 2, got ${randomizations}`);
  if (!(samples >= 2 * randomizations)) {
    throw new McParamError(`randomized quasi-Monte Carlo needs at least ${2 * randomizations} samples (${randomizations} randomizations of 2 points), got ${samples}`);
  }
  const points = Math.min(MAX_POINTS, 2 ** Math.floor(Math.log2(samples / randomizations) + 1e-12));
  const fit = Math.floor(samples / points);
  return { randomizations: Math.max(randomizations, Math.min(fit, 2 * randomizations - 1)), points };
}

export interface RqmcEstimator extends Estimator {
  run(params: Record<string, number>, opts: RunOptions & { randomizations?: number }): Promise<RqmcResult>;
}

/** Points per kernel call: limits are checked between calls. */
const CALL_POINTS = 2 ** 18;

class CompiledRqmc {
  private readonly host: (p: ArrayLike<number>) => Float64Array;
  private readonly kernels = new Map<string, { spec: Spec; kernel: RqmcKernel }>();

  constructor(readonly analysis: Analysis, private readonly tails: Estimator) {
    this.host = compileHost(analysis);
  }

  private prepare(params: Record<string, number>): { slots: Float64Array; spec: Spec; kernel: RqmcKernel } {
    const v = this.analysis.paramNames.map((p) => {
      const x = params[p];
      if (typeof x !== 'number') throw new McParamError(`missing parameter ${p}`);
      if (!Number.isFinite(x)) throw new McParamError(`parameter ${p} must be finite, got ${x}`);
      return x;
    });
    const host = this.host(v);
    const dims = dimsOf(this.analysis, host);
    const key = dims.join(',');
    let k = this.kernels.get(key);
    if (!k) {
      const spec = specialize(this.analysis, dims);
      const D = sobolDims(spec);
      if (D > SOBOL_MAX_DIMS) {
        throw new McParamError(`randomized quasi-Monte Carlo covers at most ${SOBOL_MAX_DIMS} dimensions (the shipped direction numbers); this integrand has ${D}`);
      }
      k = { spec, kernel: compileRqmcKernel(rqmcKernelSource(spec)) };
      this.kernels.set(key, k);
    }
    return { slots: deviceSlots(this.analysis, host), ...k };
  }

  /** The means of randomizations r0 … r0 + count − 1 (for tests of uniformity and of the t statistic). */
  randomizationMeans(params: Record<string, number>, opts: { seed: number; stream?: number; points: number; first?: number; count: number }): Float64Array {
    const { slots, spec, kernel } = this.prepare(params);
    const out = new Float64Array(opts.count);
    const D = sobolDims(spec);
    const [k0, k1] = keyOf(opts.seed);
    const o = new Float64Array(3);
    for (let j = 0; j < opts.count; j++) {
      const r = (opts.first ?? 0) + j;
      const s = scrambleOf(opts.seed, opts.stream ?? 0, r, D);
      kernel(slots, new Int32Array(s.dirs.buffer), new Int32Array(s.shift.buffer), k0 | 0, k1 | 0, (opts.stream ?? 0) | 0, r, 0, opts.points, o);
      out[j] = o[2] > 0 ? NaN : o[1] / o[0];
    }
    return out;
  }

  async run(params: Record<string, number>, opts: RunOptions & { randomizations?: number }): Promise<RqmcResult> {
    const t0 = performance.now();
    if (!opts || !Number.isInteger(opts.samples) || opts.samples < 1 || opts.samples >= 2 ** 53) throw new McParamError(`samples must be a positive integer below 2^53, got ${opts?.samples}`);
    if (!(Number.isInteger(opts.seed) && opts.seed >= 0 && opts.seed < 2 ** 53)) throw new McParamError(`seed must be an integer in [0, 2^53), got ${opts.seed}`);
    const stream = opts.stream ?? 0;
    if (!(Number.isInteger(stream) && stream >= 0 && stream < 2 ** 32)) throw new McParamError(`stream must be an integer in [0, 2^32), got ${stream}`);
    const { randomizations: R, points: n } = rqmcShape(opts.samples, opts.randomizations);
    const { slots, spec, kernel } = this.prepare(params);
    const D = sobolDims(spec);
    const [k0, k1] = keyOf(opts.seed);
    // Limits as for plain Monte Carlo (index.ts): the run's own, else those of
    // the enclosing withRunLimits, where a cut estimate is an error.
    const outer = ambientLimits();
    const deadline = opts.maxSeconds !== undefined ? t0 + opts.maxSeconds * 1000 : outer?.deadline;
    const signal = opts.signal ?? outer?.signal;
    const onProgress = opts.onProgress ?? outer?.onProgress;
    const cutThrows = opts.maxSeconds === undefined && outer?.deadline !== undefined;
    const o = new Float64Array(3);
    const means: number[] = [];
    let nonFinite = 0;
    let finite = 0;
    let stopped = false;
    const late = (): boolean => deadline !== undefined && performance.now() >= deadline;
    for (let r = 0; r < R && !stopped; r++) {
      // Whole randomizations only: a cut one would be a biased estimate.
      if (signal?.aborted) throw new McInterrupted(means.length * n, opts.samples);
      if (r > 0 && late()) {
        stopped = true;
        break;
      }
      const s = scrambleOf(opts.seed, stream, r, D);
      const C = new Int32Array(s.dirs.buffer);
      const E = new Int32Array(s.shift.buffer);
      let cnt = 0;
      let sum = 0;
      for (let i = 0; i < n; i += CALL_POINTS) {
        if (i > 0 && (late() || signal?.aborted)) {
          if (signal?.aborted) throw new McInterrupted(means.length * n, opts.samples);
          stopped = true;
          break;
        }
        kernel(slots, C, E, k0 | 0, k1 | 0, stream | 0, r, i, Math.min(n, i + CALL_POINTS), o);
        cnt += o[0];
        sum += o[1];
        nonFinite += o[2];
      }
      if (stopped) break; // the cut randomization is dropped
      finite += cnt;
      means.push(cnt > 0 ? sum / cnt : NaN);
      if (onProgress) {
        const seconds = (performance.now() - t0) / 1000;
        const st = meanAndSe(means);
        onProgress({ done: means.length * n, samples: R * n, mean: st.mean, stderr: st.se, seconds, samplesPerSecond: (means.length * n) / Math.max(seconds, 1e-9) });
      }
    }
    if (stopped && cutThrows) throw new McBudgetExhausted(means.length * n, opts.samples, outer?.seconds as number);
    const Rdone = means.length;
    const { mean, se } = meanAndSe(means);
    const ms = performance.now() - t0;
    const samples = Rdone * n;
    const r: RqmcResult = {
      mean,
      stderr: se,
      variance: se * se * samples,
      samples,
      nonFinite,
      backend: 'cpu',
      adapter: 'JS float64',
      seed: opts.seed,
      ms,
      samplesPerSecond: samples / (ms / 1000),
      method: 'rqmc',
      randomizations: Rdone,
      points: n,
      dof: Rdone - 1,
    };
    void finite;
    if (stopped) return { ...r, stopped: 'max-seconds', requested: R * n };
    return r;
  }

  tailIndex(params: Record<string, number>, opts: { seed: number; stream?: number }): Promise<number> {
    return this.tails.tailIndex(params, opts);
  }
}

/** Mean of the randomization means and its standard error (NaN when one is not finite). */
function meanAndSe(means: readonly number[]): { mean: number; se: number } {
  const R = means.length;
  if (R === 0) return { mean: NaN, se: NaN };
  let m = 0;
  for (const x of means) m += x;
  m /= R;
  if (R < 2) return { mean: m, se: NaN };
  let q = 0;
  for (const x of means) q += (x - m) * (x - m);
  return { mean: m, se: Math.sqrt(q / (R - 1) / R) };
}

/**
 * Compiles E[integrand] over `random` for randomized quasi-Monte Carlo on the
 * cpu backend. Throws McError when the integrand cannot be compiled; `run`
 * throws McParamError for invalid parameters or more than SOBOL_MAX_DIMS
 * dimensions.
 */
export async function compileRqmc(integrand: Node, random: readonly Binding[], paramNames: readonly string[]): Promise<RqmcEstimator & { randomizationMeans: CompiledRqmc['randomizationMeans'] }> {
  const analysis = analyze(integrand, random, paramNames);
  const tails = await compileExpectation(integrand, random, paramNames, 'cpu');
  const c = new CompiledRqmc(analysis, tails);
  return {
    backend: 'cpu',
    adapter: 'JS float64, RQMC',
    run: (params, opts) => c.run(params, opts),
    tailIndex: (params, opts) => c.tailIndex(params, opts),
    randomizationMeans: (params, opts) => c.randomizationMeans(params, opts),
    dispose: () => tails.dispose(),
  };
}
