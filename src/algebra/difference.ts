// The exact core's answer for lhs − rhs: its normal form in a fresh ring over
// the domain, whether that form is zero, and what it was built from.
import type { Node } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { toTextBounded as toText } from '../expr/print-mathjs.js';
import { isZeroF, type FRF } from './frf.js';
import { Normalizer } from './normalize.js';
import { Ring } from './ring.js';
import { Unsupported } from './unsupported.js';

export interface Difference {
  readonly ring: Ring;
  readonly form: FRF;
  readonly zero: boolean;
  /** Only symbols with integer powers, and no rule with a side condition: a plain rational function. */
  readonly rational: boolean;
  /** The atoms other than symbols, printed. */
  readonly atoms: string[];
}

export function difference(lhs: Node, rhs: Node, domain: Domain): Difference | { readonly error: string } {
  const ring = new Ring(domain);
  try {
    let nf = new Normalizer(ring);
    let sides = [nf.nf(lhs), nf.nf(rhs)];
    let form = ring.sub(sides[0], sides[1]);
    if (!isZeroF(form) && ring.hasSplittableFactor()) {
      // A factor of the right side divides an expanded one of the left: again, now that both are known.
      ring.notes.clear();
      nf = new Normalizer(ring);
      sides = [nf.nf(lhs), nf.nf(rhs)];
      form = ring.sub(sides[0], sides[1]);
    }
    const used = new Set<number>();
    for (const f of sides) atomsOf(f, used);
    const others = [...used].sort((a, b) => a - b).map((id) => ring.atoms[id]).filter((a) => a.kind !== 'sym');
    const fractional = ring.atoms.length > 0 && hasFractional(form);
    return {
      ring,
      form,
      zero: isZeroF(form),
      rational: others.length === 0 && !fractional && ring.notes.size === 0,
      atoms: others.map((a) => (a.kind === 'alias' ? `alias ${toText(a.node)}` : toText(a.node))),
    };
  } catch (e) {
    if (e instanceof Unsupported) return { error: e.message };
    throw e;
  }
}

/** The atoms a form mentions directly (in its monomial and its factors). */
function atomsOf(f: FRF, out: Set<number>): Set<number> {
  for (let i = 0; i < f.mono.length; i += 3) out.add(f.mono[i]);
  for (const x of f.factors) for (const t of x.poly.values()) for (let i = 0; i < t.m.length; i += 3) out.add(t.m[i]);
  return out;
}

function hasFractional(f: FRF): boolean {
  for (let i = 0; i < f.mono.length; i += 3) if (f.mono[i + 2] !== 1) return true;
  return f.factors.some((x) => x.e.d !== 1);
}
