// Calibration of the Monte Carlo tests: what CI's fixed seeds cannot show.
//
//   npm run calibrate:mc                          # defaults below
//   npm run calibrate:mc -- --seeds 100:130 --estimates 200 --backend cpu
//
// 1. Estimators. For integrands with known means, z = (estimate − exact)/se
//    over many seeds (2^20 samples each, the checker's default) must look like
//    N(0, 1): mean ≈ 0, standard deviation ≈ 1, the tails at their normal
//    rates, and a Kolmogorov–Smirnov test against Φ that does not reject. A
//    standard error that is too small (a bug in the merge, correlated
//    streams) shows as sd(z) > 1; a biased kernel as mean(z) ≠ 0.
// 2. Decisions. Every claim of scripts/mc-calibration-cases.ts is decided
//    with its closed forms switched off, once per seed: true claims must never
//    be refuted, mutants always. Reported: the verdicts, the largest |z| a
//    true claim reached, and the smallest |z| of a mutant's refutations.
// Prints markdown; docs/CALIBRATION.md records a run.
import { BENCH_CASES } from './mc-bench-cases.js';
import { CALIBRATION_CLAIMS } from './mc-calibration-cases.js';
import { ksTest, phi } from './normal-stats.js';
import { compileExpectation, gpuUnavailableReason, shutdownGpu, type BackendName } from '../src/mc/index.js';
import { getGpu } from '../src/mc/gpu.js';
import { shutdownCpu } from '../src/mc/cpu.js';
import { decideExpectation } from '../src/expect/decide-expectation.js';
import { cpus } from 'node:os';
import type { Binding, Node } from '../src/expr/ast.js';
import { abs, draw, exp, mul, normal, pow, sym, uniform } from '../src/expr/build.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const [seedLo, seedHi] = arg('--seeds', '100:130').split(':').map(Number);
const ESTIMATES = Number(arg('--estimates', '200'));
const SAMPLES = 2 ** 20;
const only = arg('--backend', 'all');

interface Known { name: string; f: Node; random: Binding[]; params: Record<string, number>; exact: number }
const [z, u] = [sym('z'), sym('u')];
const KNOWN: Known[] = [
  ...BENCH_CASES.map((c) => ({ name: c.name, f: c.f, random: c.random, params: c.params, exact: c.exact })),
  // Heavier tails than the benchmark's: the standard error itself is noisier here.
  { name: 'E[exp(1.5 z)] = e^{1.125}', f: exp(mul(1.5, z)), random: [draw('z', normal(0, 1))], params: {}, exact: Math.exp(1.125) },
  { name: 'E[z⁴] = 3', f: pow(z, 4), random: [draw('z', normal(0, 1))], params: {}, exact: 3 },
  { name: 'E[|2u|] = ½, u ~ U(−½, ½)', f: abs(mul(2, u)), random: [draw('u', uniform(-0.5, 0.5))], params: {}, exact: 0.5 },
];

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : String(x));

async function estimators(backend: BackendName): Promise<string[]> {
  const rows = ['| integrand | estimates | mean z | sd z | max \\|z\\| | \\|z\\| > 2 (4.55%) | \\|z\\| > 3 (0.27%) | KS D | KS p |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const k of KNOWN) {
    const est = await compileExpectation(k.f, k.random, Object.keys(k.params), backend);
    const zs: number[] = [];
    for (let i = 0; i < ESTIMATES; i++) {
      const r = await est.run(k.params, { samples: SAMPLES, seed: 1000 + i });
      zs.push((r.mean - k.exact) / r.stderr);
    }
    est.dispose();
    const n = zs.length;
    const mean = zs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const maxAbs = Math.max(...zs.map(Math.abs));
    const over = (c: number): string => `${(100 * zs.filter((x) => Math.abs(x) > c).length / n).toFixed(1)}%`;
    const ks = ksTest(zs, phi);
    rows.push(`| ${k.name} | ${n} | ${fmt(mean)} | ${fmt(sd)} | ${fmt(maxAbs, 2)} | ${over(2)} | ${over(3)} | ${fmt(ks.d)} | ${fmt(ks.p)} |`);
    process.stderr.write('.');
  }
  return rows;
}

async function decisions(backend: 'auto' | 'cpu'): Promise<string[]> {
  const rows = ['| claim | expected | proved | verified | refuted | unknown | largest \\|z\\| (true) / smallest refuting \\|z\\| (mutant) |', '| --- | --- | --- | --- | --- | --- | --- |'];
  let wrong = 0;
  for (const c of CALIBRATION_CLAIMS) {
    const count = { proved: 0, verified: 0, refuted: 0, unknown: 0 };
    let extreme = c.expect === 'holds' ? -Infinity : Infinity;
    const reasons = new Set<string>();
    for (let seed = seedLo; seed < seedHi; seed++) {
      const v = await decideExpectation(c.lhs, c.rel, c.rhs, c.domain, { seed, backend, closedForm: false });
      count[v.verdict]++;
      if (v.verdict === 'verified') {
        const mz = v.evidence[0].data?.maxZ;
        if (typeof mz === 'number') extreme = Math.max(extreme, c.rel === '=' ? Math.abs(mz) : mz);
      }
      if (v.verdict === 'refuted' && v.counterexample.z) extreme = Math.min(extreme, ...v.counterexample.z.map(Math.abs));
      if (v.verdict === 'unknown') reasons.add(v.reason);
      const ok = c.expect === 'holds' ? v.verdict === 'proved' || v.verdict === 'verified' : v.verdict === 'refuted';
      if (!ok) wrong++;
    }
    process.stderr.write('.');
    const note = reasons.size ? ` (unknown: ${[...reasons].join('; ')})` : '';
    rows.push(`| ${c.name} | ${c.expect} | ${count.proved} | ${count.verified} | ${count.refuted} | ${count.unknown} | ${fmt(extreme, 2)}${note} |`);
  }
  rows.push('', `Decisions against expectation: **${wrong}** of ${CALIBRATION_CLAIMS.length * (seedHi - seedLo)}.`);
  return rows;
}

const gpu = await getGpu();
const backends: BackendName[] = (gpu ? ['webgpu', 'cpu'] as BackendName[] : ['cpu' as BackendName]).filter((b) => only === 'all' || only === b);
console.log(`Monte Carlo calibration, ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; node ${process.version}`);
if (!gpu) console.log(`webgpu: unavailable (${gpuUnavailableReason()})`);
for (const b of backends) {
  const t0 = performance.now();
  const rows = await estimators(b);
  console.log(`\n### Estimators on ${b}: z = (estimate − exact)/se, ${ESTIMATES} seeds × ${SAMPLES} samples (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  console.log(rows.join('\n'));
}
for (const b of (only === 'all' ? ['auto', 'cpu'] : [only === 'webgpu' ? 'auto' : only]) as Array<'auto' | 'cpu'>) {
  if (b === 'auto' && !gpu) continue;
  const t0 = performance.now();
  const rows = await decisions(b);
  console.log(`\n### Decisions on ${b === 'auto' ? 'webgpu' : 'cpu'}, closed forms off, seeds ${seedLo}–${seedHi - 1} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  console.log(rows.join('\n'));
}
await shutdownGpu();
await shutdownCpu();
