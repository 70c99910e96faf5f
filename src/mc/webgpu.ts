// The webgpu backend: dispatches the fused kernel of wgsl.ts in batches and
// merges the per-workgroup partials on the host in float64.
//
// A run writes the uniform block and submits one dispatch per batch (queue
// order makes each dispatch see its own uniform contents), then copies every
// partial to a mappable buffer and reads them back once: one stall per run.

/// <reference types="@webgpu/types" />

import { deviceScoped, McDeviceError, type Gpu } from './gpu.js';
import type { Spec } from './specialize.js';
import { CTL_BYTES, uniformBytes, wgslKernel, type WgslShape } from './wgsl.js';
import type { KernelMode } from './js.js';
import { keyOf, TWO32 } from './layout.js';
import { mergePacked, type Moments } from './stats.js';
import { quietly } from './quiet-wait.js';

export interface GpuShape extends WgslShape {
  /** Upper bound on the samples of one dispatch. */
  readonly maxSamplesPerDispatch: number;
  /**
   * With a positive value, a run uses fewer than groupsPerThread groups per
   * thread where that leaves it with fewer workgroups than this (a small run
   * should still keep every core of lavapipe, or every SM of a GPU, busy).
   * 0 or absent: always groupsPerThread (tests of the dispatch shapes).
   */
  readonly minWorkgroups?: number;
}

/** Groups per thread for a run of `groups` sample groups. */
export function groupsPerThreadFor(shape: GpuShape, groups: number): number {
  const K = shape.groupsPerThread;
  const m = shape.minWorkgroups ?? 0;
  if (m <= 0) return K;
  return Math.max(1, Math.min(K, Math.floor(groups / (shape.workgroupSize * m))));
}

/**
 * Defaults tuned on lavapipe (2 cores) and fine on discrete GPUs: 128
 * threads, up to about 512 samples per thread (llvmpipe spends ~500
 * instructions, integer divisions included, setting up each batch of 8
 * invocations, and the workgroup's fan-in once per workgroup: longer threads
 * amortize both; 512 rather than 128 gained 3–6%), fewer for runs that would
 * otherwise have under 64 workgroups, batches of ≈ 2^26 samples.
 */
export function defaultGpuShape(spec: Spec, gpu: Gpu): GpuShape {
  const sg = spec.layout.samplesPerGroup;
  const fixed = gpu.subgroups && gpu.subgroups.min === gpu.subgroups.max ? gpu.subgroups.min : undefined;
  return {
    workgroupSize: 128,
    groupsPerThread: Math.max(1, Math.round(512 / sg)),
    minWorkgroups: 64,
    reduction: gpu.subgroups ? 'subgroup' : 'serial',
    subgroupSize: fixed,
    maxSamplesPerDispatch: 1 << 26,
  };
}

const PARTIAL_BYTES = 16;

interface Batch {
  g0: number;
  hi: number;
  x: number;
  y: number;
  slot: number;
}

