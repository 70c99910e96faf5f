// Does the cited rule witness a testbed step (issue 10 item 7)? Called only once the relation is
// known to hold: the decision says the step is true, this says whether it is true *for the reason
// given*. A rule that does not witness a true step makes it `unjustified`, with what the rule
// expected. What each rule accepts is stated in WITNESS (justification.ts); the checks are
// structural (the shape of the step) plus, where the rule is an exact law, an exact decision:
//   algebra, complete-the-square   no E, KL or logpdf on either side (the exact algebra decides it)
//   linearity-of-expectation       both sides equal after pushing every E through sums and through
//                                  factors free of the integrated variables, coefficient by
//                                  coefficient, by the exact algebra; nothing else (no moments)
//   jensen                         f(E[w]) against E[f(w)], f = log (≥) or exp (≤), same bindings
//   kl-*, gaussian-*, …            the head the rule is about occurs on one side more often
import type { Binding, Node, Rel } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { interval, type Domain, type Interval } from '../expr/domain.js';
import { add, mul, neg, div, log, num, sub, sym } from '../expr/build.js';
import { decide } from '../algebra/index.js';
import type { Justification } from './justification.js';
import { needsExpectation } from '../expect/decide-relation.js';
import { callNode, mulNode, rebuild } from '../expr/node.js';
import { allNames, freshName } from '../expr/names.js';

export type Witness = { readonly ok: true; readonly detail: string } | { readonly ok: false; readonly expected: string };

const count = (n: Node, p: (n: Node) => boolean): number =>
  (p(n) ? 1 : 0) + ('args' in n ? n.args.reduce((a, c) => a + count(c, p), 0) : 0) +
  (n.op === 'E' ? n.over.reduce((a, b) => a + count(b.dist, p), 0) : 0);
const isCall = (fn: string) => (n: Node) => n.op === 'call' && n.fn === fn;
const isE = (n: Node) => n.op === 'E';
const hasSquare = (n: Node) => count(n, (m) => m.op === 'pow' && m.args[1].op === 'num' && m.args[1].n === 2n && m.args[1].d === 1n) > 0;

/** Every rewrite must be an exact identity: `proved`, never a numeric agreement. */
const exactlyZero = (a: Node, domain: Domain): boolean => decide(a, '=', num(0), domain, { seed: 1 }).verdict === 'proved';

// ── linearity ────────────────────────────────────────────────────────────────────────────────

