// `derivcheck/vitest`: the matcher `await expect(x).toHold()` for users'
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

async function holds(received: unknown, opts: HoldOptions): Promise<{ pass: boolean; detail: string }> {
  const seed = opts.seed ?? 1;
  const backend = opts.backend ?? 'auto';
  if (isDerivation(received)) {
    const r = await checkDerivation(received, { seed, backend });
    const bad = r.steps.filter((s) => !s.ok).map((s) => `step ${s.index} (${s.lhs} ${s.relation} ${s.rhs}): ${s.verdict}`);
    return { pass: r.ok, detail: r.ok ? `${r.id} ${r.verdict}` : `${r.id}: ${bad.join('; ')}` };
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
    return holds(d, opts);
  }
  const rel = received as RelNode;
  if (rel && rel.op === 'rel') {
    const v = await decideRelation(rel.args[0], rel.rel, rel.args[1], buildDomain(opts.params ?? []), { seed, backend });
    const pass = v.verdict === 'proved' || v.verdict === 'verified';
    const detail = v.verdict === 'refuted' ? `refuted at ${JSON.stringify(v.counterexample.params)}` : v.verdict === 'unknown' ? `unknown: ${v.reason}` : v.verdict;
    return { pass, detail };
  }
  throw new TypeError('toHold() expects a derivation, a chain or a relation');
}

expect.extend({
  async toHold(received: unknown, opts: HoldOptions = {}) {
    const { pass, detail } = await holds(received, opts);
    return {
      pass,
      message: () => (pass ? `expected not to hold, but it does: ${detail}` : `expected to hold, but: ${detail}`),
    };
  },
});

declare module 'vitest' {
  interface Assertion<T> {
    toHold(opts?: HoldOptions): Promise<void>;
  }
  interface AsymmetricMatchersContaining {
    toHold(opts?: HoldOptions): void;
  }
}

export { by };
