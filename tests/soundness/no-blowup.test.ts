// Inputs whose size is modest as text but exponential as a tree or as an
// expanded polynomial must not hang the decision: nested sigmoids fold into a
// DAG whose tree doubles with each level, nested squares double the degree.
// Each is decided (or honestly left verified/unknown) well within the test's
// timeout; before the fix, 30 nested sigmoids took over 100 s and 14 nested
// squares more than 100 s.
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/algebra/index.js';
import { buildDomain } from '../../src/expr/params.js';
import { parseClaim } from '../../src/expr/parse.js';

const nest = (template: string, depth: number): string => {
  let e = 'x';
  for (let i = 0; i < depth; i++) e = template.replace('X', e);
  return e;
};

function decideText(text: string, params: string[]) {
  const c = parseClaim(text, { random: [] });
  return decide(c.args[0], c.rel, c.args[1], buildDomain(params));
}

describe('a claim exponential as a tree or a polynomial is decided without blowing up', () => {
  it('60 nested sigmoids = 1/2 is refuted (σ∘…∘σ stays above 1/2 on (0, 1))', () => {
    expect(decideText(`${nest('sigmoid(X)', 60)} = 0.5`, ['x in (0,1)']).verdict).toBe('refuted');
  }, 30_000);

  it('25 nested squares ((x + 1)² + 1)² … ≥ 1/2 is never refuted (it is ≥ 1 on (0, 1))', () => {
    expect(['proved', 'verified']).toContain(decideText(`${nest('(X+1)^2', 25)} >= 0.5`, ['x in (0,1)']).verdict);
  }, 30_000);

  it('25 nested squares ≤ 1 is refuted (the value at x = 1/2 is astronomically large)', () => {
    expect(decideText(`${nest('(X+1)^2', 25)} <= 1`, ['x in (0,1)']).verdict).toBe('refuted');
  }, 30_000);

  it('40 nested tanh, log(1 + ·) and sqrt(1 + ·) each decide', () => {
    for (const t of ['tanh(X)', 'log(1+X)', 'sqrt(1+X)']) {
      expect(decideText(`${nest(t, 40)} = 0.5`, ['x in (0,1)']).verdict).not.toBe('proved');
    }
  }, 60_000);
});
