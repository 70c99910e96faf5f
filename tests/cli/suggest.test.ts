// "did you mean": the nearest name within a small edit distance, or nothing.
import { describe, expect, it } from 'vitest';
import { closest, editDistance, withLanguageSuggestion } from '../../src/cli/suggest.js';

describe('edit distance (optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['a', '', 1],
    ['sin', 'sinn', 1],
    ['claim', 'cliam', 1], // one transposition
    ['kitten', 'sitting', 3],
  ])('d(%s, %s) = %i, symmetric', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  const names = ['param', 'random', 'seed', 'samples', 'json'];
  it('a one-letter slip finds the name', () => expect(closest('parm', names)).toBe('param'));
  it('a case-only difference is always suggested', () => expect(closest('JSON', names)).toBe('json'));
  it('a short word far from every name gets nothing', () => expect(closest('xyz', names)).toBeUndefined());
  it('the exact name is not suggested to itself', () => expect(closest('seed', ['seed'])).toBeUndefined());
  it('the tolerance grows with the length, but not to anything', () => {
    expect(closest('sampels', names)).toBe('samples');
    expect(closest('qqqqqqqq', names)).toBeUndefined();
  });
  it('aliases from other tools win over spelling', () => expect(closest('Gaussian', [], { gaussian: 'N' })).toBe('N'));
});

describe('unknown functions of the claim language', () => {
  it.each([
    ['sinn', 'sin'],
    ['Normal', 'N'],
    ['Uniform', 'U'],
    ['logitnormal', 'LogitNormal'],
    ['sigmod', 'sigmoid'],
    ['ln', 'log'],
  ])('%s → %s', (bad, good) => {
    expect(withLanguageSuggestion(`unknown function '${bad}'`)).toBe(`unknown function '${bad}' (did you mean '${good}'?)`);
  });
  it('other messages are left as they are', () => expect(withLanguageSuggestion("unexpected ')'")).toBe("unexpected ')'"));
});
