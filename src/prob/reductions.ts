// A scalar expression in a VECTOR variable y, written as
//   free + Σ_components g(y_i)
// where `free` does not involve y and g is an exponential polynomial taken
// elementwise (exp-poly.ts). This is the form in which an isotropic Gaussian
// expectation is exact: the components of y ~ N(m, v, d) are identically
// distributed, so by linearity E[Σᵢ g(yᵢ)] = Σᵢ E[g(yᵢ)], i.e. sum(E[g]) when
// E[g] is a vector, or d · E[g] when it is a scalar broadcast to d components.
// (Only linearity and identical marginals are used, so the components may
// even depend on an earlier scalar random variable.)
//
// Supported: sum(A), norm2(A) = sum(A ⊙ A), dot(A, B) = sum(A ⊙ B) for A, B
// elementwise exponential polynomials in y, combined linearly with y-free
// scalar factors. A product of two reductions that both involve y (such as
// norm2(y)²) couples the components and is not supported.
import type { Node } from '../expr/ast.js';
import { dependsOn, expandIn, normalize, scale, type ExpPoly } from './exp-poly.js';
import { lit, negate, ONE, over, plus, times, ZERO } from '../expr/fold.js';
import { mulNode } from '../expr/node.js';

export interface Reduced {
  readonly free: Node;
  /** g, elementwise; the value is free + Σ_components g. */
  readonly inner: ExpPoly;
}

export function reduceIn(node: Node, y: string): Reduced | undefined {
  const go = (n: Node): Reduced | undefined => {
    if (!dependsOn(n, y)) return { free: n, inner: [] };
    switch (n.op) {
      case 'add': {
        const parts = n.args.map(go);
        if (parts.some((p) => !p)) return undefined;
        const ps = parts as Reduced[];
        const inner = normalize(ps.flatMap((p) => p.inner));
        return inner && { free: plus(...ps.map((p) => p.free)), inner };
      }
      case 'neg': {
        const p = go(n.args[0]);
        return p && { free: negate(p.free), inner: scale(p.inner, lit(-1)) };
      }
      case 'mul': {
        // k · (free + Σ g) = k free + Σ (k g) for a y-free scalar k.
        const dependent = n.args.filter((a) => dependsOn(a, y));
        if (dependent.length !== 1) return undefined;
        const k = times(...n.args.filter((a) => !dependsOn(a, y)));
        if (k.kind !== 'scalar') return undefined;
        const p = go(dependent[0]);
        return p && { free: times(k, p.free), inner: scale(p.inner, k) };
      }
      case 'div': {
        const [num, den] = n.args;
        if (dependsOn(den, y)) return undefined;
        const p = go(num);
        const k = over(ONE, den);
        return p && { free: times(p.free, k), inner: scale(p.inner, k) };
      }
      case 'call': {
        const expand = (a: Node) => expandIn(a, y, 'vector');
        let inner: ExpPoly | undefined;
        if (n.fn === 'sum') inner = expand(n.args[0]);
        else if (n.fn === 'norm2') inner = expand(mulNode([n.args[0], n.args[0]]));
        else if (n.fn === 'dot') inner = expand(mulNode([n.args[0], n.args[1]]));
        return inner && { free: ZERO, inner };
      }
      default:
        return undefined;
    }
  };
  return go(node);
}
