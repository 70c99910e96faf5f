// Law: on random expressions, a multiprecision enclosure and the double
// evaluation with its error bound never contradict each other, and a claim
// e = e' where e' is e rewritten (or e itself) is never refuted by the new
// certificates (interval sub-boxes, 70-digit points, Sturm).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { add, div, mul, num, sub, sym } from '../../src/expr/build.js';
import { decide, evalWithBound } from '../../src/algebra/index.js';
import { mpEval } from '../../src/algebra/mp.js';
import { exactOf } from '../../src/algebra/round.js';
import { elementaryExpr, rationalExpr, SYMBOLS } from './arbitrary.js';

type S = never;
const point = fc.tuple(...SYMBOLS.map(() => fc.integer({ min: -4096, max: 4096 }).map((k) => k / 1024)));

describe('multiprecision against doubles', () => {
  it('where doubles give a value with a tight bound, the 70-digit enclosure lies within that bound of it', () => {
    fc.assert(
      fc.property(elementaryExpr, point, (e: Node, xs) => {
        const env = Object.fromEntries(SYMBOLS.map((n, i) => [n, xs[i]]));
        const d = evalWithBound(e, env);
        if (!Number.isFinite(d.value) || !Number.isFinite(d.bound) || d.bound > 1e-6 * Math.max(1, Math.abs(d.value))) return;
        const m = mpEval(e, Object.fromEntries(SYMBOLS.map((n, i) => [n, exactOf(xs[i])])));
        if (!m) return; // undefined or too close to a singularity to enclose: no claim either way
        const slack = 8 * d.bound + 1e-300;
        expect(m.lo.toNumber()).toBeLessThanOrEqual(d.value + slack);
        expect(m.hi.toNumber()).toBeGreaterThanOrEqual(d.value - slack);
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});

describe('no false refutation from the new certificates', () => {
  const domains = fc.constantFrom<Map<string, { lo?: { n: bigint; d: bigint }; hi?: { n: bigint; d: bigint }; loOpen: boolean; hiOpen: boolean }>>(
    new Map(),
    new Map(SYMBOLS.map((n) => [n, { lo: { n: 0n, d: 1n }, loOpen: true, hiOpen: true }])),
    new Map(SYMBOLS.map((n) => [n, { lo: { n: 0n, d: 1n }, hi: { n: 1n, d: 1n }, loOpen: true, hiOpen: true }])),
  );

  it('e = e + (y − y)·k and e = e·(x² + 1)/(x² + 1) are never refuted, elementary or rational', () => {
    fc.assert(
      fc.property(fc.oneof(elementaryExpr, rationalExpr), domains, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 20 }), (e: Node, d, how, seed) => {
        const x2 = add(mul(sym('x'), sym('x')) as S, num(1) as S);
        const rewritten = how === 0 ? add(e as S, mul(sub(sym('y'), sym('y')) as S, num(3) as S) as S) : mul(e as S, div(x2 as S, x2 as S) as S);
        const v = decide(e, '=', rewritten, d as never, { seed, points: 20 });
        expect(v.verdict, JSON.stringify(v.verdict === 'refuted' ? v.evidence[0] : v.verdict)).not.toBe('refuted');
      }),
      { seed: 12, numRuns: 120 },
    );
  });

  it('e <= e and e >= e are never refuted', () => {
    fc.assert(
      fc.property(elementaryExpr, domains, (e: Node, d) => {
        expect(decide(e, '<=', e, d as never, { points: 20 }).verdict).not.toBe('refuted');
        expect(decide(e, '>=', e, d as never, { points: 20 }).verdict).not.toBe('refuted');
      }),
      { seed: 13, numRuns: 80 },
    );
  });
});
