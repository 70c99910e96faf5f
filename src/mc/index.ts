// Monte Carlo estimates of E[integrand] over declared random variables.
//
//   const est = await compileExpectation(norm2(x), [draw('x', normal(0, v, 3))], ['v'], 'auto');
//   const r = await est.run({ v: 2 }, { samples: 1e7, seed: 1 });   // r.mean ≈ 6 ± r.stderr
//   est.dispose(); await shutdownGpu();
//
// One fused kernel per integrand (and per set of vector dimensions): it draws
// the random variables (Philox4x32-10 counter-based stream, layout.ts),
// evaluates the integrand and reduces count/mean/M2. Backends: `webgpu`
// (WGSL, f32 on the device, partials merged in float64) and `cpu` (the same
// integrand compiled to WebAssembly SIMD, or to JS where there is no wasm
// SIMD; float64, the same stream). Sample i under a seed is
// the same draw on every backend and every dispatch shape. `auto` runs on
// webgpu where there is an adapter, and reruns on the cpu in float64 a run
// whose f32 values overflowed (the result says so in `adapter`). On webgpu,
// explicit or auto, a run whose f32 rounding is not small against its
// standard error (measured on 2^14 of the same draws against float64, and
// bounded for the reduction) is rerun in float64 on the cpu (f32Rounding).
// Every `estimate` carries the Pareto tail index k̂ (pareto.ts).

import type { Binding, Node } from '../expr/ast.js';
import { analyze, McError, McParamError, type Analysis } from './plan.js';
import { deviceSlots, dimsOf, specialize, type Spec } from './specialize.js';
import { compileHost } from './js.js';
import { CpuRunner, cpuKernelKind, cpuThreads, defaultCpuShape, shutdownCpu, type CpuShape } from './cpu.js';
import { destroyGpu, getGpu, gpuUnavailableReason, type Gpu } from './gpu.js';
import { defaultGpuShape, WebgpuRunner, type GpuShape } from './webgpu.js';
import { kernelPrivateBytes, WGSL_FUNCTION_MEMORY } from './wgsl.js';
import { EMPTY, merge, summarize, type Moments } from './stats.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { paretoK, TAIL_SAMPLES } from './pareto.js';

export { McError, McParamError } from './plan.js';
export { paretoK, PARETO_K_THRESHOLD, TAIL_SAMPLES } from './pareto.js';
export { philox4x32, uniformOf } from './philox.js';
export { layoutOf, referenceDraws, type Layout } from './layout.js';
export { philoxOnGpu, gpuUnavailableReason, McDeviceError } from './gpu.js';

export type BackendName = 'webgpu' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

export interface McResult {
  /** Mean of the finite integrand values. */
  mean: number;
  /** Standard error of the mean: sqrt(variance / finite samples); NaN with fewer than 2 finite samples. */
  stderr: number;
  /** Unbiased sample variance of the finite values. */
  variance: number;
  /** Samples drawn, non-finite ones included. */
  samples: number;
  /** Samples whose integrand was NaN or ±∞ (left out of mean and variance). */
  nonFinite: number;
  backend: BackendName;
  /** The adapter's name (webgpu), or the cpu backend's description. */
  adapter: string;
  seed: number;
  /** Wall time of the run, milliseconds. */
  ms: number;
  samplesPerSecond: number;
  /**
   * Present when the run stopped before its samples were done: 'max-seconds'
   * (the time budget ran out; `samples` says how many were drawn, `requested`
   * how many were asked for).
   */
  stopped?: 'max-seconds';
  /** The samples asked for, when the run stopped early. */
  requested?: number;
  /**
   * Pareto k̂ of the integrand's tails (pareto.ts), from TAIL_SAMPLES float64
   * draws on a stream of their own; above PARETO_K_THRESHOLD (0.7) the
   * standard error is not reliable. Set by `estimate` (and Estimator.tailIndex).
   */
  tailIndex?: number;
}

/** A run's state after each chunk (for progress reports). */
export interface Progress {
  /** Samples done so far, of `samples`. */
  readonly done: number;
  readonly samples: number;
  /** Running estimate and its standard error (NaN before two finite samples). */
  readonly mean: number;
  readonly stderr: number;
  /** Seconds since the run started, and samples per second so far. */
  readonly seconds: number;
  readonly samplesPerSecond: number;
}

