// A failing matcher explains itself: the step's file:line, both sides at the
// counterexample, lhs − rhs there and in normal form, the definitions'
// values, the seed, a replay command; and actual/expected are the two sides
// there, so that vitest prints its diff. A claim string is accepted too.
import { describe, expect, it } from 'vitest';
import { add, by, calc, define, derivation, mul, pow, sqrt, sub, sym } from 'derivcheck';
import 'derivcheck/vitest';

/** The assertion error of a matcher that must fail. */
async function failure(run: () => Promise<void>): Promise<Error & { actual?: unknown; expected?: unknown }> {
  try {
    await run();
  } catch (e) {
    return e as Error & { actual?: unknown; expected?: unknown };
  }
  throw new Error('the matcher passed');
}

const [a, b, s, x0, eps] = ['a', 'b', 's', 'x0', 'eps'].map((n) => sym(n));

describe('a refuted chain explains itself in toHold', () => {
  it('the message has the step\'s file:line of this test, the sides, the normal form and a replay; actual/expected are the sides', async () => {
    const chain = calc(pow(add(a, b), 2)).eq(add(pow(a, 2), pow(b, 2)), by.algebra()); // line 23
    const e = await failure(() => expect(chain).toHold());
    expect(e.message).toMatch(/tests\/library\/matcher-explains\.test\.ts:23:\d+/);
    expect(e.message).toMatch(/lhs − rhs = 2 \* a \* b/);
    expect(e.message).toMatch(/seed 1/);
    expect(e.message).toMatch(/replay +derivcheck eval '\(a \+ b\)\^2 - \(a\^2 \+ b\^2\)' --at /);
    expect(typeof e.actual).toBe('string');
    expect(typeof e.expected).toBe('string');
    expect(e.actual).not.toBe(e.expected);
    expect(e.message).toContain(`lhs        ${e.actual}`);
    expect(e.message).toContain(`rhs        ${e.expected}`);
  });

  it("the definitions' values at the point are shown", async () => {
    const d = derivation({
      id: 'user.reparam',
      title: 'a wrong reparameterization',
      source: 'test',
      assumptions: { ha: 'a in (0,1)', hs: 's in (0,1)', hx: define('xt', add(mul(a, x0), mul(s, eps))) },
      strategy: '',
      chains: [calc(sym('xt')).eq(add(x0, eps), by.algebra())],
    });
    const e = await failure(() => expect(d).toHold());
    expect(e.message).toMatch(/where +xt = \S+/);
    expect(e.message).toMatch(/normal form/);
  });

  it('exact sides print as exact rationals, never as -0.4999999999999999', async () => {
    const e = await failure(() => expect(calc(sub(a, 1)).eq(mul(a, a), by.algebra())).toHold({ params: ['a in (0,1)'] }));
    expect(e.message).toMatch(/\(exact\)/);
    expect(e.message).not.toMatch(/\d{12,}/);
  });
});

describe('a claim string', () => {
  it("expect('sqrt(a)^2 = a').toHold({ params: ['a > 0'] }) passes", async () => {
    await expect('sqrt(a)^2 = a').toHold({ params: ['a > 0'] });
  });
  it("'sqrt(x^2) = x' is refuted, with the sides at x < 0 as actual and expected", async () => {
    await expect('sqrt(x^2) = x').toBeRefuted();
    const e = await failure(() => expect('sqrt(x^2) = x').toHold());
    expect(Number(e.actual)).toBe(-Number(e.expected));
    expect(e.message).toMatch(/replay +derivcheck eval 'sqrt\(x\^2\) - x' --at x=-?\d/);
  });
  it('a claim string with expectations takes random: [...]', async () => {
    await expect('E[z^2] = 1').toHold({ random: ['z ~ N(0, 1)'] });
  });
  it('a malformed claim string is an error, not a verdict', async () => {
    await expect(expect('sqrt(x = x').toHold()).rejects.toThrow(/expected|unexpected/);
  });
  it('toBeRefuted on a true claim says it holds, with no diff', async () => {
    const e = await failure(() => expect('sqrt(a)^2 = a').toBeRefuted({ params: ['a > 0'] }));
    expect(e.message).toMatch(/expected to be refuted, but: proved/);
    void sqrt;
  });
});
