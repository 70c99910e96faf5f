// The names a weight, a target or a sampling density may use, and their
// meaning in a schedule representation:
//   t       the time (continuous: (0, 1), t = 1 noise)
//   alpha   α(t), sigma σ(t)
//   snr     α²/σ² (= e^λ)
//   lambda  log(α²/σ²)
// Targets also use x0, eps and xt (= α x0 + σ ε).
import { subst } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { div, exp, log, pow, sym } from '../expr/build.js';
import { BadInput } from '../errors.js';
import type { Rep } from './schedules.js';

export const SCHEDULE_NAMES_IN_EXPR = ['t', 'snr', 'alpha', 'sigma', 'lambda'] as const;
export const TARGET_NAMES = ['x0', 'eps', 'xt'] as const;

/** Bad input unless every free name of `e` is in `allowed`. */
export function checkNames(what: string, e: Node, allowed: readonly string[]): void {
  for (const n of freeSymbols(e)) {
    if (!allowed.includes(n)) throw new BadInput(`${what}: unknown name '${n}' (it may use ${allowed.join(', ')})`);
  }
}

/**
 * `e` with the schedule names written in the representation's variable;
 * undefined when it needs t and the representation has no closed-form t.
 */
export function inRep(e: Node, rep: Rep): Node | undefined {
  const used = freeSymbols(e);
  const map = new Map<string, Node>();
  if (used.has('t') && rep.v !== 't') {
    if (!rep.t) return undefined;
    map.set('t', rep.t);
  }
  map.set('alpha', rep.alpha);
  map.set('sigma', rep.sigma);
  const ratio = div(pow(rep.alpha, 2), pow(rep.sigma, 2));
  if (rep.v === 'lambda') {
    map.set('snr', exp(sym('lambda')));
  } else {
    map.set('snr', ratio);
    map.set('lambda', log(ratio));
  }
  return subst(e, map);
}
