import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { E, draw, logitNormal, logpdf, mul, normal, sym, uniform, vec, log, pi, add, rat } from '../../src/expr/build.js';
import { POSITIVE } from '../../src/expr/domain.js';
import { decide, evalFloat } from '../../src/algebra/index.js';
import { DistributionError, expectClosedForm, logpdfOf } from '../../src/prob/index.js';

const [m, v, x, t, s, d] = ['m', 'v', 'x', 't', 's', 'd'].map(sym);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-10 * (1 + Math.abs(b));

describe('logpdfOf: closed-form log-densities', () => {
  it('log N(x; m, v) = −½ log(2πv) − (x − m)²/(2v) at random points (v is the VARIANCE)', () => {
    const node = logpdfOf(normal(m, v), x);
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 1e-3, max: 50, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (mm, vv, xx) => {
        const direct = Math.log(Math.exp(-((xx - mm) ** 2) / (2 * vv)) / Math.sqrt(2 * Math.PI * vv));
        return close(evalFloat(node, { m: mm, v: vv, x: xx }), direct);
      }),
      { seed: 11 },
    );
  });

  it('log π(t; m, s) of LogitNormal matches 1/(s√(2π)) · 1/(t(1 − t)) · exp(−(logit t − m)²/(2s²))', () => {
    const node = logpdfOf(logitNormal(m, s), t);
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1 - 1e-4, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.05, max: 4, noNaN: true }), (tt, mm, ss) => {
        const lg = Math.log(tt / (1 - tt));
        const direct = -Math.log(ss * Math.sqrt(2 * Math.PI)) - Math.log(tt * (1 - tt)) - (lg - mm) ** 2 / (2 * ss * ss);
        return Math.abs(evalFloat(node, { t: tt, m: mm, s: ss }) - direct) <= 1e-9 * (1 + Math.abs(direct));
      }),
      { seed: 12 },
    );
  });

  it('log U(x; a, b) = −log(b − a) inside (a, b)', () => {
    expect(evalFloat(logpdfOf(uniform(2, 5), x), { x: 3 })).toBeCloseTo(-Math.log(3), 14);
  });

  it('the entropy of N(m, v) is ½ log(2πe v): −E[log p(x)] = ½ (log(2πv) + 1) is proved', () => {
    const negEntropy = expectClosedForm(E(logpdf(normal(m, v), x), [draw('x', normal(m, v))]) as never)!;
    const claim = mul(rat(-1, 2), add(log(mul(2, pi, v)), 1));
    const verdict = decide(negEntropy, '=', claim, new Map([['v', POSITIVE]]));
    expect(verdict.verdict).toBe('proved');
  });

  it('the isotropic normal in dimension d has entropy (d/2)(log(2πv) + 1)', () => {
    const negEntropy = expectClosedForm(E(logpdf(normal(m, v, d), vec('x')), [draw('x', normal(m, v, d))]) as never)!;
    const claim = mul(rat(-1, 2), d, add(log(mul(2, pi, v)), 1));
    expect(decide(negEntropy, '=', claim, new Map([['v', POSITIVE], ['d', POSITIVE]])).verdict).toBe('proved');
    // Mutant: forgetting the dimension on the log-normaliser.
    const mutant = mul(rat(-1, 2), add(log(mul(2, pi, v)), d));
    expect(decide(negEntropy, '=', mutant, new Map([['v', POSITIVE], ['d', POSITIVE]])).verdict).toBe('refuted');
  });
});

describe('parameter validation', () => {
  it("N(0, −1) is rejected: 'variance must be > 0'", () => {
    expect(() => logpdfOf(normal(0, -1), x)).toThrow(DistributionError);
    expect(() => logpdfOf(normal(0, -1), x)).toThrow(/variance must be > 0/);
  });
  it('N(0, 0) is rejected (a point mass has no density)', () => {
    expect(() => logpdfOf(normal(0, 0), x)).toThrow(/variance must be > 0/);
  });
  it('U(1, 1) is rejected: it needs a < b', () => {
    expect(() => logpdfOf(uniform(1, 1), x)).toThrow(/a < b/);
  });
  it('LogitNormal(0, 0) is rejected: s must be > 0', () => {
    expect(() => logpdfOf(logitNormal(0, 0), t)).toThrow(/must be > 0/);
  });
  it('a vector normal needs a vector point', () => {
    expect(() => logpdfOf(normal(0, 1, 3), x)).toThrow(/vector point/);
  });
  it('a symbolic variance passes (its domain constrains it)', () => {
    expect(() => logpdfOf(normal(m, v), x)).not.toThrow();
  });
});
