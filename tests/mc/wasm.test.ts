// The cpu backend's WebAssembly kernel against the JS kernel, its reference:
// the same Philox words, the same draws and the same integrand value for
// every sample (to rounding: 1e-12 relative, non-finite where and as the JS
// value is), and the same reduced moments; and the JS kernel takes over when
// asked to.
import { describe, expect, it } from 'vitest';
import { BENCH_CASES } from '../../scripts/mc-bench-cases.js';
import { compileExpectation, estimate, philox4x32, sampleValues } from '../../src/mc/index.js';
import { wasmPhilox } from '../../src/mc/wasm/kernel.js';
import { wasmSimdSupported } from '../../src/mc/wasm/api.js';
import type { Binding, Node } from '../../src/expr/ast.js';
import {
  abs, add, cos, div, dot, draw, exp, log, logit, logitNormal, max, min, mul, neg, norm2, normal, pow, sech, sigmoid, sin, sqrt, sub,
  sum, sym, tan, tanh, uniform, vec,
} from '../../src/expr/build.js';

const KATS = [
  [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
  [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
  [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
] as const;

const WASM = { cpu: { wasm: true } };
const JS = { cpu: { wasm: false } };

const [x, y, t, s, q] = ['x', 'y', 't', 's', 'q'].map(sym);
const [v, w] = ['v', 'w'].map(vec);

/** Integrand values of both kernels at the same samples. */
async function bothKernels(f: Node, random: Binding[], params: Record<string, number>, first = 3, count = 2001, seed = 17): Promise<[Float64Array, Float64Array]> {
  const opts = { first, count, seed, stream: 5, backend: 'cpu' as const };
  return [await sampleValues(f, random, params, opts, WASM), await sampleValues(f, random, params, opts, JS)];
}

/** Sample by sample: within 1e-12 relative, or non-finite exactly as the JS value is. */
function expectSameValues(wv: Float64Array, jv: Float64Array): void {
  expect(wv.length).toBe(jv.length);
  for (let i = 0; i < jv.length; i++) {
    const a = wv[i];
    const b = jv[i];
    const ok = Number.isFinite(b) ? Math.abs(a - b) <= 1e-12 * Math.abs(b) : Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
    if (!ok) expect.fail(`sample ${i}: wasm ${a}, JS ${b}`);
  }
}

describe('Philox4x32-10 (wasm SIMD rounds)', () => {
  it.each(KATS.map((k, i) => [i, k] as const))('matches Random123 known-answer vector %i', (_i, [c, k, want]) => {
    const [got] = wasmPhilox([[c[0], c[1], c[2], c[3], k[0], k[1]]]);
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('agrees with the JS Philox on 64 pseudo-random counters and keys', () => {
    let st = 0x2545f491;
    const next = (): number => (st = (Math.imul(st, 1664525) + 1013904223) >>> 0);
    const inputs = Array.from({ length: 64 }, () => [next(), next(), next(), next(), next(), next()] as const);
    wasmPhilox(inputs).forEach((got, i) => expect(Array.from(got)).toEqual(Array.from(philox4x32(...inputs[i]))));
  });
});

describe('the wasm kernel is the cpu default where the runtime has wasm SIMD', () => {
  it('node ≥ 20 has wasm SIMD, and the cpu adapter says which kernel runs', async () => {
    expect(wasmSimdSupported()).toBe(true);
    const a = await compileExpectation(x, [draw('x', normal(0, 1))], [], 'cpu');
    const b = await compileExpectation(x, [draw('x', normal(0, 1))], [], 'cpu', JS);
    expect(a.adapter).toMatch(/^wasm SIMD float64, \d+ threads?$/);
    expect(b.adapter).toMatch(/^JS float64, \d+ threads?$/);
    a.dispose();
    b.dispose();
  });
});

/** Integrands by what they exercise: [name, integrand, bindings, parameters]. */
const CASES: Array<[string, Node, Binding[], Record<string, number>]> = [
  ...BENCH_CASES.map((c) => [`bench ${c.id}: ${c.name}`, c.f, c.random, c.params] as [string, Node, Binding[], Record<string, number>]),
  ['uniform U(a, b) with parameters', mul(t, add(t, 1)), [draw('t', uniform(sym('a'), sym('b')))], { a: -2, b: 3 }],
  ['LogitNormal(m, s)', mul(x, sub(1, x)), [draw('x', logitNormal(0.3, 1.7))], {}],
  ['N(0, 1, d): norm2', norm2(v), [draw('v', normal(0, 1, 3))], {}],
  ['N(m, v, d) × 2: dot, sum, norm2 of a difference', add(dot(v, w), sum(exp(v)), norm2(sub(v, mul(2, w)))),
    [draw('v', normal(0.5, 2, 5)), draw('w', normal(-1, 0.5, 5))], {}],
  ['a reduction inside a reduction (hoisted): norm2(sum(v)·w)', norm2(mul(sum(v), w)), [draw('v', normal(0, 1, 4)), draw('w', normal(0, 1, 4))], {}],
  ['mixed bindings: N, U, N(·, ·, d), LogitNormal (3 Philox calls a group)', add(mul(x, t), sum(v), y),
    [draw('x', normal(1, 2)), draw('t', uniform(0, 1)), draw('v', normal(0, 1, 2)), draw('y', logitNormal(0, 1))], {}],
  ['three scalar bindings (2 Philox calls a group)', mul(x, y, t), [draw('x', normal(0, 1)), draw('y', normal(2, 1)), draw('t', uniform(0, 1))], {}],
  ['two scalar bindings (one call, one unit a group)', div(x, y), [draw('x', normal(0, 1)), draw('y', normal(0, 1))], {}],
  ['exp, including overflow to ∞ (counted) and underflow to 0', add(exp(x), min(exp(mul(800, x)), 1), mul(1e-300, exp(mul(800, x)))),
    [draw('x', normal(0, 1))], {}],
  ['log of |x|, of 0 (−∞) and of negatives (NaN)', add(log(abs(x)), log(max(y, 0)), log(y)), [draw('x', normal(0, 1)), draw('y', normal(0, 1))], {}],
  ['log of huge values (≥ 2^1022, past the table)', log(mul(abs(x), sym('big'))), [draw('x', normal(0, 1))], { big: 1e308 }],
  ['sqrt (NaN below 0), abs, neg', add(sqrt(x), abs(x), neg(x)), [draw('x', normal(0, 1))], {}],
  ['min and max: NaN in, NaN out', add(min(sqrt(x), 1), max(sqrt(x), 1), min(x, y), max(x, y)), [draw('x', normal(0, 1)), draw('y', normal(0, 1))], {}],
  ['sigmoid, logit, sech', add(sigmoid(mul(3, x)), logit(t), sech(mul(2, x))), [draw('x', normal(0, 1)), draw('t', uniform(0, 1))], {}],
  ['logit outside (0, 1): NaN', logit(x), [draw('x', normal(0.5, 1))], {}],
  ['integer powers: x³, x⁻², x⁰, x^(3/2)', add(pow(x, 3), pow(x, -2), pow(x, 0), pow(t, div(3, 2))), [draw('x', normal(0, 1)), draw('t', uniform(0, 2))], {}],
  ['x^y for a non-integer exponent (per lane, through an import)', pow(t, q), [draw('t', uniform(-0.5, 2))], { q: 0.7 }],
  ['sin, cos, tan, tanh (per lane, through imports)', add(sin(x), cos(x), tan(x), tanh(mul(3, x))), [draw('x', normal(0, 2))], {}],
  ['division by random values', div(add(x, 1), mul(x, y)), [draw('x', normal(0, 1)), draw('y', uniform(0, 1))], {}],
];

describe('wasm and JS kernels: the same integrand value at every sample', () => {
  it.each(CASES)('%s', async (_name, f, random, params) => {
    const [wv, jv] = await bothKernels(f, random, params);
    expectSameValues(wv, jv);
    // Teeth: another seed gives other values.
    const [other] = await bothKernels(f, random, params, 3, 2001, 18);
    expect(other.some((a, i) => Number.isFinite(a) && a !== wv[i])).toBe(true);
  });

  it('at any first sample and count (unaligned to groups, blocks and dump chunks)', async () => {
    const f = add(mul(x, y), t);
    const random = [draw('x', normal(0, 1)), draw('y', normal(1, 2)), draw('t', uniform(0, 1))];
    for (const [first, count] of [[0, 1], [1, 2], [7, 13], [4095, 4099], [2 ** 40 + 5, 77]]) {
      const [wv, jv] = await bothKernels(f, random, {}, first, count, 99);
      expectSameValues(wv, jv);
    }
  });
});

describe('wasm and JS kernels: the same reduced moments', () => {
  const runBoth = async (f: Node, random: Binding[], params: Record<string, number>, samples: number, cpu: object) => {
    const opts = { samples, seed: 42, stream: 3, backend: 'cpu' as const };
    const a = await estimate(f, random, params, opts, { cpu: { ...cpu, wasm: true } });
    const b = await estimate(f, random, params, opts, { cpu: { ...cpu, wasm: false } });
    return [a, b] as const;
  };

  it.each(CASES)('%s', async (_name, f, random, params) => {
    for (const cpu of [{ threads: 1 }, { threads: 2, inlineBelow: 0 }]) {
      const [a, b] = await runBoth(f, random, params, 100_003, cpu);
      expect(a.nonFinite).toBe(b.nonFinite);
      if (b.samples - b.nonFinite === 0) {
        expect(a.mean).toBeNaN();
        continue;
      }
      expect(Math.abs(a.mean - b.mean)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(b.mean), Math.sqrt(b.variance)));
      expect(Math.abs(a.variance - b.variance)).toBeLessThanOrEqual(1e-10 * b.variance);
    }
  });

  it('non-finite samples: log(max(x, 0)) is −∞ for x ≤ 0, counted, not averaged', async () => {
    const [a, b] = await runBoth(log(max(x, 0)), [draw('x', normal(0, 1))], {}, 50_001, { threads: 1 });
    expect(a.nonFinite).toBe(b.nonFinite);
    expect(Math.abs(a.nonFinite - 25_000)).toBeLessThan(5 * Math.sqrt(12_500));
    expect(a.mean).toBeCloseTo(b.mean, 12);
  });

  it('a large mean and a small spread: the variance of the values to 1e-5 of a two-pass computation (shifted sums)', async () => {
    const f = add(1e9, mul(1e-3, x));
    const random = [draw('x', normal(0, 1))];
    const n = 400_000;
    const [a, b] = await runBoth(f, random, {}, n, { threads: 2, inlineBelow: 0 });
    const vals = await sampleValues(f, random, {}, { first: 0, count: n, seed: 42, stream: 3, backend: 'cpu' }, JS);
    const mean = vals.reduce((acc, z) => acc + z, 0) / n;
    const variance = vals.reduce((acc, z) => acc + (z - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(a.variance / variance - 1)).toBeLessThan(1e-5);
    expect(Math.abs(b.variance / variance - 1)).toBeLessThan(1e-5);
    expect(Math.abs(a.mean - mean)).toBeLessThan(1e-12 * mean);
  });
});
