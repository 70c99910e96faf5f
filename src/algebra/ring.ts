// The ring of factored rational functions over the atoms of one decision.
//
// A Ring owns the atoms (same key, same atom: sqrt(1 − a·b) met twice is one
// atom), the canonical factors with their signs on the domain, and the
// arithmetic. Products only merge exponents; a sum pulls out what its terms
// share, expands the cofactors, reduces the aliases (alias^1 = value), and
// factors the result back into content · monomial · one new factor. The sum
// is zero exactly when that reduced polynomial is: deciding lhs = rhs needs
// no gcd.
import type { Node } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { gcd, rational, type Rational } from '../expr/rational.js';
import * as Q from '../expr/rational.js';
import type { Atom, AtomKind, AtomSpec } from './atoms.js';
import { frfConst, frfKey, FRF_ONE, FRF_ZERO, isZeroF, mergeFactors, scaleFactors, type FactorPow, type FRF } from './frf.js';
import { monoInv, monoMin, monoMul, monoPow, ONE, qcmp, type Mono, type QExp } from './mono.js';
import {
  leadingTerm, MAX_TERMS, monoPoly, polyConstant, polyDivide, polyContent, polyDivExact, polyKey, polyLinear, polyMonoContent, polyMul, polyMulMono,
  polyPow, polyNeg, type Poly, type Term,
} from './poly.js';
import { reduceAliases } from './reduce.js';
import { signOn } from './sign.js';
import { toTextBounded as toText } from '../expr/print-mathjs.js';
import { frfNode, polyNode } from './to-node.js';
import { Unsupported } from './unsupported.js';

/** New factors up to this many terms are tried for division by known ones. */
const MAX_SPLIT_TERMS = 64;

export class Ring {
  readonly atoms: Atom[] = [];
  private readonly byKey = new Map<string, number>();
  /** Polynomials met as factors: key → 1 when ≥ 0 on the domain, −1 when ≤ 0 (stored flipped), 0 when unknown. */
  private readonly factorSign = new Map<string, 1 | -1 | 0>();
  private readonly powCache = new Map<string, Poly>();
  /** The canonical factors met so far (oriented), tried as divisors of new ones. */
  private readonly factorPolys = new Map<string, Poly>();
  /** Polynomial key → how many known factors it has been tried against. */
  private readonly splitChecked = new Map<string, number>();
  /** Rules applied (kebab-case ids) with their side conditions, for the evidence. */
  readonly notes = new Set<string>();

  constructor(readonly domain: Domain) {}

  // ---------------------------------------------------------------- atoms

  atom(kind: AtomKind, key: string, make: () => AtomSpec): number {
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    const spec = make();
    const sign = spec.sign ?? (spec.nonneg ? 1 : this.signOfNode(spec.node));
    const id = this.atoms.length;
    this.atoms.push({ id, kind, key, node: spec.node, nonneg: spec.nonneg === true || sign === 1, sign, value: spec.value, arg: spec.arg });
    this.byKey.set(key, id);
    return id;
  }

  /** The alias of a value that is ≥ 0 wherever the expression is defined. */
  alias(value: FRF): number {
    return this.atom('alias', `alias:${frfKey(value)}`, () => ({ node: frfNode(this.atoms, value), nonneg: true, value }));
  }

  signOfNode(node: Node, budget = 24): 1 | -1 | 0 {
    try {
      return signOn(node, this.domain, budget);
    } catch {
      return 0;
    }
  }

  node(f: FRF): Node {
    return frfNode(this.atoms, f);
  }

  /** Records a rule, with the sign condition on the domain it relied on (`part >= 0`). */
  note(rule: string, part?: FRF, rel?: '>= 0' | '<= 0'): void {
    this.notes.add(part && rel ? `${rule}: ${toText(this.node(part))} ${rel}` : rule);
  }

  // ------------------------------------------------------------ constants

  constant(r: Rational): FRF {
    return frfConst(r);
  }

  fromAtom(id: number, e: QExp = { n: 1, d: 1 }): FRF {
    if (e.n === 0) return FRF_ONE;
    if (e.d !== 1 && !this.atoms[id].nonneg) throw new Unsupported('a fractional power of an atom of unknown sign');
    return this.normalize({ coef: { n: 1n, d: 1n }, mono: [id, e.n, e.d], factors: [] });
  }

  scale(a: FRF, r: Rational): FRF {
    if (r.n === 0n || isZeroF(a)) return FRF_ZERO;
    return { ...a, coef: Q.mul(a.coef, r) };
  }

  neg(a: FRF): FRF {
    return isZeroF(a) ? a : { ...a, coef: Q.neg(a.coef) };
  }

  // ------------------------------------------------------------- products

  mul(a: FRF, b: FRF): FRF {
    if (isZeroF(a) || isZeroF(b)) return FRF_ZERO;
    return this.normalize({ coef: Q.mul(a.coef, b.coef), mono: monoMul(a.mono, b.mono), factors: mergeFactors(a.factors, b.factors) });
  }

