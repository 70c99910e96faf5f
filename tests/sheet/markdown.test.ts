// The Markdown sheet renders on GitHub: display math in ```math blocks, inline
// $…$ only around LaTeX, an anchor per formula, evidence in <details>; an
// index and a page per topic, every link to a formula landing on its anchor.
import { describe, expect, it } from 'vitest';
import { mdText, renderMarkdown, topicPage } from '../../src/sheet/markdown.js';
import { smallSuite } from './small-suite.js';

describe('the Markdown sheet', async () => {
  const { data } = await smallSuite();
  const files = renderMarkdown(data, [{ name: 'weightings', file: 'plots/weightings.svg', alt: 'w(λ)', topic: 'vdm' }]);
  const md = [...files.values()].join('\n');

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

  it('is an index and a page per topic; every formula on exactly one page; every link to a formula resolves to a page with its anchor', () => {
    const topics = new Set(data.derivations.map((d) => d.topic));
    expect([...files.keys()].sort()).toEqual(['formula-sheet.md', ...[...topics].map(topicPage)].sort());
    for (const f of data.formulas) {
      const a = `<a id="${f.id.replace(/[^A-Za-z0-9-]/g, '-')}"></a>`;
      expect([...files.values()].filter((t) => t.includes(a)), f.id).toHaveLength(1);
    }
    let links = 0;
    for (const [name, text] of files) {
      for (const m of text.matchAll(/\]\(([^)#]*)#([^)]+)\)/g)) {
        const target = m[1] === '' ? name : m[1];
        expect(files.has(target), `${name} → ${m[1]}`).toBe(true);
        expect(files.get(target)).toContain(`<a id="${m[2]}"></a>`);
        links++;
      }
      for (const m of text.matchAll(/\]\((formula-sheet[^)#]*\.md)\)/g)) expect(files.has(m[1])).toBe(true);
    }
    expect(links).toBeGreaterThan(0);
  });
});
