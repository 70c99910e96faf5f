// The HTML sheet's contract (the browser test relies on it): a leading
// findings section; each formula a section.formula with its id, KaTeX math, a
// badge, scope, assumptions and evidence in details.evidence; plots as
// figure.plot > img; no $ left for a script to render; offline (no URL).
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/sheet/html.js';
import { smallSuite } from './small-suite.js';

const plots = [{ name: 'weightings', file: 'plots/weightings.svg', alt: 'the weightings w(λ)', topic: 'vdm' }, { name: 'other', file: 'plots/other.svg', alt: 'a plot with no section' }];

describe('the HTML sheet', async () => {
  const { data } = await smallSuite();
  const { html, errors } = renderHtml(data, { plots, katexCss: 'katex/katex.min.css' });
  const sections = [...html.matchAll(/<section class="formula[^"]*" id="([^"]+)">([\s\S]*?)<\/section>/g)];

  it('KaTeX typesets every formula, and the page has no $ and no link off the machine', () => {
    expect(errors).toEqual([]);
    expect(html).not.toContain('$');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toContain('<code class="math-error"');
  });

  it('findings lead: the first section is #findings, and it lists every expected refutation', () => {
    expect(html.indexOf('<section id="findings">')).toBeGreaterThan(0);
    expect(html.indexOf('<section id="findings">')).toBeLessThan(html.indexOf('<section class="formula'));
    const expected = data.formulas.filter((f) => f.verdict === 'refuted-as-expected');
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const findings = html.slice(html.indexOf('<section id="findings">'), html.indexOf('</section>', html.indexOf('<section id="findings">')));
    for (const f of expected) expect(findings).toContain(`href="#${f.id}"`);
  });

  it('one section per formula, each with KaTeX, a badge of its verdict, its scope and evidence on demand', () => {
    expect(sections.map((m) => m[1]).sort()).toEqual(data.formulas.map((f) => f.id).sort());
    for (const [, id, inner] of sections) {
      const f = data.formulas.find((g) => g.id === id)!;
      expect(inner).toContain('class="katex');
      expect(inner).toContain(`<span class="badge badge-${f.verdict}">`);
      expect(inner).toMatch(new RegExp(`class="scope scope-${f.scope}"`));
      expect(inner).toMatch(/<details class="evidence"><summary>evidence<\/summary>[\s\S]*<dt>seed<\/dt><dd>1<\/dd>[\s\S]*<\/details>/);
      expect(inner).toContain('<dt>backend</dt>');
      if (f.assumptions.length) expect(inner).toContain('Assumptions:');
    }
  });

  it('an expected refutation shows what is wrong, its counterexample and the correct form', () => {
    const mutant = sections.find(([, id]) => id === 'vdm.posterior.step-11')!;
    expect(mutant[2]).toContain('badge-refuted-as-expected');
    expect(mutant[2]).toContain('What is wrong:</strong> mutant 1');
    expect(mutant[2]).toContain('Counterexample:</strong> at ');
    expect(mutant[2]).toMatch(/The correct form<\/strong> \(<a href="#vdm\.posterior\.result-1">/);
  });

  it('plots are figure.plot > img with alt text, in their topic or in a plots section', () => {
    expect(html).toContain('<figure class="plot"><img src="plots/weightings.svg" alt="the weightings w(λ)"></figure>');
    expect(html).toContain('<section class="topic" id="topic-plots"><h2>Plots</h2>\n<figure class="plot"><img src="plots/other.svg"');
  });

  it('topics come in the seed\'s order: ELBO, VAE, VDM', () => {
    const at = (t: string) => html.indexOf(`id="topic-${t}"`);
    expect(at('elbo')).toBeGreaterThan(0);
    expect(at('elbo')).toBeLessThan(at('vae'));
    expect(at('vae')).toBeLessThan(at('vdm'));
  });
});
