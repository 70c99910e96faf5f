// What the browser test checks on an open sheet, each as a function that
// lists the problems it finds (empty: fine), so the same checks can be shown
// to fail on a broken page (checks.test.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

// page.evaluate's functions run in the page, where these are the DOM's globals;
// declared in module scope (not the DOM lib) so the project is type-checked without DOM types.
declare const document: any;
declare const NodeFilter: any;
type DomElement = any;

const BADGES = /^badge-(proved|verified|refuted-as-expected|refuted|unjustified|unknown)$/;

/** Records requests that would leave the machine (aborted) and page files that fail to load. */
export async function guardNetwork(context: BrowserContext): Promise<{ blocked: string[]; failed: string[] }> {
  const blocked: string[] = [];
  const failed: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('requestfailed', (r) => {
    if (/^(file|data):/.test(r.url())) failed.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  return { blocked, failed };
}

/** Formula sections without visible KaTeX output, .katex-error elements, ids missing from the JSON sheet. */
export async function formulaProblems(page: Page, dir: string): Promise<string[]> {
  const r = await page.evaluate(() => {
    const sections = [...document.querySelectorAll('section.formula')];
    const bad = sections
      .filter((s) => {
        const k = s.querySelector('.katex');
        if (!k) return true;
        const box = k.getBoundingClientRect();
        return box.width <= 0 || box.height <= 0;
      })
      .map((s) => s.id);
    return { ids: sections.map((s) => s.id), bad, errors: [...document.querySelectorAll('.katex-error')].map((e) => e.textContent ?? '') };
  });
  const out: string[] = [];
  if (r.ids.length === 0) out.push('no section.formula on the page');
  for (const id of r.bad) out.push(`formula ${id}: no visible .katex output`);
  for (const e of r.errors) out.push(`.katex-error: ${e.slice(0, 80)}`);
  const dup = r.ids.filter((id, i) => r.ids.indexOf(id) !== i);
  if (dup.length) out.push(`duplicate formula ids: ${dup.join(', ')}`);
  const json = join(dir, 'formula-sheet.json');
  if (existsSync(json)) {
    const ids = (JSON.parse(readFileSync(json, 'utf8')) as { formulas: { id: string }[] }).formulas.map((f) => f.id);
    for (const id of ids) if (!r.ids.includes(id)) out.push(`formula ${id} of the JSON sheet has no section`);
  }
  return out;
}

/**
 * Visible text with a $ or a \command: TeX that KaTeX did not typeset. KaTeX's MathML
 * annotations (the source, not shown), scripts, styles, and code / pre / textarea
 * (TeX shown on purpose, for copying) are excepted.
 */
export async function rawTexProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('annotation, .katex-mathml, script, style, code, pre, textarea')) continue;
      const s = n.textContent ?? '';
      if (s.includes('$') || /\\[A-Za-z]+/.test(s)) out.push(`raw TeX in text: ${s.trim().slice(0, 80)}`);
    }
    return out;
  });
}

/** Each formula: exactly one badge, of a known kind, with a label. */
export async function badgeProblems(page: Page): Promise<string[]> {
  const r = await page.evaluate(() =>
    [...document.querySelectorAll('section.formula')].map((s) => {
      const badges = [...s.querySelectorAll('span.badge')];
      return {
        id: s.id,
        kinds: badges.map((b) => [...b.classList].filter((c) => c.startsWith('badge-'))),
        text: badges.map((b) => (b as DomElement).innerText.trim()),
      };
    }),
  );
  const out: string[] = [];
  for (const f of r) {
    if (f.kinds.length !== 1) {
      out.push(`formula ${f.id}: ${f.kinds.length} badges`);
      continue;
    }
    if (f.kinds[0].length !== 1 || !BADGES.test(f.kinds[0][0])) out.push(`formula ${f.id}: badge class ${f.kinds[0].join(' ') || '(none)'}`);
    if (!f.text[0]) out.push(`formula ${f.id}: empty badge`);
  }
  return out;
}

/** Plot images not decoded, without alt text, and SVGs beside the page that no figure shows. */
export async function plotProblems(page: Page, dir: string): Promise<string[]> {
  const imgs = await page.evaluate(() =>
    [...document.querySelectorAll('figure.plot img')].map((i) => {
      const img = i as DomElement;
      return { src: img.getAttribute('src') ?? '', ok: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0, alt: img.alt };
    }),
  );
  const out: string[] = [];
  if (imgs.length === 0) out.push('no figure.plot img on the page');
  for (const i of imgs) {
    if (!i.ok) out.push(`plot ${i.src}: not decoded (naturalWidth 0)`);
    if (!i.alt) out.push(`plot ${i.src}: no alt text`);
  }
  const onDisk = existsSync(join(dir, 'plots')) ? readdirSync(join(dir, 'plots')).filter((f) => f.endsWith('.svg')) : [];
  if (onDisk.length === 0) out.push('no plots/*.svg beside the page');
  for (const f of onDisk) if (!imgs.some((i) => i.src === `plots/${f}`)) out.push(`plots/${f} is not shown`);
  return out;
}

/** Each formula's evidence: present, closed, and open with laid-out content after a real click on its summary. */
export async function evidenceProblems(page: Page): Promise<string[]> {
  // Every formula's evidence is checked in the page at once (a sheet has hundreds: a round trip
  // per check and formula took minutes on a 16 MB page); a spread sample is opened by real
  // mouse clicks, the rest by the summary's own click(), which runs the same toggle.
  const SAMPLE = 4;
  const ids = await page.locator('section.formula').evaluateAll((els) => els.map((e) => (e as DomElement).id));
  const out: string[] = [];
  const picked = new Set<number>();
  for (let k = 0; k < Math.min(SAMPLE, ids.length); k++) picked.add(Math.round((k * (ids.length - 1)) / Math.max(1, SAMPLE - 1)));
  for (const i of picked) {
    const s = page.locator('section.formula').nth(i);
    const d = s.locator('details.evidence');
    if ((await d.count()) !== 1 || (await d.locator('summary').count()) !== 1) continue; // reported below
    if (await d.evaluate((e) => (e as DomElement).open)) out.push(`formula ${ids[i]}: evidence open before a click`);
    await d.locator('summary').click();
    if (!(await d.evaluate((e) => (e as DomElement).open))) out.push(`formula ${ids[i]}: evidence did not open on click`);
  }
  const rest = await page.locator('section.formula').evaluateAll(
    (els, picked) => {
      const problems: string[] = [];
      els.forEach((sec, i) => {
        const id = (sec as DomElement).id;
        const ds = (sec as DomElement).querySelectorAll('details.evidence');
        if (ds.length !== 1) return void problems.push(`formula ${id}: ${ds.length} evidence elements`);
        const d = ds[0] as DomElement;
        const summary = d.querySelectorAll('summary');
        if (summary.length !== 1) return void problems.push(`formula ${id}: evidence without a summary`);
        if (!picked.includes(i)) {
          if (d.open) problems.push(`formula ${id}: evidence open before a click`);
          (summary[0] as DomElement).click();
          if (!d.open) return void problems.push(`formula ${id}: evidence did not open on click`);
        } else if (!d.open) return; // a sampled one that did not open is reported above
        const box = d.getBoundingClientRect();
        const sbox = (summary[0] as DomElement).getBoundingClientRect();
        if (box.height <= sbox.height + 1) problems.push(`formula ${id}: evidence shows nothing below its summary`);
      });
      return problems;
    },
    [...picked],
  );
  return [...out, ...rest];
}
