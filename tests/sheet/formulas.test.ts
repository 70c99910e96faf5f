// From checked derivations to the sheet's formulas: every step once, a result
// per chain that establishes something, verdicts read as the sheet shows
// them, each documented mistake paired with the formula that holds in its
// place, and the JSON in exactly the fields of issue 12.
import { parse as mathjsParse } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { LONG_FORMULA, sheetVerdict } from '../../src/sheet/formulas.js';
import { renderJson, sheetFingerprint } from '../../src/sheet/json.js';
import { smallSuite } from './small-suite.js';

describe('sheet verdicts', () => {
  it('an expected refutation refuted is refuted-as-expected; one that holds is a failure; others keep their verdict', () => {
    expect(sheetVerdict({ verdict: 'refuted', expect: 'refuted' })).toBe('refuted-as-expected');
    for (const v of ['proved', 'verified', 'unjustified'] as const) expect(sheetVerdict({ verdict: v, expect: 'refuted' })).toBe('holds-against-expectation');
    expect(sheetVerdict({ verdict: 'unknown', expect: 'refuted' })).toBe('unknown');
    for (const v of ['proved', 'verified', 'refuted', 'unknown', 'unjustified'] as const) expect(sheetVerdict({ verdict: v })).toBe(v);
  });
});

describe('the formulas of a checked suite', async () => {
  const { data, results } = await smallSuite();

  it('every step appears once, in order, with the checker\'s verdict', () => {
    for (const r of results) {
      const steps = data.formulas.filter((f) => f.derivation === r.id && f.kind === 'step');
      expect(steps.map((f) => f.id)).toEqual(r.steps.map((s) => `${r.id}.step-${s.index}`));
      steps.forEach((f, i) => expect(f.verdict).toBe(sheetVerdict(r.steps[i])));
    }
  });

  it('a result per chain that states something (no result for a chain holding a documented mistake)', () => {
    for (const r of results) {
      const mine = data.formulas.filter((f) => f.derivation === r.id && f.kind === 'result');
      expect(mine.length).toBe(r.results.length);
      for (const f of mine) expect(['proved', 'verified']).toContain(f.verdict);
    }
  });

  it('each documented mistake names the formula that holds in its place, of the same scope', () => {
    const expected = data.formulas.filter((f) => f.verdict === 'refuted-as-expected');
    expect(expected.length).toBe(results.flatMap((r) => r.steps).filter((s) => s.expect === 'refuted').length);
    const jensenWrong = expected.filter((f) => f.derivation === 'elbo.jensen');
    expect(jensenWrong.length).toBe(2);
    for (const f of jensenWrong) {
      const correct = data.formulas.find((g) => g.id === f.evidence.correct?.id)!;
      expect(correct.scope).toBe(f.scope);
      expect(correct.relation).toBe('>=');
      expect(f.relation).toBe('<=');
      expect(correct.lhs).toBe(f.lhs);
    }
    const mutant1 = data.formulas.find((f) => f.id === 'vdm.posterior.step-11')!;
    expect(mutant1.evidence.correct?.id).toBe('vdm.posterior.result-1');
    expect(mutant1.evidence.counterexample).toBeDefined();
  });

  it('a long relation is displayed on two lines (aligned after its left side); a short one as it is', () => {
    expect(data.formulas.some((f) => f.latex.length > LONG_FORMULA)).toBe(true);
    for (const f of data.formulas) {
      if (f.latex.length <= LONG_FORMULA) expect(f.display).toBe(f.latex);
      else expect(f.display).toMatch(/^\\begin\{aligned\}&[\s\S]*\\\\ &\\quad (=|\\le|\\ge) [\s\S]*\\end\{aligned\}$/);
    }
  });

  it('testbed assumptions spell domains and definitions so that another CAS can read them', () => {
    const f = data.formulas.find((g) => g.id === 'vdm.posterior.result-1')!;
    expect(f.assumptions).toContain('alpha_t in (0, 1)');
    expect(f.assumptions.some((a) => /^abar_t := alpha_t \* abar_tm1$/.test(a))).toBe(true);
    expect(f.assumptionsLatex).toContain('\\alpha_{t} \\in (0, 1)');
  });

  it('JSON: exactly the fields of issue 12, and every testbed side parses in mathjs (expectations as E(body, z, N(m, v)))', () => {
    const doc = JSON.parse(renderJson(data));
    expect(Object.keys(doc).sort()).toEqual(['backend', 'formulas', 'generated', 'seed', 'version']);
    for (const f of doc.formulas) {
      expect(Object.keys(f).sort()).toEqual(['assumptions', 'derivation', 'evidence', 'id', 'kind', 'latex', 'lhs', 'relation', 'rhs', 'scope', 'verdict']);
      if (f.scope === 'testbed') for (const side of [f.lhs, f.rhs]) expect(() => mathjsParse(side)).not.toThrow();
    }
    const withE = doc.formulas.find((f: { rhs: string }) => /^E\(/.test(f.rhs));
    expect(withE.rhs).toMatch(/^E\(.*, z, N\(m, v\)\)$/);
  });

  it('staleness: the fingerprint ignores the time stamp and the seed\'s numbers, and sees a changed verdict or formula', () => {
    const a = JSON.parse(renderJson(data));
    const b = JSON.parse(renderJson({ ...data, generated: '2030-01-01T00:00:00.000Z', seed: 7 }));
    for (const f of b.formulas) f.evidence = { ...f.evidence, seed: 7, methods: [] };
    expect(sheetFingerprint(b)).toEqual(sheetFingerprint(a));
    const c = JSON.parse(renderJson(data));
    c.formulas[0].verdict = 'verified';
    expect(sheetFingerprint(c)).not.toEqual(sheetFingerprint(a));
    const d = JSON.parse(renderJson(data));
    d.formulas[3].rhs += ' + 0';
    expect(sheetFingerprint(d)).not.toEqual(sheetFingerprint(a));
  });
});
