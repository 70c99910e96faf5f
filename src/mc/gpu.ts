// The WebGPU device: a lazily created singleton kept alive for the run.
//
// dawn.node crashes when the object returned by `create()` is collected, so it
// lives in a module variable for the life of the process. `shutdownGpu`
// destroys the device (and with it every buffer) so the process can exit; the
// next request creates a fresh device.

/// <reference types="@webgpu/types" />

import { closeSync, fstatSync, openSync } from 'node:fs';
import { McError } from './plan.js';
import { quietly } from './quiet-wait.js';

export interface Gpu {
  readonly device: GPUDevice;
  /** Human-readable adapter name: vendor, architecture, device, description. */
  readonly adapter: string;
  readonly limits: GPUSupportedLimits;
  /** GPUBufferUsage and GPUMapMode flags from the webgpu package. */
  readonly usage: { STORAGE: number; UNIFORM: number; COPY_SRC: number; COPY_DST: number; MAP_READ: number };
  readonly mapRead: number;
  /** Subgroup sizes when the device has the 'subgroups' feature (enabled), else null. */
  readonly subgroups: { readonly min: number; readonly max: number } | null;
  pipeline(code: string): Promise<GPUComputePipeline>;
}

interface WebgpuModule {
  create(options: string[]): GPU;
  globals: Record<string, unknown>;
}

/**
 * A WebGPU error during a run (validation, out of memory, internal, device
 * lost): the run has no result. Not an McError: it is no fault of the input.
 */
export class McDeviceError extends Error {
  override name = 'McDeviceError';
}

const SCOPES = ['validation', 'out-of-memory', 'internal'] as const;

/**
 * Runs `f` inside error scopes of every kind and throws McDeviceError if the
 * device reported an error meanwhile. Errors left to the device's default
 * handler are printed by dawn.node to stdout from native code (5 MB of them
 * when a results buffer overflowed, and `mc --json` printed no JSON line
 * then): every GPU operation goes through here, so none reaches that handler.
 * Scopes are per device, a stack: concurrent runs may see each other's
 * errors, which still fails one of them rather than printing.
 */
export async function deviceScoped<T>(device: GPUDevice, what: string, f: () => Promise<T>): Promise<T> {
  for (const s of SCOPES) device.pushErrorScope(s);
  let result: T | undefined;
  let thrown: unknown;
  let failed = false;
  try {
    result = await f();
  } catch (e) {
    failed = true;
    thrown = e;
  }
  const errors: string[] = [];
  for (let i = 0; i < SCOPES.length; i++) {
    try {
      const e = await device.popErrorScope();
      if (e) errors.push(e.message.split('\n')[0]);
    } catch (e) {
      // The device is gone (lost or destroyed): its scopes went with it.
      errors.push(`device lost: ${(e as Error).message.split('\n')[0]}`);
      break;
    }
  }
  // An error of our own (a shader that does not compile, with its lines) says more than the device's.
  const ours = failed && !(thrown instanceof Error && (thrown.name === 'OperationError' || thrown.name === 'AbortError'));
  if (ours) throw thrown;
  if (errors.length > 0 || failed) {
    const why = errors.length > 0 ? errors.reverse().join('; ') : (thrown as Error).message;
    throw new McDeviceError(`webgpu device error while ${what}: ${why}`);
  }
  return result as T;
}

let module: WebgpuModule | null | undefined;
let gpuInstance: GPU | undefined; // never dropped: dawn.node needs it alive
let current: Promise<Gpu | null> | undefined;
let live: Gpu | undefined;
let unavailable = '';

async function loadModule(): Promise<WebgpuModule | null> {
  if (module !== undefined) return module;
  try {
    module = (await import('webgpu')) as unknown as WebgpuModule;
  } catch (err) {
    unavailable = `the webgpu package does not load here: ${(err as Error).message}`;
    module = null;
  }
  return module;
}

