// `derivcheck/vitest`: the matchers `await expect(x).toHold()` and
// `await expect(x).toBeRefuted()` for users' own vitest suites. x is a
// derivation, a chain (calc(...)/claim(...)), a relation node (eq/le/ge), or
// a claim string ('sqrt(a)^2 = a', as `derivcheck claim` reads it). For all
// but derivations, `params` gives the domains ('alpha in (0,1)') and `random`
// the random variables ('z ~ N(0, 1)'); a derivation carries its own.
//
// A refutation explains itself in the failure message: where the step is
// written, both sides at the counterexample, lhs − rhs there and in normal
// form, the definitions' values, the seed and a command that replays it; and
// `actual`/`expected` are the two sides there, so vitest prints its diff.
import { expect } from 'vitest';
import { relative } from 'node:path';
import type { Node, RelNode } from './expr/ast.js';
import type { BackendChoice } from './mc/index.js';
import { buildDomain } from './expr/params.js';
import { Chain } from './derive/calc.js';
import { checkDerivation, type StepResult } from './derive/checker.js';
import { derivation, isDerivation } from './derive/derivation.js';
import { decideRelation } from './expect/decide-relation.js';
import { by } from './derive/justification.js';
import { explainCounterexample, explanationLines, type Explanation } from './derive/explain.js';
import { parseClaim, parseRandom } from './expr/parse.js';
import type { Binding } from './expr/ast.js';
import type { Verdict } from './verdict.js';

export interface HoldOptions {
  /** Parameter domains, as for `derivcheck claim --param`. */
  readonly params?: readonly string[];
  /** Random variables of a claim string, as for `derivcheck claim --random`: 'z ~ N(0, 1)'. */
  readonly random?: readonly string[];
  readonly seed?: number;
  readonly backend?: BackendChoice;
}

/** What the checker concluded: holds (proved or verified), refuted, or undecided. */
type Outcome = 'holds' | 'refuted' | 'unknown' | 'unjustified';

interface Decided {
  readonly outcome: Outcome;
  readonly detail: string;
  /** The two sides at the counterexample, for vitest's diff. */
  readonly sides?: { readonly actual: string; readonly expected: string };
}

const where = (location: string | undefined) => {
  if (!location) return '';
  const rel = relative(process.cwd(), location);
  return ` at ${rel.startsWith('..') ? location : rel}`;
};

function refutedStep(s: StepResult, seed: number): string {
  const c = s.counterexample!;
  const lines = [`step ${s.index} (${s.lhs} ${s.relation} ${s.rhs})${where(s.location)}: refuted (${c.arithmetic} arithmetic, seed ${seed})`];
  if (s.explanation) lines.push(...explanationLines(s.explanation, '    '));
  return lines.join('\n');
}

function sidesOf(e: Explanation | undefined) {
  return e ? { actual: e.lhs, expected: e.rhs } : undefined;
}

async function decideReceived(received: unknown, opts: HoldOptions): Promise<Decided> {
  const seed = opts.seed ?? 1;
  const backend = opts.backend ?? 'auto';
  if (isDerivation(received)) {
    const r = await checkDerivation(received, { seed, backend });
    // An unjustified step holds, but not for the reason cited: it passes neither toHold nor toBeRefuted.
    const outcome: Outcome = r.ok ? 'holds' : r.verdict === 'unknown' ? 'unknown' : r.verdict === 'unjustified' ? 'unjustified' : 'refuted';
    if (r.ok) return { outcome, detail: `${r.id} ${r.verdict}` };
    const bad = r.steps
      .filter((s) => !s.ok)
      .map((s) => (s.counterexample ? refutedStep(s, seed) : `step ${s.index} (${s.lhs} ${s.relation} ${s.rhs})${where(s.location)}: ${s.verdict}${s.reason ? ` (${s.reason})` : ''}${s.expect === 'refuted' ? ', expected to be refuted' : ''}`));
    const first = r.steps.find((s) => !s.ok && s.explanation);
    return { outcome, detail: `${r.id}:\n${bad.join('\n')}`, sides: sidesOf(first?.explanation) };
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
  let rel: RelNode | undefined;
  if (typeof received === 'string') {
    const random: Binding[] = [];
    for (const spec of opts.random ?? []) random.push(parseRandom(spec, { random }));
    rel = parseClaim(received, { random });
  } else if ((received as RelNode)?.op === 'rel') rel = received as RelNode;
  if (rel) {
    const domain = buildDomain(opts.params ?? []);
    const v = await decideRelation(rel.args[0], rel.rel, rel.args[1], domain, { seed, backend });
    return relationOutcome(rel.args[0], rel.args[1], domain, v, seed);
  }
  throw new TypeError('toHold() and toBeRefuted() expect a derivation, a chain, a relation or a claim string');
}

function relationOutcome(lhs: Node, rhs: Node, domain: ReturnType<typeof buildDomain>, v: Verdict, seed: number): Decided {
  if (v.verdict === 'unknown') return { outcome: 'unknown', detail: `unknown: ${v.reason}` };
  if (v.verdict !== 'refuted') return { outcome: 'holds', detail: v.verdict };
  let e: Explanation | undefined;
  try {
    e = explainCounterexample(lhs, rhs, domain, new Map(), v.counterexample);
  } catch {
    e = undefined;
  }
  const c = v.counterexample;
  const head = `refuted (${c.arithmetic} arithmetic, seed ${seed})`;
  return { outcome: 'refuted', detail: e ? [head, ...explanationLines(e, '    ')].join('\n') : `${head} at ${JSON.stringify(c.params)}`, sides: sidesOf(e) };
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
function verdictMatcher(isNot: boolean, wanted: 'holds' | 'refuted', got: Decided) {
  const name = wanted === 'holds' ? 'toHold' : 'toBeRefuted';
  if (got.outcome === 'unknown') {
    return {
      pass: isNot,
      message: () => `${isNot ? 'not.' : ''}${name}: the checker could not decide (unknown), so neither holds nor refuted can be asserted: ${got.detail}`,
    };
  }
  const pass = got.outcome === wanted;
  const expected = (w: Outcome) => (w === 'holds' ? 'to hold' : 'to be refuted');
  // The diff of the two sides helps exactly when a claim expected to hold was refuted.
  const diff = !pass && got.outcome === 'refuted' && got.sides ? { actual: got.sides.actual, expected: got.sides.expected } : {};
  return {
    pass,
    message: () => (pass ? `expected not ${expected(wanted)}, but it is: ${got.detail}` : `expected ${expected(wanted)}, but: ${got.detail}`),
    ...diff,
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
