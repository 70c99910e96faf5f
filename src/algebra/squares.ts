// Sum-of-squares certificates, where they are cheap: a polynomial p (with
// rational coefficients, in any number of variables) written as zᵀ G z over
// a vector z of monomials with G positive semidefinite is a sum of squares,
// hence ≥ 0 on all of Rⁿ (so on any domain). G is checked exactly, by an
// LDLᵀ elimination over Q.
//
// For degree ≤ 2 the Gram matrix over z = (1, x₁, …, xₙ) is unique and the
// check is complete (a nonnegative quadratic has a PSD homogenization):
// a² + b² ≥ 2ab, (a + b)² ≤ 2(a² + b²), x² + y² + 1 ≥ xy + x + y. For higher
// degrees one Gram matrix is tried: each coefficient is put on the
// off-diagonal pairs of monomials that produce it, on the diagonal only when
// no other pair does (a⁴ + b⁴ ≥ 2a²b², (a² + b²)² ≥ 4a²b²). It may fail where
// another Gram matrix would succeed; then there is simply no certificate.
import type { Node, Rel } from '../expr/ast.js';
import * as Q from '../expr/rational.js';
import { rational, type Rational } from '../expr/rational.js';
import type { Evidence } from '../verdict.js';
import { freeSymbols } from '../expr/ast.js';

/** A polynomial: exponent vector (joined by ',') → coefficient. */
type MPoly = Map<string, Rational>;

const MAX_POWER = 8;
const MAX_MONOMIALS = 40;
/**
 * A Gram matrix over at most MAX_MONOMIALS monomials certifies polynomials of
 * modest size only: expanding anything larger is work without a certificate
 * at the end (nested squares ((x + 1)² + 1)² … double the degree each level).
 */
const MAX_TERMS = 2000;
const MAX_DEGREE = 32;

class NotPolynomial extends Error {}
const no = (): never => {
  throw new NotPolynomial();
};

function addInto(acc: MPoly, k: string, c: Rational): void {
  const s = Q.add(acc.get(k) ?? rational(0n), c);
  if (s.n === 0n) acc.delete(k);
  else acc.set(k, s);
}

const keyOf = (e: readonly number[]): string => e.join(',');
const expOf = (k: string): number[] => (k === '' ? [] : k.split(',').map(Number));

function mulP(a: MPoly, b: MPoly, n: number): MPoly {
  const out: MPoly = new Map();
  for (const [ka, ca] of a) {
    const ea = expOf(ka);
    for (const [kb, cb] of b) {
      const eb = expOf(kb);
      const e = Array.from({ length: n }, (_, i) => (ea[i] ?? 0) + (eb[i] ?? 0));
      if (e.reduce((x, y) => x + y, 0) > MAX_DEGREE) return no();
      addInto(out, keyOf(e), Q.mul(ca, cb));
    }
  }
  if (out.size > MAX_TERMS) return no();
  return out;
}

function convert(node: Node, vars: readonly string[]): MPoly {
  const n = vars.length;
  const zero = keyOf(new Array(n).fill(0));
  switch (node.op) {
    case 'num':
      return node.n === 0n ? new Map() : new Map([[zero, { n: node.n, d: node.d }]]);
    case 'sym': {
      const i = vars.indexOf(node.name);
      if (i < 0 || node.kind !== 'scalar') return no();
      const e = new Array(n).fill(0);
      e[i] = 1;
      return new Map([[keyOf(e), rational(1n)]]);
    }
    case 'neg': {
      const out: MPoly = new Map();
      for (const [k, c] of convert(node.args[0], vars)) out.set(k, Q.neg(c));
      return out;
    }
    case 'add': {
      const out: MPoly = new Map();
      for (const a of node.args) for (const [k, c] of convert(a, vars)) addInto(out, k, c);
      return out;
    }
    case 'mul':
      return node.args.map((a) => convert(a, vars)).reduce((a, b) => mulP(a, b, n));
    case 'div': {
      // Only division by a nonzero constant keeps a polynomial.
      const d = convert(node.args[1], vars);
      const c = d.size === 1 ? d.get(zero) : undefined;
      if (!c) return no();
      const out: MPoly = new Map();
      for (const [k, v] of convert(node.args[0], vars)) out.set(k, Q.div(v, c));
      return out;
    }
    case 'pow': {
      const [b, e] = node.args;
      if (e.op !== 'num' || e.d !== 1n || e.n < 0n || e.n > BigInt(MAX_POWER)) return no();
      let out: MPoly = new Map([[zero, rational(1n)]]);
      const base = convert(b, vars);
      for (let i = 0n; i < e.n; i++) out = mulP(out, base, n);
      return out;
    }
    default:
      return no();
  }
}

