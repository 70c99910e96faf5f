// Calibration of the whole suite: what CI's fixed seeds cannot show.
//
//   npm run calibrate                                   # seeds 1–100, both backends
//   npm run calibrate -- --seeds 1:21 --backends cpu --parts claims
//   npm run calibrate -- --seeds 1:21 --backends cpu --parts derivations --only '^(elbo\.jensen|hvae\.markov-elbo)$'
//
// Every derivation of derivations/ and every claim of the soundness corpus
// (tests/soundness/corpus.ts) and of the Monte Carlo calibration claims
// (scripts/mc-calibration-cases.ts, closed forms off) is decided once per
// seed on each backend. It prints, per backend:
//
//   false refutations   a step or claim that holds, refuted          (must be 0)
//   passed mutants      an expected refutation not refuted           (must be 0)
//   wrong unknowns      a heavy-tailed claim verified or refuted     (must be 0)
//   undecided           a step or claim that should be decided, unknown
//   the smallest detectable difference (6·se) of each Monte Carlo comparison
//
// and exits 1 when any of the first three is not 0. docs/CALIBRATION.md
// records a run. The estimator calibration (z-scores against exact means,
// Kolmogorov–Smirnov) is `npm run calibrate:mc`.
import { cpus } from 'node:os';
import { checkDerivation, type StepResult } from '../src/derive/checker.js';
import { findDerivationFiles, loadDerivations } from '../src/derive/load.js';
import { decideExpectation } from '../src/expect/decide-expectation.js';
import { getGpu } from '../src/mc/gpu.js';
import { shutdownCpu } from '../src/mc/cpu.js';
import { gpuUnavailableReason, shutdownGpu } from '../src/mc/index.js';
import type { Verdict } from '../src/verdict.js';
import { ALGEBRA_CASES, MONTE_CARLO_CASES, type SoundnessCase } from '../tests/soundness/corpus.js';
import { decideCase, meets } from '../tests/soundness/decide-claim.js';
import { CALIBRATION_CLAIMS } from './mc-calibration-cases.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const [seedLo, seedHi] = arg('--seeds', '1:101').split(':').map(Number);
const parts = new Set(arg('--parts', 'derivations,claims').split(','));
const wanted = arg('--backends', 'webgpu,cpu').split(',') as Array<'webgpu' | 'cpu'>;
/** --only REGEX: the derivations whose id matches (e.g. a rerun of the steps a change can affect). */
const only = new RegExp(arg('--only', ''));
const seeds = Array.from({ length: seedHi - seedLo }, (_, i) => seedLo + i);

type Outcome = 'ok' | 'false-refutation' | 'passed-mutant' | 'wrong-unknown' | 'undecided';

/** One row of the report: a step or a claim, with its outcomes over the seeds. */
class Row {
  readonly counts = new Map<Outcome, number>();
  readonly verdicts = { proved: 0, verified: 0, refuted: 0, unjustified: 0, unknown: 0 };
  /** The largest 6·se over the seeds (the weakest the comparison ever was). */
  detectable = 0;
  readonly examples: string[] = [];
  constructor(readonly name: string, readonly expect: string) {}
  add(outcome: Outcome, v: Verdict | StepResult, seed: number): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
    this.verdicts[v.verdict]++;
    for (const e of v.evidence) {
      const d = e.data?.detectableDifference;
      if (typeof d === 'number' && Number.isFinite(d)) this.detectable = Math.max(this.detectable, d);
    }
    if (outcome !== 'ok' && this.examples.length < 3) {
      const why = v.verdict === 'unknown' ? ('reason' in v ? `: ${v.reason}` : '') : '';
      this.examples.push(`seed ${seed}: ${v.verdict}${why}`);
    }
  }
  bad(): number {
    return (this.counts.get('false-refutation') ?? 0) + (this.counts.get('passed-mutant') ?? 0) + (this.counts.get('wrong-unknown') ?? 0);
  }
}

function outcomeOf(expect: 'holds' | 'refuted' | 'unknown' | 'proved', verdict: string): Outcome {
  if (expect === 'refuted') return verdict === 'refuted' ? 'ok' : 'passed-mutant';
  if (expect === 'unknown') return verdict === 'unknown' ? 'ok' : 'wrong-unknown';
  if (verdict === 'refuted') return 'false-refutation';
  if (verdict === 'unknown') return 'undecided';
  if (expect === 'proved' && verdict !== 'proved') return 'undecided';
  return 'ok';
}

