/**
 * Expectations on a concrete DAG: validation of measures, linearity, constants, marginalization,
 * reduction of the conditioning set, and the tower rule for nested expectations.
 *
 * A measure m(S | G) is always a conditional of model m's joint (checked: S, G variables of m;
 * the context conditioned on or d-separated from S). For an integrand f that depends only on W:
 *   constants     S ∩ W = ∅                 ⇒ E_{m(S|G)}[f] = f
 *   marginal      S' = S ∩ W                ⇒ E_{m(S|G)}[f] = E_{m(S'|G)}[f]
 *   conditioning  S' ⊥ g | G \ {g}          ⇒ m(S'|G) = m(S'|G \ {g})
 *   tower         m(S2|G2) = m(S2 | S' ∪ G) ⇒ E_{m(S'|G)}[E_{m(S2|G2)}[f]] = E_{m(S' ∪ S2|G)}[f]
 * The tower rule is the only way two measures combine, and its side condition is d-separation
 * (S2 ⊥ (S' ∪ G) \ G2 | G2): a product of a marginal and a conditional that is not a
 * conditional of the joint (Luo's eq. 45: q(x_{t−1}, x_{t+1} | x_0) q(x_t | x_{t−1})) stays an
 * iterated expectation, a different term, and the reason is recorded.
 * A variable that is both measured and given (x_0 in q(x_0, x_1, x_2 | x_0), the t = 1 term of
 * eq. 44) is a point mass at its given value, so it is dropped from S.
 * Linearity presumes every log-density atom is integrable under the measures used; positivity of
 * densities is presumed throughout (model-class assumptions of the calculus). Marginal,
 * conditioning and tower can each be switched off (rules.ts: marginalize, markov, tower) to decide
 * a step with only the rewrites its justification names; constants always come out.
 */
import { dSeparated, minimalConditioning } from './dsep.js';
import { byPos, effectiveGiven, printAtom, atomKey, UndefinedDensity, type BasisAtom, type IdPrinter, type RawAtom } from './atoms.js';
import { ALL_RULES, type Rule } from './rules.js';
import type { ConcreteDag } from './model.js';
import { printId } from './vars.js';

export interface Measure {
  readonly model: string;
  /** Sorted by topological position. */
  readonly S: readonly string[];
  readonly G: readonly string[];
}

/** An atom the calculus keeps opaque (e.g. a log E[ratio] it cannot simplify). */
export interface OpaqueAtom {
  readonly kind: 'opaque';
  readonly key: string;
  readonly text: string;
  readonly deps: readonly string[];
}

/** KL(p(A|B1) ‖ q(A|B2)) kept whole (the kl rule off): a function of B1 ∪ B2. */
export interface KlAtom {
  readonly kind: 'kl';
  readonly p: RawAtom;
  readonly q: RawAtom;
}

export type Atom = BasisAtom | RawAtom | KlAtom | OpaqueAtom;

const rawKey = (a: RawAtom) => `${a.model}(${a.A.join(',')}|${a.B.join(',')})`;
const rawText = (a: RawAtom, pr: IdPrinter) => `${a.model}(${a.A.map(pr).join(', ')}${a.B.length ? ` | ${a.B.map(pr).join(', ')}` : ''})`;

function atomKeyOf(a: Atom): string {
  switch (a.kind) {
    case 'logd': return atomKey(a);
    case 'raw': return `raw:${rawKey(a)}`;
    case 'kl': return `KL[${rawKey(a.p)}‖${rawKey(a.q)}]`;
    case 'opaque': return a.key;
  }
}

function atomText(a: Atom, pr: IdPrinter): string {
  switch (a.kind) {
    case 'logd': return printAtom(a, pr);
    case 'raw': return `log ${rawText(a, pr)}`;
    case 'kl': return `KL(${rawText(a.p, pr)} ‖ ${rawText(a.q, pr)})`;
    case 'opaque': return a.text;
  }
}

/** E_{measures[0]}[E_{measures[1]}[… atom …]]; no measures: the atom itself. */
export interface Term {
  readonly measures: readonly Measure[];
  readonly atom: Atom;
}

