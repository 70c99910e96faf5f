// Expressions of the calculus as LaTeX, in the formula sheet's notation (src/expr/print-latex.ts
// for symbols): log q(x_t | x_{t−1}, x_0) → \log q(x_{t} \mid x_{t-1}, x_{0}),
// E_{q(x_{1:T}|x_0)}[·] → \mathbb{E}_{q(x_{1:T} \mid x_{0})}\left[ · \right], Σ_{t=2}^{T} → \sum_{t=2}^{T},
// KL(p ‖ q) → D_{\mathrm{KL}}(p \,\|\, q), coefficients as exact fractions. A chain in general
// then pastes as mathematics, not as \text{…}.
import { latexSymbol } from '../expr/print-latex.js';
import { mul as qmul, rational, type Rational } from '../expr/rational.js';
import type { Idx } from './index-expr.js';
import type { Density, Expr } from './terms.js';
import type { VarRef } from './vars.js';

/** An index: 1, T, T-1, t+1 (ASCII minus: LaTeX typesets it). */
export function idxLatex(i: Idx): string {
  if (i.base === null) return String(i.k);
  const base = latexSymbol(i.base);
  if (i.k === 0) return base;
  return `${base}${i.k > 0 ? '+' : '-'}${Math.abs(i.k)}`;
}

export function varLatex(v: VarRef): string {
  switch (v.kind) {
    case 'named': return latexSymbol(v.name);
    case 'indexed': return `${latexSymbol(v.family)}_{${idxLatex(v.index)}}`;
    case 'range': return `${latexSymbol(v.family)}_{${idxLatex(v.lo)}:${idxLatex(v.hi)}}`;
  }
}

export function densityLatex(d: Density): string {
  const vars = d.vars.map(varLatex).join(', ');
  return `${latexSymbol(d.model)}(${vars}${d.given.length ? ` \\mid ${d.given.map(varLatex).join(', ')}` : ''})`;
}

const product = (ds: readonly Density[]): string => (ds.length ? ds.map(densityLatex).join('\\,') : '1');

/** A nested linear combination multiplied out, zero coefficients kept out. */
function flatten(e: Expr, c: Rational, out: Array<[Rational, Expr]> = []): Array<[Rational, Expr]> {
  if (e.kind !== 'lin') out.push([c, e]);
  else for (const [k, t] of e.terms) flatten(t, qmul(c, k), out);
  return out;
}

export function exprLatex(e: Expr): string {
  switch (e.kind) {
    case 'log': return `\\log ${densityLatex(e.d)}`;
    case 'E': return `\\mathbb{E}_{${densityLatex(e.measure)}}\\left[${exprLatex(e.body)}\\right]`;
    case 'kl': return `D_{\\mathrm{KL}}\\left(${densityLatex(e.p)} \\,\\middle\\|\\, ${densityLatex(e.q)}\\right)`;
    case 'logE': return `\\log \\mathbb{E}_{${densityLatex(e.measure)}}\\left[\\frac{${product(e.num)}}{${product(e.den)}}\\right]`;
    case 'sum': {
      const body = exprLatex(e.body);
      const wrapped = e.body.kind === 'lin' && flatten(e.body, rational(1n)).length > 1 ? `\\left(${body}\\right)` : body;
      return `\\sum_{${latexSymbol(e.v)}=${idxLatex(e.lo)}}^{${idxLatex(e.hi)}} ${wrapped}`;
    }
    case 'lin': {
      const terms = flatten(e, rational(1n)).filter(([c]) => c.n !== 0n);
      if (!terms.length) return '0';
      return terms.map(([c, t], i) => {
        const negative = c.n < 0n;
        const a = negative ? -c.n : c.n;
        const coef = a === 1n && c.d === 1n ? '' : c.d === 1n ? `${a}\\,` : `\\tfrac{${a}}{${c.d}}\\,`;
        return `${negative ? (i ? ' - ' : '-') : i ? ' + ' : ''}${coef}${exprLatex(t)}`;
      }).join('');
    }
  }
}