/** Why there is no GPU ('' when there is one or none was requested yet). */
export const gpuUnavailableReason = (): string => unavailable;

export function adapterName(info: GPUAdapterInfo | undefined): string {
  if (!info) return 'unknown adapter';
  const parts = [info.vendor, info.architecture, info.device].filter((s) => s && s.length > 0);
  const desc = info.description && info.description.length > 0 ? ` (${info.description})` : '';
  return `${parts.join(' ') || 'unknown adapter'}${desc}`;
}

/**
 * Runs `f` with file descriptor 2 pointed at /dev/null, where that can be
 * undone: Dawn prints warnings from native code straight to stderr while it
 * enumerates adapters ("Warning: maxDynamicUniformBuffersPerPipelineLayout
 * artificially reduced …" on lavapipe, twice per process), and neither
 * dawn.node's create() flags nor a WebGPU API routes them (Dawn's
 * dawn::WarningLog writes with fprintf unless an instance logging callback
 * exists, which dawn.node does not expose). Node has no dup(), but on Linux
 * /proc/self/fd/2 reopens the same terminal, pipe or file: that is how fd 2
 * is put back. Where it cannot be (sockets, as under node's child_process;
 * other systems) the warnings stay on stderr, never on stdout. With
 * DERIVCHECK_DEBUG=1 nothing is muted.
 */
async function withStderrMuted<T>(f: () => Promise<T>): Promise<T> {
  if (process.platform !== 'linux' || process.env.DERIVCHECK_DEBUG === '1') return f();
  let saved = -1;
  try {
    // fds 0 and 1 must be open, so that the lowest free descriptor is 2.
    fstatSync(0);
    fstatSync(1);
    const st = fstatSync(2);
    if (st.isCharacterDevice() || st.isFIFO() || st.isFile()) saved = openSync('/proc/self/fd/2', 'a');
  } catch {
    saved = -1;
  }
  if (saved < 0) return f();
  let muted = false;
  try {
    closeSync(2);
    const nul = openSync('/dev/null', 'a');
    muted = nul === 2;
    if (!muted) closeSync(nul);
  } catch {
    muted = false;
  }
  try {
    return await f();
  } finally {
    try {
      if (muted) closeSync(2);
      // The lowest free descriptor: 2 again (0 and 1 are open).
      const back = openSync(`/proc/self/fd/${saved}`, 'a');
      if (back !== 2) closeSync(back);
    } catch {
      // Nothing better to do: stderr stays where it is.
    }
    closeSync(saved);
  }
}

async function open(): Promise<Gpu | null> {
  const m = await loadModule();
  if (!m) return null;
  gpuInstance ??= m.create([]);
  const g0 = gpuInstance;
  const adapter = await withStderrMuted(() => g0.requestAdapter());
  if (!adapter) {
    unavailable = 'no WebGPU adapter (install a Vulkan driver; on a CPU machine, Mesa lavapipe: scripts/setup-vulkan.sh)';
    return null;
  }
  const hasSubgroups = adapter.features.has('subgroups');
  const info = adapter.info as GPUAdapterInfo & { subgroupMinSize?: number; subgroupMaxSize?: number };
  const device = await adapter.requestDevice({
    requiredFeatures: hasSubgroups ? ['subgroups' as GPUFeatureName] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxComputeWorkgroupsPerDimension: adapter.limits.maxComputeWorkgroupsPerDimension,
    },
  });
  const g = m.globals as { GPUBufferUsage: Gpu['usage']; GPUMapMode: { READ: number } };
  const pipelines = new Map<string, Promise<GPUComputePipeline>>();
  const gpu: Gpu = {
    device,
    adapter: adapterName(adapter.info),
    limits: device.limits,
    usage: g.GPUBufferUsage,
    mapRead: g.GPUMapMode.READ,
    subgroups: hasSubgroups && info.subgroupMinSize && info.subgroupMaxSize ? { min: info.subgroupMinSize, max: info.subgroupMaxSize } : null,
    pipeline(code: string): Promise<GPUComputePipeline> {
      let p = pipelines.get(code);
      if (!p) {
        p = compile(device, code);
        pipelines.set(code, p);
        p.catch(() => pipelines.delete(code));
      }
      return p;
    },
  };
  void device.lost.then(() => {
    if (live === gpu) {
      live = undefined;
      current = undefined;
    }
  });
  live = gpu;
  return gpu;
}

