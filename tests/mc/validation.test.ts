// Invalid expectations and invalid parameter values are rejected with a
// message that names what is wrong, before anything runs.
import { describe, expect, it } from 'vitest';
import { compileExpectation, estimate, McError, McParamError } from '../../src/mc/index.js';
import type { Binding, Node } from '../../src/expr/ast.js';
import {
  add, dot, draw, E, KL, logitNormal, logpdf, mul, norm2, normal, sqrt, sub, sum, sym, uniform, vec,
} from '../../src/expr/build.js';

const x = sym('x');
const v = vec('v');
const w = vec('w');
const a = sym('a');

const run = (integrand: Node, random: Binding[], params: Record<string, number>): Promise<unknown> =>
  estimate(integrand, random, params, { samples: 100, seed: 1, backend: 'cpu' });

describe('distribution parameters are checked at every run', () => {
  it.each([
    ['N(0, v) with v = 0: variance must be > 0', normal(0, a), { a: 0 }, /variance must be > 0/],
    ['N(0, v) with v < 0', normal(0, a), { a: -2 }, /variance must be > 0.*-2/],
    ['N(0, 1 − a) with a = 1 (an expression of the parameters)', normal(0, sub(1, a)), { a: 1 }, /variance must be > 0/],
    ['N(m, 1) with m = log(−1) (not finite)', normal(a, 1), { a: Infinity }, /parameter a must be finite/],
    ['U(a, 1) with a = 1: the interval is empty', uniform(a, 1), { a: 1 }, /interval \(a, b\) is empty/],
    ['U(a, 1) with a = 2', uniform(a, 1), { a: 2 }, /empty/],
    ['LogitNormal(0, s) with s = 0', logitNormal(0, a), { a: 0 }, /s \(a standard deviation\) must be > 0/],
    ['LogitNormal(0, s) with s < 0', logitNormal(0, a), { a: -1 }, /must be > 0/],
  ] as const)('%s', async (_name, dist, params, message) => {
    const err = await run(x, [draw('x', dist)], { ...params }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McParamError);
    expect((err as Error).message).toMatch(message);
  });

  it.each([
    ['2.5', 2.5, /dim must be a positive integer, got 2.5/],
    ['0', 0, /dim must be a positive integer, got 0/],
    ['-3', -3, /positive integer/],
  ])('N(0, 1, d) with d = %s: the dimension must be a positive integer', async (_n, d, message) => {
    const err = await run(sum(v), [draw('v', normal(0, 1, sym('d')))], { d }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McParamError);
    expect((err as Error).message).toMatch(message);
  });

  it('dot of vectors of different dimensions is rejected at the parameter point', async () => {
    const err = await run(dot(v, w), [draw('v', normal(0, 1, 3)), draw('w', normal(0, 1, sym('d')))], { d: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McParamError);
    expect((err as Error).message).toMatch(/different dimensions: v \(3\), w \(4\)/);
    // …and accepted where they agree.
    await expect(run(dot(v, w), [draw('v', normal(0, 1, 3)), draw('w', normal(0, 1, sym('d')))], { d: 3 })).resolves.toBeDefined();
  });

  it('a missing parameter is named', async () => {
    const est = await compileExpectation(mul(a, x), [draw('x', normal(0, 1))], ['a'], 'cpu');
    await expect(est.run({}, { samples: 10, seed: 1 })).rejects.toThrow(/missing parameter a/);
  });

  it.each([
    [{ samples: 0, seed: 1 }, /samples must be a positive integer/],
    [{ samples: 1.5, seed: 1 }, /samples must be a positive integer/],
    [{ samples: 10, seed: -1 }, /seed must be an integer/],
    [{ samples: 10, seed: 0.5 }, /seed must be an integer/],
    [{ samples: 10, seed: 1, stream: 2 ** 32 }, /stream must be an integer/],
  ])('run options %o are rejected', async (opts, message) => {
    const est = await compileExpectation(x, [draw('x', normal(0, 1))], [], 'cpu');
    await expect(est.run({}, opts)).rejects.toThrow(message);
  });
});

describe('integrands the engine cannot compile are rejected with McError', () => {
  const cases: Array<[string, Node, Binding[], string[], RegExp]> = [
    ['KL is an inert head', KL(normal(0, 1), normal(x, 1)), [draw('x', normal(0, 1))], [], /KL\(…\) is an inert head/],
    ['logpdf is an inert head', logpdf(normal(0, 1), x), [draw('x', normal(0, 1))], [], /logpdf\(…\) is an inert head/],
    ['an unknown symbol', add(x, sym('b')), [draw('x', normal(0, 1))], [], /unknown symbol b/],
    ['a vector integrand', v as unknown as Node, [draw('v', normal(0, 1, 3))], [], /must be a scalar/],
    ['a distribution parameter depending on a random variable', x, [draw('y', normal(0, 1)), draw('x', normal(sym('y'), 1))], [], /depends on the random variable y/],
    ['a name bound twice', x, [draw('x', normal(0, 1)), draw('x', uniform(0, 1))], [], /bound twice/],
    ['a name that is both parameter and random variable', x, [draw('x', normal(0, 1))], ['x'], /both a parameter and a random variable/],
    ['a scalar symbol for a vector random variable', x, [draw('x', normal(0, 1, 3))], [], /vector random variable .* used as a scalar/],
    ['a nested expectation', E(x, [draw('x', normal(0, 1))]), [draw('y', normal(0, 1))], [], /nested expectations/],
    ['no random variable', x, [], ['x'], /at least one random variable/],
    ['a vector parameter', norm2(sub(v, w)), [draw('v', normal(0, 1, 3))], [], /vector parameters are not supported: w/],
  ];
  it.each(cases)('%s', async (_name, integrand, random, params, message) => {
    const err = await compileExpectation(integrand, random, params, 'cpu').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McError);
    expect((err as Error).message).toMatch(message);
  });

  it('a valid integrand with the same shape compiles (the checks are not over-eager)', async () => {
    const est = await compileExpectation(add(norm2(sub(v, sqrt(a))), x), [draw('v', normal(0, 1, 3)), draw('x', normal(a, 1))], ['a'], 'cpu');
    const r = await est.run({ a: 4 }, { samples: 1000, seed: 1 });
    expect(r.nonFinite).toBe(0);
  });
});
