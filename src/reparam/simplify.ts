// A readable exact form for printing and evaluating a formula: the algebra's
// normal form (rational functions over atoms) turned back into a tree, when it
// is shorter than the folded tree. The normal form equals the formula on the
// domain (that is what makes it a normal form), so nothing is decided here;
// it only cancels what is written twice (sqrt(a)/sqrt(a)).
import { foldS } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { num } from '../expr/build.js';
import { fold } from '../expr/fold.js';
import { toMathjs } from '../expr/print-mathjs.js';
import { difference } from '../algebra/difference.js';
import { frfNode } from '../algebra/to-node.js';

export function simplified(node: Node, domain: Domain): Node {
  const folded = foldS(node);
  // min/max/abs become square roots of squares in the normal form: correct, not readable.
  if (/\b(min|max|abs)\(/.test(toMathjs(folded))) return folded;
  try {
    const d = difference(folded, num(0), domain);
    if ('error' in d) return folded;
    const nf = frfNode(d.ring.atoms, d.form);
    return toMathjs(nf).length < toMathjs(folded).length ? nf : folded;
  } catch {
    return folded;
  }
}
