// Soundness on random expressions: a proof is never wrong, a refutation is
// never of a true identity, and every counterexample replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { add, div, mul, num, pow, rat, sub, sym } from '../../src/expr/build.js';
import { decide, evalWithBound } from '../../src/algebra/index.js';
import { elementaryExpr, SYMBOLS } from './arbitrary-medium.js';
import { valueOf } from './helpers.js';

type S = never;
const domains = fc.constantFrom(
  new Map(),
  new Map(SYMBOLS.map((n) => [n, { lo: { n: 0n, d: 1n }, loOpen: true, hiOpen: true }])),
  new Map(SYMBOLS.map((n) => [n, { lo: { n: 0n, d: 1n }, hi: { n: 1n, d: 1n }, loOpen: true, hiOpen: true }])),
);

/** Where both sides are defined with a useful bound, do they agree (within 8× it)? */
function agreesAt(l: Node, r: Node, p: Record<string, number>): boolean {
  const a = evalWithBound(l, p);
  const b = evalWithBound(r, p);
  const bound = a.bound + b.bound;
  if (![a.value, b.value, bound].every(Number.isFinite) || bound > 1e-6 * Math.max(1, Math.abs(a.value))) return true;
  return Math.abs(a.value - b.value) <= 8 * bound + 1e-12;
}

/** A plausible wrong variant: one symbol renamed, or every literal k replaced by k + 1. */
function mutate(e: Node, how: number): Node {
  if (e.op === 'sym') return how === 0 && e.name === 'x' ? sym('y') : e;
  if (e.op === 'num') return how === 1 ? add(e as S, 1) : e;
  if (!('args' in e)) return e;
  return { ...e, args: e.args.map((a) => mutate(a, how)) } as Node;
}

describe('soundness', () => {
  it('a proof of e = mutant(e) is only ever given when the two agree numerically', () => {
    const points = fc.sample(fc.tuple(...SYMBOLS.map(() => fc.double({ min: 0.01, max: 0.99, noNaN: true }))), { seed: 6, numRuns: 20 });
    fc.assert(
      fc.property(elementaryExpr, fc.integer({ min: 0, max: 1 }), domains, (e: Node, how, d) => {
        const m = mutate(e, how);
        const v = decide(e, '=', m, d, { points: 30 });
        return v.verdict !== 'proved' || points.every((ps) => agreesAt(e, m, Object.fromEntries(SYMBOLS.map((n, i) => [n, ps[i]]))));
      }),
      { seed: 434, numRuns: 10000 },
    );
  });

  it('lhs = lhs + 1/7 is never proved', () => {
    fc.assert(
      fc.property(elementaryExpr, domains, (e: Node, d) => decide(e, '=', add(e as S, rat(1, 7)), d, { points: 30 }).verdict !== 'proved'),
      { seed: 531, numRuns: 10000 },
    );
  });

  it('rewritings that keep the value are never refuted: e·(x² + 1)/(x² + 1), e + (y − y), (e²)·e⁻¹', () => {
    const x = sym('x');
    const y = sym('y');
    const one = add(pow(x, 2), 1);
    const rewrites: ((e: Node) => Node)[] = [
      (e) => div(mul(e as S, one), one),
      (e) => add(e as S, sub(y, y)),
      (e) => mul(pow(e as S, 2), pow(e as S, -1)),
    ];
    fc.assert(
      fc.property(elementaryExpr, fc.integer({ min: 0, max: rewrites.length - 1 }), domains, (e: Node, k, d) => {
        const v = decide(e, '=', rewrites[k](e), d, { points: 30 });
        return v.verdict !== 'refuted';
      }),
      { seed: 532, numRuns: 10000 },
    );
  });

  it('whatever is proved agrees numerically, and every counterexample replays', () => {
    const points = fc.sample(fc.tuple(...SYMBOLS.map(() => fc.double({ min: 0.01, max: 0.99, noNaN: true }))), { seed: 5, numRuns: 20 });
    fc.assert(
      fc.property(elementaryExpr, elementaryExpr, domains, (l: Node, r: Node, d) => {
        const v = decide(l, '=', r, d, { points: 30 });
        if (v.verdict === 'proved') {
          return points.every((ps) => agreesAt(l, r, Object.fromEntries(SYMBOLS.map((n, i) => [n, ps[i]]))));
        }
        if (v.verdict === 'refuted') {
          const c = v.counterexample;
          const p = Object.fromEntries(SYMBOLS.map((n) => [n, c.params[n] === undefined ? 0.5 : valueOf(c.params[n])]));
          const a = evalWithBound(l, p);
          const b = evalWithBound(r, p);
          // The reported sides replay (exact counterexamples are reported rounded).
          return Math.abs(a.value - c.lhs) <= a.bound + 1e-9 * Math.abs(c.lhs) + 1e-300 && Math.abs(b.value - c.rhs) <= b.bound + 1e-9 * Math.abs(c.rhs) + 1e-300;
        }
        return true;
      }),
      { seed: 533, numRuns: 10000 },
    );
  });

  it('an identity and its rewriting by exp/log/sqrt rules is proved on the positive domain: sqrt(x y)·sqrt(x/y) = x', () => {
    const d = new Map(SYMBOLS.map((n) => [n, { lo: { n: 0n, d: 1n }, loOpen: true, hiOpen: true }]));
    const v = decide(mul(pow(mul(sym('x'), sym('y')), rat(1, 2)), pow(div(sym('x'), sym('y')), rat(1, 2))), '=', sym('x'), d);
    expect(v.verdict).toBe('proved');
    expect(decide(num(1), '=', num(1), new Map()).verdict).toBe('proved');
  });
});
