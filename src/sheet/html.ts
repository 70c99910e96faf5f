// The HTML sheet: one page that works offline. Formulas are typeset by KaTeX
// here, at build time; the page links katex/katex.min.css and its fonts,
// copied beside it. The structure is a contract (the browser test relies on
// it): a leading <section id="findings">; each formula a
// <section class="formula" id="ID"> with its KaTeX math, a badge
// <span class="badge badge-VERDICT">, scope, assumptions and
// <details class="evidence"><summary>evidence</summary>…</details>; each plot a
// <figure class="plot"><img src="plots/NAME.svg" alt="…"></figure>.
import { formatPoint } from '../verdict.js';
import { escapeHtml as esc, renderMath, type MathError } from './katex.js';
import { evidenceRows } from './evidence.js';
import { findings, verdictCounts, type FindingKind } from './findings.js';
import type { SheetData, SheetDerivation, SheetFormula, SheetVerdict } from './model.js';
import type { SheetPlot } from './plot-slots.js';
import { compareTopics, topicTitle } from './topics.js';

export const BADGE_TEXT: Record<SheetVerdict, string> = {
  proved: 'proved',
  verified: 'verified',
  'refuted-as-expected': 'refuted as expected',
  refuted: 'REFUTED',
  unjustified: 'unjustified',
  unknown: 'undecided',
  'holds-against-expectation': 'HOLDS (expected refuted)',
};

const STYLE = `
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1b1b;background:#fff}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}h3{margin:2rem 0 .3rem}
.meta,.source,.scope-text,.strategy{color:#555;font-size:.9rem}
nav ol{columns:2}
section.formula{border:1px solid #e3e3e3;border-radius:6px;padding:.6rem .9rem;margin:.8rem 0}
section.formula.result{border-left:4px solid #2b6cb0}
section.formula.expected{border-left:4px solid #b7791f;background:#fffaf0}
.head{display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap;font-size:.85rem}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-weight:600;color:#fff}
.badge-proved{background:#276749}.badge-verified{background:#2f855a}.badge-refuted-as-expected{background:#b7791f}
.badge-refuted,.badge-holds-against-expectation{background:#c53030}.badge-unknown,.badge-unjustified{background:#718096}
.scope{border:1px solid #999;border-radius:1rem;padding:0 .45rem}
.math{overflow-x:auto;overflow-y:hidden;padding:.2rem 0}
.assumptions{font-size:.9rem}
details.evidence summary{cursor:pointer;color:#2b6cb0}
details.evidence dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.85rem;margin:.4rem 0}
details.evidence dt{font-weight:600}details.evidence dd{margin:0;overflow-wrap:anywhere}
.wrong{font-size:.92rem}.wrong p{margin:.3rem 0}
figure.plot{margin:1rem 0}figure.plot img{max-width:100%;height:auto}
code.math-error{color:#c53030}
@media print{details.evidence{display:none}section.formula{break-inside:avoid}}
`;

const KIND_TITLE: Record<FindingKind, string> = {
  source: "The sources' errors (the seed audit)",
  mistake: 'Common mistakes',
  mutant: 'Deliberate mutants (each one refuted, as it must be)',
};

export interface HtmlOptions {
  readonly plots: readonly SheetPlot[];
  /** The stylesheet's path relative to the page. */
  readonly katexCss: string;
}

