// The probability calculus (src/calculus) in the paper's notation, for the
// formula sheet: E_{q(x_t | x_0)}[…], KL(q ‖ p), Σ_{t=2}^{T}, x_{1:T}. The
// calculus's own printer (printExpr) is plain text for terminals; this one is
// LaTeX for KaTeX and pdflatex, built from the same AST.
import type { Rel } from '../expr/ast.js';
import { latexSymbol } from '../expr/print-latex.js';
import type { Density, Expr, Idx, VarRef } from '../calculus/index.js';

const REL: Record<Rel, string> = { '=': '=', '<=': '\\le', '>=': '\\ge' };

/** An index: 0, T, t-1, T+1 (the calculus allows nothing else; see index-expr.ts). */
export function latexIdx(i: Idx): string {
  if (i.base === null) return String(i.k);
  const base = latexSymbol(i.base);
  return i.k === 0 ? base : `${base}${i.k > 0 ? '+' : '-'}${Math.abs(i.k)}`;
}

export function latexVar(v: VarRef): string {
  switch (v.kind) {
    case 'named':
      return latexSymbol(v.name);
    case 'indexed':
      return `${latexSymbol(v.family)}_{${latexIdx(v.index)}}`;
    case 'range':
      return `${latexSymbol(v.family)}_{${latexIdx(v.lo)}:${latexIdx(v.hi)}}`;
  }
}

/** q(x_t \mid x_{t-1}); a model named p_theta prints as p_{\theta}. */
export function latexDensity(d: Density): string {
  const vars = d.vars.map(latexVar).join(', ');
  const given = d.given.length ? ` \\mid ${d.given.map(latexVar).join(', ')}` : '';
  return `${latexSymbol(d.model)}(${vars}${given})`;
}

const product = (ds: readonly Density[]) => ds.map(latexDensity).join('\\,') || '1';

/** A rational coefficient in front of a term: '', '2 ', '\frac{1}{2} '. */
function coefficient(n: bigint, d: bigint): string {
  if (d === 1n) return n === 1n ? '' : `${n} `;
  return `\\frac{${n}}{${d}} `;
}

/** A linear combination is written out term by term; nested combinations are multiplied out. */
function flatten(e: Expr, n: bigint, d: bigint, out: Array<[bigint, bigint, Expr]>): void {
  if (e.kind !== 'lin') {
    out.push([n, d, e]);
    return;
  }
  for (const [c, t] of e.terms) flatten(t, n * c.n, d * c.d, out);
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export function latexExpr(e: Expr): string {
  switch (e.kind) {
    case 'log':
      return `\\log ${latexDensity(e.d)}`;
    case 'E':
      return `\\mathbb{E}_{${latexDensity(e.measure)}}\\left[${latexExpr(e.body)}\\right]`;
    case 'kl':
      return `\\mathrm{KL}\\left(${latexDensity(e.p)} \\,\\middle\\|\\, ${latexDensity(e.q)}\\right)`;
    case 'logE':
      return `\\log \\mathbb{E}_{${latexDensity(e.measure)}}\\left[\\frac{${product(e.num)}}{${product(e.den)}}\\right]`;
    case 'sum': {
      const body = latexExpr(e.body);
      const wrapped = e.body.kind === 'lin' && flatCount(e.body) > 1 ? `\\left(${body}\\right)` : body;
      return `\\sum_{${latexSymbol(e.v)}=${latexIdx(e.lo)}}^{${latexIdx(e.hi)}} ${wrapped}`;
    }
    case 'lin': {
      const terms: Array<[bigint, bigint, Expr]> = [];
      flatten(e, 1n, 1n, terms);
      if (terms.length === 0) return '0';
      return terms
        .map(([n0, d0, t], i) => {
          const g = gcd(n0, d0);
          const n = n0 / g;
          const d = d0 / g;
          const negative = (n < 0n) !== (d < 0n);
          const abs = (x: bigint) => (x < 0n ? -x : x);
          const inner = latexExpr(t);
          // A sum after a coefficient or a minus sign is bracketed: −(Σ a + b) is not −Σ a + b.
          const body = t.kind === 'sum' && (negative || abs(n) !== 1n || d !== 1n) ? `\\left(${inner}\\right)` : inner;
          const sign = negative ? (i ? ' - ' : '-') : i ? ' + ' : '';
          return `${sign}${coefficient(abs(n), abs(d))}${body}`;
        })
        .join('');
    }
  }
}

function flatCount(e: Expr): number {
  const out: Array<[bigint, bigint, Expr]> = [];
  flatten(e, 1n, 1n, out);
  return out.length;
}

export function latexGeneralRelation(lhs: Expr, rel: Rel, rhs: Expr): string {
  return `${latexExpr(lhs)} ${REL[rel]} ${latexExpr(rhs)}`;
}
