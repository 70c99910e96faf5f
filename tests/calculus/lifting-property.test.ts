// Law: the lifting lemma, tested empirically. Random identities between sums with symbolic bounds
// (k or T + k), random split points and random summands are decided by the plan (T ≤ T0 + 8K + 8);
// whenever the plan says `proved`, the normal form of lhs − rhs must also vanish at every larger T
// checked by brute force (up to T = 60), and whenever it says `refuted`, the reported T must fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, combine, decideEqual, E, liftingPlan, log, neg, normalize, parseIdx, scale, sum, type Expr,
} from '../../src/calculus/index.js';
import { rational } from '../../src/expr/rational.js';
import { models, p, q, qOver } from './vdm-helpers.js';

const bodies: Array<(u: string) => Expr> = [
  (u) => E(qOver(u, `${u}+1`), log(p(u, `${u}+1`))),
  (u) => E(qOver(`${u}-1`, u), log(q(u, `${u}-1`))),
  (u) => E(qOver(u), log(q(u, 0))),
  () => log(p(0, 1)),
];
const arbBound = fc.oneof(fc.integer({ min: 1, max: 3 }).map(String), fc.integer({ min: -2, max: 0 }).map((k) => (k ? `T${k}` : 'T')));
const arbPiece = fc.record({ body: fc.integer({ min: 0, max: bodies.length - 1 }), lo: arbBound, hi: arbBound, mid: arbBound, c: fc.integer({ min: -2, max: 2 }) });

const modelMap = new Map(models.map((m) => [m.name, m]));

describe('lifting lemma, empirically', () => {
  it('proved by the plan ⇒ zero at every T up to 60; refuted ⇒ non-zero where reported', () => {
    let proved = 0;
    let refuted = 0;
    fc.assert(fc.property(fc.array(arbPiece, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), (pieces, T0) => {
      // lhs: Σ_{lo}^{hi} f; rhs: Σ_{lo}^{mid} f + Σ_{mid+1}^{hi} f (valid exactly when lo−1 ≤ mid ≤ hi for all T ≥ T0).
      const lhs = add(...pieces.map((pc) => scale(pc.c || 1, sum('t', pc.lo, pc.hi, bodies[pc.body]!('t')))));
      const rhs = add(...pieces.map((pc) => scale(pc.c || 1, add(
        sum('t', pc.lo, pc.mid, bodies[pc.body]!('t')),
        sum('t', parseIdx(pc.mid).base === 'T' ? `T${parseIdx(pc.mid).k + 1 >= 0 ? '+' : ''}${parseIdx(pc.mid).k + 1}` : String(Number(pc.mid) + 1), pc.hi, bodies[pc.body]!('t')),
      ))));
      const v = decideEqual(lhs, rhs, models, { T0 });
      if (v.status === 'ill-formed' || v.status === 'undecided') return true;
      const zeroAt = (T: number) => {
        const env = new Map([['T', T]]);
        const inst = { models: modelMap, env, notes: new Set<string>() };
        return combine(normalize(lhs, inst), normalize(rhs, inst), rational(-1n)).size === 0;
      };
      if (v.status === 'proved') {
        proved++;
        const Tmax = Math.max(...liftingPlan([lhs, rhs], models, { T0 }).map((e) => e.get('T')!));
        for (let T = Tmax + 1; T <= 60; T++) if (!zeroAt(T)) return false;
        return true;
      }
      refuted++;
      return !zeroAt(v.at.T!);
    }), { numRuns: 400, seed: 20261201 });
    expect(proved).toBeGreaterThan(10);
    expect(refuted).toBeGreaterThan(10);
  });
  it('a neg/scale combination is linear: Σ f − Σ f = 0 with the same bounds', () => {
    const s = sum('t', 1, 'T-1', bodies[0]!('t'));
    expect(decideEqual(add(s, neg(s)), add(), models, { T0: 1 }).status).toBe('proved');
  });
});
