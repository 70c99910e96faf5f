// The LaTeX sheet: a standalone document for a stock TeX distribution
// (amsmath, amssymb, graphicx; nothing else). Text passes through texText,
// which escapes TeX's specials and spells the Unicode the derivations' notes
// use (ᾱ, σ², ‖, −) in ASCII TeX, so pdflatex never meets a character it has
// no glyph for. A formula wider than the line is scaled down to fit.
import { formatPoint } from '../verdict.js';
import { findings, verdictCounts } from './findings.js';
import { BADGE_TEXT } from './html.js';
import type { SheetData, SheetFormula } from './model.js';
import { compareTopics, topicTitle } from './topics.js';

const MATH: Record<string, string> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\epsilon', ζ: '\\zeta', η: '\\eta', θ: '\\theta', κ: '\\kappa', λ: '\\lambda',
  μ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi', ρ: '\\rho', σ: '\\sigma', τ: '\\tau', φ: '\\phi', χ: '\\chi', ψ: '\\psi', ω: '\\omega',
  Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Σ: '\\Sigma', Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
  ᾱ: '\\bar\\alpha', '∇': '\\nabla', '≥': '\\ge', '≤': '\\le', '≈': '\\approx', '≠': '\\neq', '∈': '\\in', '∞': '\\infty', '×': '\\times',
  '·': '\\cdot', '−': '-', '‖': '\\|', '∝': '\\propto', '→': '\\to', '⊥': '\\perp', '∑': '\\sum', '∏': '\\prod', '√': '\\surd', '±': '\\pm',
  '²': '^2', '³': '^3', '⁴': '^4', '⁻': '^-', '¹': '^1', '₀': '_0', '₁': '_1', '₂': '_2', 'ₜ': '_t', '½': '\\tfrac12', '∂': '\\partial', 'ŝ': '\\hat s',
  '∘': '\\circ', '⟨': '\\langle', '⟩': '\\rangle', '∼': '\\sim', '…': '\\dots', '∅': '\\emptyset',
};
const TEXT: Record<string, string> = { '–': '--', '—': '---', '‘': '`', '’': "'", '“': '``', '”': "''", '\u00a0': '~', '\u202f': '~', 'é': "\\'e", 'ü': '\\"u', 'ö': '\\"o' };