/** The page, and the formulas KaTeX could not typeset (the caller fails on any). */
export function renderHtml(data: SheetData, opts: HtmlOptions): { html: string; errors: MathError[] } {
  const errors: MathError[] = [];
  const display = (tex: string) => renderMath(tex, true, errors);
  const inline = (tex: string) => renderMath(tex, false, errors);
  const counts = verdictCounts(data.formulas);
  const topics = [...new Set(data.derivations.map((d) => d.topic))].sort(compareTopics);
  const found = findings(data.formulas);

  const formula = (f: SheetFormula): string => {
    const expected = f.verdict === 'refuted-as-expected';
    const label = f.kind === 'result' ? 'result' : `step ${f.id.replace(/^.*step-/, '')}`;
    const parts = [
      `<section class="formula ${f.kind}${expected ? ' expected' : ''}" id="${esc(f.id)}">`,
      `<div class="head"><span class="badge badge-${f.verdict}">${BADGE_TEXT[f.verdict]}</span>` +
        `<span class="scope scope-${f.scope}">${f.scope === 'general' ? 'general' : 'testbed'}</span>` +
        `<span class="kind">${label} · ${esc(f.evidence.justification)}</span></div>`,
      `<div class="math">${display(f.display)}</div>`,
    ];
    if (expected || f.verdict === 'holds-against-expectation') parts.push(wrongness(f));
    if (f.assumptionsLatex.length) parts.push(`<p class="assumptions">Assumptions: ${f.assumptionsLatex.map(inline).join(', ')}</p>`);
    parts.push(`<p class="scope-text">Scope (${f.scope}): ${esc(f.evidence.scopeText)}</p>`);
    parts.push(
      `<details class="evidence"><summary>evidence</summary><dl>${evidenceRows(f).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></details>`,
    );
    parts.push('</section>');
    return parts.join('\n');
  };

  const wrongness = (f: SheetFormula): string => {
    const e = f.evidence;
    const lines = [`<div class="wrong">`, `<p><strong>The source's formula</strong>, as written above. <strong>What is wrong:</strong> ${esc(e.note ?? e.reason ?? 'see the evidence')}</p>`];
    if (e.counterexample) {
      const c = e.counterexample;
      lines.push(`<p><strong>Counterexample:</strong> at ${esc(formatPoint(c.params, 'any point'))}, lhs = ${esc(String(c.lhs))}, rhs = ${esc(String(c.rhs))} (${esc(c.arithmetic)} arithmetic).</p>`);
    } else if (e.reason) {
      lines.push(`<p><strong>Why it fails:</strong> ${esc(e.reason)}</p>`);
    }
    if (e.correct) lines.push(`<p><strong>The correct form</strong> (<a href="#${esc(e.correct.id)}">${esc(e.correct.id)}</a>):</p><div class="math">${display(e.correct.display)}</div>`);
    lines.push('</div>');
    return lines.join('\n');
  };

  const plotFigure = (p: SheetPlot) =>
    `<figure class="plot"><img src="${esc(p.file)}" alt="${esc(p.alt)}">${p.caption ? `<figcaption>${esc(p.caption)}</figcaption>` : ''}</figure>`;

  const derivationBlock = (d: SheetDerivation): string => {
    const mine = data.formulas.filter((f) => f.derivation === d.id);
    const results = mine.filter((f) => f.kind === 'result');
    const steps = mine.filter((f) => f.kind === 'step');
    return [
      `<article class="derivation" id="derivation-${esc(d.id)}">`,
      `<h3>${esc(d.title)}</h3>`,
      `<p class="source">${esc(d.id)} · ${esc(d.source)} · <code>${esc(d.file)}</code> · ${esc(d.verdict)}</p>`,
      `<p class="strategy">${esc(d.strategy)}</p>`,
      results.length ? `<h4>What it establishes</h4>\n${results.map(formula).join('\n')}` : '',
      `<h4>Steps</h4>\n${steps.map(formula).join('\n')}`,
      '</article>',
    ].join('\n');
  };

  const findingItem = (f: SheetFormula) =>
    `<li><a href="#${esc(f.id)}">${esc(f.id)}</a> (${f.scope}): ${esc(f.evidence.note ?? '')}</li>`;

  const placed = new Set(opts.plots.filter((p) => p.topic && topics.includes(p.topic)).map((p) => p.name));
  const body = [
    `<header><h1>Verified formula sheet</h1>`,
    `<p class="meta">derivcheck ${esc(data.version)} · generated ${esc(data.generated)} · seed ${data.seed} · backend ${esc(data.backend)}${data.adapter ? ` (${esc(data.adapter)})` : ''}</p>`,
    `<p>${data.formulas.length} formulas from ${data.derivations.length} derivation${data.derivations.length === 1 ? '' : 's'}: <strong>${counts.proved}</strong> proved, <strong>${counts.verified}</strong> verified (tested, not proved), <strong>${counts['refuted-as-expected']}</strong> refuted as expected (documented mistakes)` +
      `${data.formulas.length - counts.proved - counts.verified - counts['refuted-as-expected'] ? `, <strong>${data.formulas.length - counts.proved - counts.verified - counts['refuted-as-expected']}</strong> that do not hold as written` : ''}.` +
      ` <em>Proved</em>: exact algebra or the probability calculus; <em>verified</em>: tested (Monte Carlo or random points), no proof; <em>general</em>: for every density of the model class and every T; <em>testbed</em>: on the numeric testbed named, over the parameter ranges shown.</p>`,
    `<nav><ol>${topics.map((t) => `<li><a href="#topic-${esc(t)}">${esc(topicTitle(t))}</a></li>`).join('')}</ol></nav></header>`,
    `<section id="findings"><h2>Findings</h2>`,
    `<p>The documented mistakes the checker refuted. Each links to its formula, which shows what is wrong, the counterexample and the correct form.</p>`,
    ...(['source', 'mistake', 'mutant'] as const).filter((k) => found[k].length).map((k) => `<h3>${KIND_TITLE[k]} (${found[k].length})</h3>\n<ol>${found[k].map(findingItem).join('\n')}</ol>`),
    `</section>`,
    ...topics.map((t) => {
      const ds = data.derivations.filter((d) => d.topic === t);
      const figures = opts.plots.filter((p) => p.topic === t);
      return [`<section class="topic" id="topic-${esc(t)}"><h2>${esc(topicTitle(t))}</h2>`, ...figures.map(plotFigure), ...ds.map(derivationBlock), '</section>'].join('\n');
    }),
    ...(opts.plots.some((p) => !placed.has(p.name))
      ? [`<section class="topic" id="topic-plots"><h2>Plots</h2>`, ...opts.plots.filter((p) => !placed.has(p.name)).map(plotFigure), '</section>']
      : []),
  ];
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>derivcheck formula sheet</title>`,
    `<link rel="stylesheet" href="${esc(opts.katexCss)}">`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
  return { html, errors };
}