/**
 * Limits of a run. A run goes in chunks of about CHUNK_TARGET_SECONDS each
 * (at most MAX_CHUNK_SAMPLES: memory stays constant however many samples are
 * asked for), merged in float64 (Chan's formula), and checks its limits
 * between chunks.
 */
export interface RunLimits {
  /**
   * Wall-clock budget in seconds from the start of the run. An estimate
   * (`run`, `estimate`) stops at the first chunk boundary past it and returns
   * what it has, with `stopped: 'max-seconds'`.
   */
  maxSeconds?: number;
  /** Stops the run at the next chunk boundary by throwing McInterrupted. */
  signal?: AbortSignal;
  /** Called after every chunk. */
  onProgress?: (p: Progress) => void;
}

export interface RunOptions extends RunLimits {
  /** Number of samples, a positive integer below 2^53. */
  samples: number;
  /** Seed: an integer 0 ≤ seed < 2^53 (the Philox key). */
  seed: number;
  /** Independent stream: an integer 0 ≤ stream < 2^32 (default 0). */
  stream?: number;
}

/** A run stopped by its AbortSignal (SIGINT, SIGTERM in the CLI). */
export class McInterrupted extends Error {
  override name = 'McInterrupted';
  constructor(readonly done: number, readonly requested: number) {
    super(`interrupted after ${done} of ${requested} samples`);
  }
}

/**
 * The time budget of `withRunLimits` ran out inside an estimate: a decision
 * made of several estimates must not use a cut one, so it is an error there
 * (the caller answers `unknown`, "budget exhausted").
 */
export class McBudgetExhausted extends Error {
  override name = 'McBudgetExhausted';
  constructor(readonly done: number, readonly requested: number, readonly seconds: number) {
    super(`budget exhausted: ${seconds} s ran out after ${done} of ${requested} samples of an estimate`);
  }
}

interface AmbientLimits {
  /** performance.now() at which the budget ends. */
  readonly deadline?: number;
  readonly seconds?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
}
const ambient = new AsyncLocalStorage<AmbientLimits>();
/** The limits of the enclosing withRunLimits, if any (for estimators outside this file: rqmc.ts). */
export const ambientLimits = (): Readonly<AmbientLimits> | undefined => ambient.getStore();

/**
 * Runs `f` (a whole decision: many estimates) under one set of limits: every
 * estimate inside shares the deadline, the signal and the progress callback.
 * An estimate that the deadline cuts throws McBudgetExhausted; the signal
 * throws McInterrupted.
 */
export function withRunLimits<T>(limits: RunLimits, f: () => Promise<T>): Promise<T> {
  checkLimits(limits);
  const deadline = limits.maxSeconds !== undefined ? performance.now() + limits.maxSeconds * 1000 : undefined;
  return ambient.run({ deadline, seconds: limits.maxSeconds, signal: limits.signal, onProgress: limits.onProgress }, f);
}

function checkLimits(l: RunLimits): void {
  if (l.maxSeconds !== undefined && !(typeof l.maxSeconds === 'number' && l.maxSeconds > 0 && Number.isFinite(l.maxSeconds))) {
    throw new McParamError(`maxSeconds must be a positive number of seconds, got ${l.maxSeconds}`);
  }
}

export interface Estimator {
  backend: BackendName;
  adapter: string;
  run(params: Record<string, number>, opts: RunOptions): Promise<McResult>;
  /** Pareto k̂ of the integrand at these parameters (float64 cpu draws on tailStream(stream)); NaN with too few finite values. */
  tailIndex(params: Record<string, number>, opts: { seed: number; stream?: number }): Promise<number>;
  dispose(): void;
}

/**
 * The stream the tail diagnostic of a run on `stream` draws from: the top bit
 * flipped, so it never meets the run's own samples (decisions use small
 * stream numbers, far below 2^31).
 */
export const tailStream = (stream: number): number => (stream ^ 0x80000000) >>> 0;

/** How the work is split (results agree to rounding for every shape; for tests and tuning). */
export interface Tuning {
  readonly gpu?: Partial_<GpuShape>;
  readonly cpu?: Partial_<CpuShape>;
  /** Samples per chunk of a run, a positive multiple of 4 (default: sized to CHUNK_TARGET_SECONDS). */
  readonly chunkSamples?: number;
}
type Partial_<T> = { -readonly [K in keyof T]?: T[K] };

