// Which tests need a WebGPU adapter, and what happens without one: they skip
// with a printed reason, and fail instead when DERIVCHECK_REQUIRE_WEBGPU=1
// (CI sets it, so a broken driver cannot pass silently).
import { afterAll, describe } from 'vitest';
import { gpuUnavailableReason, shutdownGpu } from '../../src/mc/index.js';
import { getGpu } from '../../src/mc/gpu.js';

export const REQUIRE_WEBGPU = process.env.DERIVCHECK_REQUIRE_WEBGPU === '1';

const gpu = await getGpu();
export const webgpuAdapter: string | undefined = gpu?.adapter;
export const webgpuReason = gpu ? '' : gpuUnavailableReason();

if (!gpu && !REQUIRE_WEBGPU) {
  console.warn(`[derivcheck] skipping webgpu tests: ${webgpuReason} (set DERIVCHECK_REQUIRE_WEBGPU=1 to fail instead)`);
}

/** Backends to run a backend-agnostic test on. */
export const BACKENDS: ReadonlyArray<'cpu' | 'webgpu'> = gpu || REQUIRE_WEBGPU ? ['cpu', 'webgpu'] : ['cpu'];

/** describe() for webgpu-only tests: skipped with the reason when there is no adapter (unless required). */
export function describeWebgpu(name: string, body: () => void): void {
  if (gpu || REQUIRE_WEBGPU) describe(name, body);
  else describe.skip(`${name} [skipped: ${webgpuReason}]`, body);
}

afterAll(async () => {
  await shutdownGpu();
});
