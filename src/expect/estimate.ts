// One Monte Carlo test of a planned relation at one parameter point: estimate
// every Monte Carlo term, evaluate both sides, and compute
//   z = (lhs − rhs) / se
// where se is the delta-method standard error of the DIFFERENCE:
//   se² = Σⱼ (∂(lhs − rhs)/∂eⱼ)² seⱼ²
// over the estimates eⱼ, which are independent (each term runs on its own
// Philox stream). Differentiating the difference, not each side, is what makes
// an expectation that appears on both sides cancel exactly. The partial
// derivatives are central differences with a step far below seⱼ, so a side
// nonlinear in an expectation (log E[e^{s z}]) is linearised where it is
// estimated.
//
// Rounding floor: each seⱼ is widened by ε · √(Var + mean²) (ε = 2^-17 for f32
// on the GPU, 1e-12 for the float64 CPU backend): the bias that rounding of
// the integrand can add to a mean is of the order of ε times the RMS of the
// integrand, and without this floor a zero-variance integrand (E[1]) would
// turn a rounding difference into an infinite z. The sides' own float64
// rounding bound (evalWithBound) is added to the difference's error too.
import { evalFloat, evalWithBound } from '../algebra/index.js';
import type { Estimator, McResult } from '../mc/index.js';
import type { Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import type { Plan } from './plan.js';
import { zOfT } from '../mc/student-t.js';
import { addNode, negNode } from '../expr/node.js';

export const Z_THRESHOLD = 6;

export interface PointTest {
  readonly lhs: number;
  readonly rhs: number;
  readonly difference: number;
  /** Standard error of the difference (with the rounding floor). */
  readonly se: number;
  readonly z: number;
  /**
   * Degrees of freedom of (lhs − rhs)/se: Infinity when every estimate is
   * plain Monte Carlo (z), else the fewest of the randomized quasi-Monte
   * Carlo estimates it uses (R − 1; conservative against Welch–Satterthwaite).
   * `z` is then the t statistic mapped to the z with the same tail
   * probability (student-t.ts), so |z| ≥ 6 keeps its false-refutation rate.
   */
  readonly dof: number;
  /** The statistic before that mapping (t, or z itself). */
  readonly t: number;
  readonly results: readonly McResult[];
}

// An RQMC run on webgpu (rqmc.ts) has measured its f32 rounding against float64 and
// stood only where it was under a quarter of its standard error; its floor is f32's
// own resolution of a mean (2^-24), not plain runs' bound for an f32 reduction.
const roundingEps = (res: McResult): number => (res.backend === 'webgpu' ? ((res as { method?: string }).method === 'rqmc' ? 2 ** -24 : 2 ** -17) : 1e-12);

/** Runs each term's estimator at one point, on streams stream(j). */
export async function estimateAll(
  estimators: readonly Estimator[],
  params: Record<string, number>,
  opts: { samples: number; seed: number; stream: (j: number) => number },
): Promise<McResult[]> {
  const out: McResult[] = [];
  // Sequential on purpose: one device, one kernel at a time.
  for (let j = 0; j < estimators.length; j++) {
    out.push(await estimators[j].run(params, { samples: opts.samples, seed: opts.seed, stream: opts.stream(j) }));
  }
  return out;
}

/** Both sides, the difference, its standard error and z, at one point. */
export function testPoint(plan: Plan, params: Record<string, number>, results: readonly McResult[]): PointTest {
  const env: Record<string, number> = { ...params };
  plan.mc.forEach((t, j) => (env[t.placeholder] = results[j].mean));
  const l = evalWithBound(plan.lhs, env);
  const r = evalWithBound(plan.rhs, env);
  const difference = l.value - r.value;
  const diffNode: Node = addNode([plan.lhs, negNode(plan.rhs)]);
  const uses = freeSymbols(diffNode);
  // float64 evaluation of the sides: their rounding bound, and never less than 1e-12 relative.
  let variance = (Math.abs(l.bound) + Math.abs(r.bound) + 1e-12 * (Math.abs(l.value) + Math.abs(r.value))) ** 2;
  let dof = Infinity;
  plan.mc.forEach((t, j) => {
    const res = results[j];
    const floor = roundingEps(res) * Math.sqrt(Math.max(0, res.variance) + res.mean ** 2);
    const se = Math.hypot(res.stderr, floor);
    if (se === 0 || !uses.has(t.placeholder)) return;
    const h = 1e-3 * se + 1e-9 * Math.abs(res.mean);
    const at = (x: number) => evalFloat(diffNode, { ...env, [t.placeholder]: x });
    const slope = (at(res.mean + h) - at(res.mean - h)) / (2 * h);
    variance += (slope * se) ** 2;
    const nu = (res as { dof?: number }).dof;
    if (nu !== undefined && slope !== 0) dof = Math.min(dof, nu);
  });
  const se = Math.sqrt(variance);
  const stat = difference === 0 ? 0 : se === 0 ? Math.sign(difference) * Infinity : difference / se;
  return { lhs: l.value, rhs: r.value, difference, se, z: zOfT(stat, dof), dof, t: stat, results };
}

/**
 * z measured toward a failure of `lhs rel rhs`: |z| for '=', z for '<='
 * (lhs above rhs), −z for '>='. Large positive values are evidence against.
 */
export function towardFailure(rel: '=' | '<=' | '>=', z: number): number {
  return rel === '=' ? Math.abs(z) : rel === '<=' ? z : -z;
}

/** Is z a candidate failure of `lhs rel rhs` (|z| ≥ 6 in the failing direction)? */
export function isCandidate(rel: '=' | '<=' | '>=', z: number): boolean {
  return !Number.isNaN(z) && towardFailure(rel, z) >= Z_THRESHOLD;
}
