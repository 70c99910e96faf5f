// The calculus printed in the paper's notation: what each construct becomes,
// and the law that every expression of the calculus typesets in KaTeX.
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { add, at, density, E, KL, log, logE, named, range, scale, sub, sum, ZERO, type Expr } from '../../src/calculus/index.js';
import { rational } from '../../src/expr/rational.js';
import { latexExpr, latexGeneralRelation } from '../../src/sheet/latex-calculus.js';

const q = (v: string, ...g: string[]) => density('q', [at('x', v)], g.map((i) => at('x', i)));

describe('the calculus in the paper notation', () => {
  it('an expectation under a conditional is E subscripted by the density, with \\mid', () => {
    expect(latexExpr(E(q('t', '0'), log(q('t-1', 't', '0'))))).toBe('\\mathbb{E}_{q(x_{t} \\mid x_{0})}\\left[\\log q(x_{t-1} \\mid x_{t}, x_{0})\\right]');
  });
  it('KL is KL(p ‖ q), a range is x_{1:T}, a Greek model name is a Greek letter', () => {
    const p = density('p_theta', [range('x', 0, 'T')]);
    expect(latexExpr(KL(density('q', [range('x', 1, 'T')], [at('x', 0)]), p))).toBe('\\mathrm{KL}\\left(q(x_{1:T} \\mid x_{0}) \\,\\middle\\|\\, p_{\\theta}(x_{0:T})\\right)');
  });
  it('a sum of several terms is bracketed; a negated sum too (−(Σ a) is not −Σ a + b)', () => {
    const body = sub(log(q('t', 't-1')), log(q('t-1')));
    expect(latexExpr(sum('t', 2, 'T', body))).toBe('\\sum_{t=2}^{T} \\left(\\log q(x_{t} \\mid x_{t-1}) - \\log q(x_{t-1})\\right)');
    expect(latexExpr(add(log(q('0')), scale(-1, sum('t', 1, 'T-1', log(q('t'))))))).toBe('\\log q(x_{0}) - \\left(\\sum_{t=1}^{T-1} \\log q(x_{t})\\right)');
  });
  it('coefficients are reduced fractions with their sign in front; the empty combination is 0', () => {
    expect(latexExpr(scale(rational(-2n, 4n), log(q('0'))))).toBe('-\\frac{1}{2} \\log q(x_{0})');
    expect(latexExpr(add(scale(3, log(q('0'))), scale(rational(6n, 4n), log(q('1')))))).toBe('3 \\log q(x_{0}) + \\frac{3}{2} \\log q(x_{1})');
    expect(latexExpr(ZERO)).toBe('0');
  });
  it('Jensen\'s term is log E[num/den]', () => {
    expect(latexExpr(logE(density('q', [named('z')], [named('x')]), [density('p', [named('x'), named('z')])], [density('q', [named('z')], [named('x')])]))).toBe(
      '\\log \\mathbb{E}_{q(z \\mid x)}\\left[\\frac{p(x, z)}{q(z \\mid x)}\\right]',
    );
  });
});

// Random expressions of the calculus: nested sums, expectations, KLs, signed rational coefficients.
const idx = fc.constantFrom('0', '1', 'T', 'T-1', 't', 't+1', 't-2');
const varRef = fc.oneof(idx.map((i) => at('x', i)), fc.constantFrom(named('z'), named('x'), range('x', 1, 'T'), range('z', 't', 'T')));
const dens = fc.record({ model: fc.constantFrom('p', 'q', 'p_theta', 'r'), vars: fc.array(varRef, { minLength: 1, maxLength: 3 }), given: fc.array(varRef, { maxLength: 2 }) })
  .map((d) => density(d.model, d.vars, d.given));
const coef = fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 7 })).filter(([n]) => n !== 0).map(([n, d]) => rational(BigInt(n), BigInt(d)));
const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    dens.map(log),
    fc.tuple(dens, dens).map(([a, b]) => KL(a, b)),
    fc.tuple(dens, fc.array(dens, { maxLength: 2 }), fc.array(dens, { maxLength: 2 })).map(([m, n, d]) => logE(m, n, d)),
    fc.tuple(dens, tie('e')).map(([m, b]) => E(m, b)),
    fc.tuple(fc.constantFrom('s', 'u'), tie('e')).map(([v, b]) => sum(v, 1, 'T', b)),
    fc.array(fc.tuple(coef, tie('e')), { minLength: 0, maxLength: 3 }).map((ts) => ({ kind: 'lin', terms: ts }) as Expr),
  ),
})).e;

describe('law: every expression of the calculus typesets', () => {
  it('KaTeX parses every printed relation (throwOnError), and its braces balance', () => {
    fc.assert(
      fc.property(expr, expr, fc.constantFrom('=', '<=', '>=') as fc.Arbitrary<'=' | '<=' | '>='>, (a, b, rel) => {
        const tex = latexGeneralRelation(a, rel, b);
        katex.renderToString(tex, { throwOnError: true, displayMode: true });
        let depth = 0;
        for (const ch of tex.replace(/\\[{}]/g, '')) {
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
      }),
      { seed: 12, numRuns: 120 },
    );
  });
});
