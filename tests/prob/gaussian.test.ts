// Gaussian calculus: each helper's result is PROVED against the definition it
// abbreviates (the algebra decides; nothing is compared by eye).
import { describe, expect, it } from 'vitest';
import { add, draw, E, KL, logpdf, mul, normal, sym, sub, pow, div, rat, sqrt } from '../../src/expr/build.js';
import type { ExpectNode, Node } from '../../src/expr/ast.js';
import { interval, POSITIVE, type Domain, type Interval } from '../../src/expr/domain.js';
import { decide } from '../../src/algebra/index.js';
import {
  completeTheSquare, DistributionError, expectClosedForm, gaussianKL, gaussianKLIsotropic, gaussianKLStandard,
  linearGaussianMarginal, linearGaussianPosterior, lowerHeads, productOfGaussians, vpChain, vpMarginal,
} from '../../src/prob/index.js';

const S = (n: string) => sym(n);
const [m, v, m1, v1, m2, v2, y, d] = ['m', 'v', 'm1', 'v1', 'm2', 'v2', 'y', 'd'].map(S);
const dom = (entries: [string, Interval][]): Domain => new Map(entries);
const positive = (...names: string[]): Domain => dom(names.map((n) => [n, POSITIVE]));
const proved = (a: Node, b: Node, domain: Domain) => decide(a, '=', b, domain, { seed: 1 }).verdict;
const closed = (n: Node): Node => {
  const c = expectClosedForm(lowerHeads(n) as ExpectNode);
  if (!c) throw new Error('no closed form');
  return c;
};

describe('gaussianKL', () => {
  it('KL(N(m1, v1) ‖ N(m2, v2)) = ½[log(v2/v1) + (v1 + (m1 − m2)²)/v2 − 1] equals its definition E_p[log p − log q]', () => {
    const definition = closed(KL(normal(m1, v1), normal(m2, v2)));
    expect(proved(definition, gaussianKL(m1, v1, m2, v2), positive('v1', 'v2'))).toBe('proved');
  });

  it('the KL without its ½ is refuted against the definition', () => {
    const definition = closed(KL(normal(m1, v1), normal(m2, v2)));
    const mutant = mul(2, gaussianKL(m1, v1, m2, v2));
    expect(decide(definition, '=', mutant, positive('v1', 'v2'), { seed: 1 }).verdict).toBe('refuted');
  });

  it('isotropic in dimension d: ½[d log(v2/v1) + (d v1 + d (m1 − m2)²)/v2 − d] equals its definition', () => {
    const definition = closed(KL(normal(m1, v1, d), normal(m2, v2, d)));
    expect(proved(definition, gaussianKLIsotropic(m1, v1, m2, v2, d), positive('v1', 'v2', 'd'))).toBe('proved');
  });

  it('against N(0, 1): ½[m² + v − log v − 1]', () => {
    expect(proved(gaussianKLStandard(m, v), gaussianKL(m, v, 0, 1), positive('v'))).toBe('proved');
  });

  it("rejects a literal variance ≤ 0: 'variance v1 must be > 0'", () => {
    expect(() => gaussianKL(0, -2, 0, 1)).toThrow(DistributionError);
    expect(() => gaussianKL(0, -2, 0, 1)).toThrow(/variance v1 must be > 0/);
  });
});

describe('completeTheSquare', () => {
  const [a, b, c] = ['a', 'b', 'c'].map(S);
  const negA = dom([['a', interval(undefined, 0)]]);

  it('a y² + b y + c = −(y − μ)²/(2σ²) + C with σ² = −1/(2a), μ = −b/(2a), C = c − b²/(4a)', () => {
    const sq = completeTheSquare(a, b, c);
    const quadratic = add(mul(a, pow(y, 2)), mul(b, y), c);
    const completed = add(div(pow(sub(y, sq.mean), 2), mul(-2, sq.variance)), sq.constant);
    expect(proved(quadratic, completed, negA)).toBe('proved');
  });

  it('a literal quadratic: −2y² + 4y + 1 = −(y − 1)²/(2·¼) + 3', () => {
    const sq = completeTheSquare(-2, 4, 1);
    expect(proved(sq.mean, rat(1, 1), new Map())).toBe('proved');
    expect(proved(sq.variance, rat(1, 4), new Map())).toBe('proved');
    expect(proved(sq.constant, rat(3, 1), new Map())).toBe('proved');
  });

  it('refuses a ≥ 0 (no Gaussian has a convex log-density)', () => {
    expect(() => completeTheSquare(1, 0, 0)).toThrow(/must be < 0/);
  });
});

