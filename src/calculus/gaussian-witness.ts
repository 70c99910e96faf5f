/**
 * A numeric semantics of the calculus, independent of the normal form: every model is made a
 * random scalar linear-Gaussian DAG (n = a_n + Σ_p b_{n,p} p + s_n ε_n, context variables fixed),
 * and an expression is evaluated exactly (float64) as a quadratic polynomial in its free variables:
 * conditional densities from the joint covariance (Schur complements), expectations by writing the
 * measured variables as mean + Cholesky·ε and integrating ε out. No chain rule, Bayes, d-separation
 * or marginalization of the calculus is used, so agreement of `evaluate(e)` with
 * `evaluateNormalForm(normalize(e))` is a check of the calculus's soundness on that instance, and a
 * non-zero value of lhs − rhs is a numeric counterexample for a refuted step.
 * Not supported (throws Unsupported): log E[·] terms, whose Gaussian value is not a quadratic.
 */
import type { Atom, Measure, Term } from './expectation.js';
import { evalIdx, type Env } from './index-expr.js';
import { unroll, type ConcreteDag, type Model } from './model.js';
import type { NormalForm } from './normal-form.js';
import { toNumber } from '../expr/rational.js';
import type { Density, Expr } from './terms.js';
import { resolve } from './vars.js';

export class Unsupported extends Error {}

/** Polynomial of degree ≤ 2: monomial key ('' | 'a' | 'a*b', names sorted) → coefficient. */
type Poly = Map<string, number>;

const mono = (a: string, b?: string) => (b === undefined ? a : a < b ? `${a}*${b}` : `${b}*${a}`);
function addTo(p: Poly, k: string, c: number): void {
  const v = (p.get(k) ?? 0) + c;
  if (v === 0) p.delete(k);
  else p.set(k, v);
}
function addPoly(a: Poly, b: Poly, c = 1): Poly {
  const out = new Map(a);
  for (const [k, v] of b) addTo(out, k, c * v);
  return out;
}
/** Product of two affine polys (degree ≤ 1 each). */
function mulAffine(a: Poly, b: Poly): Poly {
  const out: Poly = new Map();
  for (const [ka, va] of a) for (const [kb, vb] of b) {
    if (ka.includes('*') || kb.includes('*')) throw new Error('internal: not affine');
    addTo(out, ka === '' ? kb : kb === '' ? ka : mono(ka, kb), va * vb);
  }
  return out;
}
const varPoly = (x: string): Poly => new Map([[x, 1]]);
const constPoly = (c: number): Poly => new Map(c ? [['', c]] : []);

/** Replaces variables by affine polys. */
function substitute(p: Poly, by: ReadonlyMap<string, Poly>): Poly {
  let out: Poly = new Map();
  for (const [k, c] of p) {
    const parts = k === '' ? [] : k.split('*');
    const fs = parts.map((x) => by.get(x) ?? varPoly(x));
    const term = fs.length === 0 ? constPoly(1) : fs.length === 1 ? fs[0]! : mulAffine(fs[0]!, fs[1]!);
    out = addPoly(out, term, c);
  }
  return out;
}

/** E over independent standard normals named '~…': E[ε] = 0, E[ε²] = 1, E[ε ε'] = 0. */
function integrateNoise(p: Poly): Poly {
  const out: Poly = new Map();
  for (const [k, c] of p) {
    const parts = k === '' ? [] : k.split('*');
    const noise = parts.filter((x) => x.startsWith('~'));
    if (!noise.length) addTo(out, k, c);
    else if (noise.length === 2 && noise[0] === noise[1]) addTo(out, '', c);
  }
  return out;
}

