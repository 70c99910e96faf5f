// From a checked derivation to the sheet's formulas: every step, then what
// each chain establishes (first REL last), each typeset from its AST (the
// scalar printer for testbed chains, the calculus printer for chains in
// general) and paired with the verdict the checker gave it.
import type { Node, Rel, RelNode } from '../expr/ast.js';
import { toLatex, latexSymbol } from '../expr/print-latex.js';
import { sheetMathjs } from './print-sheet-mathjs.js';
import { formatInterval } from '../expr/domain.js';
import { parseParam } from '../expr/params.js';
import { printExpr } from '../calculus/index.js';
import type { Derivation } from '../derive/derivation.js';
import type { DerivationResult, StepResult } from '../derive/checker.js';
import { combine } from '../derive/checker.js';
import { isGeneralChain } from '../derive/general.js';
import type { Step } from '../derive/calc.js';
import type { GeneralStep } from '../derive/general.js';
import { relNode } from '../expr/node.js';
import { latexExpr, latexGeneralRelation } from './latex-calculus.js';
import type { SheetFormula, SheetVerdict } from './model.js';

const relation = (lhs: Node, rel: Rel, rhs: Node): RelNode => relNode(rel, lhs, rhs);

export interface RunInfo {
  readonly seed: number;
  readonly backend: string;
  readonly adapter?: string;
}

/** A step's verdict on the sheet: an expected refutation reads as what it is. */
export function sheetVerdict(s: Pick<StepResult, 'verdict' | 'expect'>): SheetVerdict {
  if (s.expect === 'refuted') {
    if (s.verdict === 'refuted') return 'refuted-as-expected';
    return s.verdict === 'proved' || s.verdict === 'verified' || s.verdict === 'unjustified' ? 'holds-against-expectation' : 'unknown';
  }
  return s.verdict;
}

/** `alpha_t in (0, 1)` / `abar_t := alpha_t * abar_tm1`, and the same in LaTeX. */
function assumptionTexts(d: Derivation, names: readonly string[]): { text: string[]; latex: string[] } {
  const text: string[] = [];
  const latex: string[] = [];
  for (const name of names) {
    const a = d.assumptions[name];
    if (a === undefined) {
      // General steps name their models ('model q'), not an assumption of the derivation.
      text.push(name);
      latex.push(`\\text{${name.replace(/[\\{}$&#%_^~]/g, '')}}`);
    } else if (typeof a === 'string') {
      const decl = parseParam(a);
      const iv = formatInterval(decl.interval);
      text.push(`${decl.name} in ${iv}`);
      latex.push(`${latexSymbol(decl.name)} \\in ${iv.replace(/-inf\b/g, '-\\infty').replace(/\binf\b/g, '\\infty').replace(/(-?\d+)\/(\d+)/g, '\\tfrac{$1}{$2}')}`);
    } else {
      text.push(`${a.symbol} := ${sheetMathjs(a.value)}`);
      latex.push(`${latexSymbol(a.symbol)} := ${toLatex(a.value)}`);
    }
  }
  return { text, latex };
}

