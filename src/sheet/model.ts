// What a formula sheet holds: every step and every result of the suite, each
// with its verdict, scope, assumptions and evidence. The four renderers
// (html, md, json, tex) read only this, never the checker's internals.
import type { Rel } from '../expr/ast.js';
import type { Counterexample, Evidence } from '../verdict.js';

/**
 * A formula's verdict on the sheet. An expected refutation that was refuted is
 * `refuted-as-expected` (the sheet shows it as the source's error); one that
 * holds after all is `holds-against-expectation`, a failure of the suite.
 */
export type SheetVerdict = 'proved' | 'verified' | 'refuted-as-expected' | 'refuted' | 'unjustified' | 'unknown' | 'holds-against-expectation';

export interface SheetEvidence {
  /** The rule the step cites (for a result: the chain's rules). */
  readonly justification: string;
  /** What the scope covers: the model class and range of T, or the testbed and its parameter ranges. */
  readonly scopeText: string;
  readonly methods: readonly Evidence[];
  readonly counterexample?: Counterexample;
  /** Why it is not proved or verified (a refutation's reason, an undecided step's). */
  readonly reason?: string;
  /** The derivation's remark on the step: for an expected refutation, what is wrong. */
  readonly note?: string;
  /** For an expected refutation: the id and LaTeX of the formula that holds in its place. */
  readonly correct?: { readonly id: string; readonly latex: string; readonly display: string; readonly relation: Rel };
  /** For a result: the ids of the steps it rests on. */
  readonly steps?: readonly string[];
  readonly seed: number;
  readonly backend: string;
  readonly adapter?: string;
}

export interface SheetFormula {
  /** `vdm.posterior.step-3` or `vdm.posterior.result-1`. */
  readonly id: string;
  readonly derivation: string;
  readonly kind: 'step' | 'result';
  readonly relation: Rel;
  /** The sides in mathjs syntax (testbed) or the calculus's text (general). */
  readonly lhs: string;
  readonly rhs: string;
  readonly latex: string;
  /** The same for display: a long relation broken after its left side (aligned), so the page need not scroll as far. */
  readonly display: string;
  /** Readable assumptions: `alpha_t in (0, 1)`, `abar_t := alpha_t * abar_tm1`, `model q`. */
  readonly assumptions: readonly string[];
  /** The same in LaTeX, for the typeset sheets. */
  readonly assumptionsLatex: readonly string[];
  readonly scope: 'general' | 'testbed';
  readonly verdict: SheetVerdict;
  readonly evidence: SheetEvidence;
}

export interface SheetDerivation {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly strategy: string;
  readonly topic: string;
  readonly file: string;
  readonly verdict: string;
  readonly ms: number;
}

export interface SheetData {
  readonly formulas: readonly SheetFormula[];
  readonly derivations: readonly SheetDerivation[];
  readonly generated: string;
  readonly seed: number;
  readonly backend: string;
  readonly adapter: string;
  readonly version: string;
}

export const HOLDS: ReadonlySet<SheetVerdict> = new Set(['proved', 'verified', 'refuted-as-expected']);