export const measureKey = (m: Measure) => `${m.model}(${m.S.join(',')}|${m.G.join(',')})`;
export const termKey = (t: Term) => t.measures.map((m) => `E${measureKey(m)}`).join('') + atomKeyOf(t.atom);

export function printMeasure(m: Measure, pr: IdPrinter = printId): string {
  const ids = (xs: readonly string[]) => xs.map(pr).join(', ');
  return `${m.model}(${ids(m.S)}${m.G.length ? ` | ${ids(m.G)}` : ''})`;
}

export function printTerm(t: Term, pr: IdPrinter = printId): string {
  const a = atomText(t.atom, pr);
  return t.measures.reduceRight((acc, m) => `E_{${printMeasure(m, pr)}}[${acc}]`, a);
}

function atomDeps(a: Atom): string[] {
  switch (a.kind) {
    case 'logd': return [a.v, ...a.cond];
    case 'raw': return [...a.A, ...a.B];
    case 'kl': return [...new Set([...a.p.B, ...a.q.B])];
    case 'opaque': return [...a.deps];
  }
}

/** The variables a term is a function of. */
export function termDeps(t: Term): Set<string> {
  let d = new Set(atomDeps(t.atom));
  for (let i = t.measures.length - 1; i >= 0; i--) {
    const m = t.measures[i]!;
    d = new Set([...[...d].filter((v) => !m.S.includes(v)), ...m.G]);
  }
  return d;
}

/** Validates m(S | G) and applies the point-mass convention. Returns undefined for S = ∅. */
export function concreteMeasure(g: ConcreteDag, S: readonly string[], G: readonly string[], what: string, notes: Set<string>): Measure | undefined {
  const dup = S.filter((s) => G.includes(s));
  if (dup.length) notes.add(`${what}: ${dup.map(printId).join(', ')} both measured and given; taken as a point mass at the given value`);
  if (new Set(S).size !== S.length) throw new UndefinedDensity(`${what}: a measured variable appears twice`);
  const S1 = S.filter((s) => !G.includes(s));
  if (!S1.length) return undefined;
  const G1 = effectiveGiven(g, S1, G, what);
  return { model: g.model, S: S1.sort(byPos(g)), G: G1.sort(byPos(g)) };
}

/**
 * E_μ[term] in canonical form: marginalize μ to what the term depends on, reduce its
 * conditioning set, and merge it with the term's outer measure when the tower rule allows.
 */
export function pushMeasure(dag: (model: string) => ConcreteDag, mu: Measure, t: Term, notes: Set<string>, rules: ReadonlySet<Rule> = ALL_RULES): Term {
  const g = dag(mu.model);
  const deps = termDeps(t);
  const touched = mu.S.filter((s) => deps.has(s));
  if (!touched.length) return t; // a constant of the measure: pulled out (E[c] = c)
  const S = rules.has('marginalize') ? touched : [...mu.S];
  const inner = t.measures[0];
  if (rules.has('tower') && inner && inner.model === mu.model) {
    const outerCond = [...S, ...mu.G];
    const clash = inner.S.filter((s) => outerCond.includes(s));
    const extra = inner.G.filter((x) => !outerCond.includes(x));
    if (!clash.length && !extra.length) {
      const rest = outerCond.filter((x) => !inner.G.includes(x));
      if (dSeparated(g, inner.S, rest, inner.G)) {
        const merged: Measure = { model: mu.model, S: [...S, ...inner.S].sort(byPos(g)), G: mu.G };
        return pushMeasure(dag, merged, { measures: t.measures.slice(1), atom: t.atom }, notes, rules);
      }
      notes.add(
        `E_{${printMeasure({ ...mu, S })}}[E_{${printMeasure(inner)}}[…]]: the product measure is not a conditional of ${mu.model}'s joint, `
        + `since ${inner.S.map(printId).join(', ')} is not d-separated from ${rest.map(printId).join(', ')} given ${inner.G.map(printId).join(', ') || '∅'}`,
      );
    }
  }
  const G = (rules.has('markov') ? minimalConditioning(g, S, mu.G) : [...mu.G]).sort(byPos(g));
  return { measures: [{ model: mu.model, S, G }, ...t.measures], atom: t.atom };
}
