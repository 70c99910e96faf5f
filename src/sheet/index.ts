// Verified formula sheets (issue 12): the suite checked by the checker of
// `derivcheck check`, written as HTML (KaTeX typeset at build time), Markdown
// for GitHub, JSON for independent re-checks, and a standalone LaTeX document.
//
//   suite.ts     load and check the derivations, collect SheetData
//   formulas.ts  a derivation's steps and results as sheet formulas
//   latex-calculus.ts  the probability calculus in the paper's notation
//   html.ts, markdown.ts, json.ts, tex.ts  the four renderers
//   katex.ts     KaTeX in Node, and its CSS and fonts
//   plot-slots.ts  which plots go where; the call site of plots.ts
//   write.ts     atomic writes
import { join } from 'node:path';
import { renderHtml } from './html.js';
import { katexAssets } from './katex.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { SheetData } from './model.js';
import { drawPlots, type SheetPlot } from './plot-slots.js';
import { renderTex } from './tex.js';
import { writeAtomic } from './write.js';

export type SheetFormat = 'html' | 'md' | 'json' | 'tex';
export const SHEET_FORMATS: readonly SheetFormat[] = ['html', 'md', 'json', 'tex'];

export const SHEET_FILES: Record<SheetFormat, string> = {
  html: 'formula-sheet.html',
  md: 'formula-sheet.md',
  json: 'formula-sheet.json',
  tex: 'formula-sheet.tex',
};

export class SheetRenderError extends Error {
  override name = 'SheetRenderError';
}

/**
 * Renders every format in memory, then writes each file atomically: a
 * formula KaTeX cannot typeset fails the run before anything is replaced.
 * Returns the paths written.
 */
export async function writeSheet(data: SheetData, out: string, formats: readonly SheetFormat[] = SHEET_FORMATS, opts: { plots?: readonly SheetPlot[] } = {}): Promise<string[]> {
  const plots = opts.plots ?? (formats.includes('html') || formats.includes('md') ? await drawPlots(out, data) : []);
  const files = new Map<string, string | Uint8Array>();
  if (formats.includes('html')) {
    const { html, errors } = renderHtml(data, { plots, katexCss: 'katex/katex.min.css' });
    if (errors.length) {
      throw new SheetRenderError(`KaTeX cannot typeset ${errors.length} formula(s), e.g. ${errors[0].latex.slice(0, 200)}: ${errors[0].message}`);
    }
    const assets = katexAssets();
    files.set(join(out, 'katex', 'katex.min.css'), assets.css);
    for (const f of assets.fonts) files.set(join(out, 'katex', 'fonts', f.name), f.bytes);
    files.set(join(out, SHEET_FILES.html), html);
  }
  // The Markdown sheet is an index (SHEET_FILES.md) and a page per topic beside it.
  const mdPages = formats.includes('md') ? renderMarkdown(data, plots) : new Map<string, string>();
  for (const [name, text] of mdPages) files.set(join(out, name), text);
  if (formats.includes('json')) files.set(join(out, SHEET_FILES.json), renderJson(data));
  if (formats.includes('tex')) files.set(join(out, SHEET_FILES.tex), renderTex(data));
  for (const [file, content] of files) writeAtomic(file, content);
  // Reported: the sheets themselves, not KaTeX's assets or the Markdown sheet's topic pages.
  const parts = new Set([...mdPages.keys()].filter((n) => n !== SHEET_FILES.md).map((n) => join(out, n)));
  return [...files.keys()].filter((f) => !f.includes(`${join(out, 'katex')}`) && !parts.has(f));
}

export { checkSuite, loadSuite, type CheckedSuite, type SuiteOptions } from './suite.js';
export type { SheetData, SheetFormula, SheetVerdict } from './model.js';
export { verdictCounts } from './findings.js';
