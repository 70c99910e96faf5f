// The browser checks must be able to fail: a copy of the contract fixture,
// broken in one way per check, opened in the same headless Chromium, and
// each check must name what is wrong.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, missingBrowser } from './chromium.js';
import { badgeProblems, evidenceProblems, formulaProblems, guardNetwork, plotProblems, rawTexProblems } from './checks.js';
import { pixelStats } from './pixels.js';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/formula-sheet.html');
const missing = missingBrowser();
const required = process.env.DERIVCHECK_REQUIRE_BROWSER === '1';

/** The fixture with one defect per check. */
function broken(html: string): string {
  let s = html;
  // 1. a formula KaTeX could not parse
  s = s.replace('<span class="katex-display">', '<span class="katex-error" title="ParseError">\\frac{1}{</span><span class="katex-display">');
  // 2. raw TeX left in text
  s = s.replace('<h2>Formulas</h2>', '<h2>Formulas</h2><p>where $\\alpha_t$ is the schedule</p><pre>\\frac{a}{b} shown for copying</pre>');
  // 3. a badge of an unknown kind, and a formula without a badge
  s = s.replace('badge badge-verified', 'badge badge-maybe');
  s = s.replace(/<span class="badge badge-refuted-as-expected">[^<]*<\/span>/, '');
  // 4. evidence open already, and an evidence with nothing in it
  s = s.replace('<details class="evidence">', '<details class="evidence" open>');
  s = s.replace(/(<section class="formula" id="kingma-gao\.sigmoid\.1">[\s\S]*?<details class="evidence"><summary>evidence<\/summary>)<p>[^<]*<\/p>/, '$1');
  // 5. a plot that does not decode, one that is missing, and a request off the machine
  s = s.replace('plots/weightings.svg', 'plots/broken.svg');
  s = s.replace('plots/vdm-estimator-variance.svg', 'plots/absent.svg');
  s = s.replace('</body>', '<img src="https://cdn.example.invalid/katex.css" alt="x"></body>');
  return s;
}

describe.skipIf(Boolean(missing) && !required)('the browser checks fail on a broken sheet', () => {
  let dir: string;
  let page: Page;
  let close: () => Promise<void> = async () => {};
  let net: { blocked: string[]; failed: string[] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'derivcheck-broken-sheet-'));
    writeFileSync(join(dir, 'formula-sheet.html'), broken(readFileSync(FIXTURE, 'utf8')));
    mkdirSync(join(dir, 'plots'));
    writeFileSync(join(dir, 'plots/broken.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect</svg>');
    // a plot beside the page that no figure shows
    writeFileSync(join(dir, 'plots/orphan.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const b = await launch();
    close = b.close;
    net = await guardNetwork(b.context);
    page = b.context.pages()[0] ?? (await b.context.newPage());
    await page.goto(pathToFileURL(join(dir, 'formula-sheet.html')).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the request off the machine is blocked and recorded; the missing plot file is recorded', () => {
    expect(net.blocked).toEqual(['https://cdn.example.invalid/katex.css']);
    expect(net.failed.some((f) => f.includes('plots/absent.svg'))).toBe(true);
  });

  it('formulaProblems reports the .katex-error, and a JSON formula without a section', async () => {
    writeFileSync(join(dir, 'formula-sheet.json'), JSON.stringify({ formulas: [{ id: 'vdm.forward-marginal.1' }, { id: 'not.on.the.page' }] }));
    const p = await formulaProblems(page, dir);
    expect(p.some((x) => x.startsWith('.katex-error'))).toBe(true);
    expect(p).toContain('formula not.on.the.page of the JSON sheet has no section');
    expect(p.some((x) => x.includes('vdm.forward-marginal.1'))).toBe(false);
  });

  it('rawTexProblems reports the $…$ and \\alpha left in text', async () => {
    const p = await rawTexProblems(page);
    expect(p.some((x) => x.includes('$\\alpha_t$'))).toBe(true);
    expect(p.some((x) => x.includes('shown for copying'))).toBe(false); // TeX in <pre> is on purpose
    expect(p.length).toBeGreaterThanOrEqual(2); // the paragraph, and the katex-error's source text
  });

  it('badgeProblems reports the unknown kind and the missing badge', async () => {
    expect(await badgeProblems(page)).toEqual(['formula vdm.posterior.2: badge class badge-maybe', 'formula vdm.elbo-consistency.3: 0 badges']);
  });

  it('plotProblems reports the undecodable, the absent and the orphan plot', async () => {
    const p = await plotProblems(page, dir);
    expect(p).toContain('plot plots/broken.svg: not decoded (naturalWidth 0)');
    expect(p).toContain('plot plots/absent.svg: not decoded (naturalWidth 0)');
    expect(p).toContain('plots/orphan.svg is not shown');
  });

  it('evidenceProblems reports evidence open before a click (a click then closes it) and evidence with no content', async () => {
    const p = await evidenceProblems(page);
    expect(p).toContain('formula vdm.forward-marginal.1: evidence open before a click');
    expect(p).toContain('formula vdm.forward-marginal.1: evidence did not open on click');
    expect(p).toContain('formula kingma-gao.sigmoid.1: evidence shows nothing below its summary');
    expect(p.filter((x) => x.startsWith('formula vdm.posterior.2'))).toEqual([]);
  }, 60_000);

  it('a blank page screenshots blank', async () => {
    await page.setContent('<html><body style="background:#fff"></body></html>');
    const s = pixelStats(await page.screenshot());
    expect(s.inked).toBe(0);
    expect(s.variance).toBeLessThan(1e-9);
  });
});

