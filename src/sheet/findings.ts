// The sheet's findings: the documented mistakes the checker refuted, sorted
// into the sources' own errors (the seed audit: a note that cites the seed or
// an equation of the paper), common mistakes, and the deliberate mutants that
// show the checker can tell right from wrong.
import type { SheetFormula } from './model.js';

export type FindingKind = 'source' | 'mistake' | 'mutant';

export function findingKind(f: SheetFormula): FindingKind {
  const note = f.evidence.note ?? '';
  if (/^\s*mutant\b/i.test(note)) return 'mutant';
  if (/\b(seed|Luo|eqs?\.|the paper|the source)/i.test(note)) return 'source';
  return 'mistake';
}

/** The expected refutations, by kind, in sheet order. */
export function findings(formulas: readonly SheetFormula[]): Record<FindingKind, SheetFormula[]> {
  const out: Record<FindingKind, SheetFormula[]> = { source: [], mistake: [], mutant: [] };
  for (const f of formulas) if (f.verdict === 'refuted-as-expected') out[findingKind(f)].push(f);
  return out;
}

/** Counts for the summary line: proved, verified, refuted as expected, and anything that does not hold. */
export function verdictCounts(formulas: readonly SheetFormula[]): Record<string, number> {
  const counts: Record<string, number> = { proved: 0, verified: 0, 'refuted-as-expected': 0 };
  for (const f of formulas) counts[f.verdict] = (counts[f.verdict] ?? 0) + 1;
  return counts;
}
