// The wasm SIMD RQMC kernel (src/mc/wasm/rqmc-kernel.ts) computes the JS
// kernel's values (src/mc/rqmc-js.ts): for every kind of random variable
// (normal, uniform, logit-normal, vector normal, up to 40 coordinates) and
// integrand (exp, log, sigmoid, reductions), over ranges that start and end
// anywhere (unaligned ones go to the JS kernel), the count, the sum and the
// non-finite count agree — the sum to 1e-13 relative (the kernels add in
// different orders; the values agree bit for bit on almost every point), and
// the outermost cells, whose sub-cell bits come from Philox, are reached.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/mc/plan.js';
import { deviceSlots, specialize } from '../../src/mc/specialize.js';
import { compileHost } from '../../src/mc/js.js';
import { compileRqmcKernel, rqmcKernelSource, sobolDims } from '../../src/mc/rqmc-js.js';
import { wasmRqmcKernel } from '../../src/mc/wasm/rqmc-kernel.js';
import { wasmSimdSupported } from '../../src/mc/wasm/api.js';
import { scrambleOf } from '../../src/mc/sobol/sobol.js';
import { keyOf } from '../../src/mc/layout.js';
import { add, div, dot, draw, exp, log, logitNormal, mul, norm2, normal, pow, sigmoid, sub, sum, sym, uniform, vec } from '../../src/expr/build.js';
import type { Binding, Node } from '../../src/expr/ast.js';

const [x, y, t, s] = [sym('x'), sym('y'), sym('t'), sym('s')];
const [u, w] = [vec('u'), vec('w')];
const cases: { name: string; f: Node; random: Binding[]; dims?: number[] }[] = [
  { name: 'E[x²], x ~ N(s, 2)', f: pow(x, 2), random: [draw('x', normal(s, 2))] },
  { name: 'E[exp(x)·log(1 + y²)/(1 + t)], normal, normal, uniform', f: div(mul(exp(x), log(add(1, pow(y, 2)))), add(1, t)), random: [draw('x', normal(0, 1)), draw('y', normal(1, 3)), draw('t', uniform(0, 1))] },
  { name: 'E[log(t/(1 − t))], t ~ LogitNormal(s, 2)', f: log(div(t, sub(1, t))), random: [draw('t', logitNormal(s, 2))] },
  { name: 'E[sigmoid(dot(u, w)) + norm2(u − w)], u, w ~ N(0, 1, 20)', f: add(sigmoid(dot(u, w)), norm2(sub(u, w))), random: [draw('u', normal(0, 1, 20)), draw('w', normal(0.5, 2, 20))], dims: [20, 20] },
  { name: 'E[sum(u)⁴], u ~ N(0, 1, 3)', f: pow(sum(u), 4), random: [draw('u', normal(0, 1, 3))], dims: [3] },
  { name: 'E[1/x] (non-finite never; huge values near 0)', f: div(1, x), random: [draw('x', normal(0, 1))] },
];

// Without WebAssembly SIMD the kernel is never used (rqmc.ts runs the JS one): skipped, the reason in the name.
const SIMD = wasmSimdSupported();
describe.skipIf(!SIMD)(`the wasm RQMC kernel computes the JS kernel’s values${SIMD ? '' : ' [skipped: this runtime has no WebAssembly SIMD]'}`, () => {
  for (const c of cases) {
    it(c.name, () => {
      const a = analyze(c.f, c.random, ['s']);
      const slots = deviceSlots(a, compileHost(a)([0.3]));
      const spec = specialize(a, c.dims ?? a.rvs.map(() => 1));
      const js = compileRqmcKernel(rqmcKernelSource(spec));
      const wasm = wasmRqmcKernel(spec, () => js);
      const D = sobolDims(spec);
      for (const [seed, r, i0, i1] of [[1, 0, 0, 2 ** 16], [7, 5, 4096, 4096 + 12345 * 4], [3, 31, 2 ** 31 - 2 ** 12, 2 ** 31 + 2 ** 12], [9, 2, 5, 1003], [2 ** 32 * 5 + 2 ** 31 + 7, 17, 0, 2 ** 15]]) {
        const sc = scrambleOf(seed, 2, r, D);
        const C = new Int32Array(sc.dirs.buffer);
        const E = new Int32Array(sc.shift.buffer);
        const N = new Int32Array(sc.nest.buffer);
        const o1 = new Float64Array(3);
        const o2 = new Float64Array(3);
        // The run's Philox key as rqmc.ts passes it: signed words (the last seed's low word is ≥ 2^31, so negative).
        const [k0, k1] = keyOf(seed);
        js(slots, C, E, N, k0 | 0, k1 | 0, 2, r, i0, i1, o1);
        wasm(slots, C, E, N, k0 | 0, k1 | 0, 2, r, i0, i1, o2);
        expect(o2[0], `count, seed ${seed}`).toBe(o1[0]);
        expect(o2[2], `non-finite, seed ${seed}`).toBe(o1[2]);
        expect(Math.abs(o2[1] - o1[1]), `sum, seed ${seed}: ${o1[1]} vs ${o2[1]}`).toBeLessThanOrEqual(1e-13 * Math.abs(o1[1]) + 1e-300);
      }
    });
  }

  it('the outermost cells: a point set whose uniforms reach below 2^-12 gives the JS kernel’s sum to the last bit', () => {
    // E[t], t ~ U(0, 1) over 2^14 points: about 8 points per randomization in the outermost cells of each end.
    const a = analyze(t, [draw('t', uniform(0, 1))], []);
    const spec = specialize(a, [1]);
    const js = compileRqmcKernel(rqmcKernelSource(spec));
    const wasm = wasmRqmcKernel(spec, () => js);
    const slots = deviceSlots(a, compileHost(a)([]));
    const sc = scrambleOf(4, 0, 1, 1);
    const args = [new Int32Array(sc.dirs.buffer), new Int32Array(sc.shift.buffer), new Int32Array(sc.nest.buffer)] as const;
    const o1 = new Float64Array(3);
    const o2 = new Float64Array(3);
    js(slots, ...args, 4, 5, 0, 1, 0, 2 ** 14, o1);
    wasm(slots, ...args, 4, 5, 0, 1, 0, 2 ** 14, o2);
    expect(o2[1]).toBe(o1[1]);
  });
});
