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
// falls nearly as n^-1 (or faster) instead of n^-1/2; a one-coordinate
// integrand's points are an order-2 interlaced net (sobol/interlace.ts), and
// the points in every coordinate's end cells are refined on the host
// (rqmc-tails.ts), both keeping each randomization unbiased.
//
// `McResult` semantics are kept so the decisions can use either method:
// `variance` is se²·samples (what a plain run with this standard error would
// have), `samples` = R·n; `dof` = R − 1 says the statistic is t, not z.
//
// The kernel is float64 on the main thread — WebAssembly SIMD
// (wasm/rqmc-kernel.ts) where the runtime has it, the JS kernel (rqmc-js.ts,
// the same values) else — or, on webgpu,
// f32 WGSL with the same points (rqmc-wgsl.ts, rqmc-webgpu.ts; compileRqmc's
// backend). The tail diagnostic (k̂) is a property of the integrand's
// distribution, not of the point set: it is measured as for plain Monte
// Carlo, on float64 Philox draws of a stream of their own.
import type { Binding, Node } from '../expr/ast.js';
import { analyze, McError, McParamError, type Analysis } from './plan.js';
import { deviceSlots, dimsOf, specialize, type Spec } from './specialize.js';
import { compileHost } from './js.js';
import { keyOf } from './layout.js';
import { compileRqmcKernel, compileRqmcRefine, coordinateCount, interlacing, rqmcKernelSource, rqmcRefineSource, sobolDims, type RqmcKernel, type RqmcRefine } from './rqmc-js.js';
import { tailCorrection, tailPlan, type TailPlan } from './rqmc-tails.js';
import { scrambleOf, SOBOL_MAX_DIMS, type Scramble } from './sobol/sobol.js';
import { wasmRqmcKernel } from './wasm/rqmc-kernel.js';
import { wasmSimdSupported } from './wasm/api.js';
import { RQMC_GPU_MIN_SAMPLES } from './backend-choice.js';
import { ambientLimits, compileExpectation, McBudgetExhausted, McInterrupted, type BackendChoice, type BackendName, type Estimator, type McResult, type RunOptions } from './index.js';
import { getGpu, gpuUnavailableReason, type Gpu } from './gpu.js';
import { checkBlocks, DEFAULT_RQMC_GPU_SHAPE, RqmcWebgpuRunner, type RqmcGpuShape, type RqmcSums } from './rqmc-webgpu.js';
import { rqmcPrivateBytes } from './rqmc-wgsl.js';
import { WGSL_FUNCTION_MEMORY } from './wgsl.js';

/** The cpu kernel's name in the evidence: the wasm SIMD kernel where the runtime has it, else the JS one. */
export const rqmcCpuAdapter = (): string => (wasmSimdSupported() ? 'wasm SIMD float64' : 'JS float64');

/** Randomizations per estimate by default: t with 31 dof needs |t| ≥ 8.35 for the |z| ≥ 6 tail (1.9× the variance of z). */
export const DEFAULT_RANDOMIZATIONS = 32;
/** The fewest randomizations an RQMC estimate uses (the issue's bar: the t statistic's tails are heavy below). */
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
  /** Sobol dimensions per coordinate: 2 where the coordinate is an order-2 interlaced net (sobol/interlace.ts), else 1. */
  readonly interlacing: number;
  /** The tail refinement (rqmc-tails.ts): end cells per side and coordinate, and strata per cell; absent where it was not used. */
  readonly tails?: { readonly cells: number; readonly strata: number };
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

/** A run's parameters made concrete: device slots, the kernel's spec and its cpu kernel. */
interface Prepared {
  readonly slots: Float64Array;
  readonly spec: Spec;
  readonly kernel: RqmcKernel;
  /** The tail refinement's function (compiled on first use). */
  readonly refine: () => RqmcRefine;
}
interface Limits {
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: RunOptions['onProgress'];
  readonly t0: number;
}
/** A block's float64 sum on the cpu (the rounding check's reference). */
interface Block {
  readonly count: number;
  readonly sum: number;
  readonly blk: number;
}
/** Randomization means of a run, and whether its limits cut it (the device's raw sums for the rounding check). */
interface Means {
  readonly means: number[];
  readonly nonFinite: number;
  readonly stopped: boolean;
  readonly sums?: RqmcSums;
}

// RQMC_GPU_MIN_SAMPLES: where `auto` runs RQMC, measured beside plain Monte Carlo's threshold (backend-choice.ts).

