// The seed audit (scripts/seed-audit.ts) does not take a derivation's word for
// its reading of the seed: these tests give it small real derivations whose
// checker outcomes contradict the reading, and require it to say so.
import { afterAll, describe, expect, it } from 'vitest';
import { add, by, calc, derivation, mul, pow, sub, sym, wrong, type SeedClaim } from '../../src/index.js';
import { checkDerivation } from '../../src/derive/checker.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { audit, PENDING, render, SECTIONS } from '../../scripts/seed-audit.js';

afterAll(async () => {
  await shutdownGpu();
});

const [a, b] = [sym('a'), sym('b')];
const base = (id: string) => ({ id, section: 'VDM', quote: '…', says: `claim ${id}` });

/** A: (a + b)² = a² + 2ab + b² holds. B: (a + b)² = a² + b², expected refuted. C: an "expected refutation" that holds. */
function fixture(seed: SeedClaim[]) {
  return derivation({
    id: 'fixture.audit',
    title: 'fixture',
    source: 'none',
    assumptions: {},
    strategy: 'none',
    seed,
    chains: [
      calc(pow(add(a, b), 2)).eq(add(pow(a, 2), mul(2, a, b), pow(b, 2)), by.algebra()).states('A'),
      wrong(pow(add(a, b), 2), '=', add(pow(a, 2), pow(b, 2)), by.algebra(), 'the freshman\'s dream').states('B'),
      wrong(sub(a, a), '=', 0, by.algebra(), 'not a mistake at all').states('C'),
    ],
  });
}

async function run(seed: SeedClaim[]) {
  const d = fixture(seed);
  return audit(d, 'fixture.ts', await checkDerivation(d, { seed: 1, backend: 'cpu' }));
}

describe('the seed audit cross-checks readings against the checker', () => {
  it('a claim read as wrong and refuted by a named expected refutation passes, with the counterexample', async () => {
    const [c] = await run([{ ...base('w'), verdict: 'wrong', correct: '(a + b)² = a² + 2ab + b²', statements: ['A', 'B'] }]);
    expect(c.problems).toEqual([]);
    const b = c.outcomes.find((o) => o.statement === 'B');
    expect(b?.outcome).toBe('refuted');
    expect(b?.counterexample).toMatch(/^at a = .*b = /);
  });

  it('a claim read as wrong whose statements all hold is rejected', async () => {
    const [c] = await run([{ ...base('w2'), verdict: 'wrong', statements: ['A'] }]);
    expect(c.problems.join(' ')).toMatch(/none of its statements is a refuted expected refutation/);
  });

  it('a claim read as wrong must name a statement', async () => {
    const [c] = await run([{ ...base('w3'), verdict: 'wrong', statements: [] }]);
    expect(c.problems.join(' ')).toMatch(/must name the statement/);
  });

  it('a claim read as holding that names a refutation is rejected', async () => {
    const [c] = await run([{ ...base('h'), verdict: 'holds', statements: ['A', 'B'] }]);
    expect(c.problems.join(' ')).toMatch(/read as holding, but 'B' is a refutation/);
  });

  it('a statement no chain carries is rejected (a typo cannot pass silently)', async () => {
    const [c] = await run([{ ...base('t'), verdict: 'holds', statements: ['A ', 'a'] }]);
    expect(c.problems).toEqual(expect.arrayContaining(["no chain of fixture.audit states 'A '", "no chain of fixture.audit states 'a'"]));
  });

  it('an expected refutation that holds (a passed mutant) fails every reading that names it', async () => {
    for (const verdict of ['holds', 'imprecise', 'wrong'] as const) {
      const [c] = await run([{ ...base(`p-${verdict}`), verdict, statements: ['C', 'B'] }]);
      expect(c.problems.join(' '), verdict).toMatch(/'C' does not come out as the derivation says/);
    }
  });

  it('a claim naming no statement is decided by the whole derivation (which here has a passed mutant)', async () => {
    const [c] = await run([{ ...base('whole'), verdict: 'holds', statements: [] }]);
    expect(c.outcomes[0].outcome).toBe('fails');
    expect(c.problems.length).toBeGreaterThan(0);
  });
});

describe('the audit document', () => {
  it('groups claims by the seed\'s sections, counts verdicts and lists pending claims until a derivation carries them', async () => {
    const claims = await run([{ ...base('w'), section: 'JiT', verdict: 'wrong', correct: 'right', statements: ['B'] }]);
    // Every seed claim is carried by a derivation today (PENDING is empty); the mechanism is tested on one of its own.
    expect(PENDING).toEqual([]);
    const pending = [{ id: 'p-claim', section: 'VDM', quote: '引', says: 'a claim no derivation carries', verdict: 'holds' as const, expected: 'vdm.somewhere' }];
    const doc = render(claims, pending);
    expect(doc).toMatch(/^# Seed audit/);
    expect(doc).toContain('## JiT');
    expect(doc).toContain('- Correct form: right');
    expect(doc).toContain('*pending*');
    expect(doc).toContain('`vdm.somewhere`');
    expect(doc).toContain('2 claims: 1 hold, 0 imprecise, 1 wrong; 1 not yet checked');
    // a derivation that carries a pending claim's id replaces the pending entry
    const covering = claims.map((c) => ({ ...c, claim: { ...c.claim, id: 'p-claim' } }));
    const replaced = render(covering, pending);
    expect(replaced).not.toContain('claim `p-claim` yet');
    expect(replaced).not.toContain('*pending*');
    // sections of the seed come in its order
    expect(SECTIONS.indexOf('VDM')).toBeLessThan(SECTIONS.indexOf('JiT'));
  });

  it('escapes table-breaking characters in claim text', async () => {
    const claims = await run([{ ...base('esc'), says: 'a | b\nc', verdict: 'wrong', statements: ['B'] }]);
    expect(render(claims, [])).toContain('a \\| b c');
  });
});