type Term = { coef: Node; atom?: Node };
const key = (n: unknown) => JSON.stringify(n, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** body = Σ coef·rest with every coef free of `bound` (rest undefined: the term is free of them). */
function splitBody(body: Node, bound: ReadonlySet<string>): Array<{ coef: Node; rest?: Node }> {
  const free = (n: Node) => ![...freeSymbols(n)].some((s) => bound.has(s));
  if (free(body)) return [{ coef: body }];
  if (body.op === 'add') return body.args.flatMap((a) => splitBody(a, bound));
  if (body.op === 'neg') return splitBody(body.args[0], bound).map((t) => ({ ...t, coef: neg(t.coef as never) }));
  if (body.op === 'mul') {
    const c = body.args.filter(free);
    const d = body.args.filter((a) => !free(a));
    if (c.length && d.length) {
      const rest = d.length === 1 ? d[0] : mulNode(d);
      return splitBody(rest, bound).map((t) => ({ ...t, coef: mul(...(c as never[]), t.coef as never) }));
    }
  }
  if (body.op === 'div' && free(body.args[1])) return splitBody(body.args[0], bound).map((t) => ({ ...t, coef: div(t.coef as never, body.args[1] as never) }));
  return [{ coef: 1 as unknown as Node, rest: body }];
}

const hasE = (n: Node) => count(n, isE) > 0;

/** node = Σ coef·atom + constants, E pushed through sums and constants as far as it goes. */
function linearize(node: Node): Term[] {
  if (!hasE(node)) return [{ coef: node }];
  if (node.op === 'add') return node.args.flatMap(linearize);
  if (node.op === 'neg') return linearize(node.args[0]).map((t) => ({ ...t, coef: neg(t.coef as never) }));
  if (node.op === 'mul') {
    const c = node.args.filter((a) => !hasE(a));
    const d = node.args.filter(hasE);
    if (d.length === 1) return linearize(d[0]).map((t) => ({ ...t, coef: mul(...(c as never[]), t.coef as never) }));
  }
  if (node.op === 'div' && !hasE(node.args[1])) return linearize(node.args[0]).map((t) => ({ ...t, coef: div(t.coef as never, node.args[1] as never) }));
  if (node.op === 'E') {
    const bound = new Set(node.over.map((b: Binding) => b.name));
    return splitBody(node.args[0], bound).map(({ coef, rest }) =>
      rest ? { coef, atom: rebuild(node, [rest]) } : { coef });
  }
  return [{ coef: 1 as unknown as Node, atom: node }];
}

function linearity(lhs: Node, rhs: Node, domain: Domain): Witness {
  if (!hasE(lhs) && !hasE(rhs))
    return { ok: false, expected: 'an expectation on a side: a step without E is algebra, not linearity' };
  const groups = new Map<string, { atom?: Node; l: Node[]; r: Node[] }>();
  const put = (t: Term, side: 'l' | 'r') => {
    const k = t.atom ? key(t.atom) : 'const';
    const g = groups.get(k) ?? { atom: t.atom, l: [], r: [] };
    g[side].push(typeof t.coef === 'number' ? (t.coef as never) : t.coef);
    groups.set(k, g);
  };
  linearize(lhs).forEach((t) => put(t, 'l'));
  linearize(rhs).forEach((t) => put(t, 'r'));
  for (const g of groups.values()) {
    if (g.atom && hasE(add(...(g.l as never[]), ...(g.r as never[]), 0) as Node)) return { ok: false, expected: 'coefficients free of E' };
    const diff = sub(add(0, ...(g.l as never[])), add(0, ...(g.r as never[]))) as Node;
    const d = opaque(diff, new Map(), allNames(diff));
    if (!exactlyZero(d, domain))
      return { ok: false, expected: g.atom ? 'the same expectations with the same coefficients on both sides once E is pushed through sums and constants (one is left over: a moment, a closed form or another rule is needed)' : 'the same terms outside every expectation on both sides' };
  }
  return { ok: true, detail: 'both sides agree once E is pushed through sums and constants (coefficients compared exactly)' };
}

// ── Jensen ───────────────────────────────────────────────────────────────────────────────────

/** logpdf(…) heads as fresh symbols, so that the algebra can compare log(∏ exp(logpdf)) with Σ logpdf. */
function opaque(n: Node, table: Map<string, Node>, used: Set<string>): Node {
  if (n.op === 'call' && n.fn === 'logpdf') {
    const k = key(n);
    if (!table.has(k)) table.set(k, sym(freshName('__lp', used, table.size)));
    return table.get(k)!;
  }
  if (!('args' in n)) return n;
  return rebuild(n, n.args.map((a) => opaque(a, table, used)));
}

function jensen(lhs: Node, rel: Rel, rhs: Node, fn: 'log' | 'exp', domain: Domain): Witness {
  const shape = fn === 'log' ? 'log E[w] ≥ E[log w] (log is concave)' : 'exp E[w] ≤ E[exp w] (exp is convex)';
  if (rel === '=') return { ok: false, expected: `an inequality of the shape ${shape}; this step is an equality` };
  // Put the f(E[w]) side first.
  const fE = (n: Node) => n.op === 'call' && n.fn === fn && n.args[0].op === 'E';
  const [outer, inner, outerRel] = fE(lhs) ? [lhs, rhs, rel] : fE(rhs) ? [rhs, lhs, rel === '<=' ? '>=' : '<='] : [undefined, undefined, undefined];
  if (!outer || !inner || inner.op !== 'E') return { ok: false, expected: `the shape ${shape}: one side ${fn}(E[w]), the other E[${fn}(w)]` };
  const e = (outer as unknown as { args: readonly [Node] }).args[0] as Extract<Node, { op: 'E' }>;
  if (key(e.over) !== key(inner.over)) return { ok: false, expected: `${shape} with the same bindings on both sides` };
  if (outerRel !== (fn === 'log' ? '>=' : '<=')) return { ok: false, expected: shape };
  const table = new Map<string, Node>();
  const used = allNames(inner, allNames(outer));
  const fw = fn === 'log' ? log(opaque(e.args[0], table, used) as never) : callNode('exp', [opaque(e.args[0], table, used)]);
  const h = opaque(inner.args[0], table, used);
  if (!exactlyZero(sub(fw as never, h as never) as Node, new Map([...domain]))) return { ok: false, expected: `${shape}: the integrand E[·] must be ${fn} of the one inside ${fn}(E[·]) (exactly)` };
  return { ok: true, detail: `Jensen's shape: ${shape}` };
}

// ── algebra over opaque heads ───────────────────────────────────────────────────────────────

/**
 * Does the relation hold with every E[…], KL(…) and logpdf(…) replaced by a
 * fresh symbol (the same head, the same symbol)? Then the step is algebra: it
 * holds whatever those heads evaluate to. The one fact about a head it may
 * use: E[f] ≥ 0 when the algebra proves f ≥ 0 for every real value of f's
 * variables (monotonicity of expectation), so an atom E[x²] is ≥ 0.
 */
function provedWithHeadsAsAtoms(lhs: Node, rel: Rel, rhs: Node, domain: Domain): boolean {
  const table = new Map<string, Node>();
  const atoms = new Map<string, Interval>(domain);
  const atomize = (n: Node): Node => {
    const head = n.op === 'E' || (n.op === 'call' && (n.fn === 'KL' || n.fn === 'logpdf'));
    if (head) {
      const k = key(n);
      let s = table.get(k);
      if (!s) {
        s = sym(`__head${table.size}`) as Node;
        table.set(k, s);
        if (n.op === 'E' && n.args[0].kind === 'scalar' && !needsExpectation(n.args[0]) && decide(n.args[0], '>=', num(0), new Map()).verdict === 'proved') {
          atoms.set((s as Extract<Node, { op: 'sym' }>).name, interval(0, undefined, false, true));
        }
      }
      return s;
    }
    if (!('args' in n)) return n;
    return rebuild(n, n.args.map(atomize));
  };
  const l = atomize(lhs);
  const r = atomize(rhs);
  if (table.size === 0) return false;
  return decide(l, rel, r, atoms).verdict === 'proved';
}

// ── the catalogue ────────────────────────────────────────────────────────────────────────────

const moreOn = (lhs: Node, rhs: Node, p: (n: Node) => boolean, what: string): Witness =>
  count(lhs, p) !== count(rhs, p) ? { ok: true, detail: `${what} on one side more often than on the other` } : { ok: false, expected: `${what} that the rule removes or introduces` };

export function witnessNumeric(j: Justification, lhs: Node, rel: Rel, rhs: Node, domain: Domain, assumptions: ReadonlySet<string>): Witness {
  const noHeads = !needsExpectation(lhs) && !needsExpectation(rhs);
  switch (j.id) {
    case 'algebra':
      if (noHeads) return { ok: true, detail: 'exact algebra of a step without E, KL or logpdf' };
      // E[f] = E[g] under the same bindings with f = g pointwise (log-densities as opaque atoms).
      if (lhs.op === 'E' && rhs.op === 'E' && key(lhs.over) === key(rhs.over) && !hasE(lhs.args[0]) && !hasE(rhs.args[0])) {
        const t = new Map<string, Node>();
        const used = allNames(rhs, allNames(lhs));
        if (exactlyZero(sub(opaque(lhs.args[0], t, used) as never, opaque(rhs.args[0], t, used) as never) as Node, domain))
          return { ok: true, detail: 'exact algebra of the integrands under the same expectation (log-densities as atoms)' };
      }
      if (provedWithHeadsAsAtoms(lhs, rel, rhs, domain))
        return { ok: true, detail: 'exact algebra with each E, KL and logpdf as an opaque atom (E[f] ≥ 0 where f ≥ 0 by the algebra)' };
      return { ok: false, expected: 'a step without E, KL or logpdf, E[f] = E[g] with f = g by exact algebra, or a relation that holds with every expectation and density as an opaque atom (algebra does not evaluate expectations or densities): cite the rule that does' };
    case 'complete-the-square':
      return !noHeads ? { ok: false, expected: 'a step without E, KL or logpdf' } : hasSquare(lhs) || hasSquare(rhs) ? { ok: true, detail: 'exact algebra with a square on a side' } : { ok: false, expected: 'a square (·)² on a side' };
    case 'linearity-of-expectation':
      return linearity(lhs, rhs, domain);
    case 'jensen':
      return jensen(lhs, rel, rhs, j.fn ?? 'log', domain);
    case 'kl-nonnegative':
      return rel !== '=' && (count(lhs, isCall('KL')) + count(rhs, isCall('KL')) > 0) ? { ok: true, detail: 'an inequality with a KL on a side' } : { ok: false, expected: 'an inequality with KL(P ‖ Q) on a side' };
    case 'kl-definition':
    case 'gaussian-kl-closed-form':
      return moreOn(lhs, rhs, isCall('KL'), 'a KL');
    case 'gaussian-logpdf':
      return moreOn(lhs, rhs, isCall('logpdf'), 'a logpdf');
    case 'gaussian-moments':
    case 'gaussian-mgf':
      return moreOn(lhs, rhs, isE, 'an expectation');
    case 'importance-sampling':
    case 'multiply-by-one':
    case 'reparameterization': {
      // A change of measure (importance weights, z = μ + σε), or, for the pathwise gradient, an
      // expectation on one side only.
      const binds = (n: Node): string[] => (n.op === 'E' ? [key(n.over)] : []).concat('args' in n ? n.args.flatMap(binds) : []);
      const l = binds(lhs).sort().join();
      const r = binds(rhs).sort().join();
      const what = j.id === 'multiply-by-one' ? 'the same expectation with a factor q/q (or log q − log q) more on one side' : 'expectations under different bindings (a change of measure), or an expectation on one side only';
      if (j.id === 'multiply-by-one') return l === r && l !== '' ? { ok: true, detail: 'expectations under the same bindings, integrands decided equal' } : { ok: false, expected: what };
      return l !== r ? { ok: true, detail: 'expectations under different bindings' } : { ok: false, expected: what };
    }
    case 'assumption': {
      const name = j.assumption ?? '';
      return assumptions.has(name) ? { ok: true, detail: `cites the assumption ${name}` } : { ok: false, expected: `an assumption of the derivation by its handle; '${name}' is not one (${[...assumptions].join(', ') || 'none'})` };
    }
    case 'bayes-rule':
    case 'chain-rule-of-probability':
      // On the testbed these are identities of log-densities: a density must be on a side.
      return count(lhs, isCall('logpdf')) + count(rhs, isCall('logpdf')) > 0
        ? { ok: true, detail: 'log-densities on a side; the identity decided on the testbed' }
        : { ok: false, expected: 'log-densities (logpdf) on a side: the rule relates densities' };
    case 'marginalization':
    case 'tower-property':
    case 'sum-of-independent-gaussians':
      return count(lhs, isE) + count(rhs, isE) > 0
        ? { ok: true, detail: 'an expectation on a side; the identity decided on the testbed' }
        : { ok: false, expected: 'an expectation (an integral over the variables the rule integrates out) on a side' };
    default:
      // Tweedie, substitution, definition, Monte Carlo: on the testbed the witness is the decision
      // of the step (WITNESS says so); their general forms, where there are any, are the calculus's.
      return { ok: true, detail: 'the decision of the step on the testbed' };
  }
}
