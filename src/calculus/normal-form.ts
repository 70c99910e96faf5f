/**
 * The normal form of an expression at one concrete instance (T and the free index variables
 * given): a linear combination, with exact rational coefficients, of canonical terms
 * E_{μ_1}[… E_{μ_k}[atom] …] where each atom is a basis log-density atom (atoms.ts) and each
 * measure is the minimal valid marginal for what it integrates (expectation.ts); k = 1 except
 * where the tower rule does not apply. Sums are expanded at the instance; lifting.ts is what
 * turns "zero at the instances it lists" into "zero for every T".
 *
 * The normal form is zero exactly when the identity is derivable in the calculus (chain rule,
 * Bayes, d-separation, marginalization, linearity, constants, tower rule, KL definition, the
 * importance identity below). Soundness: every rewrite is an identity of positive densities
 * factorizing over the model graph. The converse (a non-zero form means the identity fails for
 * some densities of the model class) rests on the genericity of distinct canonical terms; the
 * derivation checker keeps its numeric testbed as the witness of a refutation.
 */
import { add as qadd, isZero, mul as qmul, rational, toString as qstr, type Rational } from '../expr/rational.js';
import { byPos, decompose, effectiveGiven, rawAtom, UndefinedDensity, type IdPrinter } from './atoms.js';
import { ALL_RULES, type Rule } from './rules.js';
import { concreteMeasure, pushMeasure, printTerm, termKey, type Term, type Measure, measureKey } from './expectation.js';
import type { Env } from './index-expr.js';
import { evalIdx } from './index-expr.js';
import { unroll, type ConcreteDag, type Model } from './model.js';
import { printDensity, type Density, type Expr } from './terms.js';
import { resolve } from './vars.js';

export interface NFEntry {
  readonly coef: Rational;
  readonly term: Term;
}

/** key → coefficient·term; zero coefficients are never stored. */
export type NormalForm = Map<string, NFEntry>;

export interface Instance {
  readonly models: ReadonlyMap<string, Model>;
  readonly env: Env;
  /** Reasons recorded on the way (non-marginal products, point masses), deduplicated. */
  readonly notes: Set<string>;
  /** The rewrites allowed (rules.ts); all of them when absent. */
  readonly rules?: ReadonlySet<Rule>;
}

const has = (inst: Instance, r: Rule) => (inst.rules ?? ALL_RULES).has(r);

function addInto(nf: NormalForm, c: Rational, t: Term): void {
  const k = termKey(t);
  const prev = nf.get(k);
  const coef = prev ? qadd(prev.coef, c) : c;
  if (isZero(coef)) nf.delete(k);
  else nf.set(k, { coef, term: t });
}

export function combine(a: NormalForm, b: NormalForm, cb: Rational): NormalForm {
  const out: NormalForm = new Map(a);
  for (const { coef, term } of b.values()) addInto(out, qmul(coef, cb), term);
  return out;
}

function dagOf(inst: Instance): (model: string) => ConcreteDag {
  const T = inst.env.get('T');
  if (T === undefined) throw new RangeError('an instance needs a value of T');
  return (name) => {
    const m = inst.models.get(name);
    if (!m) throw new UndefinedDensity(`no model named '${name}'`);
    return unroll(m, T);
  };
}

function resolveDensity(inst: Instance, d: Density): { g: ConcreteDag; A: string[]; B: string[] } {
  const g = dagOf(inst)(d.model);
  const A = d.vars.flatMap((v) => resolve(v, inst.env));
  const B = [...new Set(d.given.flatMap((v) => resolve(v, inst.env)))];
  return { g, A, B };
}

/** log m(A | G), G including the context: basis atoms, or one raw atom when factorize is off. */
function logAtoms(inst: Instance, g: ConcreteDag, A: readonly string[], G: readonly string[]): NormalForm {
  const nf: NormalForm = new Map();
  if (!has(inst, 'factorize')) {
    addInto(nf, rational(1n), { measures: [], atom: rawAtom(g, A, G, has(inst, 'markov')) });
    return nf;
  }
  for (const [s, atom] of decompose(g, A, G, has(inst, 'markov'))) addInto(nf, rational(BigInt(s)), { measures: [], atom });
  return nf;
}

function logDensity(inst: Instance, d: Density): NormalForm {
  const { g, A, B } = resolveDensity(inst, d);
  return logAtoms(inst, g, A, effectiveGiven(g, A, B, printDensity(d)));
}

function measureOf(inst: Instance, d: Density): Measure | undefined {
  const { g, A, B } = resolveDensity(inst, d);
  return concreteMeasure(g, A, B, printDensity(d), inst.notes);
}

