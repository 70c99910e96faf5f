// Deciding a relation whose sides contain expectations (and KL / logpdf heads):
//
// 1. Lower the heads: logpdf to its closed form, KL to its definition
//    E_p[log p − log q] (prob/lower.ts).
// 2. Exact: when every expectation has a closed form (prob/expect-closed-form.ts),
//    substitute them and let the algebra decide. proved and refuted are final;
//    a failure to simplify never refutes, it falls through to 3.
// 3. Monte Carlo: at `draws` parameter points (expectation-points.ts) estimate
//    each remaining expectation (closed forms are evaluated exactly), and test
//    z = (lhs − rhs)/se (expectation-estimate.ts), with at least
//    MIN_DECISION_SAMPLES samples per expectation (fewer is bad input).
//    - Any statistic that is not a finite number (a mean, a standard error,
//      z) makes the verdict unknown: NaN < 6 must never read as a pass.
//    - Before a point counts for anything, the Pareto k̂ of each integrand's
//      tails (expectation-tails.ts) must be ≤ 0.7; otherwise the standard
//      error is not reliable and the verdict is unknown (unless another point
//      with light tails refutes).
//    - A point with |z| ≥ 6 in the failing direction is only a candidate: it
//      becomes a counterexample when an independent stream IN FLOAT64
//      reproduces it (same sign, |z| ≥ 6) — on the cpu backend when the first
//      run was f32 on webgpu. A float64 run that does not reproduce it
//      replaces it, and the evidence shows both.
//    Otherwise the relation is verified, with the largest |z|, the largest
//    k̂, and the smallest difference the test could detect (≈ 6·se).
//
// Bad literal parameters (a negative variance) throw a DistributionError:
// that is bad input, not an unknown.
import { decide } from '../algebra/index.js';
import { McParamError, type BackendChoice, type Estimator, type McResult } from '../mc/index.js';
import type { ExpectNode, Node, Rel } from '../expr/ast.js';
import { hasExpectation } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { closeNested, expectClosedForm } from '../prob/expect-closed-form.js';
import { lowerHeads } from '../prob/lower.js';
import type { Evidence, Verdict } from '../verdict.js';
import { estimateAll, isCandidate, testPoint, towardFailure, Z_THRESHOLD, type PointTest } from './estimate.js';
import { plan, shortText, type Plan } from './plan.js';
import { drawPoints } from './points.js';
import { tailReason } from './tails.js';
import { describeRun, EstimatorPool, record, type RunRecord } from './runs.js';
import { describeMethod, type Method } from '../mc/rqmc-choice.js';
import { criticalT } from '../mc/student-t.js';
import { DECIMAL_SIMPLICITY, shrinkAsync } from '../algebra/shrink.js';
import { backendForRun } from '../mc/backend-choice.js';

export interface DecideExpectationOptions {
  readonly seed: number;
  /** Samples per Monte Carlo estimate (default 2^20). */
  readonly samples?: number;
  readonly backend?: BackendChoice;
  /** Parameter points for the Monte Carlo test (default 10). */
  readonly draws?: number;
  /** false skips step 2 and estimates every expectation by Monte Carlo (cross-checks of closed forms). */
  readonly closedForm?: boolean;
  /**
   * How the expectations are estimated (default auto: randomized quasi-Monte
   * Carlo where it pays, rqmc-choice.ts; mc: plain Monte Carlo everywhere).
   */
  readonly method?: Method;
}

export const DEFAULT_SAMPLES = 2 ** 20;
/**
 * The fewest samples per expectation a Monte Carlo decision accepts (2^14).
 * The z-test reads |z| ≥ 6 as a failure and |z| < 6 as a pass, so the
 * standard error must itself be accurate: its relative error is about
 * √((κ − 1)/4n) for kurtosis κ, ≤ 4 % at n = 2^14 even for κ = 100, and
 * the skewness correction to the normal approximation (γ/(6√n)) is below
 * 1 % of z for γ ≤ 10. Below 2^14 (and with 1 sample, whose standard error
 * is NaN) those no longer hold, so such a run decides nothing.
 */