/** Plain text as LaTeX: specials escaped, known Unicode spelled in TeX, anything else as '?'. */
export function texText(s: string): string {
  // Adjacent math pieces share one $…$: `$\\sigma$$^2$` would open display math.
  const parts: { math: boolean; s: string }[] = [];
  const push = (math: boolean, t: string) => {
    const last = parts[parts.length - 1];
    if (last && last.math === math) last.s += math && /^[A-Za-z]/.test(t) && /\\[A-Za-z]+$/.test(last.s) ? ` ${t}` : t;
    else parts.push({ math, s: t });
  };
  for (const ch of s.normalize('NFC')) {
    if (/[\\{}$&#%_^~]/.test(ch)) push(false, ch === '\\' ? '\\textbackslash{}' : ch === '^' ? '\\^{}' : ch === '~' ? '\\~{}' : `\\${ch}`);
    else if (ch === '<' || ch === '>' || ch === '|') push(true, ch);
    else if (MATH[ch]) push(true, MATH[ch]);
    else if (TEXT[ch]) push(false, TEXT[ch]);
    else if (ch === '\n' || ch === '\t') push(false, ch);
    else if (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127) push(false, ' '); // a control character: TeX has no use for it
    else if (ch.charCodeAt(0) < 128) push(false, ch);
    else if (/\p{M}/u.test(ch)) continue; // a combining accent left over: dropped
    else push(false, '?');
  }
  return parts.map((p) => (p.math ? `$${p.s}$` : p.s)).join('');
}

/** A display formula, scaled down only when it is wider than the line. */
const display = (tex: string) =>
  `\\begin{center}\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{$\\displaystyle ${tex}$}\\end{center}`;

function formula(f: SheetFormula): string {
  const e = f.evidence;
  const lines = [`\\subsubsection*{${texText(f.id)}: ${texText(BADGE_TEXT[f.verdict])} (${f.scope})}`, `\\label{${f.id.replace(/[^A-Za-z0-9.-]/g, '-')}}`, display(f.display)];
  if (f.verdict === 'refuted-as-expected' || f.verdict === 'holds-against-expectation') {
    lines.push(`\\noindent\\textbf{What is wrong:} ${texText(e.note ?? e.reason ?? '')}\\par`);
    if (e.counterexample) {
      const c = e.counterexample;
      lines.push(`\\noindent\\textbf{Counterexample:} at ${texText(formatPoint(c.params, 'any point'))}, lhs $= ${c.lhs}$, rhs $= ${c.rhs}$ (${texText(c.arithmetic)} arithmetic).\\par`);
    } else if (e.reason) lines.push(`\\noindent\\textbf{Why it fails:} ${texText(e.reason)}\\par`);
    if (e.correct) lines.push(`\\noindent\\textbf{Correct form} (${texText(e.correct.id)}):`, display(e.correct.display));
  }
  if (f.assumptionsLatex.length) lines.push(`\\noindent Assumptions: ${f.assumptionsLatex.map((a) => `$${a}$`).join(', ')}.\\par`);
  lines.push(`\\noindent{\\small Scope (${f.scope}): ${texText(e.scopeText)}. Rule: ${texText(e.justification)}; method: ${texText(e.methods.map((m) => m.method).join(', ') || 'none')}.}\\par`);
  return lines.join('\n');
}

export function renderTex(data: SheetData): string {
  const counts = verdictCounts(data.formulas);
  const found = findings(data.formulas);
  const topics = [...new Set(data.derivations.map((d) => d.topic))].sort(compareTopics);
  const out = [
    '\\documentclass[10pt]{article}',
    '\\usepackage{amsmath,amssymb,graphicx}',
    '\\setlength{\\textwidth}{16cm}\\setlength{\\oddsidemargin}{0cm}\\setlength{\\evensidemargin}{0cm}',
    '\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{4pt}',
    '\\title{Verified formula sheet}',
    `\\author{derivcheck ${texText(data.version)}}`,
    `\\date{${texText(data.generated)}; seed ${data.seed}; backend ${texText(data.backend)}}`,
    '\\begin{document}',
    '\\maketitle',
    `${data.formulas.length} formulas from ${data.derivations.length} derivations: ${counts.proved} proved, ${counts.verified} verified (tested, not proved), ${counts['refuted-as-expected']} refuted as expected.`,
    '\\section*{Findings}',
    found.source.length ? `\\begin{itemize}\n${found.source.map((f) => `\\item ${texText(f.id)}: ${texText(f.evidence.note ?? '')}`).join('\n')}\n\\end{itemize}` : 'None.',
    found.mistake.length ? `Common mistakes refuted: ${found.mistake.map((f) => texText(f.id)).join(', ')}.` : '',
    found.mutant.length ? `Deliberate mutants refuted: ${found.mutant.map((f) => texText(f.id)).join(', ')}.` : '',
  ];
  for (const t of topics) {
    out.push(`\\section{${texText(topicTitle(t))}}`);
    for (const d of data.derivations.filter((x) => x.topic === t)) {
      out.push(`\\subsection{${texText(d.title)}}`, `{\\small ${texText(d.id)}; ${texText(d.source)}; ${texText(d.verdict)}.}\\par`, texText(d.strategy));
      const mine = data.formulas.filter((f) => f.derivation === d.id);
      out.push(...mine.filter((f) => f.kind === 'result').map(formula), ...mine.filter((f) => f.kind === 'step').map(formula));
    }
  }
  out.push('\\end{document}', '');
  return out.join('\n');
}
