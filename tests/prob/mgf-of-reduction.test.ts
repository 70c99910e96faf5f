// Law: the expectation of the exponential of a linear reduction of an
// isotropic Gaussian vector is the product of its components' MGFs:
//   E[k·exp(c + a·sum(y))] over y ~ N(m, v, d) = k·exp(c + a·Σ m_i + d a² v/2),
// proved by the algebra against that formula (scalar and vector means,
// symbolic a, v, d fixed), checked numerically against a product of
// one-dimensional quadratures, and never given for exponents that couple the
// components or are not affine in them.
import { describe, expect, it } from 'vitest';
import { add, draw, E, exp, mul, norm2, normal, pow, rat, sum, sym, vec, num, dot } from '../../src/expr/build.js';
import type { ExpectNode, Node } from '../../src/expr/ast.js';
import { decide, evalFloat } from '../../src/algebra/index.js';
import { expectClosedForm } from '../../src/prob/index.js';
import { toMathjs } from '../../src/expr/print-mathjs.js';

const [a, c, m, v, k] = ['a', 'c', 'm', 'v', 'k'].map(sym);
const y = vec('y');
const cf = (n: Node) => expectClosedForm(n as ExpectNode);
const domain = new Map([
  ['v', { lo: { n: 0n, d: 1n }, loOpen: true, hiOpen: true }],
]);

/** ∫ e^{a y} N(y; m, v) dy by the trapezoid rule: one component's MGF, independently of the closed forms. */
function mgf1(aa: number, mm: number, vv: number): number {
  const sd = Math.sqrt(vv);
  const centre = mm + aa * vv;
  const n = 20000;
  const h = (24 * sd) / n;
  let acc = 0;
  for (let i = 0; i <= n; i++) {
    const t = centre - 12 * sd + i * h;
    acc += (i === 0 || i === n ? 0.5 : 1) * Math.exp(aa * t - ((t - mm) ** 2) / (2 * vv)) / Math.sqrt(2 * Math.PI * vv);
  }
  return acc * h;
}

describe('the MGF of a linear reduction', () => {
  it('E[exp(sum(y))] over N(0, 1, 3) is exp(3/2)', () => {
    const r = cf(E(exp(sum(y)), [draw('y', normal(0, 1, 3))]));
    expect(r).toBeDefined();
    expect(decide(r!, '=', exp(rat(3, 2)), new Map()).verdict).toBe('proved');
  });

  it('k·exp(c + a·sum(y)) over N(m, v, 4): k·exp(c + 4(a m + a² v/2)), symbolically', () => {
    const r = cf(E(mul(k, exp(add(c, mul(a, sum(y))))), [draw('y', normal(m, v, 4))]));
    expect(r).toBeDefined();
    const want = mul(k, exp(add(c, mul(4, add(mul(a, m), mul(rat(1, 2), pow(a, 2), v))))));
    expect(decide(r!, '=', want, domain).verdict).toBe('proved');
  });

  it('numerically: E[exp(0.6·sum(y) − 0.2)] over N(0.3, 0.8, 3) is the cube of one component\'s MGF (quadrature) times e^{−0.2}', () => {
    const r = cf(E(exp(add(mul(0.6, sum(y)), num(-0.2))), [draw('y', normal(0.3, 0.8, 3))]));
    expect(r).toBeDefined();
    expect(evalFloat(r!, {})).toBeCloseTo(mgf1(0.6, 0.3, 0.8) ** 3 * Math.exp(-0.2), 8);
  });

  it('a vector slope: E[exp(dot(b, y))] has a closed form (the sum over components of b_i m + b_i² v/2)', () => {
    const r = cf(E(exp(dot(vec('b'), y)), [draw('y', normal(m, v, 3))]));
    expect(r).toBeDefined();
    expect(toMathjs(r!)).toMatch(/^exp\(sum\(/);
  });

  it('exponents that couple components or are not affine in them get no closed form here', () => {
    const over = [draw('y', normal(0, 1, 3))];
    for (const body of [exp(norm2(y)), exp(pow(sum(y), 2)), exp(exp(sum(y))), exp(mul(sum(y), sum(y)))]) expect(cf(E(body, over))).toBeUndefined();
  });

  it('a value that is wrong by a part in 10^4 is refuted against the closed form', () => {
    const r = cf(E(exp(sum(y)), [draw('y', normal(0, 1, 3))]));
    expect(decide(r!, '=', mul(exp(rat(3, 2)), num(1.0001)), new Map()).verdict).toBe('refuted');
  });
});
