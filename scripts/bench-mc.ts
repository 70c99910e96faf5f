// Monte Carlo throughput: samples per second of four estimates on each
// backend (webgpu, cpu), against numpy (scripts/bench_mc_numpy.py, vectorized,
// float64 and float32, the faster counted) in the same run.
//
//   npm run bench:mc                  # default sizes
//   npm run bench:mc -- --quick       # smaller sizes, one round
//   npm run bench:mc -- --rounds 5    # more interleaved rounds
//   npm run bench:mc -- --no-rqmc     # without the RQMC section (scripts/bench-rqmc.ts)
//
// Rounds interleave the backends (webgpu, cpu, numpy for each integrand, then
// the next round), and each figure is the best round: on a shared machine the
// load varies, and the best round is the one least disturbed. Compile time is
// excluded (a warm-up run first). Benchmarks, not timed tests.
import { BENCH_CASES, type BenchCase } from './mc-bench-cases.js';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compileExpectation, gpuUnavailableReason, shutdownGpu, type BackendName, type McResult } from '../src/mc/index.js';
import { getGpu } from '../src/mc/gpu.js';
import type { Binding, Node } from '../src/expr/ast.js';
import { add, div, draw, exp, logit, mul, norm2, normal, pi, pow, sqrt, sub, sym, uniform, vec } from '../src/expr/build.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const argOf = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ROUNDS = argOf('--rounds', quick ? 1 : 3);
const SAMPLES: Record<BackendName | 'numpy', number> = {
  webgpu: argOf('--gpu-samples', quick ? 2e7 : 1e8),
  cpu: argOf('--cpu-samples', quick ? 4e6 : 2e7),
  numpy: argOf('--numpy-samples', quick ? 4e6 : 2e7),
};

type Case = BenchCase;
const CASES = BENCH_CASES;

interface NumpyRow {
  case: string;
  dtype: string;
  mean: number | null;
  stderr: number | null;
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  numpy: string;
}

const here = dirname(fileURLToPath(import.meta.url));

function numpy(id: string, samples: number, seed: number): NumpyRow[] {
  // numpy's ufuncs are single-threaded; pin BLAS too, whose idle threads
  // otherwise spin after np.dot and take CPU from everything else.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync('python3', [join(here, 'bench_mc_numpy.py'), '--case', id, '--samples', String(samples), '--repeat', '1', '--seed', String(seed)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`numpy benchmark failed: ${r.stderr || r.error}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as NumpyRow);
}

const best = new Map<string, McResult>();
const bestNumpy = new Map<string, NumpyRow>();
/** Samples per CPU-second (all threads of this process: workers and llvmpipe's included). */
const perCpu = new Map<string, number>();
const keep = (key: string, r: McResult, cpuSeconds: number): void => {
  const b = best.get(key);
  if (!b || r.samplesPerSecond > b.samplesPerSecond) best.set(key, r);
  perCpu.set(key, Math.max(perCpu.get(key) ?? 0, r.samples / cpuSeconds));
};
async function timed(est: Awaited<ReturnType<typeof compileExpectation>>, c: Case, samples: number, seed: number): Promise<[McResult, number]> {
  const c0 = process.cpuUsage();
  const r = await est.run(c.params, { samples, seed });
  const u = process.cpuUsage(c0);
  return [r, (u.user + u.system) / 1e6];
}

const gpu = await getGpu();
const backends: BackendName[] = gpu ? ['webgpu', 'cpu'] : ['cpu'];
if (!gpu) console.log(`webgpu: unavailable (${gpuUnavailableReason()}); cpu and numpy only`);

const estimators = new Map<string, Awaited<ReturnType<typeof compileExpectation>>>();
for (const c of CASES) {
  for (const b of backends) {
    const est = await compileExpectation(c.f, c.random, Object.keys(c.params), b);
    await est.run(c.params, { samples: 1_000_000, seed: 99 }); // compile and warm up
    estimators.set(`${c.id}/${b}`, est);
  }
}

