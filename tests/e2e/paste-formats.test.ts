// Output a writer can paste: claim --latex, check --format latex and md. The
// LaTeX is balanced and uses the formula sheet's notation; each step carries
// its justification and verdict; the exit codes are the verdicts' as ever.
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';

const FILE = 'tests/fixtures/select/three.ts';

/** Braces balance, ignoring escaped ones, and every \begin has its \end. */
function balanced(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    if (tex[i] === '\\') {
      i++;
      continue;
    }
    if (tex[i] === '{') depth++;
    if (tex[i] === '}' && --depth < 0) return false;
  }
  const begins = (tex.match(/\\begin\{align\*\}/g) ?? []).length;
  return depth === 0 && begins === (tex.match(/\\end\{align\*\}/g) ?? []).length && begins > 0 === /\\begin/.test(tex);
}

describe('claim --latex', () => {
  it('a proved claim: the formula in display math, the symbols as on the formula sheet, exit 0', () => {
    const r = cli('claim', 'sqrt(alpha_bar_t)^2 = alpha_bar_t', '--param', 'alpha_bar_t in (0,1)', '--latex');
    expect(r.code).toBe(0);
    const [comment, formula] = r.stdout.trim().split('\n');
    expect(comment).toMatch(/^% derivcheck .*: proved/);
    expect(formula).toMatch(/^\\\[ .* \\\]$/);
    expect(formula).toContain('\\bar{\\alpha}_{t}');
    expect(formula).toContain('\\in (0, 1)');
    expect(balanced(formula)).toBe(true);
  });
  it('a refuted claim: exit 1; fractions stay exact', () => {
    const r = cli('claim', 'x/3 + 1/6 = x', '--param', 'x > 0', '--latex');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\\frac{1}{6}');
    expect(r.stdout).toContain('\\infty');
  });
});

describe('check --format latex and md', () => {
  it('latex: one align* per chain, each step annotated with its justification and verdict', () => {
    const r = cli('check', FILE, '--format', 'latex');
    expect(r.code).toBe(1);
    expect(balanced(r.stdout)).toBe(true);
    expect(r.stdout).toMatch(/% select\.b-reparam: .*refuted/);
    expect(r.stdout).toMatch(/&= 1 \+ a && \\text\{algebra; proved\}/);
    expect(r.stdout).toMatch(/\\text\{algebra; refuted\}/);
    expect(r.stdout).not.toMatch(/counterexample|derivation +verdict/);
  });
  it('a documented mistake is marked, not passed off as an equality', () => {
    const r = cli('check', 'derivations/vae/gaussian-kl.ts', '--format', 'latex', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\\overset\{\?\}\{=\}.*a documented mistake, refuted/);
  });
  it('md: a heading and a table per derivation, math in $…$', () => {
    const r = cli('check', FILE, '--format', 'md');
    expect(r.stdout).toMatch(/^## select\.a-first: a sum commutes$/m);
    expect(r.stdout).toMatch(/^\| 1 \| \$a \+ 1 = 1 \+ a\$ \| algebra \| proved \|$/m);
    expect(r.stdout).toMatch(/Verdict: \*\*refuted\*\* \(does not hold\)/);
  });
  it('--format json is --json; a bad --format is a usage error naming the nearest', () => {
    expect(json(cli('check', FILE, '--format', 'json')).schema).toBe(1);
    const bad = cli('check', FILE, '--format', 'latx');
    expect(isOneLineError(bad)).toBe(true);
    expect(bad.stderr).toMatch(/did you mean 'latex'/);
    expect(isOneLineError(cli('check', FILE, '--format', 'md', '--json'))).toBe(true);
  });
  it('LaTeX specials in a justification or title are escaped', async () => {
    const { latexText } = await import('../../src/cli/format-doc.js');
    expect(latexText('50% of a_b & {c} $d$ #1 ~ ^ \\')).toBe('50\\% of a\\_b \\& \\{c\\} \\$d\\$ \\#1 \\~{} \\^{} \\textbackslash{}');
  });
});
