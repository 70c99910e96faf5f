/**
 * A derivation as a chain e_0 R_1 e_1 R_2 … e_n, each step decided on its own (an equality by the
 * normal form with the rules it allows, an inequality by a law's gap), and the conclusion e_0 R e_n
 * drawn only when every step is proved and the relations compose (= with ≤ gives ≤; ≤ with ≥ gives
 * nothing). This is the shape src/derive hands to the calculus (see index.ts).
 */
import { ALL_RULES, type Rule } from './rules.js';
import { decideEqual, decideLe, type Gap, type InequalityVerdict, type Verdict } from './decide.js';
import type { Scope } from './lifting.js';
import type { Model } from './model.js';
import type { Expr } from './terms.js';

export interface ChainStep {
  readonly label?: string;
  /** How this line relates to the previous one: prev = e, prev ≤ e, or prev ≥ e. */
  readonly rel?: '=' | '≤' | '≥';
  readonly expr: Expr;
  /** Rewrites an equality step may use (default: all). */
  readonly rules?: ReadonlySet<Rule>;
  /** Laws an inequality step may use. */
  readonly gaps?: readonly Gap[];
}

export interface ChainResult {
  readonly steps: ReadonlyArray<{ readonly label: string; readonly rel: '=' | '≤' | '≥'; readonly verdict: Verdict | InequalityVerdict }>;
  /** e_0 R e_n when every step is proved and the relations compose; undefined otherwise. */
  readonly conclusion?: '=' | '≤' | '≥';
}

const ok = (v: Verdict | InequalityVerdict) => v.status === 'proved' || v.status === 'equal';

export function decideChain(first: Expr, steps: readonly ChainStep[], models: readonly Model[], scope: Scope): ChainResult {
  let prev = first;
  const out: Array<ChainResult['steps'][number]> = [];
  for (const [i, s] of steps.entries()) {
    const rel = s.rel ?? '=';
    const verdict = rel === '='
      ? decideEqual(prev, s.expr, models, scope, s.rules ?? ALL_RULES)
      : rel === '≤'
        ? decideLe(prev, s.expr, s.gaps ?? [], models, scope, s.rules ?? ALL_RULES)
        : decideLe(s.expr, prev, s.gaps ?? [], models, scope, s.rules ?? ALL_RULES);
    out.push({ label: s.label ?? `step ${i + 1}`, rel, verdict });
    prev = s.expr;
  }
  if (!out.every((s) => ok(s.verdict))) return { steps: out };
  const rels = new Set(out.map((s) => s.rel).filter((r) => r !== '='));
  if (rels.size > 1) return { steps: out };
  return { steps: out, conclusion: rels.size ? [...rels][0] : '=' };
}
