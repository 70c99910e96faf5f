// The LaTeX sheet compiles with a stock TeX distribution (pdflatex, amsmath,
// amssymb, graphicx), and texText keeps any text pdflatex-safe.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTex, texText } from '../../src/sheet/tex.js';
import { smallSuite } from './small-suite.js';

const root = mkdtempSync(join(tmpdir(), 'sheet-tex-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('texText', () => {
  it('spells the notes\' Unicode in TeX: ᾱ_{t−1}, σ², ‖, ≥', () => {
    expect(texText('√ᾱ_t (1 − ᾱ_{t−1}) σ² ≥ 0')).toBe('$\\surd\\bar\\alpha$\\_t (1 $-$ $\\bar\\alpha$\\_\\{t$-$1\\}) $\\sigma^2$ $\\ge$ 0');
  });
  it('law: any text becomes ASCII with balanced $ and never $$ (which would open display math)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...'ᾱσ²‖−≥≤∇·½ε_{}$\\^~#%&|<> \u00a0\u0301éθ̂'.split('')), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }), (s) => {
        const t = texText(s);
        expect(t).toMatch(/^[\x20-\x7e\n\t\r]*$/);
        const shifts = t.replace(/\\\$/g, 'D'); // \$ is a dollar sign, not a math shift
        expect(shifts).not.toContain('$$');
        expect((shifts.match(/\$/g) ?? []).length % 2).toBe(0);
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});

const pdflatex = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
const hasTex = pdflatex.status === 0;
if (!hasTex) console.log('tests/sheet/tex.test.ts: pdflatex is not installed (Debian: apt-get install texlive-latex-base texlive-latex-recommended); the compile test is skipped');

describe('the LaTeX sheet', () => {
  it.skipIf(!hasTex)('compiles with pdflatex, without errors, to a PDF', async () => {
    const { data } = await smallSuite();
    const tex = renderTex(data);
    expect(tex).toMatch(/^\\documentclass/);
    expect(tex).not.toMatch(/\\usepackage\{(?!amsmath,amssymb,graphicx\})/);
    writeFileSync(join(root, 'sheet.tex'), tex);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'sheet.tex'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout).not.toMatch(/^! /m);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Output written on sheet\.pdf \(\d+ pages?/);
  });
});
