// Law: the normal form shown in an explanation is grouped by the factors its terms share —
// (2·a·s − 1)·eps + (a² − s²)·x0, not 2·a·s·eps + a²·x0 − x0·s² − eps — and the grouping is
// only a presentation: the grouped expression has the same exact value as the expanded one at
// every rational point, and has a zero normal-form difference from it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupBySymbol } from '../../src/derive/group-terms.js';
import { explainCounterexample } from '../../src/derive/explain.js';
import { difference } from '../../src/algebra/difference.js';
import { evalExact } from '../../src/algebra/eval-exact.js';
import { frfNode } from '../../src/algebra/to-node.js';
import { parse } from '../../src/expr/parse.js';
import { toText } from '../../src/expr/print-mathjs.js';
import { rational, toString } from '../../src/expr/rational.js';
import type { Node } from '../../src/expr/ast.js';

/** The exact core's expanded normal form of lhs − rhs. */
function expanded(lhs: string, rhs: string): Node {
  const d = difference(parse(lhs), parse(rhs), new Map());
  if ('error' in d) throw new Error(d.error);
  return frfNode(d.ring.atoms, d.form);
}

const cx = (params: Record<string, number>) => ({ params, lhs: 0, rhs: 0, difference: 0, bound: 0, seed: 1, arithmetic: 'exact' as const });

describe('normal forms grouped by symbol', () => {
  it('the issue\'s example reads as a coefficient per variable', () => {
    const e = explainCounterexample(parse('a^2*x0 + 2*a*s*eps'), parse('s^2*x0 + eps'), new Map(), new Map(), cx({ a: 1, s: 2, x0: 1, eps: 1 }));
    expect(e.normalForm).toBe('(2 * a * s - 1) * eps + (a^2 - s^2) * x0');
  });
  it('nothing shared: the expanded form is kept as it is', () => {
    const n = expanded('a*x + b*y', '0');
    expect(groupBySymbol(n)).toBe(n);
    const single = expanded('3*x', '0');
    expect(groupBySymbol(single)).toBe(single);
  });
  it('a fraction groups its numerator', () => {
    const n = expanded('(a*x + b*x + y)/(1 + z^2)', '0');
    const g = toText(groupBySymbol(n));
    expect(g).toMatch(/\(a \+ b\) \* x|\(b \+ a\) \* x/);
    expect(g).toMatch(/1 \+ z\^2/);
  });
  it('the grouped form equals the expanded one at random rational points (and in normal form)', () => {
    const sources: Array<[string, string]> = [
      ['a^2*x0 + 2*a*s*eps', 's^2*x0 + eps'],
      ['(a + b)^3*x - y*(a - b)^2', 'a*b*x*y'],
      ['x^2*y + x*y^2 + x*y + 3*x - 2*y', '7'],
      ['exp(t)*a + exp(t)*b - log(u)*a', 'b'],
      ['(p*q - 1)/(p + 2)', 'q'],
    ];
    for (const [l, r] of sources) {
      const n = expanded(l, r);
      const g = groupBySymbol(n);
      const zero = difference(g, n, new Map());
      expect('error' in zero ? zero.error : toText(frfNode(zero.ring.atoms, zero.form)), `${l} − (${r})`).toBe('0');
      fc.assert(fc.property(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 9, maxLength: 9 }), (v) => {
        const names = ['a', 'b', 'x', 'y', 's', 'x0', 'eps', 'p', 'q'];
        const env = Object.fromEntries(names.map((k, i) => [k, rational(BigInt(v[i]), 3n)]));
        const [x, y] = [evalExact(n, env), evalExact(g, env)];
        if (x === undefined || y === undefined) return true; // a pole, or a function the exact evaluator does not do
        return toString(x) === toString(y);
      }), { numRuns: 100, seed: 7 });
    }
  });
});
