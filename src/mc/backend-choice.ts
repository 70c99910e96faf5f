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
 * spends ≈ 0.15–0.2 s starting lavapipe and compiling the kernel; the cpu's
 * float64 wasm SIMD kernel does ≈ 5·10^7 points/s. Measured
 * (scripts/bench-rqmc.ts, "RQMC crossover", E[x²], a fresh process's compile +
 * run, CPU seconds, idle 2-vCPU machine, 2026-12-02): cpu 0.061 / 0.113 /
 * 0.178 / 0.328 s against webgpu 0.178 / 0.235 / 0.223 / 0.293 s at 2^20 /
 * 2^22 / 2^23 / 2^24 samples (walls 0.156 against 0.159 at 2^23, 0.31
 * against 0.20 at 2^24): the GPU pays from 2^24. (With the JS kernel it paid
 * from 2^23.) So a claim at the default 2^20 samples never starts the GPU.
 * Parameters whose f32 run had to be rerun in float64 stay on the cpu
 * afterwards (the GPU run would be wasted).
 */
export const RQMC_GPU_MIN_SAMPLES = 2 ** 24;
