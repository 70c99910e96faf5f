// Output a writer can paste: a claim or a derivation in LaTeX (an align*
// block, each step annotated with its justification and verdict) or in
// Markdown (a table of steps with KaTeX math). The notation is the formula
// sheet's (src/expr/print-latex.ts): exact fractions, \bar{\alpha}_{t}, x_{t-1}.
import type { Node, Rel } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { formatInterval } from '../expr/domain.js';
import { latexSymbol, toLatex } from '../expr/print-latex.js';
import type { Derivation } from '../derive/derivation.js';
import type { DerivationResult } from '../derive/checker.js';
import type { Verdict } from '../verdict.js';
import { exprLatex, type Expr } from '../calculus/index.js';
import { VERSION } from './version.js';

const REL: Record<Rel, string> = { '=': '=', '<=': '\\le', '>=': '\\ge' };

/** A LaTeX \text{…} argument: braces, backslashes and the other specials escaped. */
export function latexText(s: string): string {
  return s.replace(/[\\{}$&#%_^~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`));
}

/** A domain as LaTeX side conditions: a \in (0, 1), v > 0. */
export function latexDomain(domain: Domain): string {
  return [...domain]
    .filter(([, iv]) => iv.lo !== undefined || iv.hi !== undefined) // "a real" says nothing worth printing
    .map(([name, iv]) => {
      const text = formatInterval(iv); // "(0, 1)", "(0, inf)", "[1/2, 1]"
      return `${latexSymbol(name)} \\in ${text.replace(/-inf\b/g, '-\\infty').replace(/\binf\b/g, '\\infty').replace(/(-?\d+)\/(\d+)/g, '\\tfrac{$1}{$2}')}`;
    })
    .join(',\\ ');
}

/** `claim --latex`: the claim as a display formula, the verdict as a comment above it. */
export function claimLatex(lhs: Node, rel: Rel, rhs: Node, domain: Domain, v: Verdict): string {
  const method = v.evidence[0]?.method ?? 'none';
  const shown = latexDomain(domain);
  const conditions = shown ? ` \\qquad \\left(${shown}\\right)` : '';
  return [`% derivcheck ${VERSION}: ${v.verdict} (${method})`, `\\[ ${toLatex(lhs)} ${REL[rel]} ${toLatex(rhs)}${conditions} \\]`].join('\n');
}

/**
 * An expression of a step as LaTeX: the scalar AST through the LaTeX printer,
 * an expression of the probability calculus (a chain in general) through its own
 * (src/calculus/print-latex.ts).
 */
function latexOf(e: Node | Expr): string {
  return 'op' in e ? toLatex(e) : exprLatex(e);
}

/** One derivation as an align* block: the chain's first expression, then each step with its annotation. */
export function derivationLatex(d: Derivation, r: DerivationResult): string {
  const lines = [`% ${d.id}: ${d.title} (${d.source}); derivcheck ${VERSION}: ${r.verdict}`];
  const assumptions = latexDomain(d.domain);
  if (assumptions) lines.push(`% assumptions: $${assumptions}$`);
  let index = 0;
  for (const chain of d.chains) {
    if (chain.steps.length === 0) continue;
    lines.push('\\begin{align*}');
    const rows = chain.steps.map((step, i) => {
      const s = r.steps[index++];
      const mistake = step.expect === 'refuted' ? (s?.ok ? 'a documented mistake, refuted' : 'a documented mistake, but it holds') : s?.verdict ?? 'not checked';
      const note = `\\text{${latexText(step.justification.label)}; ${latexText(mistake)}}`;
      const rel = step.expect === 'refuted' ? '\\overset{?}{' + REL[step.rel] + '}' : REL[step.rel];
      const head = i === 0 ? latexOf(chain.first) : '';
      return `  ${head} &${rel} ${latexOf(step.rhs)} && ${note}`;
    });
    lines.push(rows.join(' \\\\\n'), '\\end{align*}');
  }
  return lines.join('\n');
}

/** A Markdown table cell: pipes escaped, newlines as spaces. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One derivation as Markdown: a heading, its source and verdict, a table of steps in KaTeX math. */
export function derivationMarkdown(d: Derivation, r: DerivationResult): string {
  const lines = [`## ${cell(d.id)}: ${cell(d.title)}`, '', `Source: ${cell(d.source)}. Verdict: **${r.verdict}**${r.ok ? '' : ' (does not hold)'}.`];
  const assumptions = latexDomain(d.domain);
  if (assumptions) lines.push('', `Assumptions: $${assumptions}$.`);
  lines.push('', '| # | step | justification | verdict |', '| ---: | --- | --- | --- |');
  let index = 0;
  for (const chain of d.chains) {
    for (const step of chain.steps) {
      const s = r.steps[index++];
      const verdict = step.expect === 'refuted' ? `${s?.verdict ?? '—'} (a documented mistake)` : s?.verdict ?? 'not checked';
      lines.push(`| ${s?.index ?? index} | $${cell(latexOf(step.lhs))} ${REL[step.rel]} ${cell(latexOf(step.rhs))}$ | ${cell(step.justification.label)} | ${verdict} |`);
    }
  }
  return lines.join('\n');
}
