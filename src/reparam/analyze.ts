// The analysis of an objective (schedule, target, sampler, weight): the
// conversions between the target and x_0, ε, v, flow, score given x_t; where
// the target is degenerate; weightEps, weightX0 and Kingma & Gao's w(λ) as
// formulas, each decided by the algebra; their endpoints; values at given t.
import { foldS } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { add, div, mul, neg, num, pow, sub, sym } from '../expr/build.js';
import { fold } from '../expr/fold.js';
import { toMathjs } from '../expr/print-mathjs.js';
import { decide } from '../algebra/decide.js';
import { evalFloat } from '../algebra/eval-float.js';
import { BadInput } from '../errors.js';
import type { VerdictName } from '../verdict.js';
import { buildObjective, type Objective, type ObjectiveSpec } from './objective.js';
import { piecesOf, type Pieces } from './pieces.js';
import { endpointsOf, type Endpoint } from './endpoints.js';
import { simplified } from './simplify.js';

export interface Check {
  readonly claim: string;
  readonly verdict: VerdictName;
}

export interface AtValue {
  readonly t: number;
  readonly beta?: number | null;
  readonly alphaBar?: number | null;
  readonly alpha: number | null;
  readonly sigma: number | null;
  readonly lambda: number | null;
  readonly weightEps: number | null;
  readonly weightX0: number | null;
  readonly weightLambda: number | null;
  readonly valid: boolean;
}

export interface Analysis {
  readonly schedule: string;
  readonly target: string;
  readonly sampling: string;
  readonly weight: string;
  readonly conversions: Record<string, string>;
  readonly degenerate: { readonly formula: string; readonly where: string };
  readonly weightEps: string;
  readonly weightX0: string;
  readonly weightLambda: string | null;
  readonly endpoints: readonly Endpoint[];
  readonly at: readonly AtValue[];
  readonly checks: readonly Check[];
}

const [x0, eps, epsHat] = ['x0', 'eps', 'epsHat'].map(sym);

/** X = cx x_t + cu u for the target u = a x_0 + b ε, D = bα − aσ. */
function conversionsOf(p: Pieces): Record<string, [Node, Node] | undefined> {
  const { alpha, sigma, a, b, D } = p;
  const dom = new Map([[p.rep.v, p.rep.domain]]);
  const pair = (x: Node, y: Node): [Node, Node] => [simplified(x, dom), simplified(y, dom)];
  const x0c = pair(div(b, D), neg(div(sigma, D)));
  const epsc = pair(neg(div(a, D)), div(alpha, D));
  const lin = (ka: Node, kb: Node): [Node, Node] => pair(add(mul(ka, x0c[0]), mul(kb, epsc[0])), add(mul(ka, x0c[1]), mul(kb, epsc[1])));
  return {
    x0: x0c,
    eps: epsc,
    v: lin(neg(sigma), alpha),
    flow: p.dalpha && p.dsigma ? lin(p.dalpha, p.dsigma) : undefined,
    score: lin(num(0), neg(div(1, sigma))),
  };
}

/** The meaning of each converted quantity in x_0 and ε. */
function truthOf(name: string, p: Pieces): Node | undefined {
  switch (name) {
    case 'x0':
      return x0;
    case 'eps':
      return eps;
    case 'v':
      return sub(mul(p.alpha, eps), mul(p.sigma, x0));
    case 'flow':
      return p.dalpha && p.dsigma ? add(mul(p.dalpha, x0), mul(p.dsigma, eps)) : undefined;
    case 'score':
      return neg(div(eps, p.sigma));
  }
  return undefined;
}

/** A formula as printed: its shorter exact form (simplify.ts). */
const textIn = (p: Pieces) => (n: Node): string => toMathjs(simplified(n, new Map([[p.rep.v, p.rep.domain]])));

