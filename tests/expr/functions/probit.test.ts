// probit = Φ⁻¹ (AS 241): accurate to a few ulps against a 400-digit Φ from
// 1e-300 to 1 − 2^-53, its enclosure sound (Φ(lo) ≤ p ≤ Φ(hi)), monotone,
// odd about ½ in the algebra, with derivative 1/φ(Φ⁻¹(p)), and computed alike
// by float evaluation, the JS and wasm kernels (bit for bit) and WGSL in f32.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fnNamed } from '../../../src/expr/functions/index.js';
import { PROBIT_WIDEN } from '../../../src/expr/functions/probit.js';
import * as IV from '../../../src/algebra/iv.js';
import { iv } from '../../../src/algebra/iv.js';
import { exactOf, nextDown, nextUp, widenDown } from '../../../src/algebra/round.js';
import type { Scalar } from '../../../src/expr/ast.js';
import { type ScalarLike, add, apply, draw, exp, mul, neg, num, pi, pow, sigmoid, sqrt, sub, sym, uniform } from '../../../src/expr/build.js';
import { decide } from '../../../src/algebra/decide.js';
import { derivative } from '../../../src/expr/derivative.js';
import { parse } from '../../../src/expr/parse.js';
import { estimate, sampleValues } from '../../../src/mc/index.js';
import { jsKernelFunction } from '../../../src/mc/js.js';
import { interval } from '../../../src/expr/domain.js';
import { BACKENDS } from '../../mc/webgpu-gate.js';

const f = fnNamed('probit');
const probit = (p: number): number => f.float([p]);
const pr = (a: ScalarLike): Scalar => apply('probit', a);
const P = sym('p');
const UNIT = new Map([['p', interval(0, 1)]]);

const Dx = Decimal.clone({ precision: 400 });

/** The exact value of a double (Decimal(0.4999) would be the decimal 0.4999, not the double nearest it). */
function exactly(x: number): Decimal {
  const r = exactOf(x);
  return new Dx(r.n.toString()).div(r.d.toString());
}

/** Φ(z) at 400 digits: ½ + φ(z)·Σ z^{2n+1}/(2n+1)!! (the terms are positive for z > 0; z < 0 cancels at most 330 digits). */
function Phi(z: number): Decimal {
  const x = exactly(z);
  const x2 = x.mul(x);
  let term = x;
  let sum = x;
  for (let n = 1; ; n++) {
    term = term.mul(x2).div(2 * n + 1);
    sum = sum.add(term);
    if (term.abs().lt('1e-420') && n > x2.toNumber()) break;
  }
  const phi = Dx.exp(x2.div(-2)).div(Dx.sqrt(Dx.acos(-1).mul(2)));
  return phi.mul(sum).add(0.5);
}

/** Arguments from the far tail to the centre and back: the three branches and their seams. */
const POINTS = [
  1e-300, 1e-100, 1e-30, 1e-12, Math.exp(-25), nextDown(Math.exp(-25)), nextUp(Math.exp(-25)), 1e-8, 1e-5, 0.001, 0.02425,
  0.075, nextUp(0.075), nextDown(0.075), 0.2, 0.4999, 0.5 - 1e-12, 0.5 + 2 ** -40, 0.6, 0.9, 0.925, nextUp(0.925), 0.975, 0.999,
  1 - 1e-10, 1 - 2 ** -53,
];

