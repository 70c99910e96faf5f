import fc from 'fast-check';
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/expr/parse.js';
import { toMathjs } from '../../src/expr/print-mathjs.js';
import { latexSymbol, toLatex } from '../../src/expr/print-latex.js';
import { evalFloat } from '../../src/algebra/index.js';
import { scalarExpr } from './arbitrary.js';

const scope = { a: 0.37, b: 1.9, alpha_t: 0.81, abar_tm1: 0.43 };

const close = (x: number, y: number) =>
  (Number.isNaN(x) && Number.isNaN(y)) || x === y || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

describe('printers', () => {
  it('printing is idempotent through parse: print(parse(print(e))) = print(e)', () => {
    fc.assert(fc.property(scalarExpr, (e) => toMathjs(parse(toMathjs(e))) === toMathjs(e)), { seed: 1, numRuns: 500 });
  });

  it('mathjs reads our mathjs syntax to the same value as our evaluator', () => {
    fc.assert(
      fc.property(scalarExpr, (e) => {
        const ours = evalFloat(e, scope);
        const theirs = evaluate(toMathjs(e), { ...scope });
        // mathjs returns complex numbers for sqrt/log of negatives; we give NaN there.
        if (typeof theirs !== 'number') return Number.isNaN(ours) || !Number.isFinite(ours);
        if (!Number.isFinite(ours) || !Number.isFinite(theirs)) return true;
        return close(ours, theirs);
      }),
      { seed: 2, numRuns: 500 },
    );
  });

  it('exact decimals print exactly: 1/10 as 0.1, 1/10000 as 1e-4, 1/3 as 1 / 3', () => {
    expect(toMathjs(parse('0.1'))).toBe('0.1');
    expect(toMathjs(parse('0.0001'))).toBe('1e-4');
    expect(toMathjs(parse('1/3'))).toBe('1 / 3');
  });

  it('LaTeX names follow the paper: abar_tm1 is ᾱ_{t−1}, eps_hat is ε̂', () => {
    expect(latexSymbol('abar_tm1')).toBe('\\bar{\\alpha}_{t-1}');
    expect(latexSymbol('alpha_bar_t')).toBe('\\bar{\\alpha}_{t}');
    expect(latexSymbol('eps_hat')).toBe('\\hat{\\epsilon}');
    expect(latexSymbol('c_skip')).toBe('c_{\\mathrm{skip}}');
  });

  it('LaTeX of a fraction under a root', () => {
    expect(toLatex(parse('sqrt((1-a)/b)'))).toBe('\\sqrt{\\frac{1 - a}{b}}');
  });

  it('LaTeX of an expectation names its random variables', () => {
    const tex = toLatex(parse('E[z^2]', { random: [{ name: 'z', dist: parse('N(0, 1)') as never }] }));
    expect(tex).toBe('\\mathbb{E}_{z \\sim \\mathcal{N}\\left(0, 1\\right)}\\left[z^{2}\\right]');
  });
});
