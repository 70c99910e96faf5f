/**
 * The named laws of probability as statements (pairs of expressions, or gaps for inequalities).
 * Each is an identity of the calculus, so the normal form decides it; the later justification
 * checker (issue 10 item 7) can compare a step against the law its rule names, e.g. accept
 * `by.bayes()` only when the step's two sides differ by an instance of `bayes(...)`.
 */
import type { Gap } from './decide.js';
import { add, density, E, KL, log, logE, logRatio, sub, type Density, type Expr } from './terms.js';
import type { VarRef } from './vars.js';

export interface Law {
  readonly name: string;
  readonly lhs: Expr;
  readonly rhs: Expr;
}

/** log m(a | b, c) = log m(b | a, c) + log m(a | c) − log m(b | c). */
export function bayes(model: string, a: VarRef[], b: VarRef[], c: VarRef[] = []): Law {
  return {
    name: 'Bayes',
    lhs: log(density(model, a, [...b, ...c])),
    rhs: sub(add(log(density(model, b, [...a, ...c])), log(density(model, a, c))), log(density(model, b, c))),
  };
}

/** log m(v_1, …, v_n | g) = Σ_i log m(v_i | v_1, …, v_{i−1}, g), in the order given. */
export function chainRule(model: string, vs: VarRef[], g: VarRef[] = []): Law {
  return {
    name: 'chain rule',
    lhs: log(density(model, vs, g)),
    rhs: add(...vs.map((v, i) => log(density(model, [v], [...vs.slice(0, i), ...g])))),
  };
}

/** KL(P ‖ Q) = E_P[log P − log Q]. */
export function klDefinition(p: Density, q: Density): Law {
  return { name: 'KL definition', lhs: KL(p, q), rhs: E(p, logRatio([p], [q])) };
}

/**
 * Jensen for the concave log: E_μ[log R] ≤ log E_μ[R], R = ∏ num / ∏ den. The gap
 * log E_μ[R] − E_μ[log R] is ≥ 0, and zero exactly when R is μ-almost surely constant.
 * `lower` and `upper` are the two sides, for writing the step.
 */
export function jensenLog(measure: Density, num: Density[], den: Density[]): Extract<Gap, { law: 'Jensen (log concave)' }> & { lower: Expr; upper: Expr } {
  return { law: 'Jensen (log concave)', measure, num, den, lower: E(measure, logRatio(num, den)), upper: logE(measure, num, den) };
}

/** Gibbs' inequality: KL(P ‖ Q) ≥ 0, zero exactly when P = Q almost everywhere. */
export function klNonnegative(p: Density, q: Density): Gap {
  return { law: 'KL ≥ 0', p, q };
}