/** Chunks are multiples of this many samples (a multiple of every group size). */
export const CHUNK_QUANTUM = 1 << 20;
/** A chunk takes about this long, so a run answers its limits within it. */
export const CHUNK_TARGET_SECONDS = 0.2;
/** The most samples in one chunk: bounds the partials buffers of the webgpu backend (64 Ki partials, 1 MiB). */
export const MAX_CHUNK_SAMPLES = 2 ** 32;
/** The most samples a run takes: sample indices stay exact in float64. */
export const MAX_SAMPLES = 2 ** 53 - 1;

const isInt = (x: number, lo: number, hi: number): boolean => Number.isInteger(x) && x >= lo && x < hi;

function checkRun(opts: RunOptions): number {
  if (!opts || typeof opts !== 'object') throw new McParamError('run options { samples, seed } are required');
  if (!isInt(opts.samples, 1, 2 ** 53)) throw new McParamError(`samples must be a positive integer below 2^53, got ${opts.samples}`);
  checkLimits(opts);
  if (!isInt(opts.seed, 0, 2 ** 53)) throw new McParamError(`seed must be an integer in [0, 2^53), got ${opts.seed}`);
  const stream = opts.stream ?? 0;
  if (!isInt(stream, 0, 2 ** 32)) throw new McParamError(`stream must be an integer in [0, 2^32), got ${stream}`);
  return stream;
}

function paramVector(a: Analysis, params: Record<string, number>): number[] {
  if (!params || typeof params !== 'object') throw new McParamError('parameters must be an object of numbers');
  return a.paramNames.map((p) => {
    const v = params[p];
    if (typeof v !== 'number') throw new McParamError(`missing parameter ${p}`);
    if (!Number.isFinite(v)) throw new McParamError(`parameter ${p} must be finite, got ${v}`);
    return v;
  });
}

/** What a backend does with a specialized kernel. */
interface Runner {
  /** Set when `auto` runs this kernel on the cpu instead: why, for the result's adapter. */
  readonly fallback?: string;
  /** Moments of samples first … first + count − 1 (first a multiple of CHUNK_QUANTUM or 0). */
  run(slots: Float64Array, first: number, count: number, seed: number, stream: number): Promise<Moments>;
  dump(slots: Float64Array, first: number, count: number, seed: number, stream: number): Promise<Float64Array>;
  dispose(): void;
}

class CompiledExpectation {
  private readonly host: (p: ArrayLike<number>) => Float64Array;
  private readonly specs = new Map<string, Spec>();
  private readonly runners = new Map<string, Runner>();
  private gpuOwner: Gpu | undefined;

  constructor(
    readonly analysis: Analysis,
    readonly backend: BackendName,
    readonly adapter: string,
    private gpu: Gpu | undefined,
    private readonly tuning: Tuning,
    private readonly auto: boolean,
  ) {
    this.host = compileHost(analysis);
  }

  /** Slots and kernel for a parameter point; throws McParamError on invalid parameters. */
  async prepare(params: Record<string, number>): Promise<{ slots: Float64Array; runner: Runner; spec: Spec }> {
    const host = this.host(paramVector(this.analysis, params));
    const dims = dimsOf(this.analysis, host);
    const key = dims.join(',');
    let spec = this.specs.get(key);
    if (!spec) {
      spec = specialize(this.analysis, dims);
      this.specs.set(key, spec);
    }
    const slots = deviceSlots(this.analysis, host);
    return { slots, runner: await this.runner(spec), spec };
  }

  private async runner(spec: Spec): Promise<Runner> {
    if (this.backend === 'webgpu') {
      // After shutdownGpu the device is new: rebuild the runners on it.
      const gpu = await getGpu();
      if (!gpu) throw new McError(`webgpu backend unavailable: ${gpuUnavailableReason()}`);
      if (gpu !== this.gpuOwner) {
        for (const r of this.runners.values()) r.dispose();
        this.runners.clear();
        this.gpuOwner = gpu;
        this.gpu = gpu;
      }
    }
    let r = this.runners.get(spec.key);
    if (!r) {
      r = this.backend === 'webgpu' ? this.gpuRunner(this.gpu as Gpu, spec) : this.cpuRunner(spec);
      this.runners.set(spec.key, r);
    }
    return r;
  }

