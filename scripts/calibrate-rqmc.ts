// Calibration of randomized quasi-Monte Carlo's error bars: for each smooth
// benchmark integrand, 100 seeds at the claims' default 2^20 samples (32
// randomizations × 2^15 points), the t-score (mean − exact)/se of each, and a
// Kolmogorov–Smirnov test of the 100 t-scores against Student t with 31 dof
// (p > 0.01 is the bar), with the mean t and the extremes.
//
//   npx tsx scripts/calibrate-rqmc.ts [--seeds 100] [--samples 1048576] [--backend cpu|webgpu|auto]
//
// On webgpu a run whose f32 rounding is not small against its standard error
// is redone in float64 on the cpu (rqmc.ts): the last column counts the runs
// that stood in f32.
import { compileRqmc } from '../src/mc/rqmc.js';
import { shutdownGpu } from '../src/mc/index.js';
import { logTwoSidedT } from '../src/mc/student-t.js';
import { BENCH_CASES } from './mc-bench-cases.js';
import { draw, exp, mul, normal, sigmoid, sym } from '../src/expr/build.js';

const args = process.argv.slice(2);
const argOf = (n: string, d: number): number => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const SEEDS = argOf('--seeds', 100);
const SAMPLES = argOf('--samples', 2 ** 20);
const BACKEND = (args.includes('--backend') ? args[args.indexOf('--backend') + 1] : 'cpu') as 'cpu' | 'webgpu' | 'auto';

const tCdf = (t: number, dof: number): number => {
  const half = 0.5 * Math.exp(logTwoSidedT(t, dof));
  return t < 0 ? half : 1 - half;
};
/** Asymptotic Kolmogorov p-value of D for n draws (Stephens' correction). */
function ksP(d: number, n: number): number {
  const x = (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d;
  let p = 0;
  for (let k = 1; k < 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * x * x);
  return Math.min(1, Math.max(0, p));
}

const z = sym('z');
const cases = [
  ...BENCH_CASES.filter((c) => c.id !== 'vdm').map((c) => ({ name: c.name, f: c.f, random: c.random, params: c.params, exact: c.exact })),
  { name: 'E[exp(z)], z ~ N(0, 1)', f: exp(z), random: [draw('z', normal(0, 1))], params: {}, exact: Math.exp(0.5) },
  { name: 'E[sigmoid(2 + 3z)] − (symmetric pair) via E[sigmoid(3z)] = 1/2', f: sigmoid(mul(3, z)), random: [draw('z', normal(0, 1))], params: {}, exact: 0.5 },
];
console.log(`RQMC calibration (${BACKEND}): ${SEEDS} seeds × ${SAMPLES} samples per estimate; KS of t-scores against Student t (dof = R − 1)\n`);
console.log('| integrand | dof | mean t | min t | max t | KS D | KS p | \\|t\\| ≥ 8.35 (a refutation) | runs on webgpu (f32 stood) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const c of cases) {
  const est = await compileRqmc(c.f, c.random, Object.keys(c.params), BACKEND);
  let onGpu = 0;
  const ts: number[] = [];
  let dof = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = await est.run(c.params, { samples: SAMPLES, seed });
    dof = r.dof;
    if (r.backend === 'webgpu') onGpu++;
    ts.push((r.mean - c.exact) / r.stderr);
  }
  est.dispose();
  ts.sort((a, b) => a - b);
  let D = 0;
  ts.forEach((t, i) => {
    const F = tCdf(t, dof);
    D = Math.max(D, Math.abs(F - i / ts.length), Math.abs(F - (i + 1) / ts.length));
  });
  const mean = ts.reduce((s, t) => s + t, 0) / ts.length;
  const refuted = ts.filter((t) => Math.abs(t) >= 8.35).length;
  console.log(`| ${c.name} | ${dof} | ${mean.toFixed(3)} | ${ts[0].toFixed(2)} | ${ts[ts.length - 1].toFixed(2)} | ${D.toFixed(3)} | ${ksP(D, ts.length).toFixed(3)} | ${refuted} | ${onGpu} |`);
}
await shutdownGpu();