export class WebgpuRunner {
  private readonly uniform: GPUBuffer;
  private partials: GPUBuffer | undefined;
  private readback: GPUBuffer | undefined;
  private capacity = 0;
  private readonly ubytes: number;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly gpu: Gpu, private readonly spec: Spec) {
    this.ubytes = uniformBytes(spec);
    this.uniform = gpu.device.createBuffer({ size: this.ubytes, usage: gpu.usage.UNIFORM | gpu.usage.COPY_DST });
  }

  /** Runs one after another (the buffers are shared between runs). */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const p = this.queue.then(f, f);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private uniformData(slots: Float64Array, seed: number, stream: number, g0: number, lo: number, hi: number, slot: number, kper: number): ArrayBuffer {
    const buf = new ArrayBuffer(this.ubytes);
    const u = new Uint32Array(buf);
    const f = new Float32Array(buf);
    const [k0, k1] = keyOf(seed);
    u[0] = k0;
    u[1] = k1;
    u[2] = g0 % TWO32;
    u[3] = Math.floor(g0 / TWO32);
    u[4] = stream;
    u[5] = lo;
    u[6] = hi;
    u[7] = slot;
    f[8] = NaN;
    f[9] = Infinity;
    u[10] = kper;
    f.set(slots, CTL_BYTES / 4);
    return buf;
  }

  private ensureCapacity(partials: number): void {
    if (partials <= this.capacity && this.partials && this.readback) return;
    const most = Math.min(this.gpu.limits.maxBufferSize, this.gpu.limits.maxStorageBufferBindingSize);
    if (partials * PARTIAL_BYTES > most) {
      // Not reached through the run loop (chunks of ≤ 2^32 samples need ≤ 1 MiB); a guard for tunings.
      throw new McDeviceError(`webgpu: ${partials} partial results need ${partials * PARTIAL_BYTES} bytes, more than the device's buffers hold (${most}); run fewer samples per call`);
    }
    this.partials?.destroy();
    this.readback?.destroy();
    const cap = Math.max(partials, 1024);
    const { device, usage } = this.gpu;
    this.partials = device.createBuffer({ size: cap * PARTIAL_BYTES, usage: usage.STORAGE | usage.COPY_SRC });
    this.readback = device.createBuffer({ size: cap * PARTIAL_BYTES, usage: usage.MAP_READ | usage.COPY_DST });
    this.capacity = cap;
  }

  /**
   * Moments of samples first … first + count − 1 (first a multiple of the
   * samples per group). Buffers grow with the partials of one call: the
   * run loop (index.ts) keeps calls short.
   */
  run(slots: Float64Array, first: number, count: number, seed: number, stream: number, shape: GpuShape): Promise<Moments> {
    return this.serial(() => deviceScoped(this.gpu.device, `running ${count} samples`, async () => {
      if (this.disposed) throw new Error('the estimator was disposed');
      const { device } = this.gpu;
      const pipeline = await this.gpu.pipeline(wgslKernel(this.spec, shape, 'reduce'));
      const sg = this.spec.layout.samplesPerGroup;
      if (first % sg !== 0) throw new Error(`internal: a run starts at a whole group, not at sample ${first}`);
      const firstGroup = first / sg;
      const totalGroups = Math.ceil(count / sg);
      const kper = groupsPerThreadFor(shape, totalGroups);
      const perWg = shape.workgroupSize * kper;
      const maxDim = this.gpu.limits.maxComputeWorkgroupsPerDimension;
      // Batch sizes: whole workgroups, under the cap, and under 2^31 samples
      // so the kernel's local sample index fits a u32.
      const cap = Math.min(shape.maxSamplesPerDispatch, 2 ** 31, maxDim * maxDim * perWg * sg);
      const batchGroups = Math.max(perWg, Math.floor(cap / sg / perWg) * perWg);
      const batches: Batch[] = [];
      let slot = 0;
      for (let g0 = 0; g0 < totalGroups; g0 += batchGroups) {
        const groups = Math.min(batchGroups, totalGroups - g0);
        const nwg = Math.ceil(groups / perWg);
        const x = Math.min(nwg, maxDim);
        const y = Math.ceil(nwg / x);
        batches.push({ g0: firstGroup + g0, hi: Math.min(count - g0 * sg, groups * sg), x, y, slot });
        slot += x * y;
      }
      this.ensureCapacity(slot);
      const partials = this.partials as GPUBuffer;
      const readback = this.readback as GPUBuffer;
      const bind = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [{ binding: 0, resource: { buffer: this.uniform } }, { binding: 1, resource: { buffer: partials } }],
      });
      for (const b of batches) {
        device.queue.writeBuffer(this.uniform, 0, this.uniformData(slots, seed, stream, b.g0, 0, b.hi, b.slot, kper));
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bind);
        pass.dispatchWorkgroups(b.x, b.y);
        pass.end();
        device.queue.submit([enc.finish()]);
      }
      const enc = device.createCommandEncoder();
      enc.copyBufferToBuffer(partials, 0, readback, 0, slot * PARTIAL_BYTES);
      device.queue.submit([enc.finish()]);
      await quietly(() => readback.mapAsync(this.gpu.mapRead, 0, slot * PARTIAL_BYTES));
      const raw = readback.getMappedRange(0, slot * PARTIAL_BYTES).slice(0);
      readback.unmap();
      return mergePacked(new Uint32Array(raw), new Float32Array(raw), slot);
    }));
  }

  /** Integrand values (f32, widened) of samples first … first + count − 1. */
  dump(slots: Float64Array, first: number, count: number, seed: number, stream: number, shape: GpuShape): Promise<Float64Array> {
    return this.serial(() => deviceScoped(this.gpu.device, `reading ${count} samples`, async () => {
      if (this.disposed) throw new Error('the estimator was disposed');
      const { device, usage } = this.gpu;
      const mode: KernelMode = 'dump';
      const pipeline = await this.gpu.pipeline(wgslKernel(this.spec, shape, mode));
      const sg = this.spec.layout.samplesPerGroup;
      const g0 = Math.floor(first / sg);
      const lo = first - g0 * sg;
      const groups = Math.ceil((lo + count) / sg);
      const kper = groupsPerThreadFor(shape, groups);
      const perWg = shape.workgroupSize * kper;
      const nwg = Math.ceil(groups / perWg);
      const maxDim = this.gpu.limits.maxComputeWorkgroupsPerDimension;
      const x = Math.min(nwg, maxDim);
      const y = Math.ceil(nwg / x);
      const bytes = Math.max(4, count * 4);
      const vals = device.createBuffer({ size: bytes, usage: usage.STORAGE | usage.COPY_SRC });
      const read = device.createBuffer({ size: bytes, usage: usage.MAP_READ | usage.COPY_DST });
      try {
        const bind = device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [{ binding: 0, resource: { buffer: this.uniform } }, { binding: 1, resource: { buffer: vals } }],
        });
        device.queue.writeBuffer(this.uniform, 0, this.uniformData(slots, seed, stream, g0, lo, lo + count, 0, kper));
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bind);
        pass.dispatchWorkgroups(x, y);
        pass.end();
        enc.copyBufferToBuffer(vals, 0, read, 0, bytes);
        device.queue.submit([enc.finish()]);
        await quietly(() => read.mapAsync(this.gpu.mapRead));
        const out = Float64Array.from(new Float32Array(read.getMappedRange().slice(0, count * 4)));
        read.unmap();
        return out;
      } finally {
        vals.destroy();
        read.destroy();
      }
    }));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.queue.then(() => {
      this.uniform.destroy();
      this.partials?.destroy();
      this.readback?.destroy();
    });
  }
}