describe('productOfGaussians', () => {
  it('N(y; m1, v1) N(y; m2, v2) = N(y; m, v) e^K as log-densities, m precision-weighted', () => {
    const p = productOfGaussians([{ mean: m1, variance: v1 }, { mean: m2, variance: v2 }]);
    const lhs = add(logpdf(normal(m1, v1), y), logpdf(normal(m2, v2), y));
    const rhs = add(logpdf(normal(p.mean, p.variance), y), p.logConstant);
    expect(proved(lowerHeads(lhs), lowerHeads(rhs), positive('v1', 'v2'))).toBe('proved');
  });

  it('three factors', () => {
    const [m3, v3] = [S('m3'), S('v3')];
    const p = productOfGaussians([{ mean: m1, variance: v1 }, { mean: m2, variance: v2 }, { mean: m3, variance: v3 }]);
    const lhs = add(logpdf(normal(m1, v1), y), logpdf(normal(m2, v2), y), logpdf(normal(m3, v3), y));
    const rhs = add(logpdf(normal(p.mean, p.variance), y), p.logConstant);
    expect(proved(lowerHeads(lhs), lowerHeads(rhs), positive('v1', 'v2', 'v3'))).toBe('proved');
  });

  it('the precision-weighted mean is not the plain average (mutant refuted)', () => {
    const p = productOfGaussians([{ mean: m1, variance: v1 }, { mean: m2, variance: v2 }]);
    expect(decide(p.mean, '=', div(add(m1, m2), 2), positive('v1', 'v2'), { seed: 3 }).verdict).toBe('refuted');
  });
});

describe('linear-Gaussian model z ~ N(m, v), x | z ~ N(w z + b, s)', () => {
  const [w, b, s, x, z] = ['w', 'b', 's', 'x', 'z'].map(S);
  const model = { m, v, w, b, s };
  const domain = positive('v', 's');

  it('Bayes: log p(x) + log p(z | x) = log p(z) + log p(x | z)', () => {
    const px = linearGaussianMarginal(model);
    const post = linearGaussianPosterior(model, x);
    const lhs = add(logpdf(normal(px.mean, px.variance), x), logpdf(normal(post.mean, post.variance), z));
    const rhs = add(logpdf(normal(m, v), z), logpdf(normal(add(mul(w, z), b), s), x));
    expect(proved(lowerHeads(lhs), lowerHeads(rhs), domain)).toBe('proved');
  });

  it('the marginal has the generative model\'s mean and variance: E[x] = w m + b, E[(x − E x)²] = w² v + s', () => {
    const px = linearGaussianMarginal(model);
    const over = [draw('z', normal(m, v)), draw('x', normal(add(mul(w, z), b), s))];
    expect(proved(closed(E(x, over)), px.mean, domain)).toBe('proved');
    expect(proved(closed(E(pow(sub(x, px.mean), 2), over)), px.variance, domain)).toBe('proved');
  });

  it('the posterior with the prior variance v in place of v s/(w² v + s) is refuted', () => {
    const post = linearGaussianPosterior(model, x);
    expect(decide(post.variance, '=', v, domain, { seed: 2 }).verdict).toBe('refuted');
  });
});

describe('VP forward chain x_t = √α_t x_{t−1} + √(1 − α_t) ε_t', () => {
  const alphas = ['a1', 'a2', 'a3'].map(S);
  const unit = dom(alphas.map((a) => [(a as { name: string }).name, interval(0, 1)]));

  it('composing the steps gives q(x_t | x_0) = N(√ᾱ_t x_0, 1 − ᾱ_t)', () => {
    const chain = vpChain(alphas);
    const marginal = vpMarginal(alphas);
    expect(proved(chain.variance, marginal.variance, unit)).toBe('proved');
    expect(proved(chain.scale, marginal.scale, unit)).toBe('proved');
  });

  it('the same, as an expectation over the chain: E[(x_2 − √(a1 a2) x_0)²] = 1 − a1 a2', () => {
    const [x0, x1, x2, a1, a2] = ['x0', 'x1', 'x2', 'a1', 'a2'].map(S);
    const over = [draw('x1', normal(mul(sqrt(a1), x0), sub(1, a1))), draw('x2', normal(mul(sqrt(a2), x1), sub(1, a2)))];
    const scale = vpMarginal([a1, a2]).scale;
    const value = closed(E(pow(sub(x2, mul(scale, x0)), 2), over));
    expect(proved(value, vpMarginal([a1, a2]).variance, unit)).toBe('proved');
  });

  it('the mutant variance ᾱ_t in place of 1 − ᾱ_t is refuted', () => {
    const chain = vpChain(alphas);
    expect(decide(chain.variance, '=', mul(...alphas), unit, { seed: 1 }).verdict).toBe('refuted');
  });
});
