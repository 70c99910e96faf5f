// One RQMC estimate of E[exp(0.3·sum(v))], v ~ N(0, I_6), in a fresh process: compile and
// run on a backend, printing the CPU seconds (user + sys, every thread of the
// process: lavapipe's too) and wall seconds of both together. The crossover
// section of scripts/bench-rqmc.ts runs it; the GPU's start and the kernel's
// compilation are part of what it measures. Six coordinates: f32 carries
// this integrand's error bar up to 2^24 samples, so the GPU's time is its own
// (E[x²] and E[x² + w²], interlaced or tail-refined, were redone in float64
// from 2^21 and 2^22 samples on: there is no crossover to measure on them).
//
//   npx tsx scripts/rqmc-once.ts cpu|webgpu SAMPLES
import { shutdownGpu } from '../src/mc/index.js';
import { compileRqmc } from '../src/mc/rqmc.js';
import { draw, exp, mul, normal, sum, vec } from '../src/expr/build.js';

const backend = process.argv[2] as 'cpu' | 'webgpu';
const samples = Number(process.argv[3]);
const v = vec('v');
const t0 = performance.now();
const c0 = process.cpuUsage();
const est = await compileRqmc(exp(mul(0.3, sum(v))), [draw('v', normal(0, 1, 6))], [], backend);
const r = await est.run({}, { samples, seed: 1 });
const c = process.cpuUsage(c0);
console.log(`cpu ${((c.user + c.system) / 1e6).toFixed(3)} wall ${((performance.now() - t0) / 1000).toFixed(3)} backend ${r.backend} mean ${r.mean} se ${r.stderr}`);
est.dispose();
await shutdownGpu();
