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

/** The link target of a formula: its page (when it is not the page being written) and its anchor. */
type Href = (id: string) => string;

function formula(f: SheetFormula, data: SheetData, href: Href, shared: Shared = {}): string {
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
    if (e.correct) lines.push(`The correct form ([${mdText(e.correct.id)}](${href(e.correct.id)})):`, '', mathBlock(e.correct.display), '');
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

/** The file of a topic's page. */
export const topicPage = (topic: string): string => `formula-sheet-${topic.replace(/[^A-Za-z0-9-]/g, '-')}.md`;

/**
 * The Markdown sheet as files: `formula-sheet.md` (the header, the counts,
 * the findings and the topics, linked) and one page per topic
 * (`topicPage`). One file outgrew what GitHub renders (about 512 KB: past
 * that a file shows as raw text), so the sheet is split by topic; links
 * between pages carry the page's name.
 */
export function renderMarkdown(data: SheetData, plots: readonly SheetPlot[]): Map<string, string> {
  const counts = verdictCounts(data.formulas);
  const found = findings(data.formulas);
  const topics = [...new Set(data.derivations.map((d) => d.topic))].sort(compareTopics);
  const pageOf = new Map<string, string>();
  for (const d of data.derivations) for (const f of data.formulas) if (f.derivation === d.id) pageOf.set(f.id, topicPage(d.topic));
  const hrefFrom = (page: string): Href => (id) => `${pageOf.get(id) === page ? '' : (pageOf.get(id) ?? '')}#${anchor(id)}`;
  const link = (f: SheetFormula) => `[${mdText(f.id)}](${hrefFrom('formula-sheet.md')(f.id)})`;
  const index = [
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
    ...found.source.map((f) => `- ${link(f)}: ${mdText(f.evidence.note ?? '')}`),
    ...(found.mistake.length ? ['', `Common mistakes refuted: ${found.mistake.map(link).join(', ')}.`] : []),
    ...(found.mutant.length ? ['', `Deliberate mutants refuted: ${found.mutant.map(link).join(', ')}.`] : []),
    '',
    '## Topics',
    '',
  ];
  const pages = new Map<string, string>();
  const placed = new Set<string>();
  for (const t of topics) {
    const page = topicPage(t);
    const ds = data.derivations.filter((x) => x.topic === t);
    const n = data.formulas.filter((f) => ds.some((d) => d.id === f.derivation)).length;
    index.push(`- [${mdText(topicTitle(t))}](${page}): ${ds.length} derivation${ds.length === 1 ? '' : 's'}, ${n} formula${n === 1 ? '' : 's'}`);
    const out = [`# ${mdText(topicTitle(t))}`, '', `Part of the [verified formula sheet](formula-sheet.md) (derivcheck ${data.version}, seed ${data.seed}, backend ${data.backend}; generated ${data.generated}).`, ''];
    for (const p of plots.filter((q) => q.topic === t)) {
      placed.add(p.name);
      out.push(`![${mdText(p.alt)}](${p.file})`, '');
    }
    for (const d of ds) {
      out.push(`## ${mdText(d.title)}`, '', `${mdText(d.id)} · ${mdText(d.source)} · \`${d.file}\` · ${d.verdict}`, '', mdText(d.strategy), '');
      const mine = data.formulas.filter((f) => f.derivation === d.id);
      const shared: Shared = { assumptions: mostCommon(mine.filter((f) => f.assumptionsLatex.length), assumptionsOf), scope: mostCommon(mine, scopeOf) };
      if (shared.assumptions) out.push(`Assumptions (of every formula below that states none of its own): ${shared.assumptions}`, '');
      if (shared.scope) out.push(`${shared.scope} (every formula below that states none of its own)`, '');
      const results = mine.filter((f) => f.kind === 'result');
      if (results.length) out.push('### What it establishes', '', ...results.map((f) => formula(f, data, hrefFrom(page), shared)));
      out.push('### Steps', '', ...mine.filter((f) => f.kind === 'step').map((f) => formula(f, data, hrefFrom(page), shared)));
    }
    pages.set(page, out.join('\n') + '\n');
  }
  const rest = plots.filter((p) => !placed.has(p.name));
  if (rest.length) index.push('', '## Plots', '', ...rest.flatMap((p) => [`![${mdText(p.alt)}](${p.file})`, '']));
  return new Map([['formula-sheet.md', index.join('\n') + '\n'], ...pages]);
}
