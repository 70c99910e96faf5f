// Decides a corpus claim in-process, exactly as `derivcheck claim` reads it:
// the same declaration readers, the same parser, the same decision.
import { readDomain, readRandom } from '../../src/cli/claim.js';
import { parseClaim } from '../../src/expr/parse.js';
import { decideRelation } from '../../src/expect/decide-relation.js';
import type { Verdict } from '../../src/verdict.js';
import type { Expected, SoundnessCase } from './corpus.js';

export async function decideCase(c: SoundnessCase, seed: number, backend: 'auto' | 'webgpu' | 'cpu' = c.backend ?? 'auto'): Promise<Verdict> {
  const random = readRandom('claim', c.random ?? []);
  const domain = readDomain('claim', c.params ?? []);
  const claim = parseClaim(c.claim, { random });
  return decideRelation(claim.args[0], claim.rel, claim.args[1], domain, { seed, backend });
}

/** Does the verdict meet the expectation? */
export function meets(expect: Expected, v: Verdict): boolean {
  switch (expect) {
    case 'proved':
      return v.verdict === 'proved';
    case 'holds':
      return v.verdict === 'proved' || v.verdict === 'verified';
    case 'refuted':
      return v.verdict === 'refuted';
    case 'unknown':
      return v.verdict === 'unknown';
    case 'bad-input':
      return false;
  }
}

/** A one-line account of a verdict for a failure message. */
export function describeVerdict(v: Verdict): string {
  const why = v.verdict === 'unknown' ? ` (${v.reason})` : v.verdict === 'refuted' ? ` at ${JSON.stringify(v.counterexample.params)}` : '';
  return `${v.verdict}${why} by ${v.evidence.map((e) => e.method).join(', ')}`;
}
