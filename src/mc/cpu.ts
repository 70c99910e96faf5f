// The cpu backend: a generated kernel (float64), run on the main thread for
// small jobs and split over worker threads for large ones. Workers take
// contiguous ranges of sample groups; their partials merge in a fixed order,
// so a result does not depend on timing.
//
// The kernel is WebAssembly with SIMD (wasm/kernel.ts) where the runtime has
// it, else the JS kernel (js.ts): both compute every sample alike, the JS one
// stays the reference the tests hold the wasm one to. Workers get the
// compiled WebAssembly.Module (posting it shares the compiled code) and keep
// an instance per module.

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { compileJsKernel, jsKernelSource, type JsKernel } from './js.js';
import type { Spec } from './specialize.js';
import { keyOf } from './layout.js';
import { mergePartials, type Moments } from './stats.js';
import { wasmKernelBytes } from './wasm/kernel.js';
import { compileWasm, wasmSimdSupported, type WasmInstance, type WasmModule } from './wasm/api.js';
import { WASM_RUNTIME, wasmRuntime } from './wasm/memory.js';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${WASM_RUNTIME}
const cache = new Map();
const instances = new Map();
parentPort.on('message', (m) => {
  try {
    const out = new Float64Array(4);
    if (m.wasm) {
      let inst = instances.get(m.wasm.id);
      if (!inst) {
        inst = $W.instance(m.wasm.module);
        instances.set(m.wasm.id, inst);
        if (instances.size > 16) instances.delete(instances.keys().next().value);
      }
      $W.reduce(inst, m.V, m.k0, m.k1, m.stream, m.wasm.sg, m.gStart, m.gEnd, m.lo, m.hi, out);
      parentPort.postMessage({ id: m.id, out });
      return;
    }
    let k = cache.get(m.src);
    if (!k) {
      k = new Function(m.src)();
      cache.set(m.src, k);
      if (cache.size > 32) cache.delete(cache.keys().next().value);
    }
    k(m.V, m.k0, m.k1, m.stream, m.gStart, m.gEnd, m.lo, m.hi, out);
    parentPort.postMessage({ id: m.id, out });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.stack) || e) });
  }
});
`;

interface Job {
  resolve(p: Float64Array): void;
  reject(e: Error): void;
}

class PoolWorker {
  private readonly worker: Worker;
  private readonly jobs = new Map<number, Job>();
  private next = 0;
  /** Set once the thread has stopped; the pool replaces it. */
  dead = false;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.unref();
    this.worker.on('message', (m: { id: number; out?: Float64Array; error?: string }) => {
      const job = this.jobs.get(m.id);
      if (!job) return;
      this.jobs.delete(m.id);
      if (this.jobs.size === 0) this.worker.unref();
      if (m.error !== undefined) job.reject(new Error(`cpu worker: ${m.error}`));
      else job.resolve(m.out as Float64Array);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      this.dead = true;
      this.fail(new Error(`cpu worker stopped (exit code ${code})`));
    });
  }

  private fail(err: Error): void {
    for (const job of this.jobs.values()) job.reject(err);
    this.jobs.clear();
  }

  run(msg: Omit<KernelCall, 'id'>): Promise<Float64Array> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      // Keep the process alive while a job is pending, and only then.
      this.worker.ref();
      this.worker.postMessage({ ...msg, id });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

interface KernelCall {
  id: number;
  /** The JS kernel's source, or the wasm kernel (then src is empty). */
  src: string;
  wasm?: { id: number; module: WasmModule; sg: number };
  V: Float64Array;
  k0: number;
  k1: number;
  stream: number;
  gStart: number;
  gEnd: number;
  lo: number;
  hi: number;
}

let pool: PoolWorker[] | undefined;

/** Threads the cpu backend uses. */
export const cpuThreads = (): number => Math.max(1, Math.min(16, availableParallelism()));

function getPool(n: number): PoolWorker[] {
  pool = (pool ?? []).filter((w) => !w.dead);
  while (pool.length < n) pool.push(new PoolWorker());
  return pool.slice(0, n);
}

/** Worker threads started and not stopped (for tests of setInlineRanges). */
export const cpuPoolThreads = (): number => (pool ?? []).filter((w) => !w.dead).length;

/** Stops the worker threads (they restart on demand). */
export async function shutdownCpu(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) await Promise.all(p.map((w) => w.terminate()));
}

export interface CpuShape {
  /** Worker threads for large jobs (1: run on the main thread). */
  readonly threads: number;
  /** Jobs below this many samples run on the main thread. */
  readonly inlineBelow: number;
  /** Use the WebAssembly kernel (where the runtime supports wasm SIMD); false: the JS kernel. */
  readonly wasm: boolean;
}

export const defaultCpuShape = (): CpuShape => ({ threads: cpuThreads(), inlineBelow: 1 << 18, wasm: true });

/** Which kernel a cpu shape runs: wasm only where the runtime has wasm SIMD. */
export const cpuKernelKind = (shape: Pick<CpuShape, 'wasm'>): 'wasm' | 'js' => (shape.wasm && wasmSimdSupported() ? 'wasm' : 'js');

/**
 * When set, a run's ranges are decided on the calling thread one after
 * another instead of on the worker threads (the same ranges and merge, so the
 * same result to the bit). `check`'s own worker threads set it
 * (derive/check-worker.ts): they keep every core busy already, and handing
 * each range to two more threads cost more in messages than it saved.
 */
let inlineRanges = false;
export function setInlineRanges(on: boolean): void {
  inlineRanges = on;
}

let wasmIds = 0;

const kernels = new Map<string, JsKernel>();
function kernel(src: string): JsKernel {
  let k = kernels.get(src);
  if (!k) {
    k = compileJsKernel(src);
    kernels.set(src, k);
    if (kernels.size > 64) kernels.delete(kernels.keys().next().value as string);
  }
  return k;
}

export class CpuRunner {
  private reduceSrc: string | undefined;
  private dumpSrc: string | undefined;
  private wasm: { id: number; module: WasmModule; inst?: WasmInstance } | undefined;

  constructor(private readonly spec: Spec) {}

  private wasmKernel(): { id: number; module: WasmModule; inst: WasmInstance } {
    this.wasm ??= { id: ++wasmIds, module: compileWasm(wasmKernelBytes(this.spec)) };
    this.wasm.inst ??= wasmRuntime().instance(this.wasm.module);
    return this.wasm as { id: number; module: WasmModule; inst: WasmInstance };
  }

  /** Moments of samples first … first + count − 1 (first a multiple of the samples per group). */
  async run(slots: Float64Array, first: number, count: number, seed: number, stream: number, shape: CpuShape): Promise<Moments> {
    const sg = this.spec.layout.samplesPerGroup;
    if (first % sg !== 0) throw new Error(`internal: a run starts at a whole group, not at sample ${first}`);
    const g0 = first / sg;
    const hi = first + count;
    const groups = Math.ceil(count / sg);
    const [k0, k1] = keyOf(seed);
    const threads = count < shape.inlineBelow ? 1 : Math.max(1, Math.min(shape.threads, groups));
    const useWasm = cpuKernelKind(shape) === 'wasm';
    if (threads === 1) {
      const out = new Float64Array(4);
      if (useWasm) wasmRuntime().reduce(this.wasmKernel().inst, slots, k0 | 0, k1 | 0, stream | 0, sg, g0, g0 + groups, first, hi, out);
      else kernel(this.reduceSource())(slots, k0 | 0, k1 | 0, stream | 0, g0, g0 + groups, first, hi, out);
      return { n: out[0], mean: out[1], m2: out[2], nonFinite: out[3] };
    }
    // Ranges start at multiples of 8 groups from the run's first group (the wasm kernel's block).
    const per = Math.ceil(groups / threads / 8) * 8;
    if (inlineRanges) {
      // The same ranges and merge as the threads below, one after another here: the same result to the bit.
      const parts: Moments[] = [];
      for (let t = 0; t < threads; t++) {
        const gStart = g0 + Math.min(groups, t * per);
        const gEnd = Math.min(g0 + groups, gStart + per);
        const out = new Float64Array(4);
        if (useWasm) wasmRuntime().reduce(this.wasmKernel().inst, slots, k0 | 0, k1 | 0, stream | 0, sg, gStart, gEnd, first, hi, out);
        else kernel(this.reduceSource())(slots, k0 | 0, k1 | 0, stream | 0, gStart, gEnd, first, hi, out);
        parts.push({ n: out[0], mean: out[1], m2: out[2], nonFinite: out[3] });
      }
      return mergePartials(parts);
    }
    const workers = getPool(threads);
    const wasm = useWasm ? this.wasmKernel() : undefined;
    const src = useWasm ? '' : this.reduceSource();
    const parts = await Promise.all(workers.map((w, t) => {
      const gStart = g0 + Math.min(groups, t * per);
      const gEnd = Math.min(g0 + groups, gStart + per);
      return w.run({
        src, wasm: wasm && { id: wasm.id, module: wasm.module, sg },
        V: slots, k0: k0 | 0, k1: k1 | 0, stream: stream | 0, gStart, gEnd, lo: first, hi,
      });
    }));
    return mergePartials(parts.map((o) => ({ n: o[0], mean: o[1], m2: o[2], nonFinite: o[3] })));
  }

  private reduceSource(): string {
    this.reduceSrc ??= jsKernelSource(this.spec, 'reduce');
    return this.reduceSrc;
  }

  /** Integrand values of samples first … first + count − 1. */
  dump(slots: Float64Array, first: number, count: number, seed: number, stream: number, shape: Pick<CpuShape, 'wasm'>): Float64Array {
    const sg = this.spec.layout.samplesPerGroup;
    const [k0, k1] = keyOf(seed);
    const out = new Float64Array(count);
    if (cpuKernelKind(shape) === 'wasm') {
      wasmRuntime().dump(this.wasmKernel().inst, slots, k0 | 0, k1 | 0, stream | 0, sg, first, count, out);
      return out;
    }
    this.dumpSrc ??= jsKernelSource(this.spec, 'dump');
    kernel(this.dumpSrc)(slots, k0 | 0, k1 | 0, stream | 0, Math.floor(first / sg), Math.ceil((first + count) / sg), first, first + count, out);
    return out;
  }
}
