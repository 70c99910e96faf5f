// Decision power per second: work-normalized variance (standard error² ×
// CPU seconds; lower is better) of plain Monte Carlo, of randomized
// quasi-Monte Carlo (src/mc/rqmc.ts), and of SciPy's scrambled Sobol with
// numpy (scripts/bench_rqmc_scipy.py), on the benchmark integrands, in the
// same run, RQMC on both backends; the crossover where `auto` moves RQMC to
// the GPU (RQMC_GPU_MIN_SAMPLES); then RQMC's gain by dimension (what
// RQMC_AUTO_MAX_DIMS rests on) and the wall and CPU time of a claim decided
// by Monte Carlo.
//
//   npx tsx scripts/bench-rqmc.ts [--quick] [--rounds 3] [--rqmc-samples N] [--table-only] [--check]
// (run by `npm run bench:mc` after the throughput tables). CPU seconds, not
// wall: the machine is shared, and CPU time is what the load disturbs least.
// --check also times the whole `derivcheck check` (about half a minute).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CASES } from './mc-bench-cases.js';
import { compileExpectation, shutdownGpu, type Estimator } from '../src/mc/index.js';
import { getGpu } from '../src/mc/gpu.js';
import { compileRqmc } from '../src/mc/rqmc.js';
import { draw, exp, mul, normal, sqrt, sum, sym, vec } from '../src/expr/build.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const argOf = (n: string, d: number): number => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const ROUNDS = argOf('--rounds', quick ? 1 : 3);
const SAMPLES = argOf('--rqmc-samples', 2 ** 20);
const R = 32;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

async function cpuTimed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const c0 = process.cpuUsage();
  const r = await f();
  const u = process.cpuUsage(c0);
  return [r, (u.user + u.system) / 1e6];
}

/** Work-normalized variance over rounds: mean se² × mean CPU seconds (a single round's se² is itself noisy). */
class Work {
  private v = 0;
  private s = 0;
  private n = 0;
  add(se: number, seconds: number): void {
    this.v += se * se;
    this.s += seconds;
    this.n++;
  }
  get value(): number {
    return this.n ? (this.v / this.n) * (this.s / this.n) : NaN;
  }
  get seconds(): number {
    return this.s / this.n;
  }
}

function scipy(id: string, points: number, seed: number): { stderr: number; cpuSeconds: number; scipy: string } | string {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync('python3', [join(here, 'bench_rqmc_scipy.py'), '--case', id, '--points', String(points), '--randomizations', String(R), '--seed', String(seed)], { encoding: 'utf8', env });
  if (r.error || r.status !== 0) return `SciPy reference unavailable: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`;
  return JSON.parse(r.stdout) as { stderr: number; cpuSeconds: number; scipy: string };
}

const gpu = await getGpu();
const e = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : '—');
const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) ? (a / b).toFixed(a / b >= 100 ? 0 : 1) : '—');

