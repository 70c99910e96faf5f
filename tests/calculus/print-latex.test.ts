// Law: an expression of the calculus prints as LaTeX mathematics in the formula sheet's notation —
// never as \text{…} — with balanced braces, exact fractions, \mid for conditioning, \sum with its
// bounds, \mathbb{E} with its measure; so `check --format latex` of a chain in general pastes as
// math, and only the justification notes are text.
import { describe, expect, it } from 'vitest';
import { add, E, exprLatex, KL, log, logE, logRatio, neg, parseIdx, scale, sum, type Expr } from '../../src/calculus/index.js';
import { rational } from '../../src/expr/rational.js';
import { derivationLatex } from '../../src/cli/format-doc.js';
import { checkDerivation } from '../../src/derive/checker.js';
import { by, derivation, inGeneral } from '../../src/index.js';
import * as v from '../../derivations/general/vdm.js';
import * as a from '../../derivations/general/vae.js';

function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && (s[i + 1] === '{' || s[i + 1] === '}')) { i++; continue; }
    if (s[i] === '{') depth++;
    if (s[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('expressions of the calculus as LaTeX', () => {
  it('a conditional density, an expectation, a log-density', () => {
    expect(exprLatex(log(v.q('t', 't-1', 0)))).toBe('\\log q(x_{t} \\mid x_{t-1}, x_{0})');
    expect(exprLatex(v.reconstruction)).toBe('\\mathbb{E}_{q(x_{1} \\mid x_{0})}\\left[\\log p(x_{0} \\mid x_{1})\\right]');
    expect(exprLatex(log(a.evidence))).toBe('\\log p(x)');
  });
  it('a range, a sum with symbolic bounds, a KL, a log E[ratio]', () => {
    expect(exprLatex(v.elbo)).toContain('\\mathbb{E}_{q(x_{1:T} \\mid x_{0})}');
    expect(exprLatex(sum('t', 2, 'T', log(v.p('t-1', 't'))))).toBe('\\sum_{t=2}^{T} \\log p(x_{t-1} \\mid x_{t})');
    expect(exprLatex(sum('t', 1, 'T-1', logRatio([v.p('t', 't+1')], [v.q('t', 't-1')])))).toBe(
      '\\sum_{t=1}^{T-1} \\left(\\log p(x_{t} \\mid x_{t+1}) - \\log q(x_{t} \\mid x_{t-1})\\right)');
    expect(exprLatex(KL(v.q('T', 0), v.p('T')))).toBe('D_{\\mathrm{KL}}\\left(q(x_{T} \\mid x_{0}) \\,\\middle\\|\\, p(x_{T})\\right)');
    expect(exprLatex(logE(a.encoder, [a.joint], [a.encoder]))).toBe('\\log \\mathbb{E}_{q(z \\mid x)}\\left[\\frac{p(x, z)}{q(z \\mid x)}\\right]');
    expect(exprLatex(logE(a.encoder, [], []))).toContain('\\frac{1}{1}');
  });
  it('coefficients: signs, exact fractions, nested combinations multiplied out, zero', () => {
    const l = log(a.evidence);
    expect(exprLatex(neg(l))).toBe('-\\log p(x)');
    expect(exprLatex(add(l, scale(-2, l)))).toBe('\\log p(x) - 2\\,\\log p(x)');
    expect(exprLatex(scale(rational(-1n, 2n), scale(3, l)))).toBe('-\\tfrac{3}{2}\\,\\log p(x)');
    expect(exprLatex(add())).toBe('0');
    expect(exprLatex(scale(0, l))).toBe('0');
  });
  it('every line of the VDM derivations prints with balanced braces and no \\text', () => {
    const lines: Expr[] = [v.elbo, v.eq44, v.eq45, v.eq57, v.eq58, v.logImportance, ...Object.values(v.consistencyLines), ...Object.values(v.denoisingLines)].filter((e): e is Expr => typeof e === 'object' && e !== null && 'kind' in e);
    expect(lines.length).toBeGreaterThan(6);
    for (const e of lines) {
      const s = exprLatex(e);
      expect(balanced(s), s).toBe(true);
      expect(s).not.toMatch(/\\text|−|‖|Σ/);
    }
  });
  it('an index variable with a Greek name and an offset', () => {
    expect(exprLatex(sum('tau', parseIdx(1), parseIdx('T'), log(v.p(0))))).toMatch(/^\\sum_\{\\tau=1\}\^\{T\} /);
  });
});

describe('check --format latex of a chain in general', () => {
  it('steps print as mathematics; only the justification notes are \\text', async () => {
    const g = inGeneral(a.vae);
    const d = derivation({
      id: 'latex.general', title: 'ELBO by the KL definition', source: 'test', assumptions: {}, strategy: '',
      chains: [g.calc(a.logImportance).ge(a.elbo, by.jensen())],
    });
    const r = await checkDerivation(d, { seed: 1, backend: 'cpu' });
    const tex = derivationLatex(d, r);
    expect(tex).toContain('\\log \\mathbb{E}_{q(z \\mid x)}');
    expect(tex).toContain('&\\ge \\mathbb{E}_{q(z \\mid x)}');
    const texts = [...tex.matchAll(/\\text\{([^}]*)\}/g)].map((m) => m[1]);
    expect(texts.length).toBe(1);
    expect(texts[0]).toMatch(/^jensen/);
    expect(balanced(tex.split('\n').filter((l) => !l.startsWith('%')).join('\n'))).toBe(true);
  });
});