function verdictOf(lhs: Node, rel: '=' | '<=' | '>=', rhs: Node, p: Pieces): VerdictName {
  return decide(lhs, rel, rhs, new Map([[p.rep.v, p.rep.domain]]), { points: 40 }).verdict;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function describeSchedule(obj: Objective, p: Pieces): string {
  const s = obj.schedule;
  const where = p.rep.v === 'lambda' ? 'formulas in lambda = log(alpha^2/sigma^2)' : p.rep.v === 'u' ? `formulas in u ~ U(0,1), t = ${toMathjs(p.rep.t!)}` : p.rep.v === 'alphaBar' ? 'formulas in alphaBar' : 'formulas in t';
  if (s.kind === 'discrete') return `${s.name} (T = ${s.arrays.T}${s.arrays.zeroSnr ? ', zero terminal SNR' : ''}): alpha = sqrt(alphaBar), sigma = sqrt(1 - alphaBar); ${where}`;
  return `${s.name}: alpha = ${s.alphaText}, sigma = ${s.sigmaText}; ${where}`;
}

/** Values at the requested t (continuous, in (0, 1)) or steps (discrete, 1 … T). */
function valuesAt(obj: Objective, p: Pieces, ts: readonly number[]): AtValue[] {
  const s = obj.schedule;
  return ts.map((t) => {
    if (s.kind === 'discrete') {
      if (!Number.isInteger(t) || t < 1 || t > s.arrays.T) throw new BadInput(`--at ${t}: a discrete schedule takes integer steps t = 1 … ${s.arrays.T}`);
    } else if (!(t > 0 && t < 1)) {
      throw new BadInput(`--at ${t}: a continuous schedule takes t in (0, 1) (t = 1 is pure noise)`);
    }
    const v = p.rep.vAt(t);
    const env = { [p.rep.v]: v };
    const ev = (n: Node) => finite(evalFloat(n, env));
    const D = evalFloat(p.D, env);
    let weightLambda: number | null = null;
    if (s.kind === 'discrete') {
      // The step masses 2 p_t weightEps spread over the λ-interval each step covers (central differences).
      const L = s.arrays.logSnr;
      const i = t - 1;
      const lo = L[Math.max(0, i - 1)];
      const hi = L[Math.min(L.length - 1, i + 1)];
      const span = Math.abs(hi - lo) / (Math.min(L.length - 1, i + 1) - Math.max(0, i - 1) || 1);
      const we = evalFloat(p.weightEps, env);
      weightLambda = finite((2 * (1 / s.arrays.T) * we) / span);
    } else if (p.weightLambda) weightLambda = ev(p.weightLambda);
    const lambda = s.kind === 'discrete' ? s.arrays.logSnr[t - 1] : evalFloat(p.lambda, env);
    return {
      t,
      ...(s.kind === 'discrete' ? { beta: finite(s.arrays.beta[t - 1]), alphaBar: finite(s.arrays.alphaBar[t - 1]) } : {}),
      alpha: ev(p.alpha),
      sigma: ev(p.sigma),
      lambda: finite(lambda),
      weightEps: ev(p.weightEps),
      weightX0: ev(p.weightX0),
      weightLambda,
      valid: Number.isFinite(D) && D !== 0,
    };
  });
}

function checksOf(p: Pieces): Check[] {
  const text = textIn(p);
  const checks: Check[] = [];
  const conv = conversionsOf(p);
  const xtOf = add(mul(p.alpha, x0), mul(p.sigma, eps));
  const uOf = add(mul(p.a, x0), mul(p.b, eps));
  for (const [name, c] of Object.entries(conv)) {
    const truth = truthOf(name, p);
    if (!c || !truth) continue;
    checks.push({ claim: `${name} = (${text(c[0])})*xt + (${text(c[1])})*u`, verdict: verdictOf(add(mul(c[0], xtOf), mul(c[1], uOf)), '=', truth, p) });
  }
  // At fixed x_t the prediction implied by ε̂ is û = a x̂_0 + b ε̂ with x̂_0 = (x_t − σ ε̂)/α.
  const x0Hat = div(sub(xtOf, mul(p.sigma, epsHat)), p.alpha);
  const uHat = add(mul(p.a, x0Hat), mul(p.b, epsHat));
  const loss = mul(p.W, pow(sub(uHat, uOf), 2));
  checks.push({ claim: `weight*(uhat - u)^2 = weightEps*(epsHat - eps)^2`, verdict: verdictOf(loss, '=', mul(p.weightEps, pow(sub(epsHat, eps), 2)), p) });
  checks.push({ claim: `weight*(uhat - u)^2 = weightX0*(x0hat - x0)^2`, verdict: verdictOf(loss, '=', mul(p.weightX0, pow(sub(x0Hat, x0), 2)), p) });
  if (p.rep.v === 'lambda' && p.rep.dtdv) checks.push({ claim: `dt/dlambda = ${text(p.rep.dtdv)} <= 0 (lambda decreases in t)`, verdict: verdictOf(p.rep.dtdv, '<=', num(0), p) });
  else if (p.weightLambda && p.dlSign) {
    const [rel, how] = p.dlSign < 0 ? (['<=', 'decreases'] as const) : (['>=', 'increases'] as const);
    checks.push({ claim: `dlambda/d${p.rep.v} = ${text(p.dldv)} ${rel} 0 (lambda ${how} in ${p.rep.v})`, verdict: verdictOf(p.dldv, rel, num(0), p) });
  }
  return checks;
}

function degenerateOf(p: Pieces): { formula: string; where: string } {
  const text = textIn(p);
  const formula = text(p.D);
  const dom = new Map([[p.rep.v, p.rep.domain]]);
  if (decide(p.D, '=', num(0), dom, { points: 20 }).verdict === 'proved') return { formula, where: 'everywhere: the target carries no information about eps' };
  const pos = decide(p.D, '>=', num(0), dom, { points: 20 }).verdict === 'proved';
  const neg_ = !pos && decide(p.D, '<=', num(0), dom, { points: 20 }).verdict === 'proved';
  // ≥ 0 proved leaves isolated zeros possible: look for them on a grid.
  const xs = p.rep.v === 'lambda' ? Array.from({ length: 161 }, (_, i) => -40 + i / 2) : Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);
  const zeros: number[] = [];
  let prev: number | undefined;
  for (const x of xs) {
    const y = evalFloat(p.D, { [p.rep.v]: x });
    if (y === 0 || (prev !== undefined && Number.isFinite(y) && Number.isFinite(prev) && Math.sign(y) !== Math.sign(prev))) zeros.push(x);
    prev = y;
  }
  if (zeros.length) return { formula, where: `${p.rep.v} near ${zeros.slice(0, 5).join(', ')} (a sign change of ${formula} on a grid)` };
  return { formula, where: pos || neg_ ? 'nowhere in the interior (its sign is fixed; proved)' : 'nowhere on a grid of the domain (not proved)' };
}

