// The Markdown sheet renders on GitHub: display math in ```math blocks, inline
// $…$ only around LaTeX, an anchor per formula, evidence in <details>.
import { describe, expect, it } from 'vitest';
import { mdText, renderMarkdown } from '../../src/sheet/markdown.js';
import { smallSuite } from './small-suite.js';

describe('the Markdown sheet', async () => {
  const { data } = await smallSuite();
  const md = renderMarkdown(data, [{ name: 'weightings', file: 'plots/weightings.svg', alt: 'w(λ)', topic: 'vdm' }]);

  it('one ```math block per formula and per correct form, each closed', () => {
    const blocks = md.match(/^```math$/gm) ?? [];
    const corrects = data.formulas.filter((f) => f.evidence.correct).length;
    expect(blocks.length).toBe(data.formulas.length + corrects);
    expect((md.match(/^```$/gm) ?? []).length).toBe(blocks.length);
  });

  it('an anchor and a <details> of evidence per formula; findings first; plots as images beside', () => {
    for (const f of data.formulas) expect(md).toContain(`<a id="${f.id.replace(/[^A-Za-z0-9-]/g, '-')}"></a>`);
    expect((md.match(/<details><summary>evidence<\/summary>/g) ?? []).length).toBe(data.formulas.length);
    expect(md.indexOf('## Findings')).toBeLessThan(md.indexOf('```math'));
    expect(md).toContain('![w(λ)](plots/weightings.svg)');
  });

  it('text outside math cannot open math or markup: $, _, *, |, < are escaped', () => {
    expect(mdText('a_b *c* $x$ | <b>')).toBe('a\\_b \\*c\\* \\$x\\$ \\| \\<b\\>');
    const outsideMath = md.replace(/```math[\s\S]*?```/g, '').replace(/\$[^$\n]+\$/g, '');
    expect(outsideMath).not.toMatch(/(?<!\\)\$/);
  });
});
