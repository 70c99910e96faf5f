/**
 * Conditional independence for symbolic T and a generic index: A ⊥ B | C in model m, for every
 * instance in scope, decided by d-separation on the unrolled graph at the instances of the
 * lifting plan (lifting.ts). The model's context is conditioned on (the model has no
 * distribution over it) unless the question is about a context variable itself: x_t ⊥ x_0 | x_{t−1}
 * in q(x_{1:T} | x_0) asks whether q(x_t | x_{t−1}, x_0) depends on x_0.
 *   independent  d-separated at every instance, hence for every T ≥ T0 (lifting lemma), hence
 *                in every distribution that factorizes over the model (soundness of d-separation);
 *   dependent    d-connected at a reported instance: by the completeness of d-separation
 *                (Geiger & Pearl) some distribution of the model violates the independence there,
 *                so the independence is not a consequence of the model;
 *   undecided    outside the lifting lemma, or a variable that does not exist in some instance.
 */
import { liftingPlan, NotDecided, type Scope } from './lifting.js';
import { ModelError, unroll, type Model } from './model.js';
import { dSeparated } from './dsep.js';
import { density, log } from './terms.js';
import { printId, printVar, resolve, type VarRef } from './vars.js';

export type Independence =
  | { readonly status: 'independent'; readonly instances: number }
  | { readonly status: 'dependent'; readonly at: Readonly<Record<string, number>>; readonly reason: string }
  | { readonly status: 'undecided'; readonly reason: string };

export function decideIndependence(m: Model, A: VarRef[], B: VarRef[], C: VarRef[], scope: Scope): Independence {
  let plan: Array<Map<string, number>>;
  try {
    plan = liftingPlan([log(density(m.name, [...A, ...B, ...C], []))], [m], scope);
  } catch (e) {
    if (e instanceof NotDecided || e instanceof ModelError) return { status: 'undecided', reason: e.message };
    throw e;
  }
  for (const env of plan) {
    const g = unroll(m, env.get('T')!);
    const [a, b, c] = [A, B, C].map((vs) => vs.flatMap((v) => resolve(v, env)));
    for (const n of [...a!, ...b!, ...c!])
      if (!g.nodes.has(n)) return { status: 'undecided', reason: `${printId(n)} is not a variable of ${m.name} at ${JSON.stringify(Object.fromEntries(env))}` };
    // The context is conditioned on, except a context variable the question is about: then the
    // question is whether the model's conditional depends on it (x_2 ⊥ x_0 fails in q).
    const asked = new Set([...a!, ...b!]);
    const z = [...new Set([...c!, ...[...g.context].filter((x) => !asked.has(x))])];
    if (!dSeparated(g, a!, b!, z)) {
      return {
        status: 'dependent', at: Object.fromEntries(env),
        reason: `${A.map(printVar).join(', ')} and ${B.map(printVar).join(', ')} are d-connected given ${[...C.map(printVar), ...[...g.context].map(printId)].join(', ')} in ${m.name} at ${JSON.stringify(Object.fromEntries(env))}`,
      };
    }
  }
  return { status: 'independent', instances: plan.length };
}

/**
 * The Markov simplification m(A | B) → m(A | B') that drops every condition d-separated from A
 * by the rest, for all instances in scope: q(x_t | x_{t−1}, x_0) → q(x_t | x_{t−1}). Returns the
 * conditions kept and, per dropped condition, the independence that licensed it.
 */
export function dropConditions(m: Model, A: VarRef[], B: VarRef[], scope: Scope): { kept: VarRef[]; dropped: VarRef[] } {
  let kept = [...B];
  const dropped: VarRef[] = [];
  for (const b of B) {
    const rest = kept.filter((k) => k !== b);
    if (decideIndependence(m, A, [b], rest, scope).status === 'independent') {
      kept = rest;
      dropped.push(b);
    }
  }
  return { kept, dropped };
}