/** The analysis of one objective, with values at the given t (or steps). */
export function analyze(spec: ObjectiveSpec, at: readonly number[] = []): Analysis {
  const obj = buildObjective(spec);
  return analyzeObjective(obj, at);
}

export function analyzeObjective(obj: Objective, at: readonly number[] = []): Analysis {
  const p = piecesOf(obj);
  const text = textIn(p);
  const conv = conversionsOf(p);
  const conversions: Record<string, string> = {};
  for (const [name, c] of Object.entries(conv)) if (c) conversions[name] = `(${text(c[0])})*xt + (${text(c[1])})*u`;
  return {
    schedule: describeSchedule(obj, p),
    target: `${obj.target.text} = (${text(p.a)})*x0 + (${text(p.b)})*eps`,
    sampling: obj.sampler.text,
    weight: obj.weight.text,
    conversions,
    degenerate: degenerateOf(p),
    weightEps: text(p.weightEps),
    weightX0: text(p.weightX0),
    weightLambda: obj.schedule.kind === 'discrete'
      ? '2*(1/T)*weightEps/|dlambda| per step (discrete: the step masses over the lambda-interval each step covers)'
      : p.weightLambda ? text(p.weightLambda) : null,
    endpoints: endpointsOf(obj, p),
    at: valuesAt(obj, p, at),
    checks: checksOf(p),
  };
}
