// The two callers of the one shrinker keep their promises: what they report
// is still a counterexample when checked again, inside the domain, and as
// simple as the shrinker can make it (shrinking it again changes nothing).
import { describe, expect, it } from 'vitest';
import { search, testPoint } from '../../src/algebra/search.js';
import { RATIONAL_SIMPLICITY, DECIMAL_SIMPLICITY, shrink } from '../../src/algebra/shrink.js';
import { freeSymbols } from '../../src/expr/ast.js';
import { E, draw, exp, mul, normal, pow, sym } from '../../src/expr/build.js';
import { contains, domainOf, interval } from '../../src/expr/domain.js';
import * as Q from '../../src/expr/rational.js';
import { decideExpectation } from '../../src/expect/decide-expectation.js';
import { loadCorpus } from '../../scripts/algebra-corpus.js';

/** A reported parameter ("p/q" exact, or a double) as an exact rational. */
const exactOf = (v: string | number): Q.Rational => {
  if (typeof v === 'string') {
    const [n, d = '1'] = v.split('/');
    return Q.rational(BigInt(n), BigInt(d));
  }
  return Q.fromNumber(v);
};

describe("the algebra's search: the polished counterexample", () => {
  const falseOnes = loadCorpus().filter((e) => !e.expected);
  it.each(falseOnes.map((e) => [e.name, e] as const))('%s: still fails when tested again, lies in the domain, and polishing it again changes nothing', (_, e) => {
    const names = [...freeSymbols(e.lhsNode, freeSymbols(e.rhsNode))].sort();
    for (const seed of [1, 2]) {
      const found = search(e.lhsNode, e.rel, e.rhsNode, names, e.domain, { seed, points: 100, exact: true });
      if (!found.counterexample) continue; // refuted by another method in decide(), or not found by points
      const point = Object.fromEntries(Object.entries(found.counterexample.params).map(([k, v]) => [k, exactOf(v)]));
      for (const [k, v] of Object.entries(point)) expect(contains(domainOf(e.domain, k), v)).toBe(true);
      const fails = (q: Readonly<Record<string, Q.Rational>>) => (testPoint(e.lhsNode, e.rel, e.rhsNode, q, e.domain, true).status === 'fail' ? true : undefined);
      expect(fails(point)).toBe(true);
      if (found.counterexample.arithmetic !== 'exact') continue; // a float point is reported rounded
      const again = shrink(point, 'same', { names: Object.keys(point), domain: e.domain, simplicity: RATIONAL_SIMPLICITY, budget: Infinity }, (q) => (fails(q) ? 'simpler' : undefined));
      expect(again.witness).toBe('same');
    }
  });
});

describe('the Monte Carlo tests: the shrunk counterexample', () => {
  const [s, z] = [sym('s'), sym('z')];
  const claim = [E(exp(mul(s, z)), [draw('z', normal(0, 1))]), '=', exp(pow(s, 2))] as const;
  it.each([1, 2, 3])('E[exp(s z)] = exp(s²) on s ∈ [0.5, 2]: refuted at a simple s (one or two digits) that is refuted again on its own (seed %i)', async (seed) => {
    const domain = new Map([['s', interval(0.5, 2, false, false)]]);
    const v = await decideExpectation(claim[0], claim[1], claim[2], domain, { seed, backend: 'cpu', closedForm: false, samples: 2 ** 16, draws: 4 });
    expect(v.verdict).toBe('refuted');
    if (v.verdict !== 'refuted') return;
    const x = v.counterexample.params.s as number;
    expect(contains(domain.get('s')!, x)).toBe(true);
    expect(DECIMAL_SIMPLICITY.complexity(x)[1]).toBeLessThanOrEqual(2);
    const at = await decideExpectation(claim[0], claim[1], claim[2], new Map([['s', interval(x, x, false, false)]]), { seed: seed + 100, backend: 'cpu', closedForm: false, samples: 2 ** 16, draws: 1 });
    expect(at.verdict).toBe('refuted');
  });
});