const warnings: string[] = [];
/** Warnings of the shaders compiled so far in this process (tests hold it empty). */
export const shaderWarnings = (): readonly string[] => warnings;

function compile(device: GPUDevice, code: string): Promise<GPUComputePipeline> {
  return deviceScoped(device, 'compiling a kernel', () => compileUnscoped(device, code));
}

async function compileUnscoped(device: GPUDevice, code: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo();
  // dawn.node prints a shader's warnings to stdout, from native code (under
  // `mc --json` that is a second line): the generated WGSL must have none.
  // They are kept for the tests (shaderWarnings) rather than ignored.
  for (const m of info.messages) if (m.type === 'warning') warnings.push(`line ${m.lineNum}: ${m.message}`);
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    const lines = code.split('\n');
    const msg = errors.map((m) => `line ${m.lineNum}: ${m.message}\n  ${lines[m.lineNum - 1] ?? ''}`).join('\n');
    // Our own code generator failed: a bug (exit 4), not bad input.
    throw new McDeviceError(`internal: the generated WGSL does not compile:\n${msg}`);
  }
  return device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
}

/** The device, created on first use; null when this machine has no WebGPU adapter. */
export function getGpu(): Promise<Gpu | null> {
  current ??= open().catch((err: Error) => {
    unavailable = `WebGPU failed to start: ${err.message}`;
    current = undefined;
    return null;
  });
  return current;
}

/** Destroys the device (every buffer with it) so the process can exit. Safe to call twice. */
export async function destroyGpu(): Promise<void> {
  const p = current;
  current = undefined;
  const g = p ? await p : undefined;
  if (g) {
    live = undefined;
    g.device.destroy();
  }
}

/** Raw Philox4x32-10 words computed on the GPU (for the known-answer tests); null without an adapter. */
export async function philoxOnGpu(inputs: ReadonlyArray<readonly [number, number, number, number, number, number]>): Promise<Uint32Array[] | null> {
  const { WGSL_PHILOX_TEST } = await import('./wgsl.js');
  const gpu = await getGpu();
  if (!gpu) return null;
  const { device, usage } = gpu;
  const pipeline = await gpu.pipeline(WGSL_PHILOX_TEST);
  const data = new Uint32Array(8 * inputs.length);
  inputs.forEach((x, i) => data.set([x[0], x[1], x[2], x[3], x[4], x[5], 0, 0], 8 * i));
  const inp = device.createBuffer({ size: data.byteLength, usage: usage.STORAGE | usage.COPY_DST });
  const outp = device.createBuffer({ size: 16 * inputs.length, usage: usage.STORAGE | usage.COPY_SRC });
  const read = device.createBuffer({ size: 16 * inputs.length, usage: usage.MAP_READ | usage.COPY_DST });
  try {
    device.queue.writeBuffer(inp, 0, data);
    const bind = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: inp } }, { binding: 1, resource: { buffer: outp } }],
    });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(inputs.length);
    pass.end();
    enc.copyBufferToBuffer(outp, 0, read, 0, 16 * inputs.length);
    device.queue.submit([enc.finish()]);
    await quietly(() => read.mapAsync(gpu.mapRead));
    const words = new Uint32Array(read.getMappedRange().slice(0));
    read.unmap();
    return inputs.map((_, i) => words.slice(4 * i, 4 * i + 4));
  } finally {
    inp.destroy();
    outp.destroy();
    read.destroy();
  }
}
