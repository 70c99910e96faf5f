// The stream layout (src/mc/layout.ts): sample i under a seed is the same draw
// on every backend and every dispatch shape. The generated kernels are held
// to `referenceDraws`, the layout written plainly.
import { describe, expect, it } from 'vitest';
import { compileExpectation, layoutOf, referenceDraws, sampleValues, type Tuning } from '../../src/mc/index.js';
import { getGpu, shaderWarnings } from '../../src/mc/gpu.js';
import { groupsPerThreadFor } from '../../src/mc/webgpu.js';
import type { Binding, Node } from '../../src/expr/ast.js';
import { add, draw, exp, logitNormal, mul, norm2, normal, sub, sum, sym, uniform, vec } from '../../src/expr/build.js';
import { BACKENDS, describeWebgpu } from './webgpu-gate.js';

const x = sym('x');
const y = sym('y');
const t = sym('t');
const v = vec('v');
const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));

interface Case {
  name: string;
  integrand: Node;
  random: Binding[];
  gaussians: number;
  uniforms: number;
  /** The integrand from the standard draws of one sample. */
  ref(g: number[], u: number[]): number;
}

// Weights that make each variable's contribution identifiable.
const CASES: Case[] = [
  {
    name: 'one Gaussian (two units per Philox call)',
    integrand: x,
    random: [draw('x', normal(1, 4))],
    gaussians: 1,
    uniforms: 0,
    ref: (g) => 1 + 2 * g[0],
  },
  {
    name: 'one uniform',
    integrand: t,
    random: [draw('t', uniform(-1, 3))],
    gaussians: 0,
    uniforms: 1,
    ref: (_g, u) => -1 + 4 * u[0],
  },
  {
    name: 'a Gaussian and a uniform (one call per unit)',
    integrand: add(x, mul(10, t)),
    random: [draw('t', uniform(0, 1)), draw('x', normal(0, 1))],
    gaussians: 1,
    uniforms: 1,
    ref: (g, u) => g[0] + 10 * u[0],
  },
  {
    name: 'three scalars (two calls per unit)',
    integrand: add(x, mul(3, y), mul(100, t)),
    random: [draw('x', normal(0, 1)), draw('t', logitNormal(0.5, 2)), draw('y', normal(-1, 0.25))],
    gaussians: 3,
    uniforms: 0,
    ref: (g) => g[0] + 3 * (-1 + 0.5 * g[2]) + 100 * sigmoid(0.5 + 2 * g[1]),
  },
  {
    name: 'a vector of dimension 3 and a uniform',
    integrand: add(sum(mul(v, exp(mul(0.1, v)))), mul(7, norm2(sub(v, 1))), t),
    random: [draw('v', normal(0.5, 2, 3)), draw('t', uniform(0, 1))],
    gaussians: 3,
    uniforms: 1,
    ref: (g, u) => {
      const c = g.map((z) => 0.5 + Math.SQRT2 * z);
      return c.reduce((s, ci) => s + ci * Math.exp(0.1 * ci) + 7 * (ci - 1) ** 2, 0) + u[0];
    },
  },
];

function close(a: ArrayLike<number>, b: ArrayLike<number>, rel: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const tol = rel * Math.max(1, Math.abs(b[i]));
    if (!(Math.abs(a[i] - b[i]) <= tol)) {
      throw new Error(`sample ${i}: ${a[i]} vs ${b[i]} (tolerance ${tol})`);
    }
  }
}

const reference = (c: Case, seed: number, stream: number, first: number, count: number): number[] => {
  const L = layoutOf(c.gaussians, c.uniforms);
  return Array.from({ length: count }, (_, k) => {
    const d = referenceDraws(L, seed, stream, first + k);
    return c.ref(d.gaussians, d.uniforms);
  });
};

describe('the draws of sample i are those of the layout (referenceDraws)', () => {
  for (const c of CASES) {
    for (const backend of BACKENDS) {
      // f32 on the device: agreement to single-precision rounding.
      const rel = backend === 'cpu' ? 1e-12 : 2e-5;
      it(`${c.name}, ${backend}: samples 0…99`, async () => {
        const got = await sampleValues(c.integrand, c.random, {}, { first: 0, count: 100, seed: 12345, backend });
        close(got, reference(c, 12345, 0, 0, 100), rel);
      });
      it(`${c.name}, ${backend}: samples past 2^34 (group index above 2^32), stream 3, seed above 2^32`, async () => {
        const first = 2 ** 34 + 5;
        const seed = 2 ** 40 + 17;
        const got = await sampleValues(c.integrand, c.random, {}, { first, count: 37, seed, stream: 3, backend });
        close(got, reference(c, seed, 3, first, 37), rel);
      });
    }
  }

  it('a different stream or seed gives different draws', () => {
    const L = layoutOf(1, 0);
    const a = referenceDraws(L, 1, 0, 10).gaussians[0];
    expect(referenceDraws(L, 1, 1, 10).gaussians[0]).not.toBe(a);
    expect(referenceDraws(L, 2, 0, 10).gaussians[0]).not.toBe(a);
  });

  it('the two samples of a unit are the cosine and sine of one Box–Muller pair', () => {
    const L = layoutOf(1, 0);
    const a = referenceDraws(L, 9, 0, 6).gaussians[0];
    const b = referenceDraws(L, 9, 0, 7).gaussians[0];
    const c = referenceDraws(L, 9, 0, 8).gaussians[0];
    // Same radius for 6 and 7 (one pair); 8 starts a new pair.
    const r2 = a * a + b * b;
    expect(r2).toBeGreaterThan(0);
    expect(Math.abs(r2 - (c * c + referenceDraws(L, 9, 0, 9).gaussians[0] ** 2))).toBeGreaterThan(1e-9);
  });
});

