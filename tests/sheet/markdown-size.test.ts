// GitHub renders a Markdown file only up to about 512 KB: past that the
// committed sheet shows as raw text. The Markdown sheet abridges its evidence
// and is split into an index and a page per topic to stay below it; this
// fails when a topic outgrows it (then that topic must be split, or abridged
// further).
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('docs/sheet/formula-sheet*.md', () => {
  it('each file stays below GitHub’s rendering limit of about 512 KB', () => {
    const pages = readdirSync('docs/sheet').filter((f) => /^formula-sheet.*\.md$/.test(f));
    expect(pages).toContain('formula-sheet.md');
    expect(pages.length).toBeGreaterThan(1);
    for (const f of pages) expect(statSync(`docs/sheet/${f}`).size, f).toBeLessThan(512 * 1000);
  });
});
