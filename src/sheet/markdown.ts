// The Markdown sheet, for GitHub: display math in ```math blocks, inline math
// as $…$, evidence in <details> (GitHub renders it), plots as SVG files beside.
import { evidenceRows } from './evidence.js';
import { findings, verdictCounts } from './findings.js';
import { BADGE_TEXT } from './html.js';
import type { SheetData, SheetFormula } from './model.js';
import type { SheetPlot } from './plot-slots.js';
import { compareTopics, topicTitle } from './topics.js';

/** Text outside math: Markdown's specials escaped, and no $ that GitHub would read as math. */
export function mdText(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\$/g, '\\$').replace(/\n/g, ' ');
}

const mathBlock = (tex: string) => ['```math', tex, '```'].join('\n');
const anchor = (id: string) => id.replace(/[^A-Za-z0-9-]/g, '-');

function formula(f: SheetFormula): string {
  const e = f.evidence;
  const lines = [
    `<a id="${anchor(f.id)}"></a>**${mdText(f.id)}** — **${BADGE_TEXT[f.verdict]}** (${f.scope}) · ${mdText(e.justification)}`,
    '',
    mathBlock(f.display),
    '',
  ];
  if (f.verdict === 'refuted-as-expected' || f.verdict === 'holds-against-expectation') {
    lines.push(`The source's formula, as written above. What is wrong: ${mdText(e.note ?? e.reason ?? 'see the evidence')}`, '');
    if (e.counterexample) {
      const c = e.counterexample;
      lines.push(`Counterexample: at ${mdText(Object.entries(c.params).map(([k, v]) => `${k} = ${v}`).join(', ') || 'any point')}, lhs = ${c.lhs}, rhs = ${c.rhs} (${c.arithmetic} arithmetic).`, '');
    } else if (e.reason) lines.push(`Why it fails: ${mdText(e.reason)}`, '');
    if (e.correct) lines.push(`The correct form ([${mdText(e.correct.id)}](#${anchor(e.correct.id)})):`, '', mathBlock(e.correct.display), '');
  }
  if (f.assumptionsLatex.length) lines.push(`Assumptions: ${f.assumptionsLatex.map((a) => `$${a}$`).join(', ')}`, '');
  lines.push(`Scope (${f.scope}): ${mdText(e.scopeText)}`, '');
  // Methods' details cut short: GitHub stops rendering Markdown files past about 512 KB; the JSON and HTML sheets have them whole.
  const rows = evidenceRows(f).map(([k, v]) => [k, k.startsWith('method:') && v.length > 160 ? `${v.slice(0, 159)}…` : v]);
  lines.push('<details><summary>evidence</summary>', '', ...rows.map(([k, v]) => `- ${mdText(k)}: ${mdText(v)}`), '', '</details>', '');
  return lines.join('\n');
}

export function renderMarkdown(data: SheetData, plots: readonly SheetPlot[]): string {
  const counts = verdictCounts(data.formulas);
  const found = findings(data.formulas);
  const topics = [...new Set(data.derivations.map((d) => d.topic))].sort(compareTopics);
  const out = [
    '# Verified formula sheet',
    '',
    `derivcheck ${data.version}, seed ${data.seed}, backend ${data.backend}${data.adapter ? ` (${mdText(data.adapter)})` : ''}; generated ${data.generated}.`,
    '',
    `${data.formulas.length} formulas from ${data.derivations.length} derivations: ${counts.proved} proved, ${counts.verified} verified (tested, not proved), ${counts['refuted-as-expected']} refuted as expected.`,
    '',
    '## Findings',
    '',
    ...found.source.map((f) => `- [${mdText(f.id)}](#${anchor(f.id)}): ${mdText(f.evidence.note ?? '')}`),
    ...(found.mistake.length ? ['', `Common mistakes refuted: ${found.mistake.map((f) => `[${mdText(f.id)}](#${anchor(f.id)})`).join(', ')}.`] : []),
    ...(found.mutant.length ? ['', `Deliberate mutants refuted: ${found.mutant.map((f) => `[${mdText(f.id)}](#${anchor(f.id)})`).join(', ')}.`] : []),
    '',
  ];
  const placed = new Set<string>();
  for (const t of topics) {
    out.push(`## ${mdText(topicTitle(t))}`, '');
    for (const p of plots.filter((q) => q.topic === t)) {
      placed.add(p.name);
      out.push(`![${mdText(p.alt)}](${p.file})`, '');
    }
    for (const d of data.derivations.filter((x) => x.topic === t)) {
      out.push(`### ${mdText(d.title)}`, '', `${mdText(d.id)} · ${mdText(d.source)} · \`${d.file}\` · ${d.verdict}`, '', mdText(d.strategy), '');
      const mine = data.formulas.filter((f) => f.derivation === d.id);
      const results = mine.filter((f) => f.kind === 'result');
      if (results.length) out.push('#### What it establishes', '', ...results.map(formula));
      out.push('#### Steps', '', ...mine.filter((f) => f.kind === 'step').map(formula));
    }
  }
  const rest = plots.filter((p) => !placed.has(p.name));
  if (rest.length) out.push('## Plots', '', ...rest.flatMap((p) => [`![${mdText(p.alt)}](${p.file})`, '']));
  return out.join('\n') + '\n';
}