  private gpuRunner(gpu: Gpu, spec: Spec): Runner {
    const bytes = kernelPrivateBytes(spec);
    if (bytes > WGSL_FUNCTION_MEMORY) {
      const why = `the vector random variables (${spec.dims.filter((_, r) => this.analysis.rvs[r].vector).join(', ')} components) need ` +
        `${bytes} bytes of per-thread memory, more than WGSL's ${WGSL_FUNCTION_MEMORY}`;
      if (!this.auto) throw new McParamError(`webgpu backend: ${why}; use the cpu backend`);
      const c = this.cpuRunner(spec);
      return { ...c, fallback: `cpu (${cpuAdapter(this.tuning)}): ${why}` };
    }
    const w = new WebgpuRunner(gpu, spec);
    const t = this.tuning.gpu ?? {};
    // A shape given in full (tests of dispatch shapes) is used as given.
    const exact = t.groupsPerThread !== undefined && t.minWorkgroups === undefined ? { minWorkgroups: 0 } : {};
    const shape: GpuShape = { ...defaultGpuShape(spec, gpu), ...t, ...exact };
    return {
      run: (slots, first, count, seed, stream) => w.run(slots, first, count, seed, stream, shape),
      dump: (slots, first, count, seed, stream) => w.dump(slots, first, count, seed, stream, shape),
      dispose: () => w.dispose(),
    };
  }

  private cpuRunner(spec: Spec): Runner {
    const c = new CpuRunner(spec);
    const shape: CpuShape = { ...defaultCpuShape(), ...this.tuning.cpu };
    return {
      run: (slots, first, count, seed, stream) => c.run(slots, first, count, seed, stream, shape),
      dump: async (slots, first, count, seed, stream) => c.dump(slots, first, count, seed, stream, shape),
      dispose: () => undefined,
    };
  }

  async run(params: Record<string, number>, opts: RunOptions): Promise<McResult> {
    const stream = checkRun(opts);
    const t0 = performance.now();
    const outer = ambient.getStore();
    const limits: AmbientLimits = {
      deadline: opts.maxSeconds !== undefined ? t0 + opts.maxSeconds * 1000 : outer?.deadline,
      seconds: opts.maxSeconds ?? outer?.seconds,
      signal: opts.signal ?? outer?.signal,
      onProgress: opts.onProgress ?? outer?.onProgress,
    };
    // Inside withRunLimits (and without a budget of its own), a cut estimate is an error.
    const cutThrows = opts.maxSeconds === undefined && outer?.deadline !== undefined;
    const { slots, runner, spec } = await this.prepare(params);
    const first = await this.loop(runner, slots, opts.samples, opts.seed, stream, limits, t0);
    let p = first.p;
    const done = first.done;
    let backend: BackendName = runner.fallback ? 'cpu' : this.backend;
    let adapter = runner.fallback ?? this.adapter;
    if (this.auto && backend === 'webgpu' && p.nonFinite > 0) {
      // f32 on the device overflows or saturates where float64 does not
      // (sigmoid(m + 5z) rounds to 1 and log(1 − y) to −∞). `auto` promises
      // the answer, not a backend: the same samples (same seed and stream)
      // run again on the float64 cpu backend, whose result stands when it
      // is finite. Otherwise the non-finite values are the integrand's own.
      // Under a budget the rerun gets what is left of it; cut short, it is
      // not comparable, and the f32 result stands.
      const again = await this.loop(this.float64Runner(spec), slots, done, opts.seed, stream, { ...limits, onProgress: undefined }, t0);
      if (again.done < done) {
        adapter = `${adapter} (the float64 rerun of ${p.nonFinite} non-finite f32 samples ran out of time)`;
      } else if (again.p.nonFinite < p.nonFinite) {
        adapter = `${cpuAdapter(this.tuning)}: rerun in float64, ${p.nonFinite} of ${done} samples were not finite in f32 on ${this.adapter}`;
        p = again.p;
        backend = 'cpu';
      }
    }
    // (A run with non-finite values is unknown already; `auto` reran it above.)
    const f32 = backend === 'webgpu' && p.nonFinite === 0 && done > 0 ? await this.f32Rounding(p, slots, runner, spec, opts.seed, stream) : undefined;
    let rerunCut = false;
    if (f32) {
      // The f32 result cannot carry its error bar: the same samples run
      // again in float64 on the cpu backend, on explicit webgpu as on auto
      // (the backend is a means; the error bar is the contract), and the
      // result says so in `adapter`. Under a budget the rerun gets what is
      // left of it; cut short, the run counts as stopped by the budget, since
      // the f32 error bar that would stand does not cover its rounding.
      const again = await this.loop(this.float64Runner(spec), slots, done, opts.seed, stream, { ...limits, onProgress: undefined }, t0);
      if (again.done < done) {
        rerunCut = true;
        adapter = `${adapter} (its float64 rerun, needed because ${f32}, ran out of time)`;
      } else if (again.p.nonFinite <= p.nonFinite) {
        adapter = `${cpuAdapter(this.tuning)}: rerun in float64, ${f32} on ${this.adapter}`;
        p = again.p;
        backend = 'cpu';
      }
    }
    if ((done < opts.samples || rerunCut) && cutThrows) throw new McBudgetExhausted(done, opts.samples, limits.seconds as number);
    const ms = performance.now() - t0;
    const s = summarize(p);
    const r: McResult = {
      mean: s.mean,
      stderr: s.stderr,
      variance: s.variance,
      samples: done,
      nonFinite: p.nonFinite,
      backend,
      adapter,
      seed: opts.seed,
      ms,
      samplesPerSecond: done / (ms / 1000),
    };
    if (done < opts.samples || rerunCut) {
      r.stopped = 'max-seconds';
      r.requested = opts.samples;
    }
    return r;
  }