/** The sheet's formulas of one derivation: its steps in order, then its results. */
export function derivationFormulas(d: Derivation, r: DerivationResult, run: RunInfo): SheetFormula[] {
  const steps: SheetFormula[] = [];
  const results: SheetFormula[] = [];
  const base = { seed: run.seed, backend: run.backend, ...(run.adapter ? { adapter: run.adapter } : {}) };
  let index = 0;
  d.chains.forEach((chain, c) => {
    const general = isGeneralChain(chain);
    const mine: StepResult[] = [];
    const ids: string[] = [];
    for (const step of chain.steps) {
      const s = r.steps[index++];
      if (!s) continue; // the checker stopped early (it does not today); nothing to show for it
      mine.push(s);
      const id = `${d.id}.step-${s.index}`;
      ids.push(id);
      const latex = general
        ? latexGeneralRelation((step as GeneralStep).lhs, step.rel, (step as GeneralStep).rhs)
        : toLatex(relation((step as Step).lhs, step.rel, (step as Step).rhs));
      const display = general
        ? displayOf(latexExpr((step as GeneralStep).lhs), step.rel, latexExpr((step as GeneralStep).rhs), latex)
        : displayOf(toLatex((step as Step).lhs), step.rel, toLatex((step as Step).rhs), latex);
      const a = assumptionTexts(d, s.assumptions);
      steps.push({
        id,
        derivation: d.id,
        kind: 'step',
        relation: s.relation,
        // The AST again rather than the checker's strings: an expectation keeps its bindings here.
        lhs: general ? s.lhs : sheetMathjs((step as Step).lhs),
        rhs: general ? s.rhs : sheetMathjs((step as Step).rhs),
        latex,
        display,
        assumptions: a.text,
        assumptionsLatex: a.latex,
        scope: s.scope.kind,
        verdict: sheetVerdict(s),
        evidence: {
          justification: s.justification,
          scopeText: s.scope.text,
          methods: s.evidence,
          ...(s.counterexample ? { counterexample: s.counterexample } : {}),
          ...(s.reason ? { reason: s.reason } : {}),
          ...(s.note ? { note: s.note } : {}),
          ...base,
        },
      });
    }
    // A chain with a documented mistake in it establishes nothing; its steps say what is wrong.
    if (chain.steps.length === 0 || mine.length !== chain.steps.length || chain.steps.some((s) => s.expect === 'refuted')) return;
    const verdict = combine(mine);
    const names = [...new Set(mine.flatMap((s) => s.assumptions))].filter((n) => general || n in d.assumptions);
    // In declaration order, so that a definition comes after what it uses.
    const ordered = general ? names : Object.keys(d.assumptions).filter((n) => names.includes(n));
    const a = assumptionTexts(d, ordered);
    const first = chain.first as Node & Parameters<typeof printExpr>[0];
    const last = (chain.steps[chain.steps.length - 1] as { rhs: unknown }).rhs as typeof first;
    const counts = new Map<string, number>();
    for (const s of mine) counts.set(s.verdict, (counts.get(s.verdict) ?? 0) + 1);
    results.push({
      id: `${d.id}.result-${c + 1}`,
      derivation: d.id,
      kind: 'result',
      relation: chainRelation(chain.steps),
      lhs: general ? printExpr(first) : sheetMathjs(first),
      rhs: general ? printExpr(last) : sheetMathjs(last),
      latex: general
        ? latexGeneralRelation(first, chainRelation(chain.steps), last)
        : toLatex(relation(first, chainRelation(chain.steps), last)),
      display: general
        ? displayOf(latexExpr(first), chainRelation(chain.steps), latexExpr(last), latexGeneralRelation(first, chainRelation(chain.steps), last))
        : displayOf(toLatex(first), chainRelation(chain.steps), toLatex(last), toLatex(relation(first, chainRelation(chain.steps), last))),
      assumptions: a.text,
      assumptionsLatex: a.latex,
      scope: general ? 'general' : 'testbed',
      verdict,
      evidence: {
        justification: [...new Set(mine.map((s) => s.justificationId))].join(', '),
        scopeText: mine[0].scope.text,
        methods: [{
          method: 'chain',
          detail: `composes steps ${mine[0].index}–${mine[mine.length - 1].index} (${[...counts].map(([v, n]) => `${n} ${v}`).join(', ')}); each step's evidence is with the step`,
        }],
        steps: ids,
        ...base,
      },
    });
  });
  // Each expected refutation points at the formula that holds in its place, where the derivation has one.
  const withCorrect = steps.map((f) => (f.verdict === 'refuted-as-expected' || f.verdict === 'holds-against-expectation' ? attachCorrect(f, [...results, ...steps]) : f));
  return [...withCorrect, ...results];
}

const REL_TEX: Record<Rel, string> = { '=': '=', '<=': '\\le', '>=': '\\ge' };

/** Past this many characters of TeX a relation is set on two lines: the left side, then REL and the right side. */
export const LONG_FORMULA = 160;

function displayOf(lhs: string, rel: Rel, rhs: string, oneLine: string): string {
  if (oneLine.length <= LONG_FORMULA) return oneLine;
  return `\\begin{aligned}&${lhs}\\\\ &\\quad ${REL_TEX[rel]} ${rhs}\\end{aligned}`;
}

/** The relation a chain establishes: = unless some step is ≤ or ≥ (a chain cannot mix them). */
function chainRelation(steps: readonly { rel: Rel }[]): Rel {
  return steps.reduce<Rel>((acc, s) => (s.rel === '=' ? acc : s.rel), '=');
}

/**
 * The correct form of a documented mistake: a formula of the same derivation and scope that holds
 * and starts from the same expression (a result first, then a step), e.g. the posterior with σ_q²
 * for the mutant with β_t, or log p(x) ≥ ELBO for the bound read the wrong way round.
 */
function attachCorrect(f: SheetFormula, candidates: readonly SheetFormula[]): SheetFormula {
  const holds = (g: SheetFormula) => g.id !== f.id && g.scope === f.scope && (g.verdict === 'proved' || g.verdict === 'verified');
  const same = candidates.filter(holds);
  const match =
    same.find((g) => g.lhs === f.lhs && g.rhs === f.rhs) ??
    same.find((g) => g.kind === 'result' && g.lhs === f.lhs) ??
    same.find((g) => g.kind === 'result' && g.rhs === f.rhs) ??
    same.find((g) => g.lhs === f.lhs && g.kind === 'step');
  if (!match) return f;
  return { ...f, evidence: { ...f.evidence, correct: { id: match.id, latex: match.latex, display: match.display, relation: match.relation } } };
}
