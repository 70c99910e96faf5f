// The laws every family of the table must obey, checked facet against facet
// at several parameter points (numerical quadrature, float64):
//   logpdf is a density:            ∫ exp(logpdf(x)) dx = 1
//   moment(k) is the k-th moment:   ∫ x^k exp(logpdf(x)) dx = moment(k)
//   tilt:                           e^{s y} p(y; args) = factor · p(y; tilted args), pointwise
//   reparam has the family's law:   its value at noise quantiles has the family's CDF there
//   sampler = reparam:              link(A + B·ε) with the host slots equals value(args, ε)
// A facet that is wrong (a variance read as a standard deviation, a missing
// Jacobian) breaks one of these.
import { describe, expect, it } from 'vitest';
import { familyNames, familyOf, type Family } from '../../src/expr/families/index.js';
import { numNode, symNode } from '../../src/expr/node.js';
import { fromNumber } from '../../src/expr/rational.js';
import { evalFloat } from '../../src/algebra/index.js';
import type { Node } from '../../src/expr/ast.js';

const lit = (x: number): Node => {
  const r = fromNumber(x);
  return numNode(r.n, r.d);
};
const X = symNode('x', 'scalar');

/** Parameter points per built-in family: typical, narrow, wide, off-centre. */
const POINTS: Record<string, number[][]> = {
  N: [[0, 1], [0.5, 2], [-3, 0.01], [10, 25]],
  U: [[0, 1], [-2, 3], [0.25, 0.26], [-10, -9]],
  LogitNormal: [[0, 1], [1.5, 0.3], [-2, 2], [0, 0.05]],
};

/** Where each family's mass lies, for the quadrature. */
function support(f: Family, p: number[]): [number, number] {
  if (f.name === 'U') return [p[0], p[1]];
  if (f.name === 'LogitNormal') return [0, 1];
  const sd = Math.sqrt(p[1]);
  return [p[0] - 12 * sd, p[0] + 12 * sd];
}

/** ∫ g over [a, b] by composite Gauss–Legendre (5 points on 4000 panels; endpoints never evaluated). */
function integrate(g: (x: number) => number, a: number, b: number): number {
  const nodes = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
  const weights = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];
  const n = 4000;
  const h = (b - a) / n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const c = a + (i + 0.5) * h;
    for (let k = 0; k < 5; k++) s += weights[k] * g(c + (nodes[k] * h) / 2);
  }
  return (s * h) / 2;
}

const density = (f: Family, p: number[]) => {
  const e = f.logpdf(p.map(lit), X);
  return (x: number) => Math.exp(evalFloat(e, { x }));
};

describe.each(['N', 'U', 'LogitNormal'])('family %s', (name) => {
  const f = familyOf(name)!;

  it('is in the table with every facet a built-in family has', () => {
    expect(familyNames()).toContain(name);
    expect(f.arity.length).toBeGreaterThan(0);
    expect(f.latex).toMatch(/\\/);
    expect(f.params.length).toBeGreaterThanOrEqual(Math.max(...f.arity));
    expect(f.sampler).toBeDefined();
    expect(typeof f.reparam.value).toBe('function');
  });

  it.each(POINTS[name])('logpdf is a density at (%s, %s): it integrates to 1', (...p) => {
    const [a, b] = support(f, p);
    expect(integrate(density(f, p), a, b)).toBeCloseTo(1, 6);
  });

  it.each(POINTS[name])('moment(k) = ∫ x^k p(x) dx for k = 0..4 at (%s, %s)', (...p) => {
    if (!f.moment) return;
    const [a, b] = support(f, p);
    const pdf = density(f, p);
    for (let k = 0; k <= 4; k++) {
      const exact = evalFloat(f.moment(k, p.map(lit)), {});
      const numeric = integrate((x) => x ** k * pdf(x), a, b);
      expect(Math.abs(numeric - exact)).toBeLessThan(1e-7 * (1 + Math.abs(exact)));
    }
  });

  it.each(POINTS[name])('tilting: e^{s y} p(y; args) = factor · p(y; tilted), pointwise, at (%s, %s)', (...p) => {
    if (!f.tilt) return;
    const [a, b] = support(f, p);
    for (const s of [-2, -0.3, 0.7, 3]) {
      const { factor, args } = f.tilt(lit(s), p.map(lit));
      const tilted = f.logpdf(args, X);
      const F = evalFloat(factor, {});
      for (const t of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const y = a + t * (b - a);
        const lhs = s * y + Math.log(density(f, p)(y));
        const rhs = Math.log(F) + evalFloat(tilted, { x: y });
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9 * (1 + Math.abs(lhs)));
      }
    }
  });

  it.each(POINTS[name])('reparam has the family\'s law: the CDF at value(quantile q of the noise) is q, at (%s, %s)', (...p) => {
    const eps = symNode('e', 'scalar');
    const value = f.reparam.value(p.map(lit), eps);
    const pdf = density(f, p);
    const [a] = support(f, p);
    // Noise quantiles: U(0, 1) at q is q; N(0, 1) at q by bisection on its CDF.
    const normalQuantile = (q: number) => {
      let lo = -10, hi = 10;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (integrate((z) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI), -12, mid) < q) lo = mid;
        else hi = mid;
        if (hi - lo < 1e-12) break;
      }
      return (lo + hi) / 2;
    };
    for (const q of [0.05, 0.3, 0.5, 0.8]) {
      const e = f.reparam.noise === 'uniform' ? q : normalQuantile(q);
      const x = evalFloat(value, { e });
      expect(integrate(pdf, a, x)).toBeCloseTo(q, 5);
    }
  });

  it.each(POINTS[name])('the kernels\' sampler link(A + B·ε) with the host slots is the reparam value at the same noise, at (%s, %s)', (...p) => {
    const sampler = f.sampler!;
    const fail = (m: string): never => {
      throw new Error(m);
    };
    const [A, B] = sampler.slots(p, fail);
    const eps = symNode('e', 'scalar');
    const value = f.reparam.value(p.map(lit), eps);
    for (const e of [-3, -0.5, 0.01, 0.25, 0.99, 2]) {
      if (sampler.noise === 'uniform' && !(e > 0 && e < 1)) continue;
      const u = A + B * e;
      const kernel = sampler.link === 'sigmoid' ? 1 / (1 + Math.exp(-u)) : u;
      expect(kernel).toBeCloseTo(evalFloat(value, { e }), 12);
    }
  });

  it('the host checks refuse what has no density: non-finite parameters, an empty scale', () => {
    const fail = (m: string): never => {
      throw new Error(m);
    };
    expect(() => f.sampler!.slots([NaN, 1], fail)).toThrow();
    expect(() => f.sampler!.slots([0, Infinity], fail)).toThrow();
    expect(() => f.sampler!.slots(name === 'U' ? [1, 1] : [0, 0], fail)).toThrow();
    expect(() => f.sampler!.slots(name === 'U' ? [2, 1] : [0, -1], fail)).toThrow();
  });
});