/** Is the symmetric rational matrix positive semidefinite? (LDLᵀ over Q; a zero pivot needs a zero row.) */
export function isPsd(g: Rational[][]): boolean {
  const m = g.map((r) => [...r]);
  const n = m.length;
  for (let k = 0; k < n; k++) {
    const p = m[k][k];
    if (p.n < 0n) return false;
    if (p.n === 0n) {
      for (let j = k + 1; j < n; j++) if (m[k][j].n !== 0n) return false;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      if (m[i][k].n === 0n) continue;
      const f = Q.div(m[i][k], p);
      for (let j = k + 1; j < n; j++) m[i][j] = Q.sub(m[i][j], Q.mul(f, m[k][j]));
    }
  }
  return true;
}

/** Monomials of degree ≤ d/2 whose doubles stay within each variable's degree. */
function halfMonomials(p: MPoly, n: number): number[][] | undefined {
  const maxDeg = new Array(n).fill(0);
  let total = 0;
  for (const k of p.keys()) {
    const e = expOf(k);
    total = Math.max(total, e.reduce((a, b) => a + b, 0));
    e.forEach((x, i) => (maxDeg[i] = Math.max(maxDeg[i], x)));
  }
  const half = Math.floor(total / 2);
  const out: number[][] = [];
  const rec = (i: number, cur: number[], left: number) => {
    if (out.length > MAX_MONOMIALS) return;
    if (i === n) {
      out.push([...cur]);
      return;
    }
    for (let x = 0; x <= Math.min(left, Math.floor(maxDeg[i] / 2)); x++) {
      cur.push(x);
      rec(i + 1, cur, left - x);
      cur.pop();
    }
  };
  rec(0, [], half);
  return out.length > MAX_MONOMIALS ? undefined : out;
}

/** A Gram matrix of p over the monomials z (see the header), or undefined when some term is not a product of two of them. */
function gramOf(p: MPoly, z: number[][]): Rational[][] | undefined {
  const n = z.length;
  const g: Rational[][] = Array.from({ length: n }, () => new Array(n).fill(rational(0n)));
  const pairs = new Map<string, [number, number][]>();
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const k = keyOf(z[i].map((x, t) => x + z[j][t]));
      const list = pairs.get(k) ?? [];
      list.push([i, j]);
      pairs.set(k, list);
    }
  }
  for (const [k, c] of p) {
    const list = pairs.get(k);
    if (!list) return undefined;
    const off = list.filter(([i, j]) => i !== j);
    if (off.length > 0) {
      // c = Σ over off-diagonal pairs of 2·G_ij: each gets c / (2·count).
      const share = Q.div(c, rational(BigInt(2 * off.length)));
      for (const [i, j] of off) {
        g[i][j] = Q.add(g[i][j], share);
        g[j][i] = g[i][j];
      }
    } else {
      const [[i]] = list;
      g[i][i] = Q.add(g[i][i], c);
    }
  }
  return g;
}

/** Evidence that lhs rel rhs holds everywhere as a sum of squares, or undefined. */
export function provedBySquares(lhs: Node, rel: Rel, rhs: Node): Evidence | undefined {
  if (rel === '=') return undefined;
  const vars = [...new Set([...symbolsOf(lhs), ...symbolsOf(rhs)])].sort();
  if (vars.length === 0) return undefined;
  let p: MPoly;
  try {
    const l = convert(lhs, vars);
    const r = convert(rhs, vars);
    p = new Map(l);
    for (const [k, c] of r) addInto(p, k, Q.neg(c));
  } catch (e) {
    if (e instanceof NotPolynomial) return undefined;
    throw e;
  }
  if (rel === '<=') for (const [k, c] of p) p.set(k, Q.neg(c));
  if (p.size === 0) return undefined;
  const all = halfMonomials(p, vars.length);
  if (!all) return undefined;
  // First without the monomials whose squares p lacks (their diagonal would
  // have to be 0, so their row too): a²b² + 1 − 2ab needs z = (1, ab), not (1, a, b, ab).
  const pruned = all.filter((e) => {
    const c = p.get(keyOf(e.map((x) => 2 * x)));
    return c !== undefined && c.n > 0n;
  });
  let z: number[][] | undefined;
  for (const cand of [pruned, all]) {
    const g = cand.length > 0 ? gramOf(p, cand) : undefined;
    if (g && isPsd(g)) {
      z = cand;
      break;
    }
  }
  if (!z) return undefined;
  const diff = rel === '>=' ? 'lhs − rhs' : 'rhs − lhs';
  return {
    method: 'sum-of-squares',
    detail: `${diff} = zᵀGz over the ${z.length} monomials z of degree ≤ ${Math.max(...z.map((e) => e.reduce((a, b) => a + b, 0)))} in ${vars.join(', ')}, with G positive semidefinite (exact LDLᵀ over Q): a sum of squares, so ${diff} >= 0 everywhere`,
    data: { monomials: z.length },
  };
}

const symbolsOf = (node: Node): Set<string> => freeSymbols(node);
