// Prediction targets u = a x_0 + b ε, with a and b functions of the schedule:
//   eps    a = 0, b = 1
//   x0     a = 1, b = 0
//   v      a = −σ, b = α                 (Salimans & Ho 2022)
//   flow   a = α′, b = σ′ (dx_t/dt)       (rectified flow: ε − x_0)
//   score  a = 0, b = −1/σ               (∇ log q(x_t | x_0) = −ε/σ)
// or any expression linear in x0 and eps (xt = α x0 + σ ε may appear) with
// coefficients in t, alpha, sigma, snr, lambda; anything else is bad input.
// dalpha/dsigma stand for α′ = dα/dt and σ′ = dσ/dt.
import { subst, diff, parseScalar } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { add, div, mul, neg, num, sym } from '../expr/build.js';
import { derivative } from '../expr/derivative.js';
import { parse } from '../expr/parse.js';
import { decide } from '../algebra/decide.js';
import { toMathjs } from '../expr/print-mathjs.js';
import { BadInput } from '../errors.js';
import { checkNames, SCHEDULE_NAMES_IN_EXPR, TARGET_NAMES } from './names.js';

export interface Target {
  readonly text: string;
  /** The coefficients of x0 and eps, in the schedule names (and dalpha, dsigma). */
  readonly a: Node;
  readonly b: Node;
  /** The target as the user wrote it, xt written out (for the linearity check). */
  readonly expr?: Node;
}

export const TARGET_KEYWORDS = ['eps', 'x0', 'v', 'flow', 'score'] as const;

const alpha = sym('alpha');
const sigma = sym('sigma');

export function parseTarget(text: string): Target {
  const s = text.trim();
  switch (s) {
    case 'eps':
      return { text: s, a: num(0), b: num(1) };
    case 'x0':
      return { text: s, a: num(1), b: num(0) };
    case 'v':
      return { text: s, a: neg(sigma), b: alpha };
    case 'flow':
      return { text: s, a: sym('dalpha'), b: sym('dsigma') };
    case 'score':
      return { text: s, a: num(0), b: neg(div(1, sigma)) };
  }
  let e: Node;
  try {
    e = parseScalar(s);
  } catch (err) {
    throw new BadInput(`--target '${s}' is neither a target (${TARGET_KEYWORDS.join(', ')}) nor an expression: ${(err as Error).message}`);
  }
  if (e.kind !== 'scalar') throw new BadInput(`--target '${s}' must be a scalar expression in x0 and eps`);
  checkNames('--target', e, [...TARGET_NAMES, ...SCHEDULE_NAMES_IN_EXPR]);
  e = subst(e, new Map([['xt', add(mul(alpha, sym('x0')), mul(sigma, sym('eps')))]]));
  if (!freeSymbols(e).has('x0') && !freeSymbols(e).has('eps')) throw new BadInput(`--target '${s}' mentions neither x0 nor eps`);
  let a: Node;
  let b: Node;
  try {
    a = diff(e, 'x0');
    b = diff(e, 'eps');
  } catch (err) {
    throw new BadInput(`--target '${s}' is not linear in x0 and eps (${(err as Error).message})`);
  }
  for (const c of [a, b]) {
    if (freeSymbols(c).has('x0') || freeSymbols(c).has('eps')) throw new BadInput(`--target '${s}' is not linear in x0 and eps: its coefficients depend on them`);
  }
  // A term free of x0 and eps (x0 + 1, eps + 1e-30) makes u affine, not linear: u at x0 = eps = 0
  // must be 0 for all values of the schedule names, which the algebra decides exactly.
  const rest = subst(e, new Map([['x0', num(0)], ['eps', num(0)]]));
  const verdict = decide(rest, '=', num(0), new Map(), { points: 20 });
  if (verdict.verdict !== 'proved') throw new BadInput(`--target '${s}' is not linear in x0 and eps: it has a term free of both (${toMathjs(rest)})`);
  return { text: s, a, b, expr: e };
}
