// What a derivation says about the seed (the user's notes, /work/shared/seed/):
// which of its claims the derivation checks, and how. Optional metadata read
// by the seed audit (scripts/seed-audit.ts → docs/SEED-AUDIT.md); the checker
// itself ignores it. The audit does not take the author's word for the
// verdict: it checks the derivation and requires the chains named in
// `statements` to be refuted (verdict 'wrong') or to hold (otherwise).

export type SeedVerdict = 'holds' | 'wrong' | 'imprecise';

export interface SeedClaim {
  /** Stable kebab-case id of the claim in the audit, e.g. 'sd3-weight-inverse-snr'. */
  readonly id: string;
  /** The seed's section where the claim is made, as headed there: 'VDM', 'Stable Diffusion 3', … */
  readonly section: string;
  /** The seed's words, quoted (Chinese, a short excerpt). */
  readonly quote: string;
  /** What the seed claims, in English, as a checkable statement. */
  readonly says: string;
  /** The author's reading, which the audit cross-checks against the checker's verdicts. */
  readonly verdict: SeedVerdict;
  /** Where the seed is wrong or imprecise: the correct form. */
  readonly correct?: string;
  /** The statements (`chain.states(…)`) of this derivation that decide the claim. */
  readonly statements: readonly string[];
}