  inv(a: FRF): FRF {
    if (isZeroF(a)) throw new Unsupported('division by zero');
    return this.normalize({ coef: Q.div({ n: 1n, d: 1n }, a.coef), mono: monoInv(a.mono), factors: scaleFactors(a.factors, { n: -1, d: 1 }) });
  }

  div(a: FRF, b: FRF): FRF {
    return this.mul(a, this.inv(b));
  }

  /** a^k for an integer k. */
  pow(a: FRF, k: number): FRF {
    if (k === 0) return FRF_ONE;
    if (k < 0) return this.pow(this.inv(a), -k);
    if (k === 1) return a;
    if (isZeroF(a)) return FRF_ZERO;
    const e = { n: k, d: 1 };
    return this.normalize({ coef: Q.powInt(a.coef, BigInt(k)), mono: monoPow(a.mono, e), factors: scaleFactors(a.factors, e) });
  }

  /**
   * Keeps aliases canonical in a product: alias^e with e outside (0, 1)
   * becomes value^floor(e) · alias^frac(e), and the alias of a non-negative
   * factor f becomes the factor itself, f^e.
   */
  private normalize(a: FRF): FRF {
    const m = a.mono;
    for (let i = 0; i < m.length; i += 3) {
      const atom = this.atoms[m[i]];
      if (atom.kind !== 'alias') continue;
      const e = { n: m[i + 1], d: m[i + 2] };
      const v = atom.value as FRF;
      const k = Math.floor(e.n / e.d);
      const single = v.factors.length === 1 && v.mono.length === 0 && v.coef.n === 1n && v.coef.d === 1n && v.factors[0].e.n === 1 && v.factors[0].e.d === 1;
      if (single && this.factorSign.get(v.factors[0].key) === 1) {
        const rest = [...m.slice(0, i), ...m.slice(i + 3)];
        const f = v.factors[0];
        return this.normalize({ coef: a.coef, mono: rest, factors: mergeFactors(a.factors, [{ ...f, e }]) });
      }
      if (k !== 0) {
        const rest = monoMul(m, [m[i], -k, 1]);
        return this.mul({ coef: a.coef, mono: rest, factors: a.factors }, this.pow(v, k));
      }
    }
    return a;
  }

  // ----------------------------------------------------------------- sums

  add(terms: readonly FRF[]): FRF {
    const ts = terms.filter((t) => !isZeroF(t));
    if (ts.length === 0) return FRF_ZERO;
    if (ts.length === 1) return ts[0];
    // What every term shares: the smaller exponent of each atom and factor.
    let gMono: Mono = ts[0].mono;
    for (const t of ts) gMono = monoMin(gMono, t.mono);
    const keys = new Map<string, FactorPow>();
    for (const t of ts) for (const f of t.factors) if (!keys.has(f.key)) keys.set(f.key, f);
    const gFactors: FactorPow[] = [];
    for (const [key, f] of [...keys].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      let e: QExp | undefined;
      for (const t of ts) {
        const x = t.factors.find((y) => y.key === key)?.e ?? { n: 0, d: 1 };
        if (e === undefined || qcmp(x, e) < 0) e = x;
      }
      if (e !== undefined && e.n !== 0) gFactors.push({ ...f, e });
    }
    let den = 1n;
    for (const t of ts) den = (den / gcd(den, t.coef.d)) * t.coef.d;
    const invG = monoInv(gMono);
    const parts: [bigint, Poly][] = ts.map((t) => [
      t.coef.n * (den / t.coef.d),
      this.expand(monoMul(t.mono, invG), mergeFactors(t.factors, gFactors, { n: -1, d: 1 })),
    ]);
    const sum = polyLinear(parts);
    if (sum.size > MAX_TERMS) throw new Unsupported('the expansion is too large');
    const { num, den: rden } = this.reduce(sum);
    if (num.size === 0) return FRF_ZERO;
    const g: FRF = { coef: rational(1n, den), mono: gMono, factors: gFactors };
    return this.mul(this.mul(g, this.fromPoly(num)), this.inv(rden));
  }

  sub(a: FRF, b: FRF): FRF {
    return this.add([a, this.neg(b)]);
  }

  /** mono · ∏ f^e (all e ≥ 0) multiplied out; f^(k + r) is f^k times the alias of f to the r. */
  expand(mono: Mono, factors: readonly FactorPow[]): Poly {
    let p = monoPoly(mono);
    for (const f of factors) {
      const k = Math.floor(f.e.n / f.e.d);
      const r = { n: f.e.n - k * f.e.d, d: f.e.d };
      if (k < 0) throw new Error('expand: negative exponent');
      if (r.n !== 0) p = polyMulMono(p, [this.factorAlias(f), r.n, r.d]);
      if (k > 0) p = polyMul(p, this.factorPower(f, k));
      if (p.size > MAX_TERMS) throw new Unsupported('the expansion is too large');
    }
    return p;
  }

