// Expressions to normal forms: each node maps to a factored rational function
// over the ring's atoms. Everything outside the scalar elementary functions
// (expectations, distributions, vectors) is Unsupported here.
import type { CallNode, Node } from '../expr/ast.js';
import type { NormalKit } from '../expr/functions/_function.js';
import { fnOf } from '../expr/functions/index.js';
import { callNode } from '../expr/build.js';
import { FRF_ONE, constOf, frfConst, frfKey, type FRF } from './frf.js';
import { absOf, cosOf, logitOf, minMaxOf, sechOf, sigmoidOf, sinOf, tanhOf, tanOf } from './elementary.js';
import { expOf, logOf, powSymbolic } from './explog.js';
import { powQ, toQExp } from './radicals.js';
import type { Ring } from './ring.js';
import { Unsupported } from './unsupported.js';

/** Integer powers above this are expanded too eagerly to be worth it. */
const MAX_POWER = 256;

export class Normalizer {
  private readonly memo = new Map<Node, FRF>();

  constructor(readonly ring: Ring) {}

  nf(node: Node): FRF {
    let out = this.memo.get(node);
    if (!out) {
      out = this.compute(node);
      this.memo.set(node, out);
    }
    return out;
  }

  private compute(node: Node): FRF {
    const ring = this.ring;
    switch (node.op) {
      case 'num':
        return ring.constant(node);
      case 'const':
        if (node.name === 'e') return expOf(ring, FRF_ONE);
        return ring.fromAtom(ring.atom('pi', 'pi', () => ({ node, nonneg: true })));
      case 'sym':
        if (node.kind !== 'scalar') throw new Unsupported('contains a vector');
        return ring.fromAtom(this.symbol(node.name, node));
      case 'add':
        return ring.add(node.args.map((a) => this.nf(a)));
      case 'neg':
        return ring.neg(this.nf(node.args[0]));
      case 'mul':
        return node.args.map((a) => this.nf(a)).reduce((a, b) => ring.mul(a, b));
      case 'div':
        return ring.div(this.nf(node.args[0]), this.nf(node.args[1]));
      case 'pow':
        return this.power(node.args[0], node.args[1]);
      case 'call':
        return this.call(node);
      case 'E':
        throw new Unsupported('contains an expectation');
      case 'dist':
        throw new Unsupported('contains a distribution');
      case 'rel':
        throw new Unsupported('contains a relation');
    }
  }

  private symbol(name: string, node: Node): number {
    const i = this.ring.domain.get(name);
    const lo = i?.lo;
    const hi = i?.hi;
    const nonneg = lo !== undefined && lo.n >= 0n;
    const nonpos = hi !== undefined && hi.n <= 0n;
    return this.ring.atom('sym', `sym:${name}`, () => ({ node, nonneg, sign: nonneg ? 1 : nonpos ? -1 : 0 }));
  }

  private power(base: Node, exponent: Node): FRF {
    const ring = this.ring;
    const b = this.nf(exponent);
    const r = constOf(b);
    if (base.op === 'const' && base.name === 'e') return expOf(ring, b);
    const a = this.nf(base);
    if (r === undefined) return powSymbolic(ring, a, b);
    const e = toQExp(r);
    if (Math.abs(e.n / e.d) > MAX_POWER) throw new Unsupported('a power too large to expand');
    return powQ(ring, a, e);
  }

  private call(node: CallNode): FRF {
    const f = fnOf(node.fn);
    if (!f) throw new Unsupported(node.fn === 'KL' || node.fn === 'logpdf' ? `contains ${node.fn} (a distribution head)` : `contains ${node.fn} (a vector reduction)`);
    return f.normal(this.ring, node.args.map((a) => this.nf(a)), NORMAL_KIT);
  }
}

/** What the function table's `normal` facets rewrite with (src/expr/functions/). */
const NORMAL_KIT: NormalKit = {
  ONE: FRF_ONE,
  constant: (r) => frfConst(r),
  key: frfKey,
  expOf, logOf, powQ, absOf, minMaxOf, sinOf, cosOf, tanOf, tanhOf, sechOf, sigmoidOf, logitOf,
  opaque(ring, fn, args) {
    const key = `${fn}:${args.map(frfKey).join(',')}`;
    const id = ring.atom('fn', key, () => ({ node: callNode(fn, args.map((a) => ring.node(a))), arg: args.length === 1 ? args[0] : undefined }));
    return ring.fromAtom(id);
  },
};
