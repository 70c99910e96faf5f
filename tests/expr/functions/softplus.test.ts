// softplus x = log(1 + e^x): stable at both ends, decided by the algebra as
// log(1 + e^x), and computed alike by float evaluation, the JS and wasm
// kernels (one source: bit for bit) and the f32 WGSL kernel.
import { describe, expect, it } from 'vitest';
import { fnNamed } from '../../../src/expr/functions/index.js';
import type { Scalar } from '../../../src/expr/ast.js';
import { type ScalarLike, add, apply, draw, exp, log, mul, neg, normal, sigmoid, sub, sym } from '../../../src/expr/build.js';
import { decide } from '../../../src/algebra/decide.js';
import { derivative } from '../../../src/expr/derivative.js';
import { parse } from '../../../src/expr/parse.js';
import { estimate, sampleValues } from '../../../src/mc/index.js';
import { jsKernelFunction } from '../../../src/mc/js.js';
import { BACKENDS } from '../../mc/webgpu-gate.js';

const f = fnNamed('softplus');
const x = sym('x');
const sp = (a: ScalarLike): Scalar => apply('softplus', a);
const REAL = new Map();

describe('softplus is numerically stable', () => {
  it('equals e^x to full precision far left, where log(1 + e^x) rounds to 0', () => {
    for (const t of [-40, -100, -700, -745]) {
      const want = Math.exp(t);
      expect(Math.log(1 + Math.exp(t))).toBe(0);
      expect(Math.abs(f.float([t]) - want)).toBeLessThanOrEqual(2 * 2 ** -52 * want + Number.MIN_VALUE);
    }
    expect(f.float([-800])).toBe(0);
  });

  it('equals x far right, where e^x overflows', () => {
    for (const t of [40, 800, 1e300]) expect(f.float([t])).toBe(t);
    expect(f.float([Infinity])).toBe(Infinity);
    expect(f.float([-Infinity])).toBe(0);
    expect(f.float([NaN])).toBeNaN();
  });

  it('is log 2 at 0 and log(1 + e) at 1 to an ulp', () => {
    expect(f.float([0])).toBe(Math.LN2);
    expect(Math.abs(f.float([1]) - Math.log1p(Math.E))).toBeLessThanOrEqual(4.5e-16);
  });
});

describe('softplus in the algebra', () => {
  it('softplus(x) = log(1 + exp(x)) is proved', () => {
    expect(decide(sp(x), '=', log(add(1, exp(x))), REAL).verdict).toBe('proved');
  });

  it('softplus(x) − softplus(−x) = x (the logistic identity) is not refuted; + 1/1000 is', () => {
    expect(['proved', 'verified']).toContain(decide(sub(sp(x), sp(neg(x))), '=', x, REAL).verdict);
    expect(decide(sub(sp(x), sp(neg(x))), '=', add(x, 0.001), REAL).verdict).toBe('refuted');
  });

  it('its derivative is sigmoid, proved', () => {
    expect(decide(derivative(sp(mul(2, x)), 'x'), '=', mul(2, sigmoid(mul(2, x))), REAL).verdict).toBe('proved');
  });

  it('softplus(x) > 0 and softplus(x) ≥ x hold; softplus(x) ≤ x is refuted', () => {
    expect(decide(sp(x), '>=', x, REAL).verdict).not.toBe('refuted');
    expect(decide(sp(x), '<=', x, REAL).verdict).toBe('refuted');
  });

  it('parses and kind-checks elementwise', () => {
    expect(parse('softplus(x)')).toEqual(sp(x));
    expect(() => parse('softplus(x, y)')).toThrow(/softplus takes 1 argument/);
  });
});

describe('softplus in the Monte Carlo kernels', () => {
  const z = sym('z');
  const random = [draw('z', normal(sym('m'), 4))];

  it('the wasm kernel gives the JS kernel\'s doubles, bit for bit', async () => {
    const opts = { first: 0, count: 4096, seed: 3, backend: 'cpu' as const };
    const body = sp(mul(9, z));
    const w = await sampleValues(body, random, { m: -30 }, opts, { cpu: { wasm: true } });
    const j = await sampleValues(body, random, { m: -30 }, opts, { cpu: { wasm: false } });
    expect(Array.from(w)).toEqual(Array.from(j));
    // And the JS kernel's code is the float evaluation's.
    const k = jsKernelFunction('softplus');
    for (const t of [-800, -40, -1e-9, 0, 3, 700]) expect(k(t)).toBe(f.float([t]));
  });

  it.each(BACKENDS)('%s: E[softplus(z)], z ~ N(0, 1), matches quadrature', async (backend) => {
    // ∫ softplus(t) φ(t) dt by the trapezoid rule on [−12, 12] (exact to 1e-12 here).
    let q = 0;
    const n = 24000;
    for (let i = 0; i <= n; i++) {
      const t = -12 + (24 * i) / n;
      q += (i === 0 || i === n ? 0.5 : 1) * f.float([t]) * Math.exp(-t * t / 2);
    }
    q *= 24 / n / Math.sqrt(2 * Math.PI);
    const r = await estimate(sp(z), [draw('z', normal(0, 1))], {}, { samples: 2 ** 20, seed: 5, backend });
    expect(Math.abs(r.mean - q)).toBeLessThan(6 * r.stderr + 1e-6);
  });

  it.each(BACKENDS)('%s: far-left values are not flushed to zero (E[softplus(z)], z ~ N(−30, 1) ≈ e^{−29.5})', async (backend) => {
    const want = Math.exp(-30 + 0.5);
    const r = await estimate(sp(z), [draw('z', normal(-30, 1))], {}, { samples: 2 ** 18, seed: 9, backend });
    expect(Math.abs(r.mean - want)).toBeLessThan(6 * r.stderr + 1e-3 * want);
  });
});
