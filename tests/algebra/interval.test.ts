// Enclosures are sound: at every point of the box where an expression is
// defined, its value lies in the enclosure (open ends excluded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { interval, type Domain } from '../../src/expr/domain.js';
import { fromNumber, toNumber } from '../../src/expr/rational.js';
import { parse } from '../../src/expr/parse.js';
import { evalExact, evalFloat, evalWithBound, intervalOf, isPositive } from '../../src/algebra/index.js';
import { boxSpec, elementaryExpr, rationalExpr, SYMBOLS, unitFractions, type BoxSpec } from './arbitrary.js';
import { dom } from './helpers.js';

const domainOfBox = (box: Record<string, BoxSpec>): Domain =>
  new Map(Object.entries(box).map(([k, b]) => [k, interval(b.lo, b.hi, false, false)]));

const pointIn = (box: Record<string, BoxSpec>, fr: number[]): Record<string, number> =>
  Object.fromEntries(SYMBOLS.map((n, i) => [n, box[n].lo + (box[n].hi - box[n].lo) * fr[i]]));

/** Defined at a point: every subexpression has a finite value there (log 0 = −∞ is undefined, so is tanh(log 0)). */
function definedAt(e: Node, env: Record<string, number>): boolean {
  if (!Number.isFinite(evalFloat(e, env))) return false;
  return !('args' in e) || e.args.every((a) => definedAt(a, env));
}

function inside(v: number, e: { lo: number; hi: number; loOpen?: boolean; hiOpen?: boolean }, tol = 0): boolean {
  const aboveLo = e.loOpen && tol === 0 ? v > e.lo : v >= e.lo - tol;
  const belowHi = e.hiOpen && tol === 0 ? v < e.hi : v <= e.hi + tol;
  return aboveLo && belowHi;
}

describe('interval enclosures', () => {
  it('the exact value of a rational expression at a point of the box lies in its enclosure over the box', () => {
    fc.assert(
      fc.property(rationalExpr, boxSpec, unitFractions, (e: Node, box, fr) => {
        const p = pointIn(box, fr);
        const exact = evalExact(e, Object.fromEntries(Object.entries(p).map(([k, v]) => [k, fromNumber(v)])));
        if (!exact) return true;
        const enc = intervalOf(e, domainOfBox(box));
        return inside(toNumber(exact), enc);
      }),
      { seed: 11, numRuns: 1500 },
    );
  });

  it('the value of any elementary expression at a point lies in its enclosure, within the evaluation error bound', () => {
    fc.assert(
      fc.property(elementaryExpr, boxSpec, unitFractions, (e: Node, box, fr) => {
        const p = pointIn(box, fr);
        const { value, bound } = evalWithBound(e, p);
        if (!definedAt(e, p) || !Number.isFinite(bound)) return true;
        const enc = intervalOf(e, domainOfBox(box));
        return inside(value, enc, bound + 1e-300);
      }),
      { seed: 12, numRuns: 3000 },
    );
  });

  it('an enclosure over a single point contains the value there (degenerate boxes)', () => {
    fc.assert(
      fc.property(elementaryExpr, boxSpec, (e: Node, box) => {
        const p = Object.fromEntries(SYMBOLS.map((n) => [n, box[n].lo]));
        const { value, bound } = evalWithBound(e, p);
        if (!definedAt(e, p) || !Number.isFinite(bound)) return true;
        const point = new Map(SYMBOLS.map((n) => [n, interval(p[n], p[n], false, false)]));
        return inside(value, intervalOf(e, point), bound + 1e-300);
      }),
      { seed: 13, numRuns: 1500 },
    );
  });

  it('open ends are kept: 1 − α on α ∈ (0, 1) is positive, on [0, 1] it is not', () => {
    expect(isPositive(parse('1 - a'), dom({ a: '(0,1)' }))).toBe(true);
    expect(isPositive(parse('1 - a'), dom({ a: '[0,1]' }))).toBe(false);
    expect(isPositive(parse('a*b'), dom({ a: '(0,1)', b: '(0,1)' }))).toBe(true);
    expect(isPositive(parse('1 - a*b'), dom({ a: '(0,1)', b: '(0,1)' }))).toBe(true);
  });

  it('x² − x + 1 > 0 on [0, 2] needs bisection (the naive enclosure is [−1, 5]) and gets it', () => {
    expect(intervalOf(parse('x^2 - x + 1'), dom({ x: '[0,2]' })).lo).toBeLessThan(0);
    expect(isPositive(parse('x^2 - x + 1'), dom({ x: '[0,2]' }))).toBe(true);
    expect(isPositive(parse('x^2 - x'), dom({ x: '[0,2]' }))).toBe(false);
  });

  it('σ² + σ_d², exp(x) and sqrt(1 + x²) are positive on the reals; x − 1 is not', () => {
    expect(isPositive(parse('s^2 + sd^2'), dom({ s: '(0,inf)', sd: '(0,inf)' }))).toBe(true);
    expect(isPositive(parse('exp(x)'), dom())).toBe(true);
    expect(isPositive(parse('sqrt(1 + x^2)'), dom())).toBe(true);
    expect(isPositive(parse('x - 1'), dom({ x: '(0,inf)' }))).toBe(false);
  });

  it('enclosures of transcendental functions contain their extremes: sin on [0, 2] reaches 1, cos on [3, 4] reaches −1', () => {
    const s = intervalOf(parse('sin(x)'), dom({ x: '[0,2]' }));
    expect(s.hi).toBeGreaterThanOrEqual(1);
    const c = intervalOf(parse('cos(x)'), dom({ x: '[3,4]' }));
    expect(c.lo).toBeLessThanOrEqual(-1);
    const t = intervalOf(parse('tanh(x)'), dom());
    expect(t.lo).toBeGreaterThanOrEqual(-1);
    expect(t.hi).toBeLessThanOrEqual(1);
  });

  it('where an expression is undefined the enclosure skips it: sqrt on [−1, 4] is [0, 2], log on (0, 1) is (−∞, 0)', () => {
    const s = intervalOf(parse('sqrt(x)'), dom({ x: '[-1,4]' }));
    expect([s.lo, s.hi]).toEqual([0, 2]);
    const l = intervalOf(parse('log(x)'), dom({ x: '(0,1)' }));
    expect(l.lo).toBe(-Infinity);
    expect(l.hi).toBe(0);
    expect(l.hiOpen).toBe(true);
  });
});
