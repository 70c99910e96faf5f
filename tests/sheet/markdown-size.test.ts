// GitHub renders a Markdown file only up to about 512 KB: past that the
// committed sheet shows as raw text. The Markdown sheet abridges its evidence
// to stay below it; this fails when the suite outgrows it (then the sheet
// must be split, or abridged further).
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('docs/sheet/formula-sheet.md', () => {
  it('stays below GitHub’s rendering limit of about 512 KB', () => {
    expect(statSync('docs/sheet/formula-sheet.md').size).toBeLessThan(512 * 1000);
  });
});
