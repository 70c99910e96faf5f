// Reduction by the alias relations: an alias t of a value V ≥ 0 satisfies
// t^1 = V, so t^e = V^k · t^(e − k) with k = floor(e). Applied to the expanded
// numerator of a sum, highest atom first (a value only mentions older atoms),
// it leaves every alias with an exponent in [0, 1); the sum is zero when the
// reduced numerator is the zero polynomial. Sound: it only rewrites by the
// relations. Not complete: √2·√3 − √6 reduces to zero only because primes
// are separate atoms; aliases of related values are not related.
import type { FRF } from './frf.js';
import { FRF_ONE, scaleFactors } from './frf.js';
import { monoExp, monoMul, ONE } from './mono.js';
import { MAX_TERMS, polyLinear, polyMul, polyPow, type Poly, type Term } from './poly.js';
import type { Ring } from './ring.js';
import { Unsupported } from './unsupported.js';

/**
 * Reduces aliases with exponents outside [0, 1) by alias^e = V^k alias^(e−k),
 * k = floor(e), highest atom first (a value only mentions older atoms).
 * Returns num/den with num reduced; den collects the denominators of the V^k.
 */
export function reduceAliases(ring: Ring, p: Poly): { num: Poly; den: FRF } {
  let den = FRF_ONE;
  for (let guard = 0; guard < 256; guard++) {
    const id = highestReducible(ring, p);
    if (id < 0) return { num: p, den };
    const v = ring.atoms[id].value as FRF;
    const groups = new Map<number, Term[]>();
    let kmin = 0;
    let kmax = 0;
    for (const t of p.values()) {
      const e = monoExp(t.m, id);
      const k = Math.floor(e.n / e.d);
      const m = k === 0 ? t.m : monoMul(t.m, [id, -k, 1]);
      const g = groups.get(k) ?? [];
      g.push({ m, c: t.c });
      groups.set(k, g);
      kmin = Math.min(kmin, k);
      kmax = Math.max(kmax, k);
    }
    // V = vn / vd with vn = coef.n · mono · ∏_{e>0} f^e and vd = coef.d · ∏_{e<0} f^−e.
    const vnF: FRF = { coef: { n: v.coef.n, d: 1n }, mono: v.mono, factors: v.factors.filter((f) => f.e.n > 0) };
    const vdF: FRF = { coef: { n: v.coef.d, d: 1n }, mono: ONE, factors: scaleFactors(v.factors.filter((f) => f.e.n < 0), { n: -1, d: 1 }) };
    const vn = polyLinear([[vnF.coef.n, ring.expand(vnF.mono, vnF.factors)]]);
    const vd = polyLinear([[vdF.coef.n, ring.expand(ONE, vdF.factors)]]);
    const parts: [bigint, Poly][] = [];
    for (const [k, ts] of groups) {
      let q: Poly = new Map(ts.map((t) => [t.m.join(','), t]));
      if (k - kmin > 0) q = polyMul(q, polyPow(vn, k - kmin));
      if (kmax - k > 0) q = polyMul(q, polyPow(vd, kmax - k));
      parts.push([1n, q]);
    }
    p = polyLinear(parts);
    if (p.size > MAX_TERMS) throw new Unsupported('the expansion is too large');
    den = ring.mul(den, ring.mul(ring.pow(vnF, -kmin), ring.pow(vdF, kmax)));
  }
  throw new Unsupported('alias reduction does not terminate');
}

function highestReducible(ring: Ring, p: Poly): number {
  let best = -1;
  for (const t of p.values()) {
    const m = t.m;
    for (let i = 0; i < m.length; i += 3) {
      if (m[i] <= best || ring.atoms[m[i]].kind !== 'alias') continue;
      if (m[i + 1] < 0 || m[i + 1] >= m[i + 2]) best = m[i];
    }
  }
  return best;
}
