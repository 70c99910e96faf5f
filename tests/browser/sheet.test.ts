// The HTML formula sheet in a real browser: Debian's headless Chromium under
// playwright-core opens the page from disk with the network off and checks
// what a reader would see: every formula typeset by KaTeX (no error, no raw
// TeX), every badge and plot there (images decoded), evidence that opens on
// a click, and a screenshot that is not blank.
//
// Target: docs/sheet/formula-sheet.html when it exists, else the contract
// fixture (tests/browser/fixtures/formula-sheet.html, with the plots rendered
// beside it). Without Chromium the test skips with the reason, unless
// DERIVCHECK_REQUIRE_BROWSER=1 (set by .ci/run), where that is a failure.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, missingBrowser } from './chromium.js';
import { badgeProblems, evidenceProblems, formulaProblems, guardNetwork, plotProblems, rawTexProblems } from './checks.js';
import { pixelStats } from './pixels.js';
import { renderPlots } from '../../src/sheet/plots.js';

// page.evaluate's functions run in the page, where these are the DOM's globals;
// declared in module scope (not the DOM lib) so the project is type-checked without DOM types.
declare const document: any;
declare const window: any;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHEET = join(ROOT, 'docs/sheet/formula-sheet.html');
const FIXTURE = join(ROOT, 'tests/browser/fixtures/formula-sheet.html');

const missing = missingBrowser();
const required = process.env.DERIVCHECK_REQUIRE_BROWSER === '1';
if (missing) console.log(required ? `browser required but missing: ${missing}` : `skipped: browser test: ${missing}`);

/** The page to open and its directory; the fixture is copied to a temporary directory with fresh plots. */
async function target(): Promise<{ html: string; dir: string; kind: 'sheet' | 'fixture'; cleanup: () => void }> {
  if (existsSync(SHEET)) return { html: SHEET, dir: dirname(SHEET), kind: 'sheet', cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-sheet-fixture-'));
  copyFileSync(FIXTURE, join(dir, 'formula-sheet.html'));
  await renderPlots(join(dir, 'plots'));
  return { html: join(dir, 'formula-sheet.html'), dir, kind: 'fixture', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe.skipIf(Boolean(missing) && !required)('the HTML formula sheet in headless Chromium', () => {
  let page: Page;
  let close: () => Promise<void> = async () => {};
  let t: Awaited<ReturnType<typeof target>>;
  let net: { blocked: string[]; failed: string[] };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`DERIVCHECK_REQUIRE_BROWSER=1 but ${missing}`);
    t = await target();
    console.log(`browser test: opening the ${t.kind}: ${t.html}`);
    const b = await launch();
    close = b.close;
    net = await guardNetwork(b.context);
    page = b.context.pages()[0] ?? (await b.context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(pathToFileURL(t.html).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await close();
    t?.cleanup();
  });

  it('loads from disk with no request off the machine attempted, no file missing, no script error', () => {
    expect(net.blocked).toEqual([]);
    expect(net.failed).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('the findings section leads the page', async () => {
    expect(await page.evaluate(() => document.querySelector('section')?.id)).toBe('findings');
    expect((await page.locator('#findings').innerText()).trim()).not.toBe('');
  });

  it('every formula section holds visible KaTeX output, none is a .katex-error, and every formula of the JSON sheet has one', async () => {
    expect(await formulaProblems(page, t.dir)).toEqual([]);
  });

  it('no raw TeX in the visible text: no $ and no \\command outside the MathML annotations', async () => {
    expect(await rawTexProblems(page)).toEqual([]);
  });

  it('every formula has exactly one verdict badge of a known kind, with a label', async () => {
    expect(await badgeProblems(page)).toEqual([]);
  });

  it('every plot beside the page is shown, and every plot image is decoded (naturalWidth > 0)', async () => {
    expect(await plotProblems(page, t.dir)).toEqual([]);
  });

  it('evidence is closed at first and opens on a click on its summary', async () => {
    expect(await evidenceProblems(page)).toEqual([]);
  }, 120_000);

  it('the screenshots are not blank: the page top and the first formula show ink with contrast', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const shotDir = process.env.DERIVCHECK_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'derivcheck-screenshot-'));
    mkdirSync(shotDir, { recursive: true });
    const top = await page.screenshot();
    const formula = await page.locator('section.formula .katex').first().screenshot();
    writeFileSync(join(shotDir, 'formula-sheet.png'), top);
    writeFileSync(join(shotDir, 'first-formula.png'), formula);
    const a = pixelStats(top);
    const b = pixelStats(formula);
    console.log(
      `screenshots in ${shotDir}: page ${a.width}×${a.height} inked ${(100 * a.inked).toFixed(2)}% variance ${a.variance.toFixed(0)}; ` +
        `first formula ${b.width}×${b.height} inked ${(100 * b.inked).toFixed(2)}% variance ${b.variance.toFixed(0)}`,
    );
    expect(a.width).toBe(1280);
    expect(a.inked).toBeGreaterThan(0.005);
    expect(a.variance).toBeGreaterThan(50);
    // a display formula's box is the column's width: a few percent of it is ink
    expect(b.inked).toBeGreaterThan(0.005);
    expect(b.variance).toBeGreaterThan(100);
  });
});