console.log(`\nDecision power per second: work-normalized variance se² × CPU seconds (lower is better), ${ROUNDS} round(s), ${SAMPLES} samples per estimate`);
console.log(`RQMC: ${R} randomizations (Matoušek scrambling + digital shift + nested hash scramble of Joe & Kuo's Sobol points; a one-coordinate integrand's coordinate interlaced from two dimensions (order 2); the end cells of each coordinate refined into strata) × ${SAMPLES / R} points, cpu float64 (wasm SIMD) and webgpu f32 WGSL; SciPy: qmc.Sobol(scramble=True) (Matoušek + shift only) + ndtri, numpy, the same R and points`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; webgpu: ${gpu ? gpu.adapter : 'none'}`);
console.log(`CPU seconds are the process's user + sys (lavapipe's threads included); "RQMC webgpu" is the estimator as a user gets it (an f32 run whose rounding is not small against its se is rerun in float64: marked ↻, its time included); "f32 as is" the device's randomization means without that rule.\n`);
console.log('| integrand | plain cpu | plain webgpu | RQMC cpu | RQMC webgpu | RQMC webgpu f32 as is | SciPy Sobol | plain cpu ÷ RQMC cpu | plain webgpu ÷ RQMC webgpu | SciPy ÷ RQMC cpu | SciPy ÷ RQMC webgpu |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
let scipyNote = '';
const seOf = (m: Float64Array): number => {
  const mean = m.reduce((a, b) => a + b, 0) / m.length;
  return Math.sqrt(m.reduce((a, b) => a + (b - mean) ** 2, 0) / (m.length - 1) / m.length);
};
for (const c of BENCH_CASES) {
  const samples = Math.round(SAMPLES * c.scale);
  const points = 2 ** Math.floor(Math.log2(samples / R));
  const plainCpu = await compileExpectation(c.f, c.random, Object.keys(c.params), 'cpu');
  const plainGpu: Estimator | undefined = gpu ? await compileExpectation(c.f, c.random, Object.keys(c.params), 'webgpu') : undefined;
  const rq = await compileRqmc(c.f, c.random, Object.keys(c.params));
  const rqGpu = gpu ? await compileRqmc(c.f, c.random, Object.keys(c.params), 'webgpu') : undefined;
  // Warm-up (compilation, JIT) outside the timings.
  await plainCpu.run(c.params, { samples, seed: 99 });
  await plainGpu?.run(c.params, { samples, seed: 99 });
  await rq.run(c.params, { samples: R * points, seed: 99 });
  await rqGpu?.run(c.params, { samples: R * points, seed: 99 });
  await rqGpu?.gpuRandomizationMeans(c.params, { seed: 99, points, count: R });
  const w = { cpu: new Work(), gpu: new Work(), rq: new Work(), rqg: new Work(), raw: new Work(), sp: new Work() };
  let reran = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const seed = 1 + round;
    const [a, sa] = await cpuTimed(() => plainCpu.run(c.params, { samples, seed }));
    w.cpu.add(a.stderr, sa);
    if (plainGpu) {
      const [b, sb] = await cpuTimed(() => plainGpu.run(c.params, { samples, seed }));
      w.gpu.add(b.stderr, sb);
    }
    const [q, sq] = await cpuTimed(() => rq.run(c.params, { samples: R * points, seed }));
    w.rq.add(q.stderr, sq);
    if (rqGpu) {
      const [g, sg] = await cpuTimed(() => rqGpu.run(c.params, { samples: R * points, seed }));
      w.rqg.add(g.stderr, sg);
      if (g.backend !== 'webgpu') reran++;
      const [m, sm] = await cpuTimed(async () => (await rqGpu.gpuRandomizationMeans(c.params, { seed, points, count: R }))!);
      w.raw.add(seOf(m), sm);
    }
    const s = scipy(c.id, points, seed);
    if (typeof s === 'string') scipyNote = s;
    else {
      w.sp.add(s.stderr, s.cpuSeconds);
      scipyNote = `SciPy ${s.scipy}`;
    }
  }
  plainCpu.dispose();
  plainGpu?.dispose();
  rq.dispose();
  rqGpu?.dispose();
  const mark = reran ? ` ↻${reran}/${ROUNDS}` : '';
  console.log(`| ${c.name} | ${e(w.cpu.value)} | ${e(w.gpu.value)} | ${e(w.rq.value)} | ${e(w.rqg.value)}${mark} | ${e(w.raw.value)} | ${e(w.sp.value)} | ${ratio(w.cpu.value, w.rq.value)} | ${ratio(w.gpu.value, w.rqg.value)} | ${ratio(w.sp.value, w.rq.value)} | ${ratio(w.sp.value, w.rqg.value)} |`);
}
console.log(`\n(${scipyNote})`);
await manyRandomizations();

/**
 * The variance behind a standard error, from many randomizations: for the
 * logit-normal density the 32-randomization se² of a Matoušek-only scramble
 * (SciPy's) is no variance — most randomizations are nearly exact and a few
 * carry almost all the squared error, so 32 of them usually miss those — while
 * the nested scramble's errors are light-tailed and its se² is stable in R
 * (here with the order-2 interlacing of a one-coordinate integrand).
 */
