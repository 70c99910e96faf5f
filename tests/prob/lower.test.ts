import { describe, expect, it } from 'vitest';
import { add, draw, E, KL, logpdf, normal, sym } from '../../src/expr/build.js';
import type { ExpectNode, Node } from '../../src/expr/ast.js';
import { hasHeads, lowerHeads } from '../../src/prob/index.js';

const [m, v, x, z] = ['m', 'v', 'x', 'z'].map(sym);
const second = (n: Node) => (n as { args: readonly Node[] }).args[1];

describe('lowerHeads', () => {
  it('lowers logpdf everywhere, including inside E', () => {
    const node = E(logpdf(normal(z, 1), x), [draw('z', normal(0, 1))]);
    expect(hasHeads(node)).toBe(true);
    expect(hasHeads(lowerHeads(node))).toBe(false);
  });

  it('KL(p, q) becomes its DEFINITION E_{y~p}[log p(y) − log q(y)], not the Gaussian closed form', () => {
    const p = normal(m, v);
    const q = normal(0, 1);
    const e = second(lowerHeads(add(sym('a'), KL(p, q)))) as ExpectNode;
    expect(e.op).toBe('E');
    expect(e.over).toHaveLength(1);
    expect(e.over[0].dist).toEqual(p);
    expect(hasHeads(e)).toBe(false);
  });

  it('the fresh name of KL avoids every name in the tree (y_kl is taken, so y_kl2)', () => {
    const e = second(lowerHeads(add(sym('y_kl'), KL(normal(0, 1), normal(1, 2))))) as ExpectNode;
    expect(e.over[0].name).toBe('y_kl2');
  });

  it('KL of isotropic normals binds a VECTOR variable', () => {
    const e = lowerHeads(KL(normal(0, 1, 3), normal(1, 2, 3))) as ExpectNode;
    expect(e.op).toBe('E');
    expect(e.over[0].dist.args).toHaveLength(3);
    expect(hasHeads(e)).toBe(false);
  });

  it('leaves expressions without heads unchanged', () => {
    const node = add(x, E(z, [draw('z', normal(m, v))]));
    expect(lowerHeads(node)).toEqual(node);
  });
});