for (let round = 0; round < ROUNDS; round++) {
  for (const c of CASES) {
    for (const b of backends) {
      const est = estimators.get(`${c.id}/${b}`)!;
      const [r, cpu] = await timed(est, c, Math.round(SAMPLES[b] * c.scale), 1 + round);
      keep(`${c.id}/${b}`, r, cpu);
    }
    for (const row of numpy(c.id, Math.round(SAMPLES.numpy * c.scale), 1 + round)) {
      const key = `${c.id}/${row.dtype}`;
      const b = bestNumpy.get(key);
      if (!b || row.samplesPerSecond > b.samplesPerSecond) bestNumpy.set(key, row);
    }
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
}

for (const e of estimators.values()) e.dispose();
const adapter = gpu?.adapter ?? 'none';
await shutdownGpu();

const M = (v: number): string => (v / 1e6).toFixed(1);
const anyNumpy = [...bestNumpy.values()][0];
console.log(`\nMonte Carlo throughput, best of ${ROUNDS} interleaved round(s), compile time excluded`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`webgpu adapter: ${adapter}`);
console.log(`node ${process.version}; numpy ${anyNumpy?.numpy ?? '?'}; date ${new Date().toISOString().slice(0, 10)}`);
console.log(`samples per run: webgpu ${SAMPLES.webgpu}, cpu ${SAMPLES.cpu}, numpy ${SAMPLES.numpy} (×¼ for the d = 4 VDM term)\n`);
console.log('| integrand | exact | webgpu Msamples/s | cpu Msamples/s | numpy Msamples/s (f64 / f32) | webgpu ÷ numpy | cpu ÷ numpy |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const c of CASES) {
  const g = best.get(`${c.id}/webgpu`);
  const h = best.get(`${c.id}/cpu`)!;
  const n64 = bestNumpy.get(`${c.id}/float64`)!;
  const n32 = bestNumpy.get(`${c.id}/float32`)!;
  const ref = Math.max(n64.samplesPerSecond, n32.samplesPerSecond);
  const est = (r: McResult | undefined): string => (r ? `${r.mean.toPrecision(6)} ± ${r.stderr.toPrecision(2)}` : '—');
  console.log(
    `| ${c.name} | ${c.exact.toPrecision(6)} | ${g ? M(g.samplesPerSecond) : '—'} | ${M(h.samplesPerSecond)} | ${M(n64.samplesPerSecond)} / ${M(n32.samplesPerSecond)} | ` +
      `${g ? (g.samplesPerSecond / ref).toFixed(2) : '—'} | ${(h.samplesPerSecond / ref).toFixed(2)} |`,
  );
  console.error(`  ${c.id}: webgpu ${est(g)}; cpu ${est(h)}; numpy f64 ${(n64.mean ?? NaN).toPrecision(6)} ± ${(n64.stderr ?? NaN).toPrecision(2)}`);
}
console.log('\nEfficiency, Msamples per CPU-second (all threads; independent of how busy the machine is):\n');
console.log('| integrand | webgpu | cpu | numpy (f64 / f32) |');
console.log('| --- | --- | --- | --- |');
for (const c of CASES) {
  const g = perCpu.get(`${c.id}/webgpu`);
  const n64 = bestNumpy.get(`${c.id}/float64`)!;
  const n32 = bestNumpy.get(`${c.id}/float32`)!;
  console.log(`| ${c.name} | ${g ? M(g) : '—'} | ${M(perCpu.get(`${c.id}/cpu`)!)} | ${M(n64.samplesPerCpuSecond)} / ${M(n32.samplesPerCpuSecond)} |`);
}

// Decision power per second (RQMC against plain Monte Carlo and SciPy), by dimension, and a claim end to end.
if (!args.includes('--no-rqmc')) await import('./bench-rqmc.js');
