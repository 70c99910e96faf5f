import { describe, expect, it } from 'vitest';
import { parse, parseClaim, parseRandom, ParseError } from '../../src/expr/parse.js';
import { toMathjs } from '../../src/expr/print-mathjs.js';
import type { Binding } from '../../src/expr/ast.js';

function errorAt(f: () => unknown): { message: string; position: number } {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return { message: e.message, position: e.position };
    throw e;
  }
  throw new Error('expected a ParseError');
}

describe('parse: mathjs precedence', () => {
  it('-x^2 is -(x^2)', () => expect(toMathjs(parse('-x^2'))).toBe('-x^2'));
  it('a^b^c is a^(b^c)', () => {
    const n = parse('a^b^c');
    expect(n.op).toBe('pow');
    expect(n.op === 'pow' && n.args[1].op).toBe('pow');
  });
  it('2^-1 reads the exponent as -1', () => expect(toMathjs(parse('2^-1'))).toBe('2^(-1)'));
  it('a - b - c is (a - b) - c', () => expect(toMathjs(parse('a - b - c'))).toBe('a - b - c'));
  it('a / b * c is (a / b) * c', () => expect(toMathjs(parse('a / b * c'))).toBe('a / b * c'));
  it('a / (b * c) keeps its parentheses', () => expect(toMathjs(parse('a / (b * c)'))).toBe('a / (b * c)'));
  it('2x and 2(a+b) are implicit products', () => {
    expect(toMathjs(parse('2x'))).toBe('2 * x');
    expect(toMathjs(parse('2(a+b)'))).toBe('2 * (a + b)');
  });
  it('decimals are exact: 0.1 is 1/10 and 1e-4 is 1/10000', () => {
    const n = parse('0.1');
    expect(n.op === 'num' && [n.n, n.d]).toEqual([1n, 10n]);
    const m = parse('1e-4');
    expect(m.op === 'num' && [m.n, m.d]).toEqual([1n, 10000n]);
  });
  it('pi and e are constants', () => {
    expect(parse('pi').op).toBe('const');
    expect(parse('e').op).toBe('const');
  });
});

describe('parse: claims', () => {
  it('= and == both mean equality', () => {
    expect(parseClaim('a = b').rel).toBe('=');
    expect(parseClaim('a == b').rel).toBe('=');
  });
  it('<= and >= are relations', () => {
    expect(parseClaim('a <= b').rel).toBe('<=');
    expect(parseClaim('a >= b').rel).toBe('>=');
  });
  it('a claim without a relation is an error at the end', () => {
    const e = errorAt(() => parseClaim('a + b'));
    expect(e.message).toMatch(/relation/);
    expect(e.position).toBe(5);
  });
  it('strict < is refused with a hint', () => expect(errorAt(() => parseClaim('a < b')).message).toMatch(/<=/));
});

describe('parse: errors name the problem and its position', () => {
  it('unknown function at its name', () => {
    const e = errorAt(() => parse('1 + foo(x)'));
    expect(e.message).toBe("unknown function 'foo'");
    expect(e.position).toBe(4);
  });
  it('unexpected character', () => expect(errorAt(() => parse('a $ b')).position).toBe(2));
  it('missing parenthesis at the end', () => {
    const e = errorAt(() => parse('sqrt(a'));
    expect(e.message).toMatch(/expected '\)'/);
    expect(e.position).toBe(6);
  });
  it('wrong arity', () => expect(errorAt(() => parse('exp(a, b)')).message).toMatch(/exp takes 1 argument, not 2/));
  it('a function used as a value', () => expect(errorAt(() => parse('sqrt + 1')).message).toMatch(/is a function/));
  it('dangling operator', () => expect(errorAt(() => parse('a +')).message).toMatch(/end of input/));
});

describe('parse: kinds are checked with positions', () => {
  const random: Binding[] = [parseRandom('x ~ N(0, 1, 3)'), parseRandom('z ~ N(0, 1)')];
  it('norm2 of a scalar random variable is a kind error at norm2', () => {
    const e = errorAt(() => parse('E[norm2(z)]', { random }));
    expect(e.message).toMatch(/norm2 takes a vector/);
    expect(e.position).toBe(2);
  });
  it('E[norm2(x)] is a scalar over x', () => {
    const n = parse('E[norm2(x)]', { random });
    expect(n.kind).toBe('scalar');
    expect(n.op === 'E' && n.over.map((b) => b.name)).toEqual(['x']);
  });
  it('a random variable outside E[...] is an error', () => {
    expect(errorAt(() => parse('z + 1', { random })).message).toMatch(/random variable/);
  });
  it('comparing a vector with a scalar is an error at the relation', () => {
    const e = errorAt(() => parseClaim('E[x] = 1', { random }));
    expect(e.message).toMatch(/compare a vector with a scalar/);
    expect(e.position).toBe(5);
  });
  it('a distribution cannot be added', () => {
    expect(errorAt(() => parse('N(0, 1) + 1')).message).toMatch(/cannot add/);
  });
});

describe('parseRandom', () => {
  it('reads name ~ N(mean, variance)', () => {
    const b = parseRandom('x ~ N(0.5, 2)');
    expect(b.name).toBe('x');
    expect(b.dist.family).toBe('N');
  });
  it('positions are offsets into the whole declaration', () => {
    const e = errorAt(() => parseRandom('x ~ N(0, foo(1))'));
    expect(e.position).toBe(9);
  });
  it('later declarations may depend on earlier ones, and E binds both', () => {
    const z = parseRandom('z ~ N(0, 1)');
    const x = parseRandom('x ~ N(z, 1)', { random: [z] });
    const n = parse('E[x]', { random: [z, x] });
    expect(n.op === 'E' && n.over.map((b) => b.name)).toEqual(['z', 'x']);
  });
  it('E cannot name a random variable', () => expect(errorAt(() => parseRandom('E ~ N(0, 1)')).message).toMatch(/reserved/));
});
