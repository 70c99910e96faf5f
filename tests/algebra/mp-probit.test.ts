// Law: Φ⁻¹ has a rigorous multiprecision enclosure — Newton's iteration on a
// certified Φ, then an interval [x − δ, x + δ] whose ends Φ certifies on
// either side of p — so claims with probit get multiprecision evidence like
// every other function: a difference hidden below double precision
// (probit(½ + 10^-40) = 0, probit(p) ≤ 10 near p = 1) is refuted, and true
// identities keep their verdicts.
import { describe, expect, it } from 'vitest';
import { mpEval } from '../../src/algebra/mp.js';
import { parse } from '../../src/expr/parse.js';
import { check } from './helpers.js';

/** The enclosure agrees with a reference written to `places` decimals: both ends within 10^-places of it. */
const near = (v: { lo: { minus(x: string): { abs(): { lt(x: string): boolean } } }; hi: { minus(x: string): { abs(): { lt(x: string): boolean } } } }, ref: string, places: number) =>
  v.lo.minus(ref).abs().lt(`1e-${places}`) && v.hi.minus(ref).abs().lt(`1e-${places}`);

const enclose = (text: string, digits?: number) => {
  const v = mpEval(parse(text), {}, digits);
  if (!v) throw new Error(`no enclosure of ${text}`);
  return v;
};

describe('the multiprecision enclosure of probit', () => {
  // References from mpmath (50–60 digits): sqrt(2)·erfinv(2p − 1), and findroot(ncdf(x) − p) for p = 10^-300.
  it('known quantiles to 75 digits: Φ⁻¹(0.975), Φ⁻¹(1e-10), and the symmetric pair sums to an enclosure of 0', () => {
    const q975 = '1.959963984540054235524594430520551527955550077869548398476952646361635274144882';
    const v = enclose('probit(0.975)', 100);
    expect(near(v, q975, 77)).toBe(true);
    expect(v.hi.minus(v.lo).lt('1e-90')).toBe(true);
    const t = enclose('probit(10^-10)');
    expect(near(t, '-6.361340902404056204695375828', 26)).toBe(true);
    const s = enclose('probit(0.3) + probit(0.7)');
    expect(s.lo.lte(0) && s.hi.gte(0) && s.hi.minus(s.lo).lt('1e-65')).toBe(true);
  });

  it('far tails beyond doubles: p = 10^-300 and 1 − 10^-30 (where 1 − p is 0 in doubles)', () => {
    const a = enclose('probit(10^-300)');
    expect(near(a, '-37.0470962993611992372229625', 18)).toBe(true);
    const b = enclose('probit(1 - 10^-30)');
    expect(near(b, '11.464024688443615726982297386', 18)).toBe(true);
  });

  it('outside (0, 1) there is no enclosure', () => {
    for (const t of ['probit(0)', 'probit(1)', 'probit(-1/2)', 'probit(3/2)']) expect(mpEval(parse(t), {})).toBeUndefined();
  });

  it('claims: hidden differences are refuted, identities hold', () => {
    expect(check('probit(1/2 + 10^-40)', '=', '0').verdict).toBe('refuted');
    expect(check('probit(1 - 10^-30)', '<=', '11').verdict).toBe('refuted');
    expect(check('probit(p) + probit(1 - p)', '=', '0', { p: '(0,1)' }).verdict).toBe('proved');
    expect(['proved', 'verified']).toContain(check('probit(sigmoid(x))', '<=', 'x + 100', { x: '(-5, 5)' }).verdict);
    // a violation only beyond doubles, near p = 1: the multiprecision rungs reach 1 − 10^-30
    expect(check('probit(p)', '<=', '10', { p: '(0,1)' }).verdict).toBe('refuted');
    const v = check('probit(0.975)', '=', '1.959963984540054');
    expect(v.verdict).toBe('refuted');
  });
});
