// The benchmark corpus (tests/fixtures/algebra-corpus.json) as a test: every
// true identity from the seed's derivations is proved, every plausible wrong
// variant is refuted with a counterexample inside its domain.
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/algebra/index.js';
import { loadCorpus } from '../../scripts/algebra-corpus.js';
import { insideDomain } from './helpers.js';

const corpus = loadCorpus();

describe('the algebra corpus', () => {
  it('has at least 40 identities, true ones and wrong variants', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(corpus.filter((e) => !e.expected).length).toBeGreaterThanOrEqual(10);
  });

  for (const e of corpus) {
    const law = `${e.lhs} ${e.rel} ${e.rhs}`;
    if (e.expected) {
      it(`${e.name}: ${law} is proved`, () => {
        const v = decide(e.lhsNode, e.rel, e.rhsNode, e.domain);
        expect(v.verdict, JSON.stringify(v.evidence)).toBe('proved');
      });
    } else {
      it(`${e.name}: ${law} is refuted inside its domain`, () => {
        const v = decide(e.lhsNode, e.rel, e.rhsNode, e.domain);
        expect(v.verdict).toBe('refuted');
        expect(insideDomain(v, e.domain)).toBe(true);
      });
    }
  }
});