  /**
   * Samples 0 … total − 1 in chunks, merged in float64 (Chan). A chunk is
   * sized from the last one's rate to take about CHUNK_TARGET_SECONDS (and
   * no more than what is left of the budget), a multiple of CHUNK_QUANTUM,
   * at most MAX_CHUNK_SAMPLES; the first is CHUNK_QUANTUM (it pays for the
   * compilation). Limits are checked between chunks; the first chunk always
   * runs, so a stopped run has samples.
   */
  private async loop(
    runner: Runner, slots: Float64Array, total: number, seed: number, stream: number, limits: AmbientLimits, t0: number,
  ): Promise<{ p: Moments; done: number }> {
    const fixed = this.tuning.chunkSamples;
    if (fixed !== undefined && !(isInt(fixed, 1, 2 ** 53) && fixed % 4 === 0)) {
      throw new McParamError(`chunkSamples must be a positive multiple of 4, got ${fixed}`);
    }
    let chunk = fixed ?? CHUNK_QUANTUM;
    let acc: Moments = EMPTY;
    let done = 0;
    while (done < total) {
      if (limits.signal?.aborted) throw new McInterrupted(done, total);
      const now = performance.now();
      if (done > 0 && limits.deadline !== undefined && now >= limits.deadline) break;
      const n = Math.min(chunk, total - done);
      acc = merge(acc, await runner.run(slots, done, n, seed, stream));
      done += n;
      const after = performance.now();
      if (limits.onProgress) {
        const s = summarize(acc);
        const seconds = (after - t0) / 1000;
        limits.onProgress({ done, samples: total, mean: s.mean, stderr: s.stderr, seconds, samplesPerSecond: done / Math.max(seconds, 1e-9) });
      }
      if (fixed === undefined) {
        const rate = n / Math.max((after - now) / 1000, 1e-4);
        let want = rate * CHUNK_TARGET_SECONDS;
        if (limits.deadline !== undefined) want = Math.min(want, rate * Math.max(0, (limits.deadline - after) / 1000));
        chunk = Math.min(MAX_CHUNK_SAMPLES, Math.max(CHUNK_QUANTUM, Math.floor(want / CHUNK_QUANTUM) * CHUNK_QUANTUM));
      }
    }
    return { p: acc, done };
  }

