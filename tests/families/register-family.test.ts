// A family a user registers from the library works everywhere a built-in one
// does: the claim language, the builders, logpdf and KL, and expectations
// decided by Monte Carlo on the cpu backend (drawn through the family's
// reparameterization of standard noise, since a user family has no kernel sampler).
import { afterAll, describe, expect, it } from 'vitest';
import {
  abs, add, decideRelation, draw, E, familyOf, KL, literalValue, log, logpdf, mul, neg, normal, num, parseClaim, parseDist, parseRandom, pow, registerFamily, sub, sym, unregisterFamily, type Family,
} from '../../src/index.js';
import { callNode, divNode, mulNode, negNode, addNode } from '../../src/expr/node.js';
import { compileExpectation, shutdownGpu } from '../../src/mc/index.js';
import { validateDist, logpdfOf, expectClosedForm } from '../../src/prob/index.js';
import { reservedNameProblem } from '../../src/expr/parse.js';
import { evalFloat } from '../../src/algebra/index.js';
import { interval, POSITIVE, type Domain } from '../../src/expr/domain.js';
import type { ExpectNode, Node } from '../../src/expr/ast.js';

/**
 * Laplace(m, b): density e^{−|x − m|/b} / (2b). From u ~ U(0, 1), with
 * v = u − ½ (never 0: the kernels' uniforms are odd multiples of 2^-24),
 * x = m − b · sign(v) · log(1 − 2|v|) is Laplace(m, b) (the inverse CDF).
 */
const LAPLACE: Family = {
  name: 'Laplace',
  latex: '\\operatorname{Laplace}',
  params: ['m', 'b'],
  arity: [2],
  checkLiterals(args, fail) {
    const b = literalValue(args[1]);
    if (b !== undefined && !(b > 0)) fail(`the scale b of Laplace(m, b) must be > 0 (got ${b})`);
  },
  logpdf: ([m, b], x) => addNode([negNode(callNode('log', [mulNode([num(2), b])])), negNode(divNode(callNode('abs', [addNode([x, negNode(m)])]), b))]),
  reparam: {
    noise: 'uniform',
    value: ([m, b], u) => {
      const v = addNode([u, negNode(num('1/2'))]);
      const sign = divNode(v, callNode('abs', [v]));
      return addNode([m, negNode(mulNode([b, sign, callNode('log', [addNode([num(1), negNode(mulNode([num(2), callNode('abs', [v])]))])])]))]);
    },
  },
};

const laplace = registerFamily(LAPLACE);

afterAll(async () => {
  unregisterFamily('Laplace');
  await shutdownGpu();
});

const [m, b, x] = ['m', 'b', 'x'].map(sym);
const domain: Domain = new Map([['m', interval(-2, 2)], ['b', POSITIVE]]);
const decide = (lhs: Node, rhs: Node, seed = 1) => decideRelation(lhs, '=', rhs, domain, { seed, backend: 'cpu' });
const overX = [draw('x', laplace(m, b))];

