// When randomized quasi-Monte Carlo pays, and the estimator that chooses.
//
// RQMC's error falls faster than n^-1/2 only for integrands of bounded
// variation in few effective dimensions. A discontinuity (abs has a kink, which
// is fine, but min/max/abs are where the language hides indicators and
// comparisons, e.g. max(x − 6, 0)·1e9, and tan has poles) brings it back to
// n^-1/2 or worse, and costs the t penalty (|t| ≥ 8.35 at 31 dof against
// |z| ≥ 6) for nothing; so does a high dimension. Those go to plain Monte
// Carlo. RQMC's error bar is honest either way (independent randomizations):
// the choice is about power per second, never about soundness.
import type { Binding, Node } from '../expr/ast.js';
import { analyze, McParamError, type Analysis, type Ir } from './plan.js';
import { compileHost } from './js.js';
import { dimsOf } from './specialize.js';
import { compileExpectation, type BackendChoice, type Estimator, type McResult, type RunOptions, type Tuning } from './index.js';
import { compileRqmc, rqmcCpuAdapter, type RqmcEstimator, type RqmcResult } from './rqmc.js';

export type Method = 'auto' | 'rqmc' | 'mc';
export const METHODS: readonly Method[] = ['auto', 'rqmc', 'mc'];

/**
 * The most coordinates (sum of the random variables' dimensions) for which
 * `auto` picks RQMC. Measured by `npm run bench:mc` (section "RQMC by
 * dimension", docs/BENCHMARKS.md) on E[exp(sum(v)/√d)], a product of d
 * factors (no low effective dimension to exploit): the work-normalized
 * variance ratio plain/RQMC on the cpu, with the wasm RQMC kernel, was 340,
 * 207, 200, 45, 13.7, 3.2, 3.3 at d = 1, 2, 4, 8, 16, 32, 64 (with the JS
 * kernel: 228 … 4.1, 1.3, 1.7). RQMC's t threshold costs (8.35/6)² = 1.9× in
 * variance, so it pays up to 64; its t calibration (100 seeds, 2^20 samples,
 * E[exp(sum(v)/√d)] and E[sigmoid(sum(v)/√d)]) gave KS p 0.83 and 0.42 at
 * d = 32 but 0.009 for the exp at d = 64 (mean t +0.26): so 32.
 */
export const RQMC_AUTO_MAX_DIMS = 32;

/**
 * The fewest samples for which `auto` picks RQMC: 32 randomizations of at
 * least 2^14 points. With fewer points per randomization the randomization
 * means of a skewed integrand (E[exp(s·z)]) are skewed too, and their t
 * statistic leans: over 100 seeds at 2^16 samples E[exp(1.5z)] gave mean t
 * −0.64 and t down to −5.3 (t with 31 dof: −4 once in 10^4); at 2^20 samples
 * E[exp(z)] gave mean t −0.20, min −3.2 (scripts/calibrate-rqmc.ts).
 */
export const RQMC_AUTO_MIN_SAMPLES = 2 ** 19;

/** Functions that make an integrand non-smooth for `auto` (kinks hiding indicators, poles). */
const ROUGH = new Set(['abs', 'min', 'max', 'tan']);

/** Why the integrand is not smooth (for the evidence), or undefined. */
export function roughness(a: Analysis): string | undefined {
  const walk = (ir: Ir): string | undefined => {
    if (ir.t === 'fn' && ROUGH.has(ir.fn)) return ir.fn;
    if ('args' in ir) for (const x of ir.args) {
      const w = walk(x);
      if (w) return w;
    }
    return undefined;
  };
  const f = walk(a.integrand);
  return f ? `${f}(…) in the integrand is not smooth` : undefined;
}

export interface MethodResult extends McResult {
  /** How the estimate was made; RQMC results carry randomizations, points and dof too. */
  readonly method: 'rqmc' | 'mc';
  /** Why `auto` chose plain Monte Carlo. */
  readonly methodReason?: string;
}

export interface MethodEstimator extends Estimator {
  run(params: Record<string, number>, opts: RunOptions): Promise<MethodResult>;
}

/**
 * An estimator that runs each estimate by `method`: `rqmc` always (on
 * `backend`: cpu float64, webgpu f32, or auto — the cpu below
 * RQMC_GPU_MIN_SAMPLES, backend-choice.ts), `mc` on `backend`, `auto` RQMC for a smooth integrand of at most
 * RQMC_AUTO_MAX_DIMS coordinates at the run's parameters and at least
 * RQMC_AUTO_MIN_SAMPLES samples, else plain Monte Carlo. The plain estimator is compiled only when needed, so an RQMC-only
 * decision never starts the GPU.
 */
