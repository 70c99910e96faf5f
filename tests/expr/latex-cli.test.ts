// `derivcheck claim` with LaTeX pasted from a paper: decided as the same claim
// in mathjs syntax, and malformed LaTeX is a one-line usage error (exit 2)
// with a caret under the place. Runs the built CLI (npm run build).
import { describe, expect, it } from 'vitest';
import { caretColumn, cli, isOneLineError, json } from '../e2e/run-cli.js';

describe('claim with LaTeX input', () => {
  it('DDPM posterior variance, pasted: proved with the definitions written out, same verdict and sides as the mathjs form', () => {
    const tex = cli(
      'claim',
      '\\frac{(1-\\alpha_t)(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t} = \\frac{1 - \\bar\\alpha_{t-1}}{1 - \\alpha_t \\bar{\\alpha}_{t-1}} \\cdot (1 - \\alpha_t)',
      '--param', 'alpha_t in (0,1)', '--param', 'abar_tm1 in (0,1)', '--param', 'abar_t in (0,1)', '--json',
    );
    // abar_t is not alpha_t abar_tm1 here (no definition): refuted, exactly as in mathjs syntax
    const plain = cli('claim', '(1-alpha_t)*(1-abar_tm1)/(1-abar_t) = (1 - abar_tm1)/(1 - alpha_t*abar_tm1) * (1 - alpha_t)',
      '--param', 'alpha_t in (0,1)', '--param', 'abar_tm1 in (0,1)', '--param', 'abar_t in (0,1)', '--json');
    expect(tex.code).toBe(plain.code);
    const [a, b] = [json(tex), json(plain)];
    expect(a.verdict).toBe('refuted');
    expect([a.verdict, a.lhs, a.rhs]).toEqual([b.verdict, b.lhs, b.rhs]);
  });

  it('an identity in LaTeX is proved (exit 0) and printed back in mathjs syntax', () => {
    const r = cli('claim', '\\frac{\\sqrt{\\bar\\alpha_t}^{2}}{\\bar\\alpha_t} + \\log\\left(e^{\\lambda}\\right) = 1 + \\lambda', '--param', 'abar_t in (0,1)', '--param', 'lambda in (-10, 10)');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sqrt(abar_t)^2 / abar_t + log(e^lambda) = 1 + lambda');
    expect(r.stdout).toMatch(/verdict\s+proved/);
  });

  it('an expectation with its distribution in the subscript, declared by --random', () => {
    const r = cli('claim', '\\mathbb{E}_{x \\sim \\mathcal{N}(0, 1)}\\left[x^2\\right] = 1', '--random', 'x ~ N(0, 1)', '--json', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(json(r).verdict).toBe('proved');
  });

  it('malformed LaTeX: exit 2, one line with the position, the input and a caret under the place', () => {
    const r = cli('claim', '\\frac{1}{ = 1');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/^derivcheck: claim: position 11: unexpected '='/);
    expect(caretColumn(r)).toBe(10);
  });

  it('an unknown command and an ambiguous subscript are usage errors too', () => {
    for (const text of ['\\alpha_12 = 1', '\\foo{x} = 1', '\\mathbb{E}_{z \\sim \\mathcal{N}(0,1)}[z] = 0']) {
      const r = cli('claim', text);
      expect(isOneLineError(r), `${text}: ${r.stderr}`).toBe(true);
    }
  });
});
