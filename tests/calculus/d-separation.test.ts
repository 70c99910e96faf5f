// Law: d-separation (Bayes-ball) decides exactly the independences implied by a DAG. Checked on the
// classic three-node graphs and against an independent criterion (Lauritzen: separation in the
// moralized ancestral graph) on random DAGs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dSeparated, minimalConditioning, named, unroll, type Model } from '../../src/calculus/index.js';

const dag = (edges: Array<[string, string]>, nodes: string[]) => {
  const m: Model = {
    name: 'm', context: [],
    factors: nodes.map((n) => ({ child: named(n), parents: edges.filter(([, c]) => c === n).map(([p]) => named(p)) })),
  };
  return unroll(m, 1);
};

describe('d-separation on concrete graphs', () => {
  it('chain a → b → c: a ⊥ c | b, not marginally', () => {
    const g = dag([['a', 'b'], ['b', 'c']], ['a', 'b', 'c']);
    expect(dSeparated(g, ['a'], ['c'], ['b'])).toBe(true);
    expect(dSeparated(g, ['a'], ['c'], [])).toBe(false);
  });
  it('fork a ← b → c: a ⊥ c | b, not marginally', () => {
    const g = dag([['b', 'a'], ['b', 'c']], ['a', 'b', 'c']);
    expect(dSeparated(g, ['a'], ['c'], ['b'])).toBe(true);
    expect(dSeparated(g, ['a'], ['c'], [])).toBe(false);
  });
  it('collider a → c ← b (and c → d): a ⊥ b marginally, not given c or its descendant d', () => {
    const g = dag([['a', 'c'], ['b', 'c'], ['c', 'd']], ['a', 'b', 'c', 'd']);
    expect(dSeparated(g, ['a'], ['b'], [])).toBe(true);
    expect(dSeparated(g, ['a'], ['b'], ['c'])).toBe(false);
    expect(dSeparated(g, ['a'], ['b'], ['d'])).toBe(false);
  });
  it('minimal conditioning set: the Markov blanket part among earlier variables', () => {
    const g = dag([['a', 'b'], ['b', 'c'], ['c', 'd']], ['a', 'b', 'c', 'd']);
    expect(minimalConditioning(g, ['d'], ['a', 'b', 'c'])).toEqual(['c']);
    expect(minimalConditioning(g, ['d'], ['a', 'b'])).toEqual(['b']);
  });
  it('an unknown variable is an error, not an independence', () => {
    const g = dag([['a', 'b']], ['a', 'b']);
    expect(() => dSeparated(g, ['a'], ['zz'], [])).toThrow();
  });
});

/** Lauritzen's criterion: X ⊥ Y | Z iff Z separates X from Y in the moral graph of An(X ∪ Y ∪ Z). */
function lauritzen(nodes: string[], edges: Array<[string, string]>, X: string[], Y: string[], Z: string[]): boolean {
  const parents = new Map(nodes.map((n) => [n, edges.filter(([, c]) => c === n).map(([p]) => p)]));
  const anc = new Set<string>();
  const stack = [...X, ...Y, ...Z];
  while (stack.length) {
    const n = stack.pop()!;
    if (anc.has(n)) continue;
    anc.add(n);
    stack.push(...parents.get(n)!);
  }
  const adj = new Map([...anc].map((n) => [n, new Set<string>()]));
  const link = (a: string, b: string) => { adj.get(a)!.add(b); adj.get(b)!.add(a); };
  for (const n of anc) {
    const ps = parents.get(n)!;
    ps.forEach((p) => link(p, n));
    ps.forEach((p, i) => ps.slice(i + 1).forEach((q) => link(p, q)));
  }
  const seen = new Set<string>(X.filter((x) => !Z.includes(x)));
  const queue = [...seen];
  while (queue.length) {
    const n = queue.pop()!;
    if (Y.includes(n)) return false;
    for (const m of adj.get(n)!) if (!Z.includes(m) && !seen.has(m)) { seen.add(m); queue.push(m); }
  }
  return true;
}

describe('d-separation agrees with the moral-ancestral-graph criterion', () => {
  it('on random DAGs with up to 7 nodes', () => {
    const arb = fc.record({
      n: fc.integer({ min: 2, max: 7 }),
      bits: fc.array(fc.boolean(), { minLength: 21, maxLength: 21 }),
      roles: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }),
    });
    fc.assert(fc.property(arb, ({ n, bits, roles }) => {
      const nodes = Array.from({ length: n }, (_, i) => `v${i}`);
      const edges: Array<[string, string]> = [];
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (bits[k++]) edges.push([nodes[i]!, nodes[j]!]);
      const X = nodes.filter((_, i) => roles[i] === 1);
      const Y = nodes.filter((_, i) => roles[i] === 2);
      const Z = nodes.filter((_, i) => roles[i] === 3);
      if (!X.length || !Y.length) return true;
      const g = dag(edges, nodes);
      return dSeparated(g, X, Y, Z) === lauritzen(nodes, edges, X, Y, Z);
    }), { numRuns: 400 });
  });
});

describe('the local-Markov fast path of the atom basis agrees with the general reduction', () => {
  it('on random DAGs, for every node and every set of earlier nodes containing its parents', async () => {
    const { decompose } = await import('../../src/calculus/atoms.js');
    fc.assert(fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (n, bits, pick) => {
      const nodes = Array.from({ length: n }, (_, i) => `v${i}`);
      const edges: Array<[string, string]> = [];
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (bits[k++]) edges.push([nodes[i]!, nodes[j]!]);
      const g = dag(edges, nodes);
      const v = g.order[n - 1]!;
      const earlier = g.order.slice(0, n - 1);
      const C = [...new Set([...earlier.filter((_, i) => pick[i]), ...g.parents.get(v)!])];
      const atom = decompose(g, [v], C)[0]![1];
      const general = minimalConditioning(g, [v], [...C].sort((a, b) => g.pos.get(a)! - g.pos.get(b)!));
      return JSON.stringify(atom.cond) === JSON.stringify(general);
    }), { numRuns: 300 });
  });
});