  /**
   * Why an f32 run's standard error does not cover its rounding, or
   * undefined when it does. f32 keeps 24 bits: the parameters round once for
   * all samples (30000.1 → 30000.0996), each value rounds, and an integrand
   * that subtracts nearly equal terms (exp(x) − 1 − x for a small x) loses
   * every bit. Those errors are systematic, and the sampling standard error
   * knows nothing of them (E[x], x ~ N(30000.1, 0.01): 31–38 standard errors
   * off). Two checks, both against a quarter of the standard error:
   * - measured: the same ROUNDING_SAMPLES draws (on the tail stream) evaluated by
   *   the f32 kernel and by the float64 one; the mean of their differences,
   *   plus 3 of its standard errors, bounds the per-sample rounding bias
   *   (parameters, values and cancellation alike);
   * - the reduction, which the per-sample dump does not see: the thread and
   *   workgroup means are combined in f32, a few tens of ulps of the mean in
   *   the worst case, so 64 ulps (2^-18) of the values' RMS.
   */
  private async f32Rounding(p: Moments, slots: Float64Array, runner: Runner, spec: Spec, seed: number, stream: number): Promise<string | undefined> {
    if (p.n < 2) return undefined;
    const se = Math.sqrt(p.m2 / (p.n - 1) / p.n);
    const rms = rmsOf(p);
    if (F32_REDUCTION * rms > se / 4) return `the f32 reduction's rounding (2^-18 of the RMS ${rms.toPrecision(3)}) was not small against the standard error`;
    const s = tailStream(stream);
    const a = await runner.dump(slots, 0, ROUNDING_SAMPLES, seed, s);
    const b = await this.float64Values(spec, slots, seed, s);
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < a.length; i++) {
      const d = a[i] - b[i];
      if (!Number.isFinite(d)) continue; // non-finite values are counted and handled by the run itself
      n++;
      const delta = d - mean;
      mean += delta / n;
      m2 += delta * (d - mean);
    }
    const bound = Math.abs(mean) + 3 * Math.sqrt(m2 / Math.max(1, n - 1) / Math.max(1, n));
    if (!(bound <= se / 4)) {
      return `the f32 values' rounding (measured on ${n} samples against float64: ${mean.toPrecision(3)} per sample on average) was not small against the standard error ${se.toPrecision(3)}`;
    }
    return undefined;
  }

  async tailIndex(params: Record<string, number>, opts: { seed: number; stream?: number }): Promise<number> {
    const stream = checkRun({ samples: TAIL_SAMPLES, seed: opts.seed, stream: opts.stream });
    const { slots, spec } = await this.prepare(params);
    // float64 values whatever the backend: f32 would cut the tail it measures.
    return paretoK(await this.float64Values(spec, slots, opts.seed, tailStream(stream)));
  }

  /** The last diagnostic sample: a run's rounding check and its tail index use the same float64 values. */
  private lastValues: { key: string; values: Float64Array } | undefined;
  /** float64 integrand values of samples 0 … TAIL_SAMPLES − 1 on a stream. */
  private async float64Values(spec: Spec, slots: Float64Array, seed: number, stream: number): Promise<Float64Array> {
    const key = `${spec.key}|${seed}|${stream}|${Array.from(slots).join(',')}`;
    if (this.lastValues?.key !== key) {
      this.lastValues = { key, values: await this.float64Runner(spec).dump(slots, 0, TAIL_SAMPLES, seed, stream) };
    }
    return this.lastValues.values;
  }

  private readonly f64Runners = new Map<string, Runner>();
  /** The cpu runner for a kernel (auto mode's float64 rerun). */
  private float64Runner(spec: Spec): Runner {
    let r = this.f64Runners.get(spec.key);
    if (!r) {
      r = this.cpuRunner(spec);
      this.f64Runners.set(spec.key, r);
    }
    return r;
  }

  dispose(): void {
    for (const r of [...this.runners.values(), ...this.f64Runners.values()]) r.dispose();
    this.runners.clear();
    this.f64Runners.clear();
  }
}

/** 64 ulps of f32 (2^-18) of the values' RMS: a bound on the f32 reduction's rounding of the mean (see f32Rounding). */
const F32_REDUCTION = 2 ** -18;
/** Draws the f32 rounding is measured on: the mean per-sample error to ~1 % of its spread. */
const ROUNDING_SAMPLES = 2 ** 14;
const rmsOf = (p: Moments): number => Math.sqrt(p.m2 / Math.max(1, p.n) + p.mean * p.mean);

/** The cpu backend's description: its kernel (wasm SIMD or JS), float64, and threads. */
const cpuAdapter = (tuning: Tuning): string => {
  const shape = { ...defaultCpuShape(), ...tuning.cpu };
  const kind = cpuKernelKind(shape) === 'wasm' ? 'wasm SIMD' : 'JS';
  return `${kind} float64, ${shape.threads} thread${shape.threads === 1 ? '' : 's'}`;
};

/**
 * The backend a choice resolves to on this machine, with its adapter and (for
 * webgpu) the device, without running anything: `auto` is webgpu where an
 * adapter opens, else cpu. The one place that decides it.
 */