/** Points per kernel call: limits are checked between calls. */
const CALL_POINTS = 2 ** 18;

class CompiledRqmc {
  private readonly host: (p: ArrayLike<number>) => Float64Array;
  private readonly kernels = new Map<string, { spec: Spec; kernel: RqmcKernel; refine: () => RqmcRefine }>();

  private readonly gpuRunners = new Map<string, RqmcWebgpuRunner>();
  /** Kernel and parameters (spec key | slots) whose f32 rounding was not small against the standard error. */
  private readonly f32Short = new Set<string>();
  gpuOwner: Gpu | undefined;

  constructor(readonly analysis: Analysis, private readonly tails: Estimator, readonly backend: BackendChoice, private readonly gpuShape: Partial<RqmcGpuShape> = {}) {
    this.host = compileHost(analysis);
  }

  dispose(): void {
    for (const r of this.gpuRunners.values()) r.dispose();
    this.gpuRunners.clear();
  }

  private prepare(params: Record<string, number>): Prepared {
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
      // The wasm SIMD kernel where the runtime has it (the JS kernel's values, 3× faster), the JS kernel else.
      let js: RqmcKernel | undefined;
      const jsKernel = (): RqmcKernel => (js ??= compileRqmcKernel(rqmcKernelSource(spec)));
      let refine: RqmcRefine | undefined;
      k = { spec, kernel: wasmSimdSupported() ? wasmRqmcKernel(spec, jsKernel) : jsKernel(), refine: () => (refine ??= compileRqmcRefine(rqmcRefineSource(spec))) };
      this.kernels.set(key, k);
    }
    return { slots: deviceSlots(this.analysis, host), ...k };
  }

  /** The means of randomizations r0 … r0 + count − 1, tail-refined unless `tails: false` (for tests of uniformity and of the t statistic). */
  randomizationMeans(params: Record<string, number>, opts: { seed: number; stream?: number; points: number; first?: number; count: number; tails?: boolean }): Float64Array {
    const prep = this.prepare(params);
    const { slots, spec, kernel } = prep;
    const out = new Float64Array(opts.count);
    const D = sobolDims(spec);
    const [k0, k1] = keyOf(opts.seed);
    const o = new Float64Array(3);
    const plan = opts.tails === false ? undefined : tailPlan(opts.points, coordinateCount(spec));
    for (let j = 0; j < opts.count; j++) {
      const r = (opts.first ?? 0) + j;
      const s = scrambleOf(opts.seed, opts.stream ?? 0, r, D);
      kernel(slots, new Int32Array(s.dirs.buffer), new Int32Array(s.shift.buffer), new Int32Array(s.nest.buffer), k0 | 0, k1 | 0, (opts.stream ?? 0) | 0, r, 0, opts.points, o);
      const t = this.tailSums(prep, plan, s, opts.seed, opts.stream ?? 0, r);
      out[j] = o[2] + t.nonFinite > 0 ? NaN : (o[1] + t.sum) / (o[0] + t.count);
    }
    return out;
  }

  /** What the tail refinement adds to randomization r's sums (nothing without a plan). */
  private tailSums(prep: Prepared, plan: TailPlan | undefined, s: Scramble, seed: number, stream: number, r: number): { count: number; sum: number; nonFinite: number } {
    if (!plan) return { count: 0, sum: 0, nonFinite: 0 };
    const [k0, k1] = keyOf(seed);
    return tailCorrection(prep.refine(), plan, prep.slots, s, coordinateCount(prep.spec), interlacing(prep.spec), k0 | 0, k1 | 0, stream | 0, r);
  }

  /**
   * Where a run of `samples` goes: webgpu when asked for (explicit), or
   * under `auto` when the run is large enough to repay starting the GPU
   * and compiling its kernel (RQMC_GPU_MIN_SAMPLES) and the integrand has
   * more than one coordinate; the GPU is not touched otherwise. A kernel too large for WGSL's function memory stays on the cpu
   * under `auto` and is an error under explicit webgpu.
   */
  private async gpuFor(spec: Spec, samples: number): Promise<RqmcWebgpuRunner | undefined> {
    if (this.backend === 'cpu') return undefined;
    if (this.backend === 'auto' && samples < RQMC_GPU_MIN_SAMPLES) return undefined;
    // An interlaced (one-coordinate) integrand's error bar is far below f32's
    // rounding at the sizes where the GPU pays: E[x²] ran 2^21 … 2^24 samples
    // on webgpu only to be redone in float64 (docs/BENCHMARKS.md, crossover).
    if (this.backend === 'auto' && interlacing(spec) > 1) return undefined;
    const gpu = await getGpu();
    if (!gpu) {
      if (this.backend === 'webgpu') throw new McError(`webgpu backend unavailable: ${gpuUnavailableReason()}`);
      return undefined;
    }
    const bytes = rqmcPrivateBytes(spec);
    if (bytes > WGSL_FUNCTION_MEMORY) {
      if (this.backend === 'webgpu') throw new McParamError(`webgpu backend: RQMC's ${sobolDims(spec)} Sobol dimensions need ${bytes} bytes of per-thread memory, more than WGSL's ${WGSL_FUNCTION_MEMORY}; use the cpu backend`);
      return undefined;
    }
    return this.runnerOn(gpu, spec);
  }

  /** The kernel's runner on the device (after shutdownGpu the device is new: the runners are rebuilt on it). */
  private runnerOn(gpu: Gpu, spec: Spec): RqmcWebgpuRunner {
    if (gpu !== this.gpuOwner) {
      for (const r of this.gpuRunners.values()) r.dispose();
      this.gpuRunners.clear();
      this.gpuOwner = gpu;
    }
    let r = this.gpuRunners.get(spec.key);
    if (!r) {
      r = new RqmcWebgpuRunner(gpu, spec, { ...DEFAULT_RQMC_GPU_SHAPE, ...this.gpuShape });
      this.gpuRunners.set(spec.key, r);
    }
    return r;
  }

  /** The f32 device means of randomizations r0 … r0 + count − 1, with the host's tail refinement unless `tails: false` (for tests against randomizationMeans); undefined without an adapter. */
  async gpuRandomizationMeans(params: Record<string, number>, opts: { seed: number; stream?: number; points: number; first?: number; count: number; tails?: boolean }): Promise<Float64Array | undefined> {
    const run = await this.gpuRunner(params);
    if (!run) return undefined;
    const prep = this.prepare(params);
    const stream = opts.stream ?? 0;
    const first = opts.first ?? 0;
    const s = await run.sums(prep.slots, opts.seed, stream, first, opts.count, opts.points);
    const D = sobolDims(prep.spec);
    const plan = opts.tails === false ? undefined : tailPlan(opts.points, coordinateCount(prep.spec));
    return s.sum.map((x, j) => {
      const t = this.tailSums(prep, plan, scrambleOf(opts.seed, stream, first + j, D), opts.seed, stream, first + j);
      return s.nonFinite[j] + t.nonFinite > 0 ? NaN : (x + t.sum) / (s.count[j] + t.count);
    });
  }

  /** The GPU runner of these parameters (tests: coordinates and values on the device); undefined without an adapter. */
  async gpuRunner(params: Record<string, number>): Promise<RqmcWebgpuRunner | undefined> {
    const { spec } = this.prepare(params);
    const gpu = await getGpu();
    return gpu ? this.runnerOn(gpu, spec) : undefined;
  }

  async run(params: Record<string, number>, opts: RunOptions & { randomizations?: number }): Promise<RqmcResult> {
    const t0 = performance.now();
    if (!opts || !Number.isInteger(opts.samples) || opts.samples < 1 || opts.samples >= 2 ** 53) throw new McParamError(`samples must be a positive integer below 2^53, got ${opts?.samples}`);
    if (!(Number.isInteger(opts.seed) && opts.seed >= 0 && opts.seed < 2 ** 53)) throw new McParamError(`seed must be an integer in [0, 2^53), got ${opts.seed}`);
    const stream = opts.stream ?? 0;
    if (!(Number.isInteger(stream) && stream >= 0 && stream < 2 ** 32)) throw new McParamError(`stream must be an integer in [0, 2^32), got ${stream}`);
    const { randomizations: R, points: n } = rqmcShape(opts.samples, opts.randomizations);
    const prep = this.prepare(params);
    // Limits as for plain Monte Carlo (index.ts): the run's own, else those of
    // the enclosing withRunLimits, where a cut estimate is an error.
    const outer = ambientLimits();
    const lim: Limits = {
      deadline: opts.maxSeconds !== undefined ? t0 + opts.maxSeconds * 1000 : outer?.deadline,
      signal: opts.signal ?? outer?.signal,
      onProgress: opts.onProgress ?? outer?.onProgress,
      t0,
    };
    const cutThrows = opts.maxSeconds === undefined && outer?.deadline !== undefined;
    // Under auto, parameters whose f32 run could not carry its error bar go straight to the cpu.
    const pointKey = `${prep.spec.key}|${Array.from(prep.slots).join(',')}`;
    const gpu = this.backend === 'auto' && this.f32Short.has(pointKey) ? undefined : await this.gpuFor(prep.spec, R * n);
    let out: Means;
    let backend: BackendName = 'cpu';
    let adapter = rqmcCpuAdapter();
    if (gpu) {
      // The float64 sums of the points the rounding check compares (the run's
      // first blocks), computed first: their mean is the device sums' shift.
      const ref = this.referenceBlocks(prep, opts.seed, stream, R, n, gpu.blockOf(n));
      out = await this.gpuMeans(gpu, prep, opts.seed, stream, R, n, lim, ref.shift);
      backend = 'webgpu';
      adapter = `${this.gpuOwner?.adapter ?? 'webgpu'}, f32`;
      // f32 cannot always carry RQMC's error bar, which is far smaller than
      // plain Monte Carlo's: as index.ts does for plain runs, a run whose f32
      // rounding is not small against its standard error, or whose f32 values
      // were not finite (logit(t) of a t that rounds to 1, log(y(1 − y)) of a
      // y that does), runs again in float64 on the cpu — the same
      // randomizations, so the same estimate up to rounding. Unlike plain
      // runs, explicit webgpu too: RQMC's webgpu kernel is a means to the
      // float64 estimate, and the checker (decisions at 2^20 samples on
      // --backend webgpu) would otherwise answer unknown where the cpu decides.
      const why = out.means.length >= 2 && out.nonFinite === 0 ? this.f32Rounding(out, ref.blocks) : undefined;
      const overflow = out.nonFinite > 0;
      if (why || overflow) {
        const again = this.cpuMeans(prep, opts.seed, stream, out.means.length, n, { ...lim, onProgress: undefined });
        if (why) this.f32Short.add(pointKey);
        if (again.means.length === out.means.length && again.nonFinite <= out.nonFinite) {
          adapter = `${rqmcCpuAdapter()}: rerun in float64, ${why ?? `${out.nonFinite} values were not finite in f32`} on ${adapter}`;
          out = again;
          backend = 'cpu';
        } else {
          adapter = `${adapter} (its float64 rerun, needed because ${why ?? 'f32 values overflowed'}, ran out of time)`;
          if (why) out = { ...out, stopped: true };
        }
      }
    } else {
      out = this.cpuMeans(prep, opts.seed, stream, R, n, lim);
    }
    if (out.stopped && cutThrows) throw new McBudgetExhausted(out.means.length * n, opts.samples, outer?.seconds as number);
    const Rdone = out.means.length;
    const { mean, se } = meanAndSe(out.means);
    const ms = performance.now() - t0;
    const samples = Rdone * n;
    const r: RqmcResult = {
      mean,
      stderr: se,
      variance: se * se * samples,
      samples,
      nonFinite: out.nonFinite,
      backend,
      adapter,
      seed: opts.seed,
      ms,
      samplesPerSecond: samples / (ms / 1000),
      method: 'rqmc',
      randomizations: Rdone,
      points: n,
      dof: Rdone - 1,
      interlacing: interlacing(prep.spec),
      ...tailsOf(n, coordinateCount(prep.spec)),
    };
    if (out.stopped) return { ...r, stopped: 'max-seconds', requested: R * n };
    return r;
  }

  /** Randomizations 0 … R − 1 on the cpu (float64), whole randomizations only: a cut one would be a biased estimate. */
  private cpuMeans(prep: Prepared, seed: number, stream: number, R: number, n: number, lim: Limits): Means {
    const { slots, spec, kernel } = prep;
    const D = sobolDims(spec);
    const [k0, k1] = keyOf(seed);
    const o = new Float64Array(3);
    const means: number[] = [];
    let nonFinite = 0;
    let stopped = false;
    const plan = tailPlan(n, coordinateCount(spec));
    const late = (): boolean => lim.deadline !== undefined && performance.now() >= lim.deadline;
    for (let r = 0; r < R && !stopped; r++) {
      if (lim.signal?.aborted) throw new McInterrupted(means.length * n, R * n);
      if (r > 0 && late()) {
        stopped = true;
        break;
      }
      const s = scrambleOf(seed, stream, r, D);
      const C = new Int32Array(s.dirs.buffer);
      const E = new Int32Array(s.shift.buffer);
      const N = new Int32Array(s.nest.buffer);
      let cnt = 0;
      let sum = 0;
      let nf = 0;
      for (let i = 0; i < n; i += CALL_POINTS) {
        if (i > 0 && (late() || lim.signal?.aborted)) {
          if (lim.signal?.aborted) throw new McInterrupted(means.length * n, R * n);
          stopped = true;
          break;
        }
        kernel(slots, C, E, N, k0 | 0, k1 | 0, stream | 0, r, i, Math.min(n, i + CALL_POINTS), o);
        cnt += o[0];
        sum += o[1];
        nf += o[2];
      }
      if (stopped) break; // the cut randomization is dropped
      const t = this.tailSums(prep, plan, s, seed, stream, r);
      cnt += t.count;
      sum += t.sum;
      nf += t.nonFinite;
      nonFinite += nf;
      means.push(cnt > 0 ? sum / cnt : NaN);
      if (lim.onProgress) {
        const seconds = (performance.now() - lim.t0) / 1000;
        const st = meanAndSe(means);
        lim.onProgress({ done: means.length * n, samples: R * n, mean: st.mean, stderr: st.se, seconds, samplesPerSecond: (means.length * n) / Math.max(seconds, 1e-9) });
      }
    }
    return { means, nonFinite, stopped };
  }

  /** Randomizations 0 … R − 1 on the device; limits checked between dispatches. */
  private async gpuMeans(gpu: RqmcWebgpuRunner, prep: Prepared, seed: number, stream: number, R: number, n: number, lim: Limits, shift: number): Promise<Means> {
    const late = (): boolean => (lim.deadline !== undefined && performance.now() >= lim.deadline) || lim.signal?.aborted === true;
    const s = await gpu.sums(prep.slots, seed, stream, 0, R, n, late, shift);
    if (lim.signal?.aborted) throw new McInterrupted(s.done * n, R * n);
    const means: number[] = [];
    let nonFinite = 0;
    // The tail refinement on the host, in float64 (its plain values replace the device's f32 ones: a difference of one value's rounding).
    const D = sobolDims(prep.spec);
    const plan = tailPlan(n, coordinateCount(prep.spec));
    for (let r = 0; r < s.done; r++) {
      const t = this.tailSums(prep, plan, scrambleOf(seed, stream, r, D), seed, stream, r);
      const count = s.count[r] + t.count;
      means.push(count > 0 ? (s.sum[r] + t.sum) / count : NaN);
      nonFinite += s.nonFinite[r] + t.nonFinite;
    }
    if (lim.onProgress && means.length > 0) {
      const seconds = (performance.now() - lim.t0) / 1000;
      const st = meanAndSe(means);
      lim.onProgress({ done: means.length * n, samples: R * n, mean: st.mean, stderr: st.se, seconds, samplesPerSecond: (means.length * n) / Math.max(seconds, 1e-9) });
    }
    return { means, nonFinite, stopped: s.done < R, sums: s };
  }

  /**
   * float64 sums (cpu kernel) of the run's first checkBlocks(blk) blocks of
   * blk points, in the device's order (randomization-major), and their mean:
   * the reference of the rounding check and the device sums' shift.
   */
  private referenceBlocks(prep: Prepared, seed: number, stream: number, R: number, n: number, blk: number): { blocks: (Block | undefined)[]; shift: number } {
    const D = sobolDims(prep.spec);
    const [k0, k1] = keyOf(seed);
    const tpr = n / blk;
    const o = new Float64Array(3);
    const blocks: (Block | undefined)[] = [];
    let scr: { r: number; C: Int32Array; E: Int32Array; N: Int32Array } | undefined;
    let cnt = 0;
    let sum = 0;
    for (let T = 0; T < Math.min(checkBlocks(blk), R * tpr); T++) {
      const r = Math.floor(T / tpr);
      if (scr?.r !== r) {
        const x = scrambleOf(seed, stream, r, D);
        scr = { r, C: new Int32Array(x.dirs.buffer), E: new Int32Array(x.shift.buffer), N: new Int32Array(x.nest.buffer) };
      }
      const i0 = (T - r * tpr) * blk;
      prep.kernel(prep.slots, scr.C, scr.E, scr.N, k0 | 0, k1 | 0, stream | 0, r, i0, i0 + blk, o);
      blocks.push(o[2] > 0 ? undefined : { count: o[0], sum: o[1], blk });
      cnt += o[0];
      sum += o[1];
    }
    return { blocks, shift: cnt > 0 ? sum / cnt : 0 };
  }

  /**
   * Why an f32 device run's standard error does not cover its rounding, or
   * undefined when it does. Measured, not bounded: the device's sums of its
   * first blocks (CHECK_POINTS = 2^13 points, 256 a block: the f32
   * parameters, values, normal quantiles and the block's f32 sum, all in)
   * against the float64 cpu kernel's sums of the same points; the mean
   * per-point difference plus 3 of its standard errors bounds the bias, and
   * must stay under a quarter of the standard error (as for plain runs).
   * (se = 0, a constant integrand: any rounding at all is not small against it.)
   */
  private f32Rounding(out: Means, ref: readonly (Block | undefined)[]): string | undefined {
    const s = out.sums as RqmcSums;
    const { se } = meanAndSe(out.means);
    let k = 0;
    let mean = 0;
    let m2 = 0;
    s.firstBlocks.forEach((b, T) => {
      const c = ref[T];
      if (!c || b.nonFinite > 0 || c.count !== b.count) return;
      const d = (b.sum - c.sum) / c.blk;
      k++;
      const delta = d - mean;
      mean += delta / k;
      m2 += delta * (d - mean);
    });
    if (k === 0) return undefined;
    const bound = Math.abs(mean) + 3 * Math.sqrt(m2 / Math.max(1, k - 1) / k);
    if (k === 1 || !(bound <= se / 4)) {
      return `the f32 rounding (measured on ${k * s.blk} points against float64: ${mean.toPrecision(3)} per point on average) was not small against the standard error ${se.toPrecision(3)}`;
    }
    return undefined;
  }

  tailIndex(params: Record<string, number>, opts: { seed: number; stream?: number }): Promise<number> {
    return this.tails.tailIndex(params, opts);
  }
}