/** 48 more, drawn: uniform, log-uniform down to 1e-300, and 1 − log-uniform down to 1e-15. */
const DRAWN = (() => {
  let st = 2024;
  const r = (): number => (st = (Math.imul(st, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: 48 }, (_, i) => (i % 3 === 0 ? r() : i % 3 === 1 ? 10 ** (-300 * r()) : 1 - 10 ** (-15 * r()))).filter((p) => p > 0 && p < 1);
})();

describe('probit is accurate and its enclosure is sound', () => {
  it('known quantiles: Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.5) = 0, Φ⁻¹(1e-10) = −6.361340902404056', () => {
    expect(Math.abs(probit(0.975) - 1.959963984540054)).toBeLessThanOrEqual(4.5e-16);
    expect(probit(0.5)).toBe(0);
    expect(Math.abs(probit(1e-10) + 6.361340902404056)).toBeLessThanOrEqual(2e-15);
  });

  it.each([...POINTS, ...DRAWN])('p = %s: within PROBIT_WIDEN/2 ulps of Φ⁻¹(p), and Φ(lo) ≤ p ≤ Φ(hi) for the enclosure', (p) => {
    const z = probit(p);
    const pd = exactly(p);
    // Error in z to first order: (Φ(z) − p)/φ(z).
    const phiZ = Dx.exp(exactly(z).pow(2).div(-2)).div(Dx.sqrt(Dx.acos(-1).mul(2)));
    const err = Phi(z).sub(pd).div(phiZ).abs().toNumber();
    const ulp = nextUp(Math.abs(z)) - Math.abs(z);
    expect(err / ulp, `probit(${p}) = ${z}`).toBeLessThanOrEqual(PROBIT_WIDEN / 2);
    const e = f.interval([iv(p, p)], IV);
    expect(e.lo).toBeLessThanOrEqual(widenDown(z, PROBIT_WIDEN));
    expect(Phi(e.lo).lte(pd) && Phi(e.hi).gte(pd), `[${e.lo}, ${e.hi}]`).toBe(true);
  });

  it('is monotone across 20000 arguments, and to an ulp across the seams of its branches', () => {
    let prev = -Infinity;
    for (let i = 1; i < 20000; i++) {
      const p = i / 20000;
      const z = probit(p);
      expect(z).toBeGreaterThan(prev);
      prev = z;
    }
    // At the seams (|q| = 0.425, r = 5) two rational approximations meet: a step back of an ulp is
    // possible there (the enclosure is still sound: it is widened by PROBIT_WIDEN ulps).
    for (const s of [0.075, 0.925, Math.exp(-25), 1 - Math.exp(-25)]) {
      let a = s;
      for (let k = 0; k < 20; k++) a = nextDown(a);
      let last = probit(a);
      for (let k = 0; k < 40; k++) {
        a = nextUp(a);
        const z = probit(a);
        expect(z).toBeGreaterThanOrEqual(last - 2 * (nextUp(Math.abs(last)) - Math.abs(last)));
        last = Math.max(last, z);
      }
    }
  });

  it('is exactly odd about ½: probit(1 − p) = −probit(p) where 1 − p is exact (p ≥ ½)', () => {
    for (const p of [0.5 + 2 ** -30, 0.55, 0.7, 0.925, 0.99, 1 - 1e-10, 1 - 2 ** -53]) expect(probit(1 - p)).toBe(-probit(p));
  });

  it('ends and outside: probit 0 = −∞, probit 1 = +∞, NaN outside [0, 1] and for NaN', () => {
    expect(probit(0)).toBe(-Infinity);
    expect(probit(1)).toBe(Infinity);
    for (const p of [-1e-300, 1 + 2 ** -52, 2, NaN, -Infinity, Infinity]) expect(probit(p)).toBeNaN();
  });

  it('encloses over boxes: the part inside (0, 1), open and infinite at its ends', () => {
    const whole = f.interval([iv(-1, 2)], IV);
    expect([whole.lo, whole.hi, whole.loOpen, whole.hiOpen]).toEqual([-Infinity, Infinity, true, true]);
    const right = f.interval([iv(0.5, 1, false, false)], IV);
    expect(right.lo).toBeLessThanOrEqual(0);
    expect(right.hi).toBe(Infinity);
    expect(f.interval([iv(2, 3)], IV)).toEqual(IV.EMPTY);
    const mid = f.interval([iv(0.2, 0.3)], IV);
    expect(mid.lo).toBeLessThanOrEqual(probit(0.2));
    expect(mid.hi).toBeGreaterThanOrEqual(probit(0.3));
    expect(mid.hi - mid.lo).toBeLessThan(probit(0.3) - probit(0.2) + 1e-14);
  });

  it('its error bound covers a perturbation near the ends, where the slope is steep', () => {
    for (const p of [1e-12, 1e-6, 0.3, 0.999999]) {
      const d = p * 1e-7;
      const moved = probit(p + d);
      const b = f.bound(probit(p), [{ value: p, bound: d }]);
      expect(Math.abs(moved - probit(p))).toBeLessThanOrEqual(b);
      expect(b).toBeLessThan(100 * Math.abs(moved - probit(p)) + 1e-12);
    }
    expect(f.bound(probit(0.5), [{ value: 0.5, bound: 0.6 }])).toBe(Infinity);
  });
});

describe('probit in the algebra', () => {
  it('probit(1 − p) = −probit(p) is proved; probit(1/2) = 0 is proved', () => {
    expect(decide(pr(sub(1, P)), '=', neg(pr(P)), UNIT).verdict).toBe('proved');
    expect(decide(pr(num('1/2')), '=', num(0), new Map()).verdict).toBe('proved');
    expect(decide(add(pr(P), pr(sub(1, P))), '=', num(0), UNIT).verdict).toBe('proved');
  });

  it('probit(p) = probit(1 − p) is refuted on (0, 1); probit(sigmoid(x)) = x is refuted', () => {
    expect(decide(pr(P), '=', pr(sub(1, P)), UNIT).verdict).toBe('refuted');
    expect(decide(pr(sigmoid(sym('x'))), '=', sym('x'), new Map()).verdict).toBe('refuted');
  });

  it('probit(p) < 0 on (0, 1/2) is proved or verified, and probit(p) ≥ 0 there is refuted', () => {
    const low = new Map([['p', interval(0, 0.5)]]);
    expect(['proved', 'verified']).toContain(decide(pr(P), '<=', num(0), low).verdict);
    expect(decide(pr(P), '>=', num(0), low).verdict).toBe('refuted');
  });

  it('its derivative is √(2π) e^{probit(p)²/2}, proved against the written form', () => {
    const d = derivative(pr(mul(P, P)), 'p');
    const want = mul(2, P, sqrt(mul(2, pi)), exp(mul(num('1/2'), pow(pr(mul(P, P)), 2))));
    expect(decide(d as Scalar, '=', want, UNIT).verdict).toBe('proved');
  });

  it('parses, prints and refuses two arguments', () => {
    expect(parse('probit(t)')).toEqual(pr(sym('t')));
    expect(() => parse('probit(t, 1)')).toThrow(/probit takes 1 argument/);
  });
});

describe('probit in the Monte Carlo kernels', () => {
  const u = sym('u');

  it('the wasm kernel gives the JS kernel\'s doubles, bit for bit, and they are the float values', async () => {
    const opts = { first: 0, count: 4096, seed: 4, backend: 'cpu' as const };
    const random = [draw('u', uniform(0, 1))];
    const w = await sampleValues(pr(u), random, {}, opts, { cpu: { wasm: true } });
    const j = await sampleValues(pr(u), random, {}, opts, { cpu: { wasm: false } });
    expect(Array.from(w)).toEqual(Array.from(j));
    const k = jsKernelFunction('probit');
    for (const p of POINTS) expect(k(p)).toBe(probit(p));
  });

  it.each(BACKENDS)('%s: probit of a uniform is standard normal (E[z] = 0, E[z²] = 1, E[z⁴] = 3)', async (backend) => {
    const random = [draw('u', uniform(0, 1))];
    for (const [body, want] of [[pr(u), 0], [pow(pr(u), 2), 1], [pow(pr(u), 4), 3]] as const) {
      const r = await estimate(body, random, {}, { samples: 2 ** 20, seed: 11, backend });
      expect(Math.abs(r.mean - want), `${backend}: ${r.mean} ± ${r.stderr}`).toBeLessThan(6 * r.stderr);
    }
  });
});
