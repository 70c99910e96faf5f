// Products and quotients of exps in an integrand become one exp
// (src/mc/merge-exps.ts), for every kernel:
// - exp(a)·exp(b)/exp(c) lowers to a single exp, and to the same IR as
//   exp(a + b − c) written out; a quotient by an exp becomes a product;
// - the estimate is the true value: E[exp(x)·exp(x)/exp(x/2)] = e^{9/8}
//   (1.5² / 2), t-test on the cpu RQMC estimate;
// - exp(800 + x)·exp(−800 − x) is 1 at every sample (∞·0 = NaN unmerged);
// - inside a reduction, componentwise: E[sum(exp(v)·exp(v))] = 3e² for v ~ N(0, I₃);
// - a quotient by an exp alone is a product: E[x/exp(x)] = −e^{1/2};
// - a product with one exp, or an exp in a sum, is left as written.
import { describe, expect, it } from 'vitest';
import { analyze, type Ir } from '../../src/mc/plan.js';
import { compileExpectation } from '../../src/mc/index.js';
import { compileRqmc } from '../../src/mc/rqmc.js';
import { add, div, draw, exp, mul, neg, normal, sub, sum, sym, vec } from '../../src/expr/build.js';

const x = sym('x');
const y = sym('y');
const s = sym('s');
const N01 = [draw('x', normal(0, 1)), draw('y', normal(0, 1))];

function count(ir: Ir, t: (ir: Ir) => boolean): number {
  return (t(ir) ? 1 : 0) + ('args' in ir ? ir.args.reduce((n: number, a: Ir) => n + count(a, t), 0) : 0);
}
const exps = (ir: Ir): number => count(ir, (i) => i.t === 'fn' && i.fn === 'exp');
const divs = (ir: Ir): number => count(ir, (i) => i.t === 'div');

describe('exps of products and quotients merge into one', () => {
  it('exp(x)·exp(s·y)/exp(x·y) lowers to one exp and no division, the IR of exp(x + s·y − x·y) up to the order of terms', () => {
    const merged = analyze(div(mul(exp(x), exp(mul(s, y))), exp(mul(x, y))), N01, ['s']).integrand;
    expect(exps(merged)).toBe(1);
    expect(divs(merged)).toBe(0);
    const written = analyze(exp(add(x, mul(s, y), neg(mul(x, y)))), N01, ['s']).integrand;
    expect(exps(written)).toBe(1);
    expect(count(merged, (i) => i.t === 'rv')).toBe(count(written, (i) => i.t === 'rv'));
  });

  it('a quotient with other factors keeps them: (y·exp(x)) / (x·exp(y)) → y·exp(x − y) / x', () => {
    const ir = analyze(div(mul(y, exp(x)), mul(x, exp(y))), N01, []).integrand;
    expect(exps(ir)).toBe(1);
    expect(divs(ir)).toBe(1);
  });

  it('one exp in a product, or exps in a sum, are left as written', () => {
    expect(exps(analyze(mul(y, exp(x)), N01, []).integrand)).toBe(1);
    expect(exps(analyze(add(exp(x), exp(y)), N01, []).integrand)).toBe(2);
    expect(divs(analyze(div(exp(x), y), N01, []).integrand)).toBe(1);
  });

  it('the estimate is the true value: E[exp(x)·exp(x)/exp(x/2)] = e^{9/8} (cpu RQMC, |t| < 8.35)', async () => {
    const est = await compileRqmc(div(mul(exp(x), exp(x)), exp(div(x, 2))), [draw('x', normal(0, 1))], [], 'cpu');
    const r = await est.run({}, { samples: 2 ** 20, seed: 3 });
    est.dispose();
    expect(Math.abs(r.mean - Math.exp(9 / 8)) / r.stderr).toBeLessThan(8.35);
  });

  it('exp(800 + x)·exp(−800 − x) is 1 at every sample, not ∞·0 (plain Monte Carlo, cpu)', async () => {
    const est = await compileExpectation(mul(exp(add(800, x)), exp(sub(-800, x))), [draw('x', normal(0, 1))], [], 'cpu');
    const r = await est.run({}, { samples: 2 ** 14, seed: 1 });
    est.dispose();
    expect(r.nonFinite).toBe(0);
    expect(r.mean).toBeCloseTo(1, 12);
  });

  it('a quotient by an exp alone becomes a product: E[x/exp(x)] = −e^{1/2} (cpu RQMC), no division left', async () => {
    const body = div(x, exp(x));
    const random = [draw('x', normal(0, 1))];
    expect(divs(analyze(body, random, []).integrand)).toBe(0);
    const est = await compileRqmc(body, random, [], 'cpu');
    const r = await est.run({}, { samples: 2 ** 20, seed: 5 });
    est.dispose();
    expect(Math.abs(r.mean + Math.exp(0.5)) / r.stderr).toBeLessThan(8.35);
  });

  it('inside a reduction, componentwise: E[sum(exp(v)·exp(v))] = 3e² for v ~ N(0, I₃)', async () => {
    const v = vec('v');
    const body = sum(mul(exp(v), exp(v)));
    const random = [draw('v', normal(0, 1, 3))];
    expect(exps(analyze(body, random, []).integrand)).toBe(1);
    const est = await compileRqmc(body, random, [], 'cpu');
    const r = await est.run({}, { samples: 2 ** 20, seed: 4 });
    est.dispose();
    expect(Math.abs(r.mean - 3 * Math.exp(2)) / r.stderr).toBeLessThan(8.35);
  });
});