export const MIN_DECISION_SAMPLES = 2 ** 14;
export const DEFAULT_DRAWS = 10;
/** Simpler parameter points tried when shrinking a counterexample (src/algebra/shrink.ts). */
const SHRINK_TRIES = 6;
/** Streams per point: 0 first test, 1 confirmation, 2.. shrink tries (two each). */
const STREAMS_PER_POINT = 2 + 2 * SHRINK_TRIES;

const unknown = (reason: string, evidence: Evidence[] = []): Verdict => ({ verdict: 'unknown', evidence, reason });
const isNamed = (e: unknown, name: string): e is Error => e instanceof Error && e.name === name;
const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));
const fmtParams = (p: Record<string, number>): string => {
  const s = Object.entries(p).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
  return s ? `{${s}}` : 'the only point (no parameters)';
};

export async function decideExpectation(lhs: Node, rel: Rel, rhs: Node, domain: Domain, opts: DecideExpectationOptions): Promise<Verdict> {
  const L = lowerHeads(lhs);
  const R = lowerHeads(rhs);
  const exact = opts.closedForm === false ? undefined : decideClosedForm(L, rel, R, domain, opts.seed);
  return exact ?? (await decideMonteCarlo(L, rel, R, domain, opts));
}

/** Outermost expectations of a tree. */
function outermost(node: Node, out: ExpectNode[] = []): ExpectNode[] {
  if (node.op === 'E') out.push(node);
  else if ('args' in node) for (const a of node.args) outermost(a, out);
  return out;
}

/** Step 2: every expectation in closed form, then the algebra. */
function decideClosedForm(L: Node, rel: Rel, R: Node, domain: Domain, seed: number): Verdict | undefined {
  const cl = closeNested(L);
  const cr = closeNested(R);
  if (!cl || !cr) return undefined;
  let v: Verdict;
  try {
    v = decide(cl, rel, cr, domain, { seed });
  } catch {
    // A closed form the algebra cannot read (e.g. with vectors) is not a failure of the claim.
    return undefined;
  }
  if (v.verdict === 'unknown') return undefined;
  const es = [...outermost(L), ...outermost(R)];
  const forms = es.map((e) => `${shortText(e, 80)} = ${shortText(expectClosedForm(e)!, 120)}`);
  const first: Evidence = hasExpectation(L) || hasExpectation(R)
    ? { method: 'gaussian-closed-form', detail: `exact expectations: ${forms.join('; ')}`, data: { closedForms: forms } }
    : { method: 'log-density-closed-form', detail: 'logpdf lowered to its closed form' };
  return { ...v, evidence: [first, ...v.evidence] } as Verdict;
}

type PointOutcome = { readonly test: PointTest } | { readonly skip: string } | { readonly unknown: string };

/** Step 3. */
async function decideMonteCarlo(L: Node, rel: Rel, R: Node, domain: Domain, opts: DecideExpectationOptions): Promise<Verdict> {
  const t0 = performance.now();
  const planned = plan(L, R, opts.closedForm === false);
  if ('unknown' in planned) return unknown(planned.unknown);
  const p = planned.plan;
  const samples = opts.samples ?? DEFAULT_SAMPLES;
  if (p.mc.length > 0 && !(samples >= MIN_DECISION_SAMPLES)) {
    // Bad input, like a negative variance: a decision from fewer samples has
    // no trustworthy standard error (see MIN_DECISION_SAMPLES).
    throw new McParamError(`${samples} samples per expectation is below the minimum of ${MIN_DECISION_SAMPLES} (2^14) for a Monte Carlo decision`);
  }
  const pool = new EstimatorPool(p, backendForRun(opts.backend ?? 'auto', samples), opts.method ?? 'auto');
  try {
    return await testPoints(p, rel, domain, opts, pool, t0);
  } finally {
    pool.dispose();
  }
}

