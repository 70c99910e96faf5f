// The committed sheets (docs/sheet/) are not stale: checking the suite now
// gives the same formulas, with the same verdicts, scopes and assumptions, as
// the committed formula-sheet.json (time stamps and seed-dependent numbers
// aside). When this fails, run `npm start` (or `npx derivcheck`) and commit docs/sheet/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSuite, loadSuite } from '../../src/sheet/index.js';
import { renderJson, sheetFingerprint } from '../../src/sheet/json.js';

describe('docs/sheet', () => {
  it('formula-sheet.json matches the suite as it checks today', async () => {
    const committed = JSON.parse(readFileSync('docs/sheet/formula-sheet.json', 'utf8'));
    // Loading under a loaded test machine can be slow: the timeout guards a hang, not speed.
    const loaded = await loadSuite(['derivations'], { typecheck: false, loadTimeoutMs: 600_000 });
    const { data } = await checkSuite(loaded, { seed: committed.seed, backend: 'cpu' });
    const fresh = JSON.parse(renderJson(data));
    const was = sheetFingerprint(committed);
    const now = sheetFingerprint(fresh);
    const ids = (fp: string[]) => fp.map((f) => JSON.parse(f)[0] as string);
    // The ids first, for a readable failure (a derivation added or removed), then everything.
    expect(ids(now), 'the suite has other formulas than the committed sheet: run npm start and commit docs/sheet/').toEqual(ids(was));
    expect(now, 'a formula, its verdict, scope or assumptions changed: run npm start and commit docs/sheet/').toEqual(was);
  }, 1_500_000);
});
