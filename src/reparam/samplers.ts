// Timestep samplers p(t) on (0, 1). Two kinds:
//   a density in t:   uniform (1), logit-normal(m, s), cosmap, or the user's expression in t;
//   a map of u ~ U(0, 1): mode(s), t = f_mode(u; s) = 1 − u − s (cos²(πu/2) − 1 + u),
//     whose inverse has no closed form: the analysis then works in u, where the
//     density of u is 1 (p(t) = 1/|f'(u)| is never needed).
// Sources: Esser et al. 2024 (SD3), section 3.1.
import { parseScalar } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { add, cos, div, exp, logit, mul, neg, num, pi, pow, sqrt, sub, sym } from '../expr/build.js';
import { parse } from '../expr/parse.js';
import { parseDecimal, toNumber } from '../expr/rational.js';
import { BadInput } from '../errors.js';
import { checkNames } from './names.js';
import { evalFloat } from '../algebra/eval-float.js';

export type Sampler =
  | { readonly kind: 'density'; readonly text: string; readonly p: Node }
  | { readonly kind: 'map'; readonly text: string; readonly g: Node; readonly s: number };

const t = sym('t');
const u = sym('u');

/** Mode's density is monotone (the map a bijection) exactly for −1 ≤ s ≤ 2/(π − 2). */
export const MODE_S_MAX = 2 / (Math.PI - 2);

function numberArg(text: string, what: string): Node {
  const r = parseDecimal(text.trim());
  if (!r) throw new BadInput(`--sampling ${what}: '${text}' is not a number`);
  return num(r);
}

export function parseSampling(text: string | undefined): Sampler {
  const s = (text ?? 'uniform').trim();
  if (s === 'uniform') return { kind: 'density', text: s, p: num(1) };
  if (s === 'cosmap') return { kind: 'density', text: s, p: div(2, add(pi, mul(-2, pi, t), mul(2, pi, pow(t, 2)))) };
  const ln = /^logit-normal\(\s*([^,()]+)\s*,\s*([^,()]+)\s*\)$/.exec(s);
  if (ln) {
    const m = numberArg(ln[1], 'logit-normal(m, s)');
    const sd = numberArg(ln[2], 'logit-normal(m, s)');
    if (!((sd as { n: bigint }).n > 0n)) throw new BadInput('--sampling logit-normal(m, s): s (the standard deviation) must be > 0');
    // π(t; m, s) = 1/(s√(2π)) · 1/(t(1 − t)) · exp(−(logit t − m)²/(2s²))
    const p = div(exp(neg(div(pow(sub(logit(t), m), 2), mul(2, pow(sd, 2))))), mul(sd, sqrt(mul(2, pi)), t, sub(1, t)));
    return { kind: 'density', text: s, p };
  }
  const mode = /^mode\(\s*([^,()]+)\s*\)$/.exec(s);
  if (mode) {
    const sn = numberArg(mode[1], 'mode(s)');
    const sv = toNumber(sn as never);
    if (!(sv >= -1 && sv <= MODE_S_MAX)) throw new BadInput(`--sampling mode(s): f_mode is a bijection of (0, 1) only for -1 <= s <= 2/(pi - 2) = ${MODE_S_MAX.toPrecision(6)}, not ${mode[1].trim()}`);
    const g = sub(sub(1, u), mul(sn, add(pow(cos(mul(pi, u, num(0.5))), 2), -1, u)));
    return { kind: 'map', text: s, g, s: sv };
  }
  let p: Node;
  try {
    p = parseScalar(s);
  } catch (e) {
    throw new BadInput(`--sampling '${s}' is neither a sampler (uniform, logit-normal(m,s), mode(s), cosmap) nor a density in t: ${(e as Error).message}`);
  }
  if (p.kind !== 'scalar') throw new BadInput(`--sampling '${s}' must be a scalar density in t`);
  checkNames('--sampling', p, ['t']);
  // A density must be ≥ 0; its normalization does not matter for the shape of w(λ), and is reported.
  for (const x of [0.001, 0.1, 0.5, 0.9, 0.999]) {
    const v = evalFloat(p, { t: x });
    if (v < 0) throw new BadInput(`--sampling '${s}' is negative at t = ${x}: not a density`);
  }
  return { kind: 'density', text: s, p };
}

/** u with f(u) = t for a decreasing map f of (0, 1) onto (0, 1), by bisection (to the last bit). */
export function invertMap(g: Node, tv: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (evalFloat(g, { u: mid }) > tv) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
