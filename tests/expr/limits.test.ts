// The lexer's and parser's limits: every input, however large or deep, is
// either parsed or refused with a ParseError at a position — never a stack
// overflow, a BigInt the size of the heap, or a regular expression that
// backtracks for hours.
import { describe, expect, it } from 'vitest';
import { parse, parseClaim, parseRandom, ParseError, MAX_NESTING } from '../../src/expr/parse.js';
import { checkNumberLiteral, MAX_INPUT_LENGTH, MAX_NUMBER_DIGITS } from '../../src/expr/lexer.js';
import { parseParam } from '../../src/expr/params.js';

function errorAt(f: () => unknown): { message: string; position: number } {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return { message: e.message, position: e.position };
    throw e;
  }
  throw new Error('expected a ParseError');
}

const parens = (n: number, inner = 'x') => '('.repeat(n) + inner + ')'.repeat(n);

describe('nesting is bounded by MAX_NESTING, with the position where it went too deep', () => {
  it('parentheses up to the limit parse', () => {
    expect(parse(parens(MAX_NESTING)).op).toBe('sym');
    expect(parse('-'.repeat(MAX_NESTING) + 'x').op).toBe('neg');
  });
  it('one level more is refused at the parenthesis that went too deep', () => {
    const e = errorAt(() => parse(parens(MAX_NESTING + 1)));
    expect(e.message).toBe(`nesting deeper than ${MAX_NESTING}`);
    expect(e.position).toBe(MAX_NESTING);
  });
  it('signs and brackets mixed: one level past the limit is refused', () => {
    expect(errorAt(() => parse('-('.repeat(MAX_NESTING / 2 + 1) + 'x' + ')'.repeat(MAX_NESTING / 2 + 1))).message).toMatch(/nesting/);
  });
  for (const depth of [1500, 5000]) {
    it(`${depth}-deep parentheses are refused, not a stack overflow`, () => {
      expect(errorAt(() => parseClaim(parens(depth) + ' = x')).message).toMatch(/nesting deeper than/);
    });
  }
  it('a tower of 5000 unary minus signs is refused', () => {
    expect(errorAt(() => parse('-'.repeat(5000) + 'x')).message).toMatch(/nesting deeper than/);
  });
  it('a right-associative power tower x^x^…^x of 3000 is refused', () => {
    expect(errorAt(() => parse(Array(3000).fill('x').join('^'))).message).toMatch(/nesting deeper than/);
  });
  it('nested calls and expectations count too', () => {
    const random = [parseRandom('z ~ N(0, 1)')];
    expect(errorAt(() => parse('exp('.repeat(300) + 'x' + ')'.repeat(300))).message).toMatch(/nesting/);
    expect(errorAt(() => parse('E['.repeat(300) + 'z' + ']'.repeat(300), { random })).message).toMatch(/nesting/);
  });
  it('a long flat sum is not nesting: 2000 terms parse', () => {
    const n = parse(Array(2000).fill('x').join(' + '));
    expect(n.op).toBe('add');
  });
});

describe('number literals: digits and magnitude within what a double carries', () => {
  it('1e99999999999 is refused at its position (no 10^(10^11) BigInt)', () => {
    const e = errorAt(() => parseClaim('x + 1e99999999999 = 1'));
    expect(e.message).toMatch(/outside the range of double precision/);
    expect(e.position).toBe(4);
  });
  it('1e400 and 1e-400 are refused; 1e300 and 1e-300 parse', () => {
    expect(errorAt(() => parse('1e400')).message).toMatch(/outside the range/);
    expect(errorAt(() => parse('1e-400')).message).toMatch(/outside the range/);
    expect(parse('1e300').op).toBe('num');
    expect(parse('1e-300').op).toBe('num');
  });
  it('magnitude counts digits, not only the exponent: 1000…0 (302 digits) is too large, 0.00…01 too small', () => {
    expect(() => checkNumberLiteral('1' + '0'.repeat(301), 0)).toThrow(ParseError);
    expect(() => checkNumberLiteral('0.' + '0'.repeat(350) + '1', 0)).toThrow(ParseError);
  });
  it('more than MAX_NUMBER_DIGITS digits is refused, exactly that many is not', () => {
    expect(parse('1'.repeat(MAX_NUMBER_DIGITS)).op).toBe('num');
    expect(errorAt(() => parse('1'.repeat(MAX_NUMBER_DIGITS + 1))).message).toMatch(/more than 100 digits/);
  });
  it('zero with many zeros is still zero and fine within the digit limit', () => {
    const n = parse('0.' + '0'.repeat(50));
    expect(n.op === 'num' && n.n).toBe(0n);
  });
  it('--param bounds obey the same limits, with positions in the declaration', () => {
    expect(() => parseParam('x < 1e400')).toThrow(/outside the range/);
    expect(() => parseParam('x in (0, 1e99999999999)')).toThrow(/outside the range/);
    expect(() => parseParam('x in (0, 1/1e5)')).toThrow(ParseError);
    expect(() => parseParam(`x < ${'9'.repeat(400)}/7`)).toThrow(/digits/);
    expect(parseParam('x < 1e300').name).toBe('x');
  });
});

describe('long and strange inputs are refused quickly', () => {
  it('a 1 MB claim is refused by its length before any work, in well under a second', () => {
    const big = 'x+'.repeat(500_000) + 'x = x';
    const t0 = performance.now();
    const e = errorAt(() => parseClaim(big));
    expect(e.message).toMatch(new RegExp(`limit is ${MAX_INPUT_LENGTH}`));
    expect(performance.now() - t0).toBeLessThan(1000);
  });
  it('a 1 MB --param is refused by its length (no catastrophic backtracking on a digit string)', () => {
    const t0 = performance.now();
    expect(() => parseParam('x < ' + '1'.repeat(1_000_000) + 'z')).toThrow(/limit is/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
  it('NUL and other control characters are named by code point', () => {
    const e = errorAt(() => parse('x \u0000 y'));
    expect(e.message).toBe('unexpected character U+0000');
    expect(e.position).toBe(2);
  });
  it('a lone surrogate and an emoji are refused at their position', () => {
    expect(errorAt(() => parse('x + \ud800')).position).toBe(4);
    const e = errorAt(() => parse('x + 😀'));
    expect(e.message).toBe("unexpected character '😀'");
  });
  it('the longest input allowed still tokenizes in linear time (10 000 characters, < 200 ms)', () => {
    const text = Array(MAX_INPUT_LENGTH / 4).fill('x1 ').join('+').slice(0, MAX_INPUT_LENGTH - 2) + 'x';
    const t0 = performance.now();
    try {
      parse(text);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
    }
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
