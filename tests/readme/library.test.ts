// The library as the README documents it: a chain is a value, not a promise,
// and the matchers never pass on an undecided claim.
import { describe, expect, it } from 'vitest';
import { add, by, calc, claim, eq, mul, pow, sub, sym } from 'derivcheck';
import 'derivcheck/vitest';

const x = sym('x');
// 2^2^2^2^2^2 = 2^65536: the exact core will not expand it, so the claim is unknown.
const tower = pow(2, pow(2, pow(2, pow(2, pow(2, 2)))));

describe('a chain is not a thenable', () => {
  it('awaiting a chain gives back the same chain', async () => {
    const chain = calc(add(x, 1)).eq(add(1, x), by.algebra());
    const awaited = await chain;
    expect(awaited).toBe(chain);
    expect(awaited.steps).toHaveLength(1);
  });
  it('a chain returned from an async function arrives intact', async () => {
    const make = async () => calc(mul(x, 2)).eq(add(x, x), by.algebra()).le(add(x, add(x, 1)), by.algebra());
    const chain = await make();
    expect(chain.steps.map((s) => s.rel)).toEqual(['=', '<=']);
    expect(chain.relation).toBe('<=');
  });
  it('Promise.resolve of a chain resolves to it', async () => {
    const chain = claim(x, '=', x, by.algebra());
    await expect(Promise.resolve(chain)).resolves.toBe(chain);
  });
  it('a chain has no then property at all', () => {
    expect('then' in calc(x)).toBe(false);
  });
});

describe('toHold, toBeRefuted and .not: three outcomes', () => {
  it('a true identity: toHold and not.toBeRefuted pass', async () => {
    const step = calc(sub(pow(add(x, 1), 2), 1)).eq(add(pow(x, 2), mul(2, x)), by.algebra());
    await expect(step).toHold();
    await expect(step).not.toBeRefuted();
  });
  it('a false identity: toBeRefuted and not.toHold pass', async () => {
    const step = calc(pow(add(x, 1), 2)).eq(add(pow(x, 2), 1), by.algebra());
    await expect(step).toBeRefuted();
    await expect(step).not.toHold();
  });
  it('toHold fails on a refuted claim, and toBeRefuted on a true one', async () => {
    await expect(expect(eq(add(x, 1), x)).toHold()).rejects.toThrow(/expected to hold/);
    await expect(expect(eq(add(x, 1), add(1, x))).toBeRefuted()).rejects.toThrow(/expected to be refuted/);
  });
  it('an undecided claim fails toHold, not.toHold, toBeRefuted and not.toBeRefuted, saying it is undecided', async () => {
    const rel = eq(tower, 1);
    await expect(expect(rel).toHold()).rejects.toThrow(/could not decide \(unknown\)/);
    await expect(expect(rel).not.toHold()).rejects.toThrow(/could not decide \(unknown\)/);
    await expect(expect(rel).toBeRefuted()).rejects.toThrow(/could not decide/);
    await expect(expect(rel).not.toBeRefuted()).rejects.toThrow(/could not decide/);
  });
  it('the same for an undecided chain', async () => {
    const chain = calc(tower).eq(1, by.algebra());
    await expect(expect(chain).not.toHold()).rejects.toThrow(/could not decide/);
  });
});
