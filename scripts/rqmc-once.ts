// One RQMC estimate of E[x² + w²], x, w ~ N(0.5, 2), in a fresh process: compile and
// run on a backend, printing the CPU seconds (user + sys, every thread of the
// process: lavapipe's too) and wall seconds of both together. The crossover
// section of scripts/bench-rqmc.ts runs it; the GPU's start and the kernel's
// compilation are part of what it measures. Two coordinates: a one-coordinate
// integrand is interlaced (src/mc/sobol/interlace.ts), and `auto` keeps it on
// the cpu, since f32 cannot carry its error bar.
//
//   npx tsx scripts/rqmc-once.ts cpu|webgpu SAMPLES
import { shutdownGpu } from '../src/mc/index.js';
import { compileRqmc } from '../src/mc/rqmc.js';
import { add, draw, mul, normal, sym } from '../src/expr/build.js';

const backend = process.argv[2] as 'cpu' | 'webgpu';
const samples = Number(process.argv[3]);
const [x, w] = [sym('x'), sym('w')];
const t0 = performance.now();
const c0 = process.cpuUsage();
const est = await compileRqmc(add(mul(x, x), mul(w, w)), [draw('x', normal(0.5, 2)), draw('w', normal(0.5, 2))], [], backend);
const r = await est.run({}, { samples, seed: 1 });
const c = process.cpuUsage(c0);
console.log(`cpu ${((c.user + c.system) / 1e6).toFixed(3)} wall ${((performance.now() - t0) / 1000).toFixed(3)} backend ${r.backend} mean ${r.mean} se ${r.stderr}`);
est.dispose();
await shutdownGpu();
