// The claims scripts/calibrate-mc.ts decides over many seeds: true forms that
// must never be refuted, and plausible wrong ones (the mutants of
// FORMULAS.md and the issue) that must always be. Closed forms are switched
// off (`closedForm: false`) where the checker knows one, so that every claim
// here exercises the Monte Carlo test itself.
import type { Node, Rel } from '../src/expr/ast.js';
import { abs, add, div, draw, E, exp, KL, log, logit, logitNormal, logpdf, mul, neg, normal, num, pi, pow, sqrt, sub, sym, uniform } from '../src/expr/build.js';
import { interval, POSITIVE, type Domain } from '../src/expr/domain.js';
import { gaussianKL } from '../src/prob/index.js';

export interface CalibrationClaim {
  readonly name: string;
  readonly lhs: Node;
  readonly rel: Rel;
  readonly rhs: Node;
  readonly domain: Domain;
  /** 'holds': proved or verified for every seed; 'fails': refuted for every seed. */
  readonly expect: 'holds' | 'fails';
}

const [z, s, m, v, w, t, mu, eps, m1, v1, m2, v2, x, y] = ['z', 's', 'm', 'v', 'w', 't', 'mu', 'eps', 'm1', 'v1', 'm2', 'v2', 'x', 'y'].map(sym);
const N01 = [draw('z', normal(0, 1))];
const noise = [draw('eps', normal(0, 1))];
const U01 = [draw('t', uniform(0, 1))];
const dom = (entries: Array<[string, ReturnType<typeof interval>]>): Domain => new Map(entries);
// |s| ≤ 1.5 keeps exp(s z) light-tailed enough for 2^20 samples (the tail guard would answer unknown beyond).
const S = dom([['s', interval(-1.5, 1.5)]]);
const V12 = dom([['v1', POSITIVE], ['v2', POSITIVE]]);
const VPOS = dom([['v', POSITIVE]]);
const SPOS = dom([['s', POSITIVE]]);

const density = exp(logpdf(logitNormal(m, s), t));
const withoutJacobian = div(exp(div(neg(pow(sub(logit(t), m), 2)), mul(2, pow(s, 2)))), mul(s, sqrt(mul(2, pi))));
const dependent = E(abs(x), [draw('z', normal(0, 1)), draw('x', normal(mul(w, z), 1))]);

export const CALIBRATION_CLAIMS: readonly CalibrationClaim[] = [
  { name: 'E[exp(s z)] = exp(s²/2)', lhs: E(exp(mul(s, z)), N01), rel: '=', rhs: exp(div(pow(s, 2), 2)), domain: S, expect: 'holds' },
  { name: 'mutant E[exp(s z)] = exp(s²)', lhs: E(exp(mul(s, z)), N01), rel: '=', rhs: exp(pow(s, 2)), domain: S, expect: 'fails' },
  { name: 'KL(N(m1, v1) ‖ N(m2, v2)) = the Gaussian KL', lhs: KL(normal(m1, v1), normal(m2, v2)), rel: '=', rhs: gaussianKL(m1, v1, m2, v2), domain: V12, expect: 'holds' },
  {
    name: 'mutant: the Gaussian KL without its ½', lhs: KL(normal(m1, v1), normal(m2, v2)), rel: '=',
    rhs: add(log(div(v2, v1)), div(add(v1, pow(sub(m1, m2), 2)), v2), num(-1)), domain: V12, expect: 'fails',
  },
  { name: 'E[(mu + √v ε − mu)²] = v', lhs: E(pow(sub(add(mu, mul(sqrt(v), eps)), mu), 2), noise), rel: '=', rhs: v, domain: VPOS, expect: 'holds' },
  { name: 'mutant: the variance used as a standard deviation', lhs: E(pow(sub(add(mu, mul(v, eps)), mu), 2), noise), rel: '=', rhs: v, domain: VPOS, expect: 'fails' },
  { name: 'the logit-normal density integrates to 1', lhs: E(density, U01), rel: '=', rhs: num(1), domain: SPOS, expect: 'holds' },
  { name: 'mutant: the logit-normal density without its Jacobian', lhs: E(withoutJacobian, U01), rel: '=', rhs: num(1), domain: SPOS, expect: 'fails' },
  { name: 'E[|z|] = √(2/π)', lhs: E(abs(z), N01), rel: '=', rhs: sqrt(div(2, pi)), domain: new Map(), expect: 'holds' },
  { name: 'mutant E[|z|] = 1', lhs: E(abs(z), N01), rel: '=', rhs: num(1), domain: new Map(), expect: 'fails' },
  { name: 'Jensen: log E[exp(s z)] ≥ E[s z]', lhs: log(E(exp(mul(s, z)), N01)), rel: '>=', rhs: E(mul(s, z), N01), domain: S, expect: 'holds' },
  { name: 'Gibbs: KL(LogitNormal(m, s) ‖ U(0, 1)) ≥ 0', lhs: KL(logitNormal(m, s), uniform(0, 1)), rel: '>=', rhs: num(0), domain: SPOS, expect: 'holds' },
  { name: 'x ~ N(w z, 1): E|x| = E|y|, y ~ N(0, w² + 1)', lhs: dependent, rel: '=', rhs: E(abs(y), [draw('y', normal(0, add(pow(w, 2), 1)))]), domain: new Map(), expect: 'holds' },
  { name: 'mutant: the same with the noise forgotten, y ~ N(0, w²)', lhs: dependent, rel: '=', rhs: E(abs(y), [draw('y', normal(0, pow(w, 2)))]), domain: new Map(), expect: 'fails' },
];