const rows = new Map<string, Row>();
const rowFor = (name: string, expect: string): Row => {
  let r = rows.get(name);
  if (!r) rows.set(name, (r = new Row(name, expect)));
  return r;
};

async function derivations(backend: 'webgpu' | 'cpu'): Promise<void> {
  const loaded = await loadDerivations(findDerivationFiles(['derivations']));
  for (const seed of seeds) {
    for (const { derivation } of loaded) {
      if (!only.test(derivation.id)) continue;
      const r = await checkDerivation(derivation, { seed, backend });
      for (const s of r.steps) {
        const row = rowFor(`${backend} · ${r.id} step ${s.index}`, s.expect === 'refuted' ? 'refuted' : 'holds');
        row.add(outcomeOf(s.expect === 'refuted' ? 'refuted' : 'holds', s.verdict), s, seed);
      }
    }
    process.stderr.write('.');
  }
}

async function claims(backend: 'webgpu' | 'cpu'): Promise<void> {
  const corpus: SoundnessCase[] = [...ALGEBRA_CASES, ...MONTE_CARLO_CASES.filter((c) => c.backend !== 'webgpu' || backend === 'webgpu')];
  for (const seed of seeds) {
    for (const c of corpus) {
      // Claims without expectations do not touch a backend: decide them once per seed.
      const algebraic = ALGEBRA_CASES.includes(c);
      if (algebraic && backend !== wanted[0]) continue;
      const name = `${algebraic ? 'algebra' : backend} · ${c.claim}${c.params?.length ? ` [${c.params.join('; ')}]` : ''}`;
      const v = await decideCase(c, seed, algebraic ? 'cpu' : backend);
      const expect = c.expect === 'bad-input' ? 'refuted' : c.expect;
      const row = rowFor(name, expect);
      row.add(meets(c.expect, v) ? 'ok' : outcomeOf(expect, v.verdict), v, seed);
    }
    for (const c of CALIBRATION_CLAIMS) {
      const v = await decideExpectation(c.lhs, c.rel, c.rhs, c.domain, { seed, backend, closedForm: false });
      const expect = c.expect === 'holds' ? 'holds' : 'refuted';
      rowFor(`${backend} · ${c.name} (closed forms off)`, expect).add(outcomeOf(expect, v.verdict), v, seed);
    }
    process.stderr.write('.');
  }
}

const fmt = (x: number): string => (x === 0 ? '—' : Number(x.toPrecision(3)).toString());

const gpu = await getGpu();
const backends = wanted.filter((b) => b === 'cpu' || gpu);
const t0 = performance.now();
console.log(`Calibration of the suite, ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; node ${process.version}`);
console.log(`seeds ${seedLo}–${seedHi - 1}; backends ${backends.join(', ')}${gpu ? ` (webgpu adapter: ${gpu.adapter})` : ` (webgpu: ${gpuUnavailableReason()})`}; parts ${[...parts].join(', ')}`);
for (const b of backends) {
  if (parts.has('claims')) await claims(b);
  if (parts.has('derivations')) await derivations(b);
}
await shutdownGpu();
await shutdownCpu();
process.stderr.write('\n');

const all = [...rows.values()];
const total = (o: Outcome): number => all.reduce((n, r) => n + (r.counts.get(o) ?? 0), 0);
const decisions = all.reduce((n, r) => n + [...r.counts.values()].reduce((a, b) => a + b, 0), 0);
console.log(`\n${decisions} decisions in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
console.log('| | count |\n| --- | --- |');
const LABELS: Array<[Outcome, string]> = [
  ['false-refutation', 'false refutations (a true step or claim refuted)'],
  ['passed-mutant', 'passed mutants (an expected refutation not refuted)'],
  ['wrong-unknown', 'heavy-tailed claims decided (should be unknown)'],
  ['undecided', 'undecided (unknown, or not proved where a proof is expected)'],
];
for (const [o, label] of LABELS) console.log(`| ${label} | **${total(o)}** |`);
console.log('\n| step or claim | expected | proved | verified | refuted | unknown | largest 6·se | not as expected |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of all) {
  const notes = r.examples.length ? r.examples.join('; ').replace(/\|/g, '\\|') : '';
  console.log(`| ${r.name.replace(/\|/g, '\\|')} | ${r.expect} | ${r.verdicts.proved} | ${r.verdicts.verified} | ${r.verdicts.refuted} | ${r.verdicts.unknown} | ${fmt(r.detectable)} | ${notes} |`);
}
const bad = total('false-refutation') + total('passed-mutant') + total('wrong-unknown');
if (bad > 0) process.exitCode = 1;
