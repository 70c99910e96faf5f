import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';

describe('derivcheck check', () => {
  it('a derivation that holds: exit 0, the documented JSON shape', () => {
    const r = cli('check', 'derivations/vae/gaussian-kl.ts', '--json');
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc.derivations).toHaveLength(1);
    const d = doc.derivations[0];
    expect(d.id).toBe('vae.gaussian-kl');
    for (const k of ['id', 'title', 'source', 'verdict', 'steps']) expect(d).toHaveProperty(k);
    for (const s of d.steps) {
      for (const k of ['index', 'relation', 'lhs', 'rhs', 'latex', 'justification', 'verdict', 'evidence', 'ms']) expect(s).toHaveProperty(k);
    }
    // The documented mutant (the KL without its ½) is refuted, as expected.
    expect(d.steps.some((s: any) => s.expect === 'refuted' && s.verdict === 'refuted')).toBe(true);
    expect(doc.summary).toHaveProperty('proved');
    expect(['webgpu', 'cpu']).toContain(doc.backend);
    expect(doc.seed).toBe(1);
    expect(doc.ms).toBeGreaterThan(0);
  });

  it('a wrong step not marked as expected: exit 1 and a counterexample', () => {
    const r = cli('check', 'tests/fixtures/derivations/broken.ts', '--json');
    expect(r.code).toBe(1);
    const step = json(r).derivations[0].steps[0];
    expect(step.verdict).toBe('refuted');
    expect(step.counterexample.params).toHaveProperty('a');
  });

  it('the terminal form shows each step and a final table', () => {
    const r = cli('check', 'tests/fixtures/derivations/broken.ts');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fixture\.broken/);
    expect(r.stdout).toMatch(/✗\s+1\. refuted/);
    expect(r.stdout).toMatch(/derivation\s+verdict\s+scope\s+steps/);
  });

  it('a missing path is a usage error', () => {
    expect(isOneLineError(cli('check', 'no/such/place'))).toBe(true);
  });
});
