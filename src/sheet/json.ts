// The machine-readable sheet, for anyone to re-check independently
// (scripts/recheck-sheet.py does, with SymPy). Exactly the fields of issue 12:
// { formulas: [{ id, derivation, kind, relation, lhs, rhs, latex,
// assumptions, scope, verdict, evidence }], generated, seed, backend, version }.
// lhs/rhs are mathjs syntax for testbed formulas (definitions in the
// assumptions as `name := expr`, domains as `name in (lo, hi)`), and the
// calculus's text (E_{q(z | x)}[…], KL(·‖·)) for formulas in general.
import type { SheetData } from './model.js';

export function renderJson(data: SheetData): string {
  const doc = {
    formulas: data.formulas.map((f) => ({
      id: f.id,
      derivation: f.derivation,
      kind: f.kind,
      relation: f.relation,
      lhs: f.lhs,
      rhs: f.rhs,
      latex: f.latex,
      assumptions: f.assumptions,
      scope: f.scope,
      verdict: f.verdict,
      evidence: f.evidence,
    })),
    generated: data.generated,
    seed: data.seed,
    backend: data.backend,
    version: data.version,
  };
  return JSON.stringify(doc, null, 1) + '\n';
}

/**
 * What makes a sheet stale: the formulas, their verdicts, scopes and
 * assumptions, not the time stamp or the numbers a seed or backend changes
 * (standard errors, z, samples, milliseconds).
 */
export function sheetFingerprint(doc: { formulas: ReadonlyArray<Record<string, unknown>> }): string[] {
  return doc.formulas.map((f) => JSON.stringify([f.id, f.kind, f.relation, f.lhs, f.rhs, f.latex, f.assumptions, f.scope, f.verdict]));
}