// Small dense linear algebra.
function inverse(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    const d = a[c]![c]!;
    if (Math.abs(d) < 1e-300) throw new Error('singular covariance');
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= d;
    for (let r = 0; r < n; r++) if (r !== c) {
      const f = a[r]![c]!;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((r) => r.slice(n));
}
function cholesky(m: number[][]): number[][] {
  const n = m.length;
  const L = m.map(() => Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let s = m[i]![j]!;
    for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
    if (i === j) {
      if (s <= 0) throw new Error('covariance not positive definite');
      L[i]![i] = Math.sqrt(s);
    } else L[i]![j] = s / L[j]![j]!;
  }
  return L;
}
const logDetFromChol = (L: number[][]) => 2 * L.reduce((s, r, i) => s + Math.log(r[i]!), 0);

/** A deterministic generator (mulberry32) so witnesses are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A linear-Gaussian instance of a model at one T: every node as an affine poly in context and noise. */
interface GaussianModel {
  readonly g: ConcreteDag;
  readonly form: ReadonlyMap<string, Poly>;
}

export interface Witness {
  readonly models: ReadonlyMap<string, GaussianModel>;
  /** Values of the free variables at which the final polynomial is evaluated. */
  readonly point: (id: string) => number;
  noise: number;
}

/** Random parameters per (model, node), drawn from `seed`; the same node gets the same parameters at every T. */
export function gaussianWitness(models: readonly Model[], T: number, seed: number): Witness {
  const out = new Map<string, GaussianModel>();
  const param = (key: string) => { const r = rng(hash(`${seed}:${key}`)); r(); return r(); };
  for (const m of models) {
    const g = unroll(m, T);
    const form = new Map<string, Poly>();
    for (const n of g.order) {
      if (g.context.has(n)) { form.set(n, varPoly(n)); continue; }
      let f = constPoly(2 * param(`${m.name}:${n}:a`) - 1);
      for (const p of g.parents.get(n)!) f = addPoly(f, form.get(p)!, 3 * param(`${m.name}:${n}:b:${p}`) - 1.5);
      f = addPoly(f, varPoly(`~${m.name}:${n}`), 0.5 + param(`${m.name}:${n}:s`));
      form.set(n, f);
    }
    out.set(m.name, { g, form });
  }
  return { models: out, point: (id) => 2 * param(`point:${id}`) - 1, noise: 0 };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function split(f: Poly): { mean: Poly; noise: Map<string, number> } {
  const mean: Poly = new Map();
  const noise = new Map<string, number>();
  for (const [k, c] of f) (k.startsWith('~') ? noise.set(k, c) : mean.set(k, c));
  return { mean, noise };
}

/** The conditional A | B ∪ context as (mean: affine polys in B and context, covariance). */
function conditional(w: Witness, model: string, A: readonly string[], B: readonly string[]): { mean: Poly[]; cov: number[][] } {
  const gm = w.models.get(model);
  if (!gm) throw new Unsupported(`no model ${model}`);
  const rand = B.filter((b) => !gm.g.context.has(b));
  const parts = (xs: readonly string[]) => xs.map((x) => split(gm.form.get(x)!));
  const pa = parts(A);
  const pb = parts(rand);
  const cov = (u: Map<string, number>, v: Map<string, number>) => [...u].reduce((s, [k, c]) => s + c * (v.get(k) ?? 0), 0);
  const Sbb = pb.map((u) => pb.map((v) => cov(u.noise, v.noise)));
  const Sab = pa.map((u) => pb.map((v) => cov(u.noise, v.noise)));
  const Saa = pa.map((u) => pa.map((v) => cov(u.noise, v.noise)));
  const inv = rand.length ? inverse(Sbb) : [];
  const K = Sab.map((row) => inv.map((_, j) => row.reduce((s, x, k) => s + x * inv[k]![j]!, 0)));
  const mean = pa.map((u, i) => {
    let m = u.mean;
    rand.forEach((b, j) => { m = addPoly(addPoly(m, varPoly(b), K[i]![j]!), pb[j]!.mean, -K[i]![j]!); });
    return m;
  });
  const c = Saa.map((row, i) => row.map((x, j) => x - K[i]!.reduce((s, k, l) => s + k * Sab[j]![l]!, 0)));
  return { mean, cov: c };
}

function logDensityPoly(w: Witness, model: string, A: readonly string[], B: readonly string[]): Poly {
  const { mean, cov } = conditional(w, model, A, B);
  const L = cholesky(cov);
  const P = inverse(cov);
  let q = constPoly(-0.5 * (A.length * Math.log(2 * Math.PI) + logDetFromChol(L)));
  const r = A.map((a, i) => addPoly(varPoly(a), mean[i]!, -1));
  A.forEach((_, i) => A.forEach((__, j) => { q = addPoly(q, mulAffine(r[i]!, r[j]!), -0.5 * P[i]![j]!); }));
  return q;
}

function expectPoly(w: Witness, model: string, S: readonly string[], G: readonly string[], body: Poly): Poly {
  const S1 = S.filter((s) => !G.includes(s)); // point mass at a given value
  if (!S1.length) return body;
  const { mean, cov } = conditional(w, model, S1, G);
  const L = cholesky(cov);
  const tag = `~e${w.noise++}:`;
  const by = new Map(S1.map((s, i) => {
    let f = mean[i]!;
    L[i]!.forEach((l, k) => { if (l) f = addPoly(f, varPoly(`${tag}${k}`), l); });
    return [s, f] as const;
  }));
  return integrateNoise(substitute(body, by));
}

const ids = (vs: Density['vars'], env: Env) => vs.flatMap((v) => resolve(v, env));
const withContext = (w: Witness, d: Density, env: Env) => {
  const B = ids(d.given, env);
  const ctx = [...(w.models.get(d.model)?.g.context ?? [])];
  return [...new Set([...B, ...ctx])];
};

/** The expression's value as a polynomial in its free variables, straight from the definitions. */
export function evaluate(e: Expr, w: Witness, env: Env): Poly {
  switch (e.kind) {
    case 'log': return logDensityPoly(w, e.d.model, ids(e.d.vars, env), withContext(w, e.d, env));
    case 'lin': return e.terms.reduce((acc, [c, t]) => addPoly(acc, evaluate(t, w, env), toNumber(c)), new Map() as Poly);
    case 'E': return expectPoly(w, e.measure.model, ids(e.measure.vars, env), withContext(w, e.measure, env), evaluate(e.body, w, env));
    case 'kl': {
      const body = addPoly(evaluate({ kind: 'log', d: e.p }, w, env), evaluate({ kind: 'log', d: e.q }, w, env), -1);
      return expectPoly(w, e.p.model, ids(e.p.vars, env), withContext(w, e.p, env), body);
    }
    case 'logE': throw new Unsupported('log E[·] has no quadratic Gaussian value');
    case 'sum': {
      let acc: Poly = new Map();
      for (let i = evalIdx(e.lo, env); i <= evalIdx(e.hi, env); i++) acc = addPoly(acc, evaluate(e.body, w, new Map([...env, [e.v, i]])));
      return acc;
    }
  }
}

function atomPoly(w: Witness, a: Atom): Poly {
  switch (a.kind) {
    case 'logd': return logDensityPoly(w, a.model, [a.v], a.cond);
    case 'raw': return logDensityPoly(w, a.model, a.A, a.B);
    case 'kl': {
      const body = addPoly(logDensityPoly(w, a.p.model, a.p.A, a.p.B), logDensityPoly(w, a.q.model, a.q.A, a.q.B), -1);
      return expectPoly(w, a.p.model, a.p.A, a.p.B, body);
    }
    case 'opaque': throw new Unsupported('opaque atom');
  }
}

function termPoly(w: Witness, t: Term): Poly {
  let p = atomPoly(w, t.atom);
  for (let i = t.measures.length - 1; i >= 0; i--) {
    const m: Measure = t.measures[i]!;
    p = expectPoly(w, m.model, m.S, m.G, p);
  }
  return p;
}

/** The normal form's value, term by term. */
export function evaluateNormalForm(nf: NormalForm, w: Witness): Poly {
  let acc: Poly = new Map();
  for (const { coef, term } of nf.values()) acc = addPoly(acc, termPoly(w, term), toNumber(coef));
  return acc;
}

/** The number a polynomial takes at the witness's point. */
export function atPoint(p: Poly, w: Witness): number {
  let s = 0;
  for (const [k, c] of p) s += c * (k === '' ? 1 : k.split('*').reduce((x, v) => x * w.point(v), 1));
  return s;
}
