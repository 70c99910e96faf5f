/**
 * From finitely many concrete sizes to every T: the lifting lemma.
 *
 * Setting (checked by `liftingPlan`, else the calculus answers "not decided"):
 *  - models satisfy checkTemplate (model.ts): per family a first-order chain, plus finitely many
 *    plain nodes/edges at positions k or T + k;
 *  - every index is k, T + k or u + k (u a sum variable or the one free index variable t);
 *  - sum bounds, range bounds (x_{a:b}) and the free variable's range are k or T + k; sums are
 *    not nested (a range or sum whose length moved with t would make coefficients quadratic);
 *  - |k| ≤ K for every constant, model offsets included; T ≥ T0;
 *  - each templated model has a forced topological order at every instance (true of all the models
 *    of standard-models.ts), so the basis of atoms.ts is chosen the same way at every T.
 *
 * Lemma. If the normal form of a difference vanishes at every instance with T0 ≤ T ≤ T0 + 8K + 8
 * (and every t in its range), it vanishes at every instance with T ≥ T0.
 *
 * Why. In an instance every position is within K of an anchor: 0, T, t, or the value u of a sum
 * variable. Between two anchors more than 2K + 1 apart, positions of one are all on one side of
 * those of the other and never adjacent. On a chain, d-separation depends only on the order of the
 * positions involved and on which are adjacent, because a run of unobserved chain nodes between
 * two of them is an active trail of the same kind whatever its length. So every rewrite
 * (chain rule, Bayes, reduction of conditioning sets, marginalization, tower rule) acts on a term
 * in a way fixed by the gaps between anchors clipped at G = 2K + 2, and a canonical term of the
 * result is a translate of one from a finite list, located at an anchor. Fix a pattern of
 * clipped gaps. In the unclipped directions the coefficient of a term is a sum, over the
 * summands that produce it, of ±1 × (number of u in an interval whose ends are anchors ± k):
 * an affine function of the unclipped gaps. An affine function vanishing at gap = G and G + 1 in
 * each unclipped direction (all combinations) vanishes for every larger gap. With at most two
 * gaps to control (0…t and t…T, or 0…T) those instances have T ≤ T0 + 2(G + 1) + K = T0 + 5K + 6
 * (K for where t's range starts), within the plan's T0 + 8K + 8, which keeps a margin; and every
 * pattern with a clipped gap is itself realized at such a T. ∎
 * Tests: lifting.test.ts (identities that fail only at small T or at a boundary t, statements true
 * at exactly one T) and lifting-property.test.ts (random split-sum identities: proved by the plan
 * ⇒ zero by brute force up to T = 60).
 */
import type { Idx } from './index-expr.js';
import { modelOffsets, unroll, type Model } from './model.js';
import type { Density, Expr } from './terms.js';
import { indicesOf } from './vars.js';

/** The assumptions of a statement: T ≥ T0, and optionally one free index t ∈ [lo, hi]. */
export interface Scope {
  readonly T0: number;
  readonly free?: { readonly v: string; readonly lo: Idx; readonly hi: Idx };
}

export class NotDecided extends Error {}

type Role = 'index' | 'range' | 'bound';

function walk(e: Expr, visit: (i: Idx, role: Role, bound: readonly string[]) => void, bound: readonly string[] = [], depth = 0): void {
  const dens = (d: Density) => [...d.vars, ...d.given].forEach((v) =>
    indicesOf(v).forEach((i) => visit(i, v.kind === 'range' ? 'range' : 'index', bound)));
  switch (e.kind) {
    case 'log': dens(e.d); return;
    case 'E': dens(e.measure); walk(e.body, visit, bound, depth); return;
    case 'kl': dens(e.p); dens(e.q); return;
    case 'logE': dens(e.measure); e.num.forEach(dens); e.den.forEach(dens); return;
    case 'lin': e.terms.forEach(([, t]) => walk(t, visit, bound, depth)); return;
    case 'sum':
      if (depth > 0) throw new NotDecided('nested sums are outside the lifting lemma');
      visit(e.lo, 'bound', bound);
      visit(e.hi, 'bound', bound);
      walk(e.body, visit, [...bound, e.v], depth + 1);
  }
}

/** The concrete instances that decide a statement about `exprs` for every T ≥ T0. */
export function liftingPlan(exprs: readonly Expr[], models: Iterable<Model>, scope: Scope): Array<Map<string, number>> {
  let K = 1;
  let mentionsT = false;
  const note = (k: number) => { K = Math.max(K, Math.abs(k)); };
  for (const m of models) {
    modelOffsets(m).forEach(note);
    if (m.factors.some((f) => f.over) || modelOffsets(m).length) mentionsT = true;
  }
  const free = scope.free;
  if (free) {
    if (free.v === 'T') throw new NotDecided('the free index cannot be called T');
    for (const b of [free.lo, free.hi]) {
      if (b.base !== null && b.base !== 'T') throw new NotDecided(`the range of ${free.v} must have bounds k or T+k`);
      note(b.k);
    }
  }
  for (const e of exprs) {
    walk(e, (i, role, bound) => {
      note(i.k);
      mentionsT = true;
      const ok = i.base === null || i.base === 'T'
        || (role === 'index' && (bound.includes(i.base) || i.base === free?.v));
      if (!ok) throw new NotDecided(`index ${i.base}${i.k ? `${i.k > 0 ? '+' : ''}${i.k}` : ''} is not k, T+k, or a bound/free index plus k`);
    });
  }
  // Models and statements with no indexed variable at all do not depend on T: one instance.
  const Tmax = mentionsT || free ? scope.T0 + 8 * K + 8 : scope.T0;
  for (const m of models) {
    if (!m.factors.some((f) => f.over)) continue;
    for (let T = Math.max(scope.T0, 0); T <= Tmax; T++) {
      if (!unroll(m, T).uniqueOrder)
        throw new NotDecided(`${m.name} has more than one topological order at T=${T}: the lifting lemma is only established for forced orders`);
    }
  }
  const out: Array<Map<string, number>> = [];
  for (let T = Math.max(scope.T0, 0); T <= Tmax; T++) {
    if (!free) {
      out.push(new Map([['T', T]]));
      continue;
    }
    const at = (b: Idx) => (b.base === 'T' ? T : 0) + b.k;
    for (let t = at(free.lo); t <= at(free.hi); t++) out.push(new Map([['T', T], [free.v, t]]));
  }
  return out;
}