function expect(inst: Instance, mu: Measure | undefined, body: NormalForm): NormalForm {
  if (!mu) return body;
  const out: NormalForm = new Map();
  for (const { coef, term } of body.values()) addInto(out, coef, pushMeasure(dagOf(inst), mu, term, inst.notes, inst.rules ?? ALL_RULES));
  return out;
}

/**
 * log E_{m(S|G)}[n(A|B) / m(S|G)] = log n(A \ S | B) when S ⊆ A and B ∩ S = ∅ (∫ n(A|B) dS is the
 * marginal; positivity of m gives the support condition). Anything else stays an opaque atom.
 */
function logExpectation(inst: Instance, e: Extract<Expr, { kind: 'logE' }>): NormalForm {
  const mu = measureOf(inst, e.measure);
  // Every density in the ratio must be a density of its model, whatever happens next.
  const given = [...e.num, ...e.den].map((d) => {
    const r = resolveDensity(inst, d);
    return effectiveGiven(r.g, r.A, r.B, printDensity(d));
  });
  if (has(inst, 'importance') && mu && e.num.length === 1 && e.den.length === 1 && e.den[0]!.model === mu.model) {
    const den = measureOf(inst, e.den[0]!);
    const n = resolveDensity(inst, e.num[0]!);
    const G = given[0]!;
    if (den && measureKey(den) === measureKey(mu) && mu.S.every((s) => n.A.includes(s)) && !G.some((b) => mu.S.includes(b))) {
      const rest = n.A.filter((a) => !mu.S.includes(a));
      if (!rest.length) return new Map();
      return logAtoms(inst, n.g, rest, G);
    }
  }
  // Opaque: keyed by its resolved parts.
  const parts = (ds: readonly Density[]) => ds.map((d) => {
    const r = resolveDensity(inst, d);
    return `${d.model}(${[...r.A].sort(byPos(r.g)).join(',')}|${[...r.B].sort(byPos(r.g)).join(',')})`;
  }).sort().join('*');
  const S = mu ? mu.S : [];
  const deps = new Set<string>();
  for (const d of [...e.num, ...e.den]) {
    const r = resolveDensity(inst, d);
    [...r.A, ...r.B].forEach((x) => deps.add(x));
  }
  mu?.G.forEach((x) => deps.add(x));
  const key = `logE[${mu ? measureKey(mu) : ''}](${parts(e.num)}/${parts(e.den)})`;
  const nf: NormalForm = new Map();
  addInto(nf, rational(1n), {
    measures: [],
    atom: { kind: 'opaque', key, text: key, deps: [...deps].filter((x) => !S.includes(x)) },
  });
  return nf;
}

export function normalize(e: Expr, inst: Instance): NormalForm {
  switch (e.kind) {
    case 'log':
      return logDensity(inst, e.d);
    case 'lin': {
      let out: NormalForm = new Map();
      for (const [c, t] of e.terms) out = combine(out, normalize(t, inst), c);
      return out;
    }
    case 'E':
      return expect(inst, measureOf(inst, e.measure), normalize(e.body, inst));
    case 'kl': {
      const p = resolveDensity(inst, e.p);
      const q = resolveDensity(inst, e.q);
      const same = p.A.length === q.A.length && p.A.every((a) => q.A.includes(a));
      if (!same) throw new UndefinedDensity(`KL(${printDensity(e.p)} ‖ ${printDensity(e.q)}): densities over different variables`);
      if (!has(inst, 'kl')) {
        const raw = (r: typeof p, d: Density) => rawAtom(r.g, r.A, effectiveGiven(r.g, r.A, r.B, printDensity(d)), has(inst, 'markov'));
        const nf: NormalForm = new Map();
        addInto(nf, rational(1n), { measures: [], atom: { kind: 'kl', p: raw(p, e.p), q: raw(q, e.q) } });
        return nf;
      }
      const body = combine(logDensity(inst, e.p), logDensity(inst, e.q), rational(-1n));
      return expect(inst, measureOf(inst, e.p), body);
    }
    case 'logE':
      return logExpectation(inst, e);
    case 'sum': {
      if (inst.env.has(e.v)) throw new RangeError(`sum variable ${e.v} shadows an index already bound`);
      const lo = evalIdx(e.lo, inst.env);
      const hi = evalIdx(e.hi, inst.env);
      let out: NormalForm = new Map();
      for (let i = lo; i <= hi; i++) {
        const env = new Map(inst.env);
        env.set(e.v, i);
        out = combine(out, normalize(e.body, { ...inst, env }), rational(1n));
      }
      return out;
    }
  }
}

/** One line per term, `coef · term`. */
export function printNormalForm(nf: NormalForm, pr?: IdPrinter): string[] {
  return [...nf.values()].map(({ coef, term }) => `${qstr(coef)} · ${printTerm(term, pr)}`);
}