describe('an estimate does not depend on the dispatch shape', () => {
  const integrand = add(mul(x, x), t);
  const random = [draw('x', normal(0.3, 2)), draw('t', uniform(0, 1))];
  const samples = 300_001; // not a multiple of any group, unit, thread or workgroup size

  it('cpu: main thread vs two workers', async () => {
    const one = await compileExpectation(integrand, random, [], 'cpu', { cpu: { threads: 1, inlineBelow: Infinity } });
    const two = await compileExpectation(integrand, random, [], 'cpu', { cpu: { threads: 2, inlineBelow: 0 } });
    const a = await one.run({}, { samples, seed: 5 });
    const b = await two.run({}, { samples, seed: 5 });
    const c = await one.run({}, { samples, seed: 6 });
    expect(b.mean).toBeCloseTo(a.mean, 12);
    expect(b.variance).toBeCloseTo(a.variance, 10);
    // Teeth: other samples (another seed) give a mean that differs by about a standard error.
    expect(Math.abs(c.mean - a.mean)).toBeGreaterThan(1e-4 * a.stderr);
  });

  describeWebgpu('webgpu', () => {
    it('workgroups of 8 to 256 threads, 1 to 64 groups per thread, one or many dispatches, every reduction', async () => {
      const gpu = await getGpu();
      const shapes: Array<NonNullable<Tuning['gpu']>> = [
        { workgroupSize: 32, groupsPerThread: 1, reduction: 'tree' },
        { workgroupSize: 128, groupsPerThread: 16, reduction: 'serial' },
        { workgroupSize: 256, groupsPerThread: 64, reduction: 'tree' },
        { workgroupSize: 64, groupsPerThread: 4, maxSamplesPerDispatch: 10_000, reduction: 'serial' },
        // The per-run count: 300 001 samples leave 75 001 groups, so at most
        // 75 001 / (128 · 64) → 9 groups per thread instead of 128.
        { workgroupSize: 128, groupsPerThread: 128, minWorkgroups: 64, reduction: 'serial' },
      ];
      if (gpu?.subgroups) {
        shapes.push({ workgroupSize: 128, groupsPerThread: 8, reduction: 'subgroup', subgroupSize: undefined });
        const fixed = gpu.subgroups.min === gpu.subgroups.max ? gpu.subgroups.min : undefined;
        if (fixed) shapes.push({ workgroupSize: fixed, groupsPerThread: 8, reduction: 'subgroup', subgroupSize: fixed });
      }
      const results = [];
      for (const gpu of shapes) {
        const est = await compileExpectation(integrand, random, [], 'webgpu', { gpu });
        results.push(await est.run({}, { samples, seed: 5 }));
        est.dispose();
      }
      const cpu = await compileExpectation(integrand, random, [], 'cpu');
      const ref = await cpu.run({}, { samples, seed: 5 });
      for (const r of results) {
        expect(r.samples).toBe(samples);
        expect(r.nonFinite).toBe(0);
        // f32 accumulation: far below one standard error (~4e-3 here).
        expect(Math.abs(r.mean - ref.mean)).toBeLessThan(1e-3 * ref.stderr);
        expect(Math.abs(r.variance - ref.variance) / ref.variance).toBeLessThan(1e-4);
      }
    });

    it('the dumped samples agree whatever the shape', async () => {
      const a = await sampleValues(integrand, random, {}, { first: 1000, count: 5000, seed: 3, backend: 'webgpu' }, { gpu: { workgroupSize: 32, groupsPerThread: 1 } });
      const b = await sampleValues(integrand, random, {}, { first: 1000, count: 5000, seed: 3, backend: 'webgpu' }, { gpu: { workgroupSize: 256, groupsPerThread: 32 } });
      expect(Array.from(a)).toEqual(Array.from(b));
    });
  });
});

describe('groups per thread of a run (groupsPerThreadFor)', () => {
  const shape = { workgroupSize: 128, groupsPerThread: 128, reduction: 'serial' as const, maxSamplesPerDispatch: 1 << 26 };
  it('is the shape\'s count for large runs and when no minimum is set', () => {
    expect(groupsPerThreadFor({ ...shape, minWorkgroups: 64 }, 1e9)).toBe(128);
    expect(groupsPerThreadFor(shape, 10)).toBe(128);
    expect(groupsPerThreadFor({ ...shape, minWorkgroups: 0 }, 10)).toBe(128);
  });
  it('shrinks so a small run still has the minimum number of workgroups, and never below 1', () => {
    for (const groups of [1, 100, 8191, 8192, 8193, 75_001, 1 << 20]) {
      const k = groupsPerThreadFor({ ...shape, minWorkgroups: 64 }, groups);
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(128);
      if (k > 1) expect(Math.ceil(groups / (128 * k))).toBeGreaterThanOrEqual(64);
    }
  });
});

describeWebgpu('the generated WGSL', () => {
  // Runs after the tests above (a file's tests run in order): every shader
  // they compiled, in every shape. dawn.node prints warnings to stdout.
  it('compiled without a warning', () => {
    expect(shaderWarnings()).toEqual([]);
  });
});