/** A statistic that is not a finite number makes the point unknown (NaN < 6 must never pass). */
function nonFiniteStatistic(p: Plan, params: Record<string, number>, test: PointTest): string | undefined {
  for (let j = 0; j < test.results.length; j++) {
    const r = test.results[j];
    if (!Number.isFinite(r.mean) || !Number.isFinite(r.stderr)) {
      return `the Monte Carlo statistics of ${shortText(p.mc[j].expectation)} are not finite at ${fmtParams(params)} (mean = ${fmt(r.mean)}, standard error = ${fmt(r.stderr)})`;
    }
  }
  if (!Number.isFinite(test.difference) || !Number.isFinite(test.se) || !Number.isFinite(test.z)) {
    return `the test statistic is not finite at ${fmtParams(params)} (lhs − rhs = ${fmt(test.difference)}, standard error = ${fmt(test.se)}, z = ${fmt(test.z)})`;
  }
  return undefined;
}

/**
 * Why a candidate whose samples of some term were all equal is no
 * counterexample (E[max(x − 6, 0)]: x > 6 has probability 1e-9, no sample
 * reaches it, every value is 0): a zero standard error says nothing about the
 * events no sample reached, and turns any difference into an infinite z. Such
 * a point can still pass (an integrand constant in the random variables,
 * log p(x, z) − log p(z | x) = log p(x), matches its claim to rounding), but
 * it cannot refute.
 */
function allEqual(p: Plan, params: Record<string, number>, test: PointTest): string | undefined {
  const j = test.results.findIndex((r) => r.variance === 0);
  if (j < 0) return undefined;
  const r = test.results[j];
  return `all ${r.samples} samples of ${shortText(p.mc[j].expectation)} at ${fmtParams(params)} were equal (${fmt(r.mean)}) and the sides differ: ` +
    'a zero standard error says nothing about events no sample reached';
}

