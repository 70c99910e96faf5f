import { describe, expect, it } from 'vitest';
import { add, norm2, normal, sym, vec, mul, dot, E, draw } from '../../src/expr/build.js';
import { KindError } from '../../src/expr/kinds.js';

// The same rules hold at run time for callers that bypass the types.
const anyOf = (x: unknown) => x as never;

describe('kinds at run time', () => {
  it('scalar + vector broadcasts to a vector', () => {
    expect(add(vec('v'), sym('a')).kind).toBe('vector');
  });
  it('norm2(vector) and dot(vector, vector) are scalars', () => {
    expect(norm2(vec('v')).kind).toBe('scalar');
    expect(dot(vec('u'), vec('v')).kind).toBe('scalar');
  });
  it('adding a distribution to a scalar throws a KindError', () => {
    expect(() => add(anyOf(normal(0, 1)), sym('a'))).toThrow(KindError);
  });
  it('norm2 of a scalar throws a KindError naming the function', () => {
    expect(() => norm2(anyOf(sym('a')))).toThrow(/norm2 takes a vector/);
  });
  it('a distribution with a vector parameter throws', () => {
    expect(() => normal(anyOf(vec('v')), 1)).toThrow(/must be scalars/);
  });
  it('E of a vector expression is a vector', () => {
    expect(E(mul(2, vec('x')), [draw('x', normal(0, 1, 3))]).kind).toBe('vector');
  });
  it('bad identifiers are rejected', () => {
    expect(() => sym('1x')).toThrow(/identifier/);
  });
});
