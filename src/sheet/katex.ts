// KaTeX at build time, in Node: the sheet's page carries typeset HTML, not
// TeX for a script to render, so it reads the same offline and without
// JavaScript. The stylesheet and its fonts are copied beside the page.
import katex from 'katex';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';

export interface MathError {
  readonly latex: string;
  readonly message: string;
}

/**
 * Typesets `latex`. A formula KaTeX cannot parse is a bug of the LaTeX printer;
 * it is recorded in `errors` (the caller fails the build on any) and shown as
 * its source in a <code>, never as a half-rendered formula.
 */
export function renderMath(latex: string, display: boolean, errors: MathError[]): string {
  try {
    // HTML output only: KaTeX's MathML copy would double a page whose testbed formulas run to
    // thousands of characters of TeX each (about 14 MB instead of 9 for the seed's suite).
    return katex.renderToString(latex, { displayMode: display, throwOnError: true, strict: 'ignore', output: 'html', trust: false, maxExpand: 1000 });
  } catch (e) {
    errors.push({ latex, message: (e as Error).message });
    return `<code class="math-error">${escapeHtml(latex)}</code>`;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Where the installed katex keeps its CSS and fonts. */
function katexDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('katex/package.json')), 'dist');
}

/**
 * KaTeX's stylesheet with only the WOFF2 fonts (every browser that runs the
 * sheet reads them), so the copy beside the page holds no dangling links, and
 * the font files it names.
 */
export function katexAssets(): { css: string; fonts: { name: string; bytes: Buffer }[] } {
  const dist = katexDist();
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8').replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
  const fonts = readdirSync(join(dist, 'fonts'))
    .filter((f) => f.endsWith('.woff2'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dist, 'fonts', name)) }));
  return { css, fonts };
}
