// A declared name must mean the declared thing: a parameter or random variable
// named like a constant or a function of the language would be silently
// ignored (e stays Euler's number) or shadow it, so declaring one is refused,
// with a suggestion. The list is the parser's own tables.
import { describe, expect, it } from 'vitest';
import { BINARY_FUNCTIONS, DIST_FAMILIES, DIST_HEADS, UNARY_FUNCTIONS, VECTOR_REDUCTIONS } from '../../src/expr/ast.js';
import { parseRandom, ParseError, RESERVED_NAMES, reservedNameProblem } from '../../src/expr/parse.js';
import { buildDomain, parseParam, ParamError } from '../../src/expr/params.js';

const everyName = ['e', 'pi', 'E', ...UNARY_FUNCTIONS, ...BINARY_FUNCTIONS, ...VECTOR_REDUCTIONS, ...DIST_HEADS, ...DIST_FAMILIES];

describe('reserved names come from the language tables', () => {
  it('every constant, function, distribution and E is reserved', () => {
    for (const n of everyName) expect(RESERVED_NAMES.has(n), n).toBe(true);
  });
  it('nothing else is reserved: near misses (eps, e1, pi_, Exp, sinh2) are free', () => {
    for (const n of ['eps', 'e1', 'pi_', 'p', 'Exp', 'sinh2', 'x', 'En', 'n']) expect(reservedNameProblem(n), n).toBeUndefined();
  });
});

describe('declaring a reserved name is bad input, with a suggestion', () => {
  it("--param 'e in (0,1)' is refused and suggests eps", () => {
    expect(() => parseParam('e in (0,1)')).toThrow(/'e' is reserved .*Euler.*eps/);
  });
  it("--param 'pi > 0' suggests p or pi_", () => {
    expect(() => parseParam('pi > 0')).toThrow(/'pi' is reserved.*'p' or 'pi_'/);
  });
  it('every reserved name is refused in every declaration form', () => {
    for (const n of everyName) {
      for (const spec of [`${n} in (0,1)`, `${n} > 0`, `${n} = 0.3`, `${n} real`]) {
        expect(() => parseParam(spec), spec).toThrow(ParseError);
      }
      expect(() => parseRandom(`${n} ~ N(0, 1)`), n).toThrow(/reserved/);
    }
  });
  it('buildDomain reports the declaration by its index', () => {
    try {
      buildDomain(['x in (0,1)', 'e > 0']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParamError);
      expect((e as ParamError).index).toBe(1);
      expect((e as Error).message).toMatch(/--param #2 'e > 0'/);
    }
  });
  it('the position points at the name, after leading spaces', () => {
    try {
      parseRandom('   sigmoid ~ N(0, 1)');
      expect.unreachable();
    } catch (e) {
      expect((e as ParseError).position).toBe(3);
    }
  });
});