async function manyRandomizations(): Promise<void> {
  const c = BENCH_CASES.find((x) => x.id === 'logitn');
  if (!c) return;
  const count = quick ? 512 : 4096;
  const points = 2 ** 15;
  const est = await compileRqmc(c.f, c.random, Object.keys(c.params), 'cpu');
  const [means, sec] = await cpuTimed(async () => est.randomizationMeans(c.params, { seed: 7, points, count }));
  est.dispose();
  const sq = Array.from(means, (m) => (m - c.exact) ** 2);
  const mse = (k: number): number => sq.slice(0, k).reduce((a, b) => a + b, 0) / k;
  const top5 = [...sq].sort((a, b) => b - a).slice(0, 5).reduce((a, b) => a + b, 0) / (mse(count) * count);
  const sp = (r: number): { stderr: number; cpuSeconds: number } | string => scipy(c.id, points, 7 + r);
  const sp32 = sp(0);
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const big = spawnSync('python3', [join(here, 'bench_rqmc_scipy.py'), '--case', c.id, '--points', String(points), '--randomizations', String(count), '--seed', '7'], { encoding: 'utf8', env });
  console.log(`\nThe variance behind the standard error (${c.name}, ${points} points per randomization): mean squared error of one randomization's mean, from the first 32 and from ${count} randomizations; CPU ns per point\n`);
  console.log(`| estimator | from 32 | from ${count} | top 5 of ${count}: share of Σe² | ns per point |`);
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| RQMC cpu (nested scramble, order-2 interlaced) | ${e(mse(32))} | ${e(mse(count))} | ${top5.toFixed(3)} | ${((sec * 1e9) / (count * points)).toFixed(1)} |`);
  if (typeof sp32 === 'string' || big.status !== 0) {
    console.log(`| SciPy | — | — | — | — | (${typeof sp32 === 'string' ? sp32 : big.stderr.trim().split('\n').pop()})`);
    return;
  }
  const b = JSON.parse(big.stdout) as { stderr: number; cpuSeconds: number };
  // sd of the means from their own average: the exact mean is 1 and the bias ~1e-9, far below these spreads.
  console.log(`| SciPy (Matoušek + shift) | ${e(sp32.stderr ** 2 * R)} | ${e(b.stderr ** 2 * count)} | — | ${((b.cpuSeconds * 1e9) / (count * points)).toFixed(1)} |`);
}

if (args.includes('--table-only')) {
  await shutdownGpu();
  process.exit(0);
}

// When `auto` moves RQMC to the GPU (RQMC_GPU_MIN_SAMPLES): whole fresh
// processes, compile + one run, so the GPU's start and kernel compilation count.
if (gpu) {
  console.log('\nRQMC crossover: a fresh process compiles and runs E[exp(0.3·sum(v))], v ~ N(0, I_6), once (scripts/rqmc-once.ts); CPU seconds of compile + run (lavapipe threads included), wall in brackets\n');
  console.log('| samples | RQMC cpu | RQMC webgpu |');
  console.log('| --- | --- | --- |');
  for (const k of quick ? [20, 23] : [20, 21, 22, 23, 24]) {
    const cell = (b: string): string => {
      const r = spawnSync(process.execPath, [...process.execArgv, join(here, 'rqmc-once.ts'), b, String(2 ** k)], { encoding: 'utf8' });
      const o = /cpu ([0-9.]+) wall ([0-9.]+) backend (\w+)/.exec(r.stdout);
      return o ? `${o[1]} (${o[2]})${o[3] !== b ? ` ran on ${o[3]}` : ''}` : `failed: ${(r.stderr || '').trim().split('\n').pop()}`;
    };
    console.log(`| 2^${k} | ${cell('cpu')} | ${cell('webgpu')} |`);
  }
}

// RQMC's gain by dimension on E[exp(sum(v)/√d)] = e^{1/2}: a product of d
// one-dimensional factors, no low effective dimension to exploit.
console.log('\nRQMC by dimension: E[exp(sum(v)/√d)], v ~ N(0, I_d); plain cpu ÷ RQMC cpu of se² × CPU seconds\n');
console.log('| d | plain cpu | RQMC cpu | ratio |');
console.log('| --- | --- | --- | --- |');
for (const d of quick ? [1, 4, 16, 64] : [1, 2, 4, 8, 16, 32, 64]) {
  const v = vec('v');
  const f = exp(mul(sum(v), sqrt(mul(1 / d, 1))));
  const random = [draw('v', normal(0, 1, d))];
  const samples = Math.max(2 ** 16, Math.round(SAMPLES / Math.sqrt(d)));
  const points = 2 ** Math.floor(Math.log2(samples / R));
  const p = await compileExpectation(f, random, [], 'cpu');
  const q = await compileRqmc(f, random, []);
  await p.run({}, { samples, seed: 99 });
  await q.run({}, { samples: R * points, seed: 99 });
  const wp = new Work();
  const wq = new Work();
  for (let round = 0; round < ROUNDS; round++) {
    const [a, sa] = await cpuTimed(() => p.run({}, { samples, seed: round + 1 }));
    wp.add(a.stderr, sa);
    const [b, sb] = await cpuTimed(() => q.run({}, { samples: R * points, seed: round + 1 }));
    wq.add(b.stderr, sb);
  }
  p.dispose();
  q.dispose();
  console.log(`| ${d} | ${e(wp.value)} | ${e(wq.value)} | ${ratio(wp.value, wq.value)} |`);
}
await shutdownGpu();

// A claim decided by Monte Carlo, end to end (the built CLI: run `npm run build` first).
function timeCli(cliArgs: string[]): { wall: number; cpu: number; out: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', 'node', join(root, 'bin', 'derivcheck.js'), ...cliArgs], { encoding: 'utf8', cwd: root });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, u, s] = last.split(' ').map(Number);
  return { wall, cpu: u + s, out: r.stdout };
}
console.log('\nEnd to end (node bin/derivcheck.js, dist/ as built), best of 3 wall and its CPU (user + sys):\n');
console.log('| command | wall s | CPU s | verdict |');
console.log('| --- | --- | --- | --- |');
const claims: [string, string[]][] = [
  ['claim "E[sigmoid(x)] = 0.5" --random "x ~ N(0,1)"', ['claim', 'E[sigmoid(x)] = 0.5', '--random', 'x ~ N(0,1)']],
  ['… --backend cpu', ['claim', 'E[sigmoid(x)] = 0.5', '--random', 'x ~ N(0,1)', '--backend', 'cpu']],
];
if (args.includes('--check')) claims.push(['check', ['check']]);
for (const [name, a] of claims) {
  let best: { wall: number; cpu: number; out: string } | undefined;
  for (let k = 0; k < (name === 'check' ? 1 : 3); k++) {
    const t = timeCli(a);
    if (!best || t.wall < best.wall) best = t;
  }
  const verdict = /verdict\s+(\w+)/.exec(best!.out)?.[1] ?? (name === 'check' ? best!.out.trim().split('\n').pop() : '?');
  console.log(`| \`${name}\` | ${best!.wall.toFixed(2)} | ${best!.cpu.toFixed(2)} | ${verdict} |`);
}