export async function compileMethod(
  integrand: Node, random: readonly Binding[], paramNames: readonly string[], backend: BackendChoice, method: Method, tuning: Tuning = {},
): Promise<MethodEstimator> {
  if (!METHODS.includes(method)) throw new McParamError(`unknown method ${String(method)}: use auto, rqmc or mc`);
  const analysis = analyze(integrand, random, paramNames);
  const rough = roughness(analysis);
  const host = compileHost(analysis);
  let plain: Estimator | undefined;
  let rq: RqmcEstimator | undefined;
  const getPlain = async (): Promise<Estimator> => (plain ??= await compileExpectation(integrand, random, paramNames, backend, tuning));
  const getRqmc = async (): Promise<RqmcEstimator> => (rq ??= await compileRqmc(integrand, random, paramNames, backend));
  /** Why not RQMC at these parameters (auto), or undefined. */
  const whyPlain = (params: Record<string, number>, samples: number): string | undefined => {
    if (method === 'mc') return 'plain Monte Carlo asked for';
    if (method === 'rqmc') return undefined;
    if (rough) return rough;
    if (samples < RQMC_AUTO_MIN_SAMPLES) return `${samples} samples, fewer than the ${RQMC_AUTO_MIN_SAMPLES} (2^19) where RQMC's t statistic is trusted`;
    let D: number;
    try {
      D = dimsOf(analysis, host(analysis.paramNames.map((p) => params[p]))).reduce((s, d) => s + d, 0);
    } catch {
      return undefined; // bad parameters: the run reports them
    }
    return D > RQMC_AUTO_MAX_DIMS ? `${D} dimensions, more than the ${RQMC_AUTO_MAX_DIMS} where RQMC pays` : undefined;
  };
  const first = method === 'mc' ? await getPlain() : undefined;
  void first;
  return {
    // Where the estimates run (a decision sends the confirmation of a webgpu
    // estimator to the float64 cpu backend): the plain estimator's backend
    // once it exists, else RQMC's (webgpu once a run went there, under auto
    // only runs of RQMC_GPU_MIN_SAMPLES or more).
    get backend() {
      return plain?.backend ?? rq?.backend ?? (backend === 'webgpu' ? 'webgpu' : 'cpu');
    },
    get adapter() {
      return plain?.adapter ?? rq?.adapter ?? `${rqmcCpuAdapter()}, RQMC`;
    },
    async run(params, opts) {
      const why = whyPlain(params, opts.samples);
      if (why === undefined) {
        const r: RqmcResult = await (await getRqmc()).run(params, opts);
        return r;
      }
      const r = await (await getPlain()).run(params, opts);
      return { ...r, method: 'mc', ...(method === 'auto' ? { methodReason: why } : {}) };
    },
    // The tails are the integrand's: float64 Philox draws on the cpu whatever the method.
    async tailIndex(params, opts) {
      return (plain ?? (await getRqmc())).tailIndex(params, opts);
    },
    dispose() {
      plain?.dispose();
      rq?.dispose();
    },
  };
}

/** The method of a result, for the evidence: "RQMC (32 randomizations × 32768 points)" or "plain Monte Carlo". */
export function describeMethod(r: McResult): string {
  const q = r as Partial<RqmcResult> & { methodReason?: string };
  if (q.method === 'rqmc') {
    const tails = q.tails ? `, the ${q.tails.cells} end cell${q.tails.cells > 1 ? 's' : ''} a side of each coordinate refined into ${q.tails.strata} strata` : '';
    const net = q.interlacing === 2 ? 'order-2 interlaced scrambled Sobol' : 'scrambled Sobol';
    return `randomized quasi-Monte Carlo (${q.randomizations} ${net} randomizations × ${q.points} points${tails}, Student t with ${q.dof} dof)`;
  }
  return `plain Monte Carlo${q.methodReason ? ` (${q.methodReason})` : ''}`;
}

/** One estimate by `method` (compile, run, tail index, dispose): `estimate` of index.ts with a method. */
export async function estimateByMethod(
  integrand: Node, random: readonly Binding[], params: Record<string, number>, opts: RunOptions & { backend?: BackendChoice }, method: Method,
): Promise<MethodResult> {
  const est = await compileMethod(integrand, random, Object.keys(params), opts.backend ?? 'auto', method);
  try {
    const r = await est.run(params, opts);
    return { ...r, tailIndex: await est.tailIndex(params, opts) };
  } finally {
    est.dispose();
  }
}