async function resolve(backend: BackendChoice, tuning: Tuning): Promise<{ backend: BackendName; adapter: string; gpu?: Gpu }> {
  if (backend !== 'auto' && backend !== 'webgpu' && backend !== 'cpu') {
    throw new McError(`unknown backend ${String(backend)}: use auto, webgpu or cpu`);
  }
  if (backend === 'cpu') return { backend: 'cpu', adapter: cpuAdapter(tuning) };
  const gpu = await getGpu();
  if (gpu) return { backend: 'webgpu', adapter: gpu.adapter, gpu };
  if (backend === 'webgpu') throw new McError(`webgpu backend unavailable: ${gpuUnavailableReason()}`);
  return { backend: 'cpu', adapter: `${cpuAdapter(tuning)} (no webgpu: ${gpuUnavailableReason()})` };
}

/** Which backend `choice` runs on here, and its adapter (for reports such as `check`'s header). */
export async function resolveBackend(choice: BackendChoice, tuning: Tuning = {}): Promise<{ backend: BackendName; adapter: string }> {
  const r = await resolve(choice, tuning);
  return { backend: r.backend, adapter: r.adapter };
}

async function open(
  integrand: Node, random: readonly Binding[], paramNames: readonly string[], backend: BackendChoice, tuning: Tuning,
): Promise<CompiledExpectation> {
  if (backend !== 'auto' && backend !== 'webgpu' && backend !== 'cpu') {
    throw new McError(`unknown backend ${String(backend)}: use auto, webgpu or cpu`);
  }
  // The integrand first: an integrand that cannot compile is bad input whatever the machine.
  const analysis = analyze(integrand, random, paramNames);
  const r = await resolve(backend, tuning);
  return new CompiledExpectation(analysis, r.backend, r.adapter, r.gpu, tuning, backend === 'auto');
}

/**
 * Compiles E[integrand] over `random` with parameters `paramNames`. Throws
 * McError when the integrand or the bindings cannot be compiled; `run` throws
 * McParamError for invalid parameter values (variance ≤ 0, empty interval,
 * s ≤ 0, non-integer dimension, a missing parameter).
 */
export async function compileExpectation(
  integrand: Node, random: readonly Binding[], paramNames: readonly string[], backend: BackendChoice, tuning: Tuning = {},
): Promise<Estimator> {
  const c = await open(integrand, random, paramNames, backend, tuning);
  return {
    backend: c.backend,
    adapter: c.adapter,
    run: (params, opts) => c.run(params, opts),
    tailIndex: (params, opts) => c.tailIndex(params, opts),
    dispose: () => c.dispose(),
  };
}

/** One estimate: compile, run, dispose. */
export async function estimate(
  integrand: Node,
  random: readonly Binding[],
  params: Record<string, number>,
  opts: RunOptions & { backend?: BackendChoice },
  tuning: Tuning = {},
): Promise<McResult> {
  const est = await compileExpectation(integrand, random, Object.keys(params), opts.backend ?? 'auto', tuning);
  try {
    const r = await est.run(params, opts);
    return { ...r, tailIndex: await est.tailIndex(params, opts) };
  } finally {
    est.dispose();
  }
}

/**
 * The integrand's value at samples first … first + count − 1 (float64 on cpu,
 * f32 widened on webgpu): for tests of the stream layout and of backend
 * agreement, and for looking at a counterexample's samples.
 */
export async function sampleValues(
  integrand: Node,
  random: readonly Binding[],
  params: Record<string, number>,
  opts: { first: number; count: number; seed: number; stream?: number; backend: BackendName },
  tuning: Tuning = {},
): Promise<Float64Array> {
  const stream = checkRun({ samples: Math.max(1, opts.count), seed: opts.seed, stream: opts.stream });
  if (!isInt(opts.first, 0, 2 ** 53) || !isInt(opts.count, 0, 2 ** 24)) throw new McParamError('first must be ≥ 0 and count in [0, 2^24)');
  const c = await open(integrand, random, Object.keys(params), opts.backend, tuning);
  try {
    const { slots, runner } = await c.prepare(params);
    return await runner.dump(slots, opts.first, opts.count, opts.seed, stream);
  } finally {
    c.dispose();
  }
}

/** Destroys the GPU device and stops the cpu worker threads, so the process can exit. Both restart on demand. */
export async function shutdownGpu(): Promise<void> {
  await Promise.all([destroyGpu(), shutdownCpu()]);
}
