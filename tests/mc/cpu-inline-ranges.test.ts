// Law: running a cpu run's ranges one after another on the calling thread
// (setInlineRanges, as check's worker threads do) gives the same result, to
// the bit, as running them on the worker threads: the same ranges, the same
// merge. Checked on both kernels (wasm SIMD and JS), on integrands with
// heavy values, non-finite values, vectors, and on run sizes that split
// unevenly (a last range shorter than the others, fewer groups than threads).
import { afterAll, describe, expect, it } from 'vitest';
import { abs, add, div, draw, exp, mul, norm2, normal, pow, sym, uniform, vec } from '../../src/expr/build.js';
import { compileExpectation } from '../../src/mc/index.js';
import { cpuPoolThreads, setInlineRanges, shutdownCpu } from '../../src/mc/cpu.js';
import type { Binding, Node } from '../../src/expr/ast.js';

afterAll(async () => {
  setInlineRanges(false);
  await shutdownCpu();
});

const [x, t] = ['x', 't'].map(sym);
const CASES: { name: string; f: Node; random: Binding[]; params: Record<string, number> }[] = [
  { name: 'x², x ~ N(0.5, 2)', f: pow(x, 2), random: [draw('x', normal(0.5, 2))], params: {} },
  { name: 'exp(3|x|) (heavy right tail)', f: exp(mul(3, abs(x))), random: [draw('x', normal(0, 1))], params: {} },
  { name: '1/x (non-finite near 0, heavy both ways)', f: div(1, x), random: [draw('x', normal(0, 1))], params: {} },
  { name: '‖v‖² + t, v ~ N(0, I_3), t ~ U(0, 1)', f: add(norm2(vec('v')), t), random: [draw('v', normal(0, 1, 3)), draw('t', uniform(0, 1))], params: {} },
];

describe('inline ranges give the threaded result to the bit', () => {
  for (const wasm of [true, false]) {
    for (const c of CASES) {
      it.each([2 ** 18, 2 ** 18 + 4096, 2 ** 20, 2 ** 20 + 12])(`${c.name}, ${wasm ? 'wasm' : 'JS'} kernel, %i samples`, async (samples) => {
        const est = await compileExpectation(c.f, c.random, [], 'cpu', { cpu: { wasm, threads: 2, inlineBelow: 1 } });
        try {
          await shutdownCpu();
          setInlineRanges(true);
          const inline = await est.run(c.params, { samples, seed: 5, stream: 2 });
          expect(cpuPoolThreads()).toBe(0); // no worker thread was started for it
          setInlineRanges(false);
          const threaded = await est.run(c.params, { samples, seed: 5, stream: 2 });
          expect(cpuPoolThreads()).toBe(2);
          for (const k of ['mean', 'variance', 'stderr', 'samples', 'nonFinite'] as const) expect(Object.is(inline[k], threaded[k]), k).toBe(true);
          expect(inline.adapter).toBe(threaded.adapter);
        } finally {
          setInlineRanges(false);
          est.dispose();
        }
      });
    }
  }
});
