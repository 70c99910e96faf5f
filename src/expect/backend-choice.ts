// Where `auto` runs a decision's estimates: on the cpu when they are small.
//
// Starting the GPU and compiling a kernel for it costs more than the samples
// of a default decision (2^20 per estimate): measured on lavapipe (2 vCPUs),
// a fresh estimator's compile + run + tail diagnostic took 42–112 ms on the
// cpu (wasm SIMD) against 170–413 ms on webgpu for its first compile (24–77 ms
// once the pipeline was cached), plus ~90 ms to open the adapter and, for an
// f32 run, the rounding check; from 2^22 samples webgpu was 2–3× faster
// (docs/BENCHMARKS.md, "check and claim"). The cpu backend is float64, so the
// small runs lose nothing: no f32 rounding floor, the same Philox draws.
// An explicit `webgpu` is never overridden.
import type { BackendChoice } from '../mc/index.js';

/** Estimates of at least this many samples run on webgpu under `auto`; smaller ones on the cpu. */
export const AUTO_GPU_MIN_SAMPLES = 2 ** 22;

/** The backend a decision with `samples` per estimate asks the engine for. */
export function backendForRun(choice: BackendChoice, samples: number): BackendChoice {
  return choice === 'auto' && samples < AUTO_GPU_MIN_SAMPLES ? 'cpu' : choice;
}