describe('a registered family in the claim language and the builders', () => {
  it('parses Laplace(m, b) and reserves its name', () => {
    const d = parseDist('Laplace(0.5, 2)');
    expect(d.family).toBe('Laplace');
    expect(reservedNameProblem('Laplace')).toMatch(/reserved for the distribution Laplace/);
    const c = parseClaim('E[x] = m', { random: [parseRandom('x ~ Laplace(m, b)')] });
    expect(c.args[0].op).toBe('E');
  });

  it('rejects a wrong number of arguments and non-scalar parameters, with their position', () => {
    expect(() => parseDist('Laplace(1)')).toThrow(/Laplace takes 2 arguments, not 1/);
    expect(() => laplace(m)).toThrow(/Laplace takes 2 arguments, not 1/);
    expect(() => parseDist('Laplace(v, 1)', { vectors: new Set(['v']) })).toThrow(/parameters of Laplace must be scalars/);
  });

  it('checks literal parameters with the family\'s own constraint', () => {
    expect(() => validateDist(laplace(num(0), num(-1)))).toThrow(/scale b of Laplace\(m, b\) must be > 0/);
    expect(() => validateDist(laplace(num(0), num(0)))).toThrow(/must be > 0/);
    expect(() => validateDist(laplace(m, b))).not.toThrow();
  });

  it('refuses a second family of the same name, a lowercase name and E', () => {
    expect(() => registerFamily({ ...LAPLACE })).toThrow(/already registered/);
    expect(registerFamily(LAPLACE)(num(0), num(1)).family).toBe('Laplace');
    expect(() => registerFamily({ ...LAPLACE, name: 'laplace' })).toThrow(/capitalized identifier/);
    expect(() => registerFamily({ ...LAPLACE, name: 'E' })).toThrow(/expectation/);
    expect(() => registerFamily({ ...LAPLACE, name: 'N' })).toThrow(/already registered/);
    expect(() => unregisterFamily('N')).toThrow(/built in/);
    expect(familyOf('N')?.arity).toEqual([2, 3]);
  });

  it('lowers logpdf to the family\'s density: log(1/(2b)) − |x − m|/b', () => {
    const lp = logpdfOf(laplace(num(1), num(2)), num(4));
    // at x = 4, m = 1, b = 2: −log 4 − 3/2
    expect(evalFloat(lp, {})).toBeCloseTo(-Math.log(4) - 1.5, 12);
  });

  it('has no closed-form moments (none given): E[x] over it is left to Monte Carlo', () => {
    expect(expectClosedForm(E(x, overX) as ExpectNode)).toBeUndefined();
  });
});


describe('expectations over a registered family, by Monte Carlo on the cpu backend', () => {
  it('E[x] = m and E[|x − m|] = b hold (verified)', async () => {
    for (const [lhs, rhs] of [[E(x, overX), m], [E(abs(sub(x, m)), overX), b]] as const) {
      const v = await decide(lhs, rhs);
      expect(v.verdict, JSON.stringify(v)).toBe('verified');
    }
  });

  it('E[x²] = m² + 2b² holds, and the normal\'s m² + b² is refuted', async () => {
    expect((await decide(E(pow(x, 2), overX), add(pow(m, 2), mul(2, pow(b, 2))))).verdict).toBe('verified');
    expect((await decide(E(pow(x, 2), overX), add(pow(m, 2), pow(b, 2)))).verdict).toBe('refuted');
  });

  it('KL(Laplace(m, b) ‖ Laplace(m, b)) = 0 and E[logpdf] is the negative entropy −log(2b e)', async () => {
    expect((await decide(KL(laplace(m, b), laplace(m, b)), num(0))).verdict).toMatch(/proved|verified/);
    const negEntropy = neg(add(log(mul(2, b)), 1));
    expect((await decide(E(logpdf(laplace(m, b), x), overX), negEntropy)).verdict).toBe('verified');
  });

  it('a dependent Laplace draw is reparameterized: E[y] = E[z] = 0 for z ~ N(0, 1), y ~ Laplace(z, 1)', async () => {
    const y = sym('y');
    const over = [draw('z', normal(0, 1)), draw('y', laplace(sym('z'), num(1)))];
    expect((await decide(E(y, over), num(0))).verdict).toBe('verified');
    expect((await decide(E(pow(y, 2), over), num(3))).verdict).toBe('verified'); // 1 + 2
  });
});

describe('a family drawn through its reparameterization sees the same noise as the kernel sampler', () => {
  it('a copy of N without a sampler gives the estimate of N, sample for sample (common random numbers)', async () => {
    const copy = registerFamily({ ...familyOf('N')!, name: 'Gauss', sampler: undefined });
    try {
      const v = sym('v');
      const est = async (d: ReturnType<typeof normal>) => {
        const e = await compileExpectation(add(pow(x, 3), x), [draw('x', d)], ['m', 'v'], 'cpu');
        try {
          return await e.run({ m: 0.3, v: 2 }, { samples: 1 << 16, seed: 7 });
        } finally {
          e.dispose();
        }
      };
      const [a, c] = [await est(normal(m, v)), await est(copy(m, v))];
      // m + sqrt(v)·z against A + B·z with B = sqrt(v) on the host: equal up to rounding.
      expect(Math.abs(c.mean - a.mean)).toBeLessThan(1e-12 * (1 + Math.abs(a.mean)));
      expect(c.mean).not.toBe(0);
    } finally {
      unregisterFamily('Gauss');
    }
  });
});