async function testPoints(p: Plan, rel: Rel, domain: Domain, opts: DecideExpectationOptions, pool: EstimatorPool, t0: number): Promise<Verdict> {
  const samples = opts.samples ?? DEFAULT_SAMPLES;
  const draws = opts.draws ?? DEFAULT_DRAWS;
  const seed = opts.seed;
  const cannot = await pool.open();
  if (cannot) return unknown(cannot);
  let points: Record<string, number>[];
  try {
    points = drawPoints({ names: p.params, dims: p.dims }, domain, draws, seed);
  } catch (e) {
    if (e instanceof RangeError) return unknown(e.message);
    throw e;
  }

  const K = Math.max(1, p.mc.length);
  const stream = (point: number, rep: number) => (j: number) => (point * STREAMS_PER_POINT + rep) * K + j;

  const runPoint = async (estimators: readonly Estimator[], params: Record<string, number>, point: number, rep: number): Promise<PointOutcome> => {
    let results: McResult[];
    try {
      results = await estimateAll(estimators, params, { samples, seed, stream: stream(point, rep) });
    } catch (e) {
      if (isNamed(e, 'McParamError')) return { skip: e.message };
      throw e;
    }
    for (let j = 0; j < results.length; j++) {
      const r = results[j];
      if (r.nonFinite > 0 || !Number.isFinite(r.mean)) {
        return { unknown: `${r.nonFinite} of ${r.samples} samples of ${shortText(p.mc[j].expectation)} were not finite at ${fmtParams(params)}` };
      }
    }
    let test: PointTest;
    try {
      test = testPoint(p, params, results);
    } catch (e) {
      return { unknown: `cannot evaluate the sides at ${fmtParams(params)}: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!Number.isFinite(test.lhs) || !Number.isFinite(test.rhs)) {
      return { unknown: `the sides are not finite at ${fmtParams(params)} (lhs = ${fmt(test.lhs)}, rhs = ${fmt(test.rhs)})` };
    }
    const bad = nonFiniteStatistic(p, params, test);
    return bad ? { unknown: bad } : { test };
  };

  /** The tail diagnostic of every term at a point (before any verdict that uses the point); the largest k̂ seen is kept. */
  let maxK = -Infinity;
  const bounded = new Map<number, { delta: number; text: string }>(); // term → its largest Berry–Esseen bound (expectation-bounded.ts)
  const tailsAt = async (params: Record<string, number>, point: number, rep: number, results: readonly McResult[]): Promise<string | undefined> => {
    for (let j = 0; j < p.mc.length; j++) {
      const t = await tailReason(pool.main[j], params, { seed, stream: stream(point, rep)(j) }, { term: p.mc[j], result: results[j] });
      if (t.note && !(t.delta! <= (bounded.get(j)?.delta ?? -1))) bounded.set(j, { delta: t.delta!, text: `${shortText(p.mc[j].expectation, 80)}: ${t.note}` });
      if (!(t.k <= maxK)) maxK = Number.isNaN(t.k) ? NaN : Math.max(maxK, t.k);
      if (t.reason) return `${shortText(p.mc[j].expectation)} at ${fmtParams(params)}: ${t.reason}`;
    }
    return undefined;
  };

  /**
   * A candidate is confirmed by an independent stream in float64: on the cpu
   * backend when the first run was f32 on webgpu (f32 rounding of an
   * integrand that cancels is systematic, so a second f32 stream reproduces
   * it), else a second cpu stream. Only |z| ≥ 6 with the same sign there
   * refutes.
   */
  const confirm = async (params: Record<string, number>, point: number, rep: number, first: PointTest): Promise<{ second: PointTest } | { unknown: string } | { disagree: PointTest } | undefined> => {
    // Every confirmation of a webgpu estimator runs on the cpu backend, even
    // when `auto` already reran this first run in float64: its next stream
    // could come back in f32.
    const f32 = first.results.some((r) => r.backend === 'webgpu') || pool.main.some((e) => e.backend === 'webgpu');
    const again = await runPoint(f32 ? await pool.float64() : pool.main, params, point, rep);
    if (!('test' in again)) return 'unknown' in again ? again : undefined;
    const second = again.test;
    if (!isCandidate(rel, second.z) || Math.sign(second.z) !== Math.sign(first.z)) return f32 ? { disagree: second } : undefined;
    return { second };
  };

  let tested = 0;
  let skipped = 0;
  let unconfirmed = 0;
  let maxZ = -Infinity;
  let maxSe = 0;
  /** The smallest difference each point could detect (6·se, or the t threshold·se under RQMC): the largest. */
  let detect = 0;
  const counts = (t: PointTest): void => {
    maxZ = Math.max(maxZ, towardFailure(rel, t.z));
    maxSe = Math.max(maxSe, t.se);
    detect = Math.max(detect, criticalT(Z_THRESHOLD, t.dof) * t.se);
  };
  let lastSkip = '';
  let distrust: string | undefined;
  let info: McResult | undefined;
  const disagreements: { params: Record<string, number>; f32: RunRecord; f64: RunRecord }[] = [];
  for (let i = 0; i < points.length; i++) {
    const params = points[i];
    const out = await runPoint(pool.main, params, i, 0);
    if ('skip' in out) {
      skipped++;
      lastSkip = out.skip;
      continue;
    }
    if ('unknown' in out) return unknown(out.unknown);
    const test = out.test;
    tested++;
    info ??= test.results[0];
    // The tail diagnostic before this point counts for anything: a point
    // whose standard error is unreliable can neither pass nor fail.
    const heavy = await tailsAt(params, i, 0, test.results);
    if (heavy) {
      distrust ??= heavy;
      continue;
    }
    if (!isCandidate(rel, test.z)) {
      counts(test);
      continue;
    }
    const constant = allEqual(p, params, test);
    if (constant) {
      distrust ??= constant;
      continue;
    }
    const c = await confirm(params, i, 1, test);
    if (c !== undefined && 'unknown' in c) {
      distrust ??= c.unknown;
      continue;
    }
    if (c === undefined || 'disagree' in c) {
      unconfirmed++;
      // Not reproduced in float64: the point counts with the float64 result.
      const counted = c === undefined ? test : c.disagree;
      if (c !== undefined) disagreements.push({ params, f32: record(test), f64: record(c.disagree) });
      counts(counted);
      continue;
    }
    // Toward simpler parameter values (src/algebra/shrink.ts), each a confirmed failure.
    const space = { names: p.params.filter((n) => !p.dims.has(n)), domain, simplicity: DECIMAL_SIMPLICITY, budget: SHRINK_TRIES };
    const shrunk = await shrinkAsync<number, Failure>(params, { test, second: c.second }, space, async (q, k) => {
      const o = await runPoint(pool.main, q, i, 2 + 2 * k);
      if (!('test' in o) || !isCandidate(rel, o.test.z) || allEqual(p, q, o.test)) return undefined;
      if (await tailsAt(q, i, 2 + 2 * k, o.test.results)) return undefined;
      const cc = await confirm(q, i, 3 + 2 * k, o.test);
      return cc && 'second' in cc ? { test: o.test, second: cc.second } : undefined;
    });
    return refuted(p, rel, seed, { ...shrunk.point }, shrunk.witness.test, shrunk.witness.second, samples, tested, maxK, performance.now() - t0);
  }
  if (distrust) return unknown(distrust);
  if (tested === 0) {
    return unknown(`no parameter point gave valid distribution parameters (${skipped} skipped; last: ${lastSkip}); declare the parameters' domains, e.g. v > 0`);
  }
  if (!Number.isFinite(maxZ) || !Number.isFinite(maxSe)) {
    // Every point was an unreproduced candidate with a non-finite statistic, or none counted: nothing was measured.
    return unknown(`the Monte Carlo test gave no finite statistic (largest z = ${fmt(maxZ)}, standard error = ${fmt(maxSe)})`);
  }
  return verified(p, rel, seed, samples, {
    tested, skipped, unconfirmed, maxZ, maxSe, detect, info, maxK, disagreements, bounded: [...bounded.values()].map((b) => b.text), ms: performance.now() - t0,
  });
}

interface Failure {
  readonly test: PointTest;
  readonly second: PointTest;
}

function refuted(p: Plan, rel: Rel, seed: number, params: Record<string, number>, first: PointTest, second: PointTest, samples: number, tested: number, maxK: number, ms: number): Verdict {
  const mc = p.mc.length > 0;
  const runs = [record(first), record(second)];
  const evidence: Evidence = mc
    ? {
        method: 'monte-carlo',
        detail: `at ${fmtParams(params)}: lhs − rhs = ${fmt(first.difference)} with standard error ${fmt(first.se)} (z = ${fmt(first.z)} on ${first.results[0].backend}, by ${describeMethod(first.results[0])}), ` +
          `confirmed in float64 on an independent stream (${describeRun(runs[1])}); ${samples} samples per expectation; tail index k̂ ≤ ${fmt(maxK)}`,
        tests: tested,
        data: { samples, backend: first.results[0].backend, adapter: first.results[0].adapter, method: (first.results[0] as { method?: string }).method ?? 'mc', seed, relation: rel, tailIndex: maxK, runs, ms: Math.round(ms) },
      }
    : {
        method: 'float-property',
        detail: `closed forms evaluated in float64 at ${fmtParams(params)}: lhs − rhs = ${fmt(first.difference)}, beyond the rounding bound ${fmt(Z_THRESHOLD * first.se)}`,
        tests: tested,
      };
  return {
    verdict: 'refuted',
    evidence: [evidence, ...closedEvidence(p)],
    counterexample: {
      params,
      lhs: first.lhs,
      rhs: first.rhs,
      difference: first.difference,
      bound: criticalT(Z_THRESHOLD, first.dof) * first.se,
      seed,
      ...(mc ? { z: [first.z, second.z] as const } : {}),
      arithmetic: mc ? 'monte-carlo' : 'float',
    },
  };
}

function closedEvidence(p: Plan): Evidence[] {
  if (p.closed.length === 0) return [];
  const forms = p.closed.map((c) => `${shortText(c.expectation, 80)} = ${shortText(c.value, 120)}`);
  return [{ method: 'gaussian-closed-form', detail: `${p.closed.length} of ${p.closed.length + p.mc.length} expectations in closed form: ${forms.join('; ')}`, data: { closedForms: forms } }];
}

interface Summary {
  readonly tested: number;
  readonly skipped: number;
  readonly unconfirmed: number;
  /** The largest z in the failing direction (towardFailure). */
  readonly maxZ: number;
  readonly maxSe: number;
  /** The smallest detectable difference (the threshold times the standard error, largest over the points). */
  readonly detect: number;
  readonly info?: McResult;
  /** The largest Pareto k̂ over the terms and points. */
  readonly maxK: number;
  /** Candidates of an f32 run that the float64 confirmation did not reproduce. */
  readonly disagreements: readonly { params: Record<string, number>; f32: RunRecord; f64: RunRecord }[];
  /** Terms whose tail diagnostic a Berry–Esseen bound replaced (at some point), with the bound. */
  readonly bounded: readonly string[];
  readonly ms: number;
}

function verified(p: Plan, rel: Rel, seed: number, samples: number, s: Summary): Verdict {
  const detectable = s.detect;
  const zName = rel === '=' ? '|z|' : rel === '<=' ? 'z' : '−z';
  const extra = [
    s.skipped ? `${s.skipped} points skipped (invalid distribution parameters)` : '',
    s.unconfirmed ? `${s.unconfirmed} single-stream outliers not reproduced` : '',
    ...s.disagreements.map((d) => `at ${fmtParams(d.params)} the f32 run disagreed (${describeRun(d.f32)}) and the float64 rerun did not reproduce it (${describeRun(d.f64)})`),
    ...s.bounded.map((b) => `bounded integrand, no tail diagnostic needed where ${b}`),
  ].filter(Boolean);
  if (p.mc.length === 0) {
    return {
      verdict: 'verified',
      evidence: [
        { method: 'float-property', detail: `closed forms evaluated in float64 at ${s.tested} parameter points: the relation holds within 6 rounding bounds at each (largest ${zName} = ${fmt(s.maxZ)})`, tests: s.tested, data: { seed, maxZ: s.maxZ } },
        ...closedEvidence(p),
      ],
    };
  }
  const backend = s.info?.backend ?? 'unknown';
  const adapter = s.info?.adapter;
  const q = s.info as (McResult & { method?: string; randomizations?: number; points?: number; tails?: { cells: number; strata: number } }) | undefined;
  const rqmc = q?.method === 'rqmc';
  return {
    verdict: 'verified',
    evidence: [
      {
        method: 'monte-carlo',
        detail:
          `${s.tested} parameter points × ${samples} samples per expectation on ${backend}${adapter ? ` (${adapter})` : ''}` +
          `${s.info ? `, by ${describeMethod(s.info)}` : ''}: ` +
          `largest ${zName} = ${fmt(s.maxZ)} (a counterexample needs ${Z_THRESHOLD}, confirmed in float64${rqmc ? ' on a fresh set of randomizations; t statistics mapped to z at equal tail probability' : ''}); ` +
          `smallest detectable difference ≈ ${fmt(detectable)} (${rqmc ? 'the t threshold' : '6'}·se); ` +
          (s.maxK === -Infinity && s.bounded.length > 0
            ? 'no tail index needed (bounded integrands, Berry–Esseen)'
            : `tail index k̂ ≤ ${fmt(s.maxK)} (≤ 0.7: the standard error is reliable)`) +
          (extra.length ? `; ${extra.join('; ')}` : ''),
        tests: s.tested,
        data: {
          draws: s.tested,
          skipped: s.skipped,
          samples,
          backend,
          adapter,
          seed,
          maxZ: s.maxZ,
          stderr: s.maxSe,
          detectableDifference: detectable,
          unconfirmedCandidates: s.unconfirmed,
          tailIndex: s.maxK,
          f32Disagreements: s.disagreements,
          expectations: p.mc.length,
          method: q?.method ?? 'mc',
          ...(rqmc ? { randomizations: q?.randomizations, points: q?.points, tails: q?.tails } : {}),
          ms: Math.round(s.ms),
        },
      },
      ...closedEvidence(p),
    ],
  };
}
