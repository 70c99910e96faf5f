// The webgpu runner of randomized quasi-Monte Carlo: uploads the scrambling
// tables of a run's randomizations (computed on the host by scrambleOf, the
// cpu kernel's own), dispatches the kernel of rqmc-wgsl.ts over contiguous
// ranges of invocations — many randomizations per dispatch, so a small run is
// one dispatch and one read-back — and merges the per-invocation partials
// per randomization in float64 on the host.

/// <reference types="@webgpu/types" />

import { deviceScoped, McDeviceError, type Gpu } from './gpu.js';
import type { Spec } from './specialize.js';
import { keyOf } from './layout.js';
import { quietly } from './quiet-wait.js';
import { scrambleOf } from './sobol/sobol.js';
import { sobolDims } from './rqmc-js.js';
import { RQMC_CTL_BYTES, RQMC_PARTIAL_BYTES, rqmcUniformBytes, rqmcWgslKernel, tableWords, type RqmcMode } from './rqmc-wgsl.js';

export interface RqmcGpuShape {
  readonly workgroupSize: number;
  /** Points per invocation (a power of 2; a randomization of fewer points is one invocation). */
  readonly block: number;
  /** Points per dispatch at most (limits are checked between dispatches). */
  readonly maxPointsPerDispatch: number;
}

/**
 * 128 invocations of 256 points: llvmpipe pays a set-up per batch of 8
 * invocations and per workgroup, which 256 points amortize (per 2^22 samples
 * of E[x²], CPU: 28 ms at 64 × 64, 18 ms at 128 × 256); an f32 sum then spans
 * 256 values at most (the rounding check measures what that costs). A
 * 2^20-sample run (32 × 2^15) is 4096 invocations in one dispatch.
 */
export const DEFAULT_RQMC_GPU_SHAPE: RqmcGpuShape = { workgroupSize: 128, block: 256, maxPointsPerDispatch: 2 ** 23 };

/** Per randomization of a run: finite count, sum (float64), non-finite count; and the first invocations' sums (for the rounding check). */
export interface RqmcSums {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly nonFinite: Float64Array;
  /** Randomizations complete (a run cut by its limits stops between dispatches). */
  readonly done: number;
  /** Points per invocation, and the first invocations' (count, sum) in float64, in run order (CHECK_POINTS of them). */
  readonly blk: number;
  readonly firstBlocks: readonly { count: number; sum: number; nonFinite: number }[];
}

const isPow2 = (x: number): boolean => Number.isInteger(x) && x >= 1 && (x & (x - 1)) === 0;

export class RqmcWebgpuRunner {
  private readonly uniform: GPUBuffer;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private out: GPUBuffer | undefined;
  private read: GPUBuffer | undefined;
  private capacity = 0;
  /** Kernel sources by mode (generated once: the pipeline cache is keyed by the source). */
  private readonly sources: Partial<Record<RqmcMode, string>> = {};
  readonly D: number;

