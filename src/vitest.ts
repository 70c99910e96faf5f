// `derivcheck/vitest`: the matchers `await expect(x).toHold()` and
// `await expect(x).toBeRefuted()` for users'
// own vitest suites. x is a derivation, a chain (calc(...)/claim(...)), or a
// relation node (eq/le/ge). For chains and relations, `params` gives the
// domains ('alpha in (0,1)'); a derivation carries its own assumptions.
import { expect } from 'vitest';
import type { RelNode } from './expr/ast.js';
import { buildDomain } from './claim/params.js';
import { Chain } from './check/calc.js';
import { checkDerivation } from './check/checker.js';
import { derivation, isDerivation } from './check/derivation.js';
import { decideRelation } from './check/decide-relation.js';
import { by } from './check/justification.js';

export interface HoldOptions {
  /** Parameter domains, as for `derivcheck claim --param`. */
  readonly params?: readonly string[];
  readonly seed?: number;
  readonly backend?: 'auto' | 'webgpu' | 'cpu';
}

/** What the checker concluded: holds (proved or verified), refuted, or undecided. */
type Outcome = 'holds' | 'refuted' | 'unknown' | 'unjustified';

async function decideReceived(received: unknown, opts: HoldOptions): Promise<{ outcome: Outcome; detail: string }> {
  const seed = opts.seed ?? 1;
  const backend = opts.backend ?? 'auto';
  if (isDerivation(received)) {
    const r = await checkDerivation(received, { seed, backend });
    const bad = r.steps.filter((s) => !s.ok).map((s) => `step ${s.index} (${s.lhs} ${s.relation} ${s.rhs}): ${s.verdict}${s.reason ? ` (${s.reason})` : ''}`);
    // An unjustified step holds, but not for the reason cited: it passes neither toHold nor toBeRefuted.
    const outcome: Outcome = r.ok ? 'holds' : r.verdict === 'unknown' ? 'unknown' : r.verdict === 'unjustified' ? 'unjustified' : 'refuted';
    return { outcome, detail: r.ok ? `${r.id} ${r.verdict}` : `${r.id}: ${bad.join('; ')}` };
  }
  if (received instanceof Chain) {
    const d = derivation({
      id: 'user.chain',
      title: 'a chain under test',
      source: 'vitest',
      assumptions: Object.fromEntries((opts.params ?? []).map((p, i) => [`h${i}`, p])),
      strategy: '',
      chains: [received],
    });
    return decideReceived(d, opts);
  }
  const rel = received as RelNode;
  if (rel && rel.op === 'rel') {
    const v = await decideRelation(rel.args[0], rel.rel, rel.args[1], buildDomain(opts.params ?? []), { seed, backend });
    const outcome: Outcome = v.verdict === 'refuted' ? 'refuted' : v.verdict === 'unknown' ? 'unknown' : 'holds';
    const detail = v.verdict === 'refuted' ? `refuted at ${JSON.stringify(v.counterexample.params)}` : v.verdict === 'unknown' ? `unknown: ${v.reason}` : v.verdict;
    return { outcome, detail };
  }
  throw new TypeError('toHold() and toBeRefuted() expect a derivation, a chain or a relation');
}

// An unjustified derivation (a step true but not by the rule it cites) fails
// toHold and toBeRefuted, so `.not.toHold()` and `.not.toBeRefuted()` pass.
// Three outcomes, two matchers, and `.not`: an undecided claim (unknown)
// passes none of toHold, not.toHold, toBeRefuted, not.toBeRefuted, so that a
// test can never pass because the checker gave up.
//   toHold        passes when proved or verified
//   not.toHold    passes only when refuted (same as toBeRefuted)
//   toBeRefuted   passes only when refuted
//   not.toBeRefuted passes only when proved or verified (same as toHold)
// A matcher's `pass` is inverted by `.not`, so for unknown we report the
// value that makes the final assertion fail in both polarities.
function verdictMatcher(isNot: boolean, wanted: 'holds' | 'refuted', got: { outcome: Outcome; detail: string }) {
  const name = wanted === 'holds' ? 'toHold' : 'toBeRefuted';
  if (got.outcome === 'unknown') {
    return {
      pass: isNot,
      message: () => `${isNot ? 'not.' : ''}${name}: the checker could not decide (unknown), so neither holds nor refuted can be asserted: ${got.detail}`,
    };
  }
  const pass = got.outcome === wanted;
  const expected = (w: Outcome) => (w === 'holds' ? 'to hold' : 'to be refuted');
  return {
    pass,
    message: () => (pass ? `expected not ${expected(wanted)}, but it is: ${got.detail}` : `expected ${expected(wanted)}, but: ${got.detail}`),
  };
}

expect.extend({
  async toHold(received: unknown, opts: HoldOptions = {}) {
    return verdictMatcher(this.isNot, 'holds', await decideReceived(received, opts));
  },
  async toBeRefuted(received: unknown, opts: HoldOptions = {}) {
    return verdictMatcher(this.isNot, 'refuted', await decideReceived(received, opts));
  },
});

declare module 'vitest' {
  interface Assertion<T> {
    /** Proved or verified. `.not.toHold()` passes only when refuted; unknown fails both. */
    toHold(opts?: HoldOptions): Promise<void>;
    /** Refuted, with a counterexample. Unknown fails both this and `.not.toBeRefuted()`. */
    toBeRefuted(opts?: HoldOptions): Promise<void>;
  }
  interface AsymmetricMatchersContaining {
    toHold(opts?: HoldOptions): void;
    toBeRefuted(opts?: HoldOptions): void;
  }
}

export { by };
