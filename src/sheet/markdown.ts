// The Markdown sheet, for GitHub: display math in ```math blocks, inline math
// as $…$, evidence in <details> (GitHub renders it), plots as SVG files beside.
import { formatPoint } from '../verdict.js';
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

/** What most formulas of a derivation share, printed once above them (the Markdown sheet must stay small). */
interface Shared {
  readonly assumptions?: string;
  readonly scope?: string;
}

const assumptionsOf = (f: SheetFormula) => f.assumptionsLatex.map((a) => `$${a}$`).join(', ');
const scopeOf = (f: SheetFormula) => `Scope (${f.scope}): ${mdText(f.evidence.scopeText)}`;

/** The most frequent value of key over the formulas (when more than one formula has it). */
function mostCommon(fs: readonly SheetFormula[], key: (f: SheetFormula) => string): string | undefined {
  const n = new Map<string, number>();
  for (const f of fs) n.set(key(f), (n.get(key(f)) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const e of n) if (!best || e[1] > best[1]) best = e;
  return best && best[1] > 1 ? best[0] : undefined;
}

function formula(f: SheetFormula, data: SheetData, shared: Shared = {}): string {
  const e = f.evidence;
  const lines = [
    `<a id="${anchor(f.id)}"></a>**${mdText(f.id)}** — **${BADGE_TEXT[f.verdict]}** (${f.scope}) · ${mdText(e.justification)}`,
    '',
    mathBlock(f.display),
    '',
  ];
  const wrong = f.verdict === 'refuted-as-expected' || f.verdict === 'holds-against-expectation';
  if (wrong) {
    lines.push(`The source's formula, as written above. What is wrong: ${mdText(e.note ?? e.reason ?? 'see the evidence')}`, '');
    if (e.counterexample) {
      const c = e.counterexample;
      lines.push(`Counterexample: at ${mdText(formatPoint(c.params, 'any point'))}, lhs = ${c.lhs}, rhs = ${c.rhs} (${c.arithmetic} arithmetic).`, '');
    } else if (e.reason) lines.push(`Why it fails: ${mdText(e.reason)}`, '');
    if (e.correct) lines.push(`The correct form ([${mdText(e.correct.id)}](#${anchor(e.correct.id)})):`, '', mathBlock(e.correct.display), '');
  }
  if (f.assumptionsLatex.length && assumptionsOf(f) !== shared.assumptions) lines.push(`Assumptions: ${assumptionsOf(f)}`, '');
  else if (!f.assumptionsLatex.length && shared.assumptions) lines.push('Assumptions: none', '');
  if (scopeOf(f) !== shared.scope) lines.push(scopeOf(f), '');
  // GitHub stops rendering Markdown files past about 512 KB, so here the evidence is short: the
  // methods by name, the numbers, the backend and seed only where they differ from the header's
  // (the rule is on the formula's first line). The JSON and HTML sheets have every detail whole.
  const header = `${data.backend}${data.adapter ? ` (${data.adapter})` : ''}`;
  const all = evidenceRows(f);
  const methods = all.filter(([k]) => k.startsWith('method: ')).map(([k]) => k.slice('method: '.length));
  const rows = [
    ...(methods.length ? [['methods', methods.join(', ')]] : []),
    // The counterexample of a wrong formula is already in its prose, above.
    ...all.filter(([k, v]) => !k.startsWith('method: ') && !(k === 'seed' && v === String(data.seed)) && k !== 'rule' && !(k === 'backend' && v.startsWith(header)) && !(wrong && e.counterexample && k === 'counterexample')),
  ];
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
    `derivcheck ${data.version}, seed ${data.seed}, backend ${data.backend}${data.adapter ? ` (${mdText(data.adapter)})` : ''}; generated ${data.generated}. ` +
      'Evidence here is abridged (methods by name; the seed and backend only where a formula differs from this line), ' +
      'to stay within what GitHub renders; formula-sheet.html and formula-sheet.json have all of it.',
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
      const shared: Shared = { assumptions: mostCommon(mine.filter((f) => f.assumptionsLatex.length), assumptionsOf), scope: mostCommon(mine, scopeOf) };
      if (shared.assumptions) out.push(`Assumptions (of every formula below that states none of its own): ${shared.assumptions}`, '');
      if (shared.scope) out.push(`${shared.scope} (every formula below that states none of its own)`, '');
      const results = mine.filter((f) => f.kind === 'result');
      if (results.length) out.push('#### What it establishes', '', ...results.map((f) => formula(f, data, shared)));
      out.push('#### Steps', '', ...mine.filter((f) => f.kind === 'step').map((f) => formula(f, data, shared)));
    }
  }
  const rest = plots.filter((p) => !placed.has(p.name));
  if (rest.length) out.push('## Plots', '', ...rest.flatMap((p) => [`![${mdText(p.alt)}](${p.file})`, '']));
  return out.join('\n') + '\n';
}
