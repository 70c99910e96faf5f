// Moments of every distribution the engine draws from, on every backend:
// each estimate within 5 standard errors of the closed form, fixed seeds.
// N(m, v) takes the VARIANCE; LogitNormal(m, s) takes the standard deviation
// s of the underlying normal.
import { describe, expect, it } from 'vitest';
import { compileExpectation, type McResult } from '../../src/mc/index.js';
import type { Binding, Node } from '../../src/expr/ast.js';
import { add, draw, logit, logitNormal, mul, norm2, normal, pow, sub, sum, sym, uniform, vec } from '../../src/expr/build.js';
import { BACKENDS } from './webgpu-gate.js';

const x = sym('x');
const v = vec('v');
const m = sym('m');
const s2 = sym('s2');

interface Moment {
  law: string;
  integrand: Node;
  random: Binding[];
  params: Record<string, number>;
  exact: number;
}

const MOMENTS: Moment[] = [
  { law: 'x ~ N(m, v): E[x] = m', integrand: x, random: [draw('x', normal(m, s2))], params: { m: -1.5, s2: 3 }, exact: -1.5 },
  { law: 'x ~ N(m, v): E[(x − m)²] = v (variance, not sd)', integrand: pow(sub(x, m), 2), random: [draw('x', normal(m, s2))], params: { m: -1.5, s2: 3 }, exact: 3 },
  { law: 'x ~ N(0, 1): E[x⁴] = 3', integrand: pow(x, 4), random: [draw('x', normal(0, 1))], params: {}, exact: 3 },
  { law: 'v ~ N(m, s2, 5): E[sum(v)] = 5m', integrand: sum(v), random: [draw('v', normal(m, s2, 5))], params: { m: 0.25, s2: 2 }, exact: 1.25 },
  { law: 'v ~ N(m, s2, 5): E[‖v − m‖²] = 5·s2', integrand: norm2(sub(v, m)), random: [draw('v', normal(m, s2, 5))], params: { m: 0.25, s2: 2 }, exact: 10 },
  { law: 'v ~ N(0, 1, d) with d a parameter: E[‖v‖²] = d', integrand: norm2(v), random: [draw('v', normal(0, 1, sym('d')))], params: { d: 7 }, exact: 7 },
  { law: 'x ~ U(a, b): E[x] = (a + b)/2', integrand: x, random: [draw('x', uniform(sym('a'), sym('b')))], params: { a: -2, b: 5 }, exact: 1.5 },
  { law: 'x ~ U(a, b): E[(x − (a+b)/2)²] = (b − a)²/12', integrand: pow(sub(x, 1.5), 2), random: [draw('x', uniform(sym('a'), sym('b')))], params: { a: -2, b: 5 }, exact: 49 / 12 },
  { law: 't ~ LogitNormal(m, s): E[logit t] = m', integrand: logit(x), random: [draw('x', logitNormal(m, sym('s')))], params: { m: 0.4, s: 1.3 }, exact: 0.4 },
  { law: 't ~ LogitNormal(m, s): E[(logit t − m)²] = s²', integrand: pow(sub(logit(x), m), 2), random: [draw('x', logitNormal(m, sym('s')))], params: { m: 0.4, s: 1.3 }, exact: 1.69 },
  { law: 't ~ LogitNormal(0, 1): E[t] = 1/2 (symmetry)', integrand: x, random: [draw('x', logitNormal(0, 1))], params: {}, exact: 0.5 },
  {
    law: 'independent x, y ~ N(0, 1): E[x·y] = 0 and E[(x + y)²] = 2',
    integrand: pow(add(x, sym('y')), 2),
    random: [draw('x', normal(0, 1)), draw('y', normal(0, 1))],
    params: {},
    exact: 2,
  },
];

const within = (r: McResult, exact: number, k = 5): void => {
  expect(r.nonFinite).toBe(0);
  expect(r.stderr).toBeGreaterThan(0);
  const z = (r.mean - exact) / r.stderr;
  if (!(Math.abs(z) <= k)) throw new Error(`mean ${r.mean} ± ${r.stderr} is ${z.toFixed(2)} standard errors from ${exact}`);
};

describe('moments of N, U and LogitNormal, within 5 standard errors', () => {
  for (const backend of BACKENDS) {
    describe(backend, () => {
      MOMENTS.forEach((c, i) => {
        it(c.law, async () => {
          const est = await compileExpectation(c.integrand, c.random, Object.keys(c.params), backend);
          const r = await est.run(c.params, { samples: 400_000, seed: 1000 + i });
          est.dispose();
          within(r, c.exact);
        });
      });

      it('N(m, v) takes the variance: E[(x − m)²] = 3 is far (> 20 SE) from the standard deviation √3', async () => {
        const est = await compileExpectation(pow(sub(x, m), 2), [draw('x', normal(m, s2))], ['m', 's2'], backend);
        const r = await est.run({ m: 0, s2: 3 }, { samples: 400_000, seed: 77 });
        est.dispose();
        within(r, 3);
        expect(Math.abs(r.mean - Math.sqrt(3)) / r.stderr).toBeGreaterThan(20);
      });
    });
  }
});
