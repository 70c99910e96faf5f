// Law: a refutation of a closed claim (no parameters: a constant inequality
// such as the cosine schedule's first β) says so in words — "with no
// parameters", "over the domain" — never an empty "at :" or "over  is".
import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';

const FIRST_BETA = '1 - cos((1/1000 + 8/1000)/(1 + 8/1000)*pi/2)^2/cos((8/1000)/(1 + 8/1000)*pi/2)^2';

describe('the wording of a closed claim\'s refutation', () => {
  for (const [lhs, rel, rhs] of [
    [FIRST_BETA, '<=', '1/100000'],
    ['cos(pi/2000)^2', '>=', '1'],
    ['exp(1/3)', '<=', '1 + 1/3'],
    ['sqrt(2)^3', '=', '2.8284'],
  ] as const) {
    it(`${lhs} ${rel} ${rhs} is refuted with no parameters, and no empty place in the detail`, () => {
      const v = check(lhs, rel, rhs, {});
      expect(v.verdict).toBe('refuted');
      if (v.verdict !== 'refuted') return;
      expect(v.counterexample.params).toEqual({});
      const detail = v.evidence[0].detail;
      expect(detail).not.toMatch(/ at :|over\s+is|at\s*$/);
      expect(detail).toMatch(/with no parameters/);
    });
  }
});
