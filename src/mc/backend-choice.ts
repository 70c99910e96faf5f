// Where `auto` runs an estimate: on the cpu when it is small — the one place for
// both methods' thresholds (plain Monte Carlo here, RQMC below), each measured.
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
import type { BackendChoice } from './index.js';

/** Estimates of at least this many samples run on webgpu under `auto`; smaller ones on the cpu. */
export const AUTO_GPU_MIN_SAMPLES = 2 ** 22;

/** The backend a decision with `samples` per estimate asks the engine for. */
export function backendForRun(choice: BackendChoice, samples: number): BackendChoice {
  return choice === 'auto' && samples < AUTO_GPU_MIN_SAMPLES ? 'cpu' : choice;
}

/**
 * The fewest samples for which `auto` runs RQMC on the GPU. A fresh process
 * spends ≈ 0.3–0.4 s starting lavapipe and compiling the kernel; the cpu's
 * float64 JS kernel does ≈ 10^7 points/s and the device 3–7× that. Measured
 * (scripts/bench-rqmc.ts, "RQMC crossover", E[x²], a fresh process's compile +
 * run, CPU seconds under load 7 on 2 vCPUs): cpu 0.11 / 0.22 / 0.42 / 0.75 s
 * against webgpu 0.19 / 0.23 / 0.28 / 0.33 s at 2^20 / 2^22 / 2^23 / 2^24
 * samples — even at 2^22, 1.5× cheaper at 2^23. So a claim at the default 2^20
 * samples never starts the GPU. Parameters whose f32 run had to be rerun in
 * float64 stay on the cpu afterwards (the GPU run would be wasted).
 */
export const RQMC_GPU_MIN_SAMPLES = 2 ** 23;