  constructor(private readonly gpu: Gpu, private readonly spec: Spec, readonly shape: RqmcGpuShape = DEFAULT_RQMC_GPU_SHAPE) {
    if (!isPow2(shape.block) || !isPow2(shape.workgroupSize)) throw new Error('internal: block and workgroup size must be powers of 2');
    this.D = sobolDims(spec);
    this.uniform = gpu.device.createBuffer({ size: rqmcUniformBytes(spec), usage: gpu.usage.UNIFORM | gpu.usage.COPY_DST });
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const p = this.queue.then(f, f);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private uniformData(slots: Float64Array, seed: number, stream: number, tBase: number, tCount: number, tpr: number, blk: number, r0: number, shift = 0): ArrayBuffer {
    const buf = new ArrayBuffer(rqmcUniformBytes(this.spec));
    const u = new Uint32Array(buf);
    const f = new Float32Array(buf);
    const [k0, k1] = keyOf(seed);
    u.set([k0, k1, stream, tBase, tCount, tpr, blk, r0]);
    f[8] = NaN;
    f[9] = Infinity;
    f[10] = shift;
    f.set(slots, RQMC_CTL_BYTES / 4);
    return buf;
  }

  /** Scrambling tables of randomizations first … first + count − 1, as the kernel reads them. */
  private tables(seed: number, stream: number, first: number, count: number): Uint32Array {
    const W = tableWords(this.D);
    const t = new Uint32Array(Math.max(1, count * W));
    for (let j = 0; j < count; j++) {
      const s = scrambleOf(seed, stream, first + j, this.D);
      t.set(s.dirs, j * W);
      t.set(s.shift, j * W + s.dirs.length);
      t.set(s.nest, j * W + s.dirs.length + s.shift.length);
    }
    return t;
  }

  /** Points per invocation for randomizations of n points. */
  blockOf(n: number): number {
    return Math.min(this.shape.block, n);
  }

  private grid(groups: number): [number, number] {
    const maxDim = this.gpu.limits.maxComputeWorkgroupsPerDimension;
    const x = Math.min(groups, maxDim);
    return [x, Math.ceil(groups / x)];
  }

  /** Runs `mode` over invocations tBase … tBase + tCount − 1 and returns the output buffer's bytes. */
  private async dispatch(mode: RqmcMode, table: GPUBuffer, slots: Float64Array, seed: number, stream: number, tBase: number, tCount: number, tpr: number, blk: number, r0: number, outBytes: number, shift = 0): Promise<ArrayBuffer> {
    const { device, usage } = this.gpu;
    const code = (this.sources[mode] ??= rqmcWgslKernel(this.spec, this.shape, mode));
    const pipeline = await this.gpu.pipeline(code);
    const most = Math.min(this.gpu.limits.maxBufferSize, this.gpu.limits.maxStorageBufferBindingSize);
    if (outBytes > most) throw new McDeviceError(`webgpu: ${outBytes} bytes of results exceed the device's buffers (${most})`);
    // Output buffers are kept between dispatches (calls are serial) and grow as needed.
    if (!this.out || !this.read || this.capacity < outBytes) {
      this.out?.destroy();
      this.read?.destroy();
      this.capacity = Math.max(4096, outBytes);
      this.out = device.createBuffer({ size: this.capacity, usage: usage.STORAGE | usage.COPY_SRC });
      this.read = device.createBuffer({ size: this.capacity, usage: usage.MAP_READ | usage.COPY_DST });
    }
    const out = this.out;
    const read = this.read;
    {
      const bind = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [{ binding: 0, resource: { buffer: this.uniform } }, { binding: 1, resource: { buffer: table } }, { binding: 2, resource: { buffer: out } }],
      });
      device.queue.writeBuffer(this.uniform, 0, this.uniformData(slots, seed, stream, tBase, tCount, tpr, blk, r0, shift));
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bind);
      const [x, y] = this.grid(Math.ceil(tCount / this.shape.workgroupSize));
      pass.dispatchWorkgroups(x, y);
      pass.end();
      const bytes = Math.ceil(Math.max(16, outBytes) / 4) * 4;
      enc.copyBufferToBuffer(out, 0, read, 0, bytes);
      device.queue.submit([enc.finish()]);
      await quietly(() => read.mapAsync(this.gpu.mapRead, 0, bytes));
      const data = read.getMappedRange(0, bytes).slice(0, outBytes);
      read.unmap();
      return data;
    }
  }

  private uploadTables(seed: number, stream: number, first: number, count: number): GPUBuffer {
    const data = this.tables(seed, stream, first, count);
    const { device, usage } = this.gpu;
    const most = Math.min(this.gpu.limits.maxBufferSize, this.gpu.limits.maxStorageBufferBindingSize);
    if (data.byteLength > most) throw new McDeviceError(`webgpu: the scrambling tables of ${count} randomizations need ${data.byteLength} bytes, more than the device's buffers hold (${most})`);
    const buf = device.createBuffer({ size: data.byteLength, usage: usage.STORAGE | usage.COPY_DST });
    device.queue.writeBuffer(buf, 0, data);
    return buf;
  }

  /**
   * Sums of randomizations first … first + count − 1 of n points each (n a
   * power of 2), each invocation's f32 sum taken about `shift` (best: near
   * the mean; non-finite → 0). `stop` is asked between dispatches; a
   * randomization cut by it is not counted.
   */
  sums(slots: Float64Array, seed: number, stream: number, first: number, count: number, n: number, stop: () => boolean = () => false, shift = 0): Promise<RqmcSums> {
    return this.serial(() => deviceScoped(this.gpu.device, `running ${count} randomizations of ${n} points`, async () => {
      if (this.disposed) throw new Error('the estimator was disposed');
      if (!isPow2(n) || n > 2 ** 32) throw new Error(`internal: points per randomization must be a power of 2 ≤ 2^32, not ${n}`);
      const blk = Math.min(this.shape.block, n);
      const tpr = n / blk;
      const total = count * tpr;
      if (total >= 2 ** 32) throw new McDeviceError(`webgpu: ${count} randomizations of ${n} points are more invocations than a u32 counts; use fewer`);
      const perDispatch = Math.max(1, Math.floor(this.shape.maxPointsPerDispatch / blk));
      const cnt = new Float64Array(count);
      const sum = new Float64Array(count);
      const nf = new Float64Array(count);
      const firstBlocks: { count: number; sum: number; nonFinite: number }[] = [];
      const keep = checkBlocks(blk);
      const table = this.uploadTables(seed, stream, first, count);
      let t = 0;
      try {
        while (t < total) {
          if (t > 0 && stop()) break;
          const m = Math.min(perDispatch, total - t);
          const raw = await this.dispatch('reduce', table, slots, seed, stream, t, m, tpr, blk, first, m * RQMC_PARTIAL_BYTES, Math.abs(shift) < 1e38 ? shift : 0);
          const w = new Uint32Array(raw);
          const f = new Float32Array(raw);
          for (let g = 0; g < m; g++) {
            const T = t + g;
            const r = Math.floor(T / tpr);
            const k = w[4 * g];
            const s = k * f[4 * g + 2] + f[4 * g + 3]; // float64: count·shift (the f32 shift, as the device used it), then the f32 deviations' sum
            cnt[r] += k;
            sum[r] += s;
            nf[r] += w[4 * g + 1];
            if (T < keep) firstBlocks.push({ count: k, sum: s, nonFinite: w[4 * g + 1] });
          }
          t += m;
        }
      } finally {
        table.destroy();
      }
      return { count: cnt, sum, nonFinite: nf, done: Math.floor(t / tpr), blk, firstBlocks };
    }));
  }

  /** f32 integrand values of points iStart … iStart + count − 1 of randomization r (count ≤ blk·k, iStart a multiple of blk). */
  async values(slots: Float64Array, seed: number, stream: number, r: number, n: number, iStart: number, count: number): Promise<Float32Array> {
    return new Float32Array(await this.readBlocks('values', slots, seed, stream, r, n, iStart, count, 1)).slice(0, count);
  }

  /**
   * The raw 32-bit coordinates (D per point) of points iStart … iStart +
   * count − 1 of randomization r, dispatched as invocations from
   * iStart / blk on (for the known-answer tests: any block and dispatch shape).
   */
  async coords(seed: number, stream: number, r: number, n: number, iStart: number, count: number): Promise<Uint32Array> {
    return new Uint32Array(await this.readBlocks('coords', new Float64Array(0), seed, stream, r, n, iStart, count, this.D)).slice(0, count * this.D);
  }

  /** The whole blocks holding points iStart … iStart + count − 1 of randomization r, `words` 32-bit words a point. */
  private readBlocks(mode: 'values' | 'coords', slots: Float64Array, seed: number, stream: number, r: number, n: number, iStart: number, count: number, words: number): Promise<ArrayBuffer> {
    return this.serial(() => deviceScoped(this.gpu.device, `reading RQMC ${mode === 'values' ? 'values' : 'coordinates'}`, async () => {
      const blk = Math.min(this.shape.block, n);
      const tpr = n / blk;
      if (iStart % blk !== 0) throw new Error(`internal: ${mode} start at a block`);
      if (tpr >= 2 ** 32) throw new Error('internal: 2^32 points need blocks of 2 or more');
      const tCount = Math.ceil(count / blk);
      const table = this.uploadTables(seed, stream, r, 1);
      try {
        return await this.dispatch(mode, table, slots, seed, stream, iStart / blk, tCount, tpr, blk, r, tCount * blk * words * 4);
      } finally {
        table.destroy();
      }
    }));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.queue.then(() => {
      this.uniform.destroy();
      this.out?.destroy();
      this.read?.destroy();
    });
  }
}

/** Points (whole blocks, at least 8) whose device sums are kept for the f32 rounding check. */
export const CHECK_POINTS = 2 ** 13;
/** Invocations (blocks of blk points) of the rounding check: the first of the run. */
export const checkBlocks = (blk: number): number => Math.max(8, Math.ceil(CHECK_POINTS / blk));