  private factorAlias(f: FactorPow): number {
    return this.alias({ coef: { n: 1n, d: 1n }, mono: ONE, factors: [{ ...f, e: { n: 1, d: 1 } }] });
  }

  private factorPower(f: FactorPow, k: number): Poly {
    const key = `${k}:${f.key}`;
    let p = this.powCache.get(key);
    if (!p) {
      p = polyPow(f.poly, k);
      this.powCache.set(key, p);
    }
    return p;
  }

  /** Reduces aliases with exponents outside [0, 1) (reduce.ts). */
  reduce(p: Poly): { num: Poly; den: FRF } {
    return reduceAliases(this, p);
  }

  /** content · monomial · one canonical factor. */
  fromPoly(p: Poly): FRF {
    if (p.size === 0) return FRF_ZERO;
    const lead = leadingTerm(p) as Term;
    const c = polyContent(p);
    const s = lead.c < 0n ? -1n : 1n;
    const m = polyMonoContent(p);
    let r = polyDivExact(polyMulMono(p, monoInv(m), s), c);
    let coef: Rational = { n: s * c, d: 1n };
    if (polyConstant(r) !== undefined) return this.normalize({ coef, mono: m, factors: [] });
    let key = polyKey(r);
    if ((this.splitChecked.get(key) ?? -1) < this.factorPolys.size) {
      this.splitChecked.set(key, this.factorPolys.size);
      const split = this.splitByKnownFactor(r);
      if (split) return this.mul(this.normalize({ coef, mono: m, factors: [] }), split);
    }
    const sign = this.signOfFactor(key, r);
    if (sign < 0) {
      r = polyNeg(r);
      key = polyKey(r);
      coef = Q.neg(coef);
      this.factorSign.set(key, 1);
    }
    if (!this.factorPolys.has(key)) this.factorPolys.set(key, r);
    return this.normalize({ coef, mono: m, factors: [{ key, poly: r, e: { n: 1, d: 1 } }] });
  }

  /**
   * A new polynomial that a known factor divides: g · (r/g). Expanded
   * products, (1 − a)(1 − b) written as 1 − a − b + ab, then meet the
   * factor (1 − a) of another side and cancel or share a root with it.
   */
  private splitByKnownFactor(r: Poly): FRF | undefined {
    if (r.size < 3 || r.size > MAX_SPLIT_TERMS) return undefined;
    for (const [key, g] of this.factorPolys) {
      if (g.size >= r.size) continue;
      const q = polyDivide(r, g);
      if (q) return this.mul({ coef: { n: 1n, d: 1n }, mono: ONE, factors: [{ key, poly: g, e: { n: 1, d: 1 } }] }, this.fromPoly(q));
    }
    return undefined;
  }

  /** 1 (≥ 0), −1 (≤ 0: flip it) or 0 for a new primitive factor; remembered by key. */
  private signOfFactor(key: string, r: Poly): 1 | -1 | 0 {
    const known = this.factorSign.get(key);
    if (known !== undefined) return known;
    let allPos = true;
    for (const t of r.values()) {
      if (t.c < 0n) allPos = false;
      for (let i = 0; i < t.m.length && allPos; i += 3) if (!this.atoms[t.m[i]].nonneg) allPos = false;
      if (!allPos) break;
    }
    // Bisection rarely beats the dependency problem of a long expanded polynomial: only short ones get it.
    const sign = allPos ? 1 : this.signOfNode(polyNode(this.atoms, r), r.size <= 8 ? 24 : 1);
    this.factorSign.set(key, sign);
    return sign;
  }

  /**
   * Does a known factor divide another one met before it? Then a second
   * normalization of the same expressions splits the earlier one.
   */
  hasSplittableFactor(): boolean {
    const fs = [...this.factorPolys.values()];
    return fs.some((f, i) => f.size >= 3 && f.size <= MAX_SPLIT_TERMS && fs.some((g, j) => j > i && g.size < f.size && polyDivide(f, g) !== undefined));
  }

  isNonnegFactor(key: string): boolean {
    return this.factorSign.get(key) === 1;
  }

  /** The sign of a form from the signs of its parts: 1 (≥ 0), −1 (≤ 0), 0 (unknown). */
  signOf(a: FRF): 1 | -1 | 0 {
    if (isZeroF(a)) return 1;
    let s: 1 | -1 = a.coef.n > 0n ? 1 : -1;
    const m = a.mono;
    for (let i = 0; i < m.length; i += 3) {
      const atom = this.atoms[m[i]];
      const even = m[i + 2] === 1 && m[i + 1] % 2 === 0;
      if (atom.nonneg || even) continue;
      if (atom.sign === -1) s = m[i + 1] % 2 === 0 ? s : ((-s) as 1 | -1);
      else return 0;
    }
    for (const f of a.factors) {
      const even = f.e.d === 1 && f.e.n % 2 === 0;
      if (!even && !this.isNonnegFactor(f.key)) return 0;
    }
    return s;
  }
}