/** The result's note of the tail refinement of n points in D coordinates. */
function tailsOf(n: number, D: number): { tails?: RqmcResult['tails'] } {
  const plan = tailPlan(n, D);
  return plan ? { tails: { cells: 2 ** plan.cellBits, strata: plan.strata } } : {};
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
 * Compiles E[integrand] over `random` for randomized quasi-Monte Carlo.
 * `backend`: 'cpu' (float64 JS kernel, the default), 'webgpu' (f32 WGSL
 * kernel, rqmc-wgsl.ts; McError where there is no adapter), or 'auto' (the
 * cpu for runs under RQMC_GPU_MIN_SAMPLES — the GPU is then never started —
 * and webgpu above where an adapter opens). A result says where it ran
 * (`backend`, `adapter`). Throws McError when the integrand cannot be
 * compiled; `run` throws McParamError for invalid parameters or more than
 * SOBOL_MAX_DIMS dimensions.
 */
export async function compileRqmc(
  integrand: Node, random: readonly Binding[], paramNames: readonly string[], backend: BackendChoice = 'cpu', gpuShape: Partial<RqmcGpuShape> = {},
): Promise<RqmcEstimator & { randomizationMeans: CompiledRqmc['randomizationMeans']; gpuRunner: CompiledRqmc['gpuRunner']; gpuRandomizationMeans: CompiledRqmc['gpuRandomizationMeans'] }> {
  if (backend !== 'auto' && backend !== 'webgpu' && backend !== 'cpu') throw new McError(`unknown backend ${String(backend)}: use auto, webgpu or cpu`);
  const analysis = analyze(integrand, random, paramNames);
  if (backend === 'webgpu' && !(await getGpu())) throw new McError(`webgpu backend unavailable: ${gpuUnavailableReason()}`);
  const tails = await compileExpectation(integrand, random, paramNames, 'cpu');
  const c = new CompiledRqmc(analysis, tails, backend, gpuShape);
  // Under auto, where the runs go once one went to the GPU.
  const where = (): BackendName => (backend === 'webgpu' || (backend === 'auto' && c.gpuOwner) ? 'webgpu' : 'cpu');
  return {
    get backend(): BackendName {
      return where();
    },
    get adapter(): string {
      return where() === 'webgpu' ? `${c.gpuOwner?.adapter ?? 'webgpu'}, RQMC f32` : `${rqmcCpuAdapter()}, RQMC`;
    },
    run: (params, opts) => c.run(params, opts),
    tailIndex: (params, opts) => c.tailIndex(params, opts),
    randomizationMeans: (params, opts) => c.randomizationMeans(params, opts),
    gpuRunner: (params) => c.gpuRunner(params),
    gpuRandomizationMeans: (params, opts) => c.gpuRandomizationMeans(params, opts),
    dispose: () => {
      c.dispose();
      tails.dispose();
    },
  };
}
