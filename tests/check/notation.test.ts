// The paper-notation template: m`…` is the claim language, parsed at load
// time, with embedded expressions kept whole and undeclared names refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, div, mul, normal, pow, sqrt, sub, sym, vec } from '../../src/expr/build.js';
import { draw } from '../../src/index.js';
import { m, notation, NotationError } from '../../src/derive/notation.js';
import { toMathjs } from '../../src/expr/print-mathjs.js';
import { isBadInput } from '../../src/errors.js';
import { scalarExpr } from '../expr/arbitrary.js';

const a = sym('a');
const b = sym('b');

describe('the template reads as the builders build', () => {
  it('a template equals the same expression built with the typed builders', () => {
    expect(toMathjs(m`sqrt(a)*(1 - b)^2 + a/b`)).toBe(toMathjs(add(mul(sqrt(a), pow(sub(1, b), 2)), div(a, b))));
  });

  it('an embedded expression is one operand: 2*${a + b} is 2(a + b), never 2a + b', () => {
    const e = m`2*${add(a, b)}^2`;
    expect(toMathjs(e)).toBe(toMathjs(mul(2, pow(add(a, b), 2))));
  });

  it('embedding any expression alone gives that expression back (fast-check)', () => {
    fc.assert(fc.property(scalarExpr, (e) => toMathjs(m`${e}`) === toMathjs(e)), { seed: 7, numRuns: 300 });
  });

  it('a template of printed text parses back to the expression it printed (fast-check)', () => {
    const tpl = notation();
    fc.assert(
      fc.property(scalarExpr, (e) => {
        const text = toMathjs(e);
        const strings = Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray;
        return toMathjs(tpl(strings)) === text;
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('numbers embed exactly', () => {
    expect(toMathjs(m`${0.1} * a`)).toBe(toMathjs(mul(0.1, a)));
  });
});

describe('declared names', () => {
  const strict = notation({ symbols: ['alpha_t', 'x_0', b] });

  it('a declared name is accepted, a typo is refused at load time with the place and a caret', () => {
    expect(() => strict`sqrt(alpha_t)*x_0 + b`).not.toThrow();
    let err: unknown;
    try {
      strict`sqrt(alpah_t)*x_0`;
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NotationError);
    expect(isBadInput(err)).toBe(true);
    const msg = (err as Error).message;
    expect(msg).toMatch(/'alpah_t' is not declared/);
    expect(msg).toMatch(/notation\.test\.ts:\d+:\d+/); // the line of this file where the template is
    expect(msg).toMatch(/\^/);
    expect((err as NotationError).position).toBe('sqrt('.length);
  });

  it('the position of an error after an embedded expression points into the written text', () => {
    let err: NotationError | undefined;
    try {
      strict`${a} + )`;
    } catch (e) {
      err = e as NotationError;
    }
    expect(err).toBeInstanceOf(NotationError);
    expect(err!.message).toMatch(/\$\{…\} \+ \)/);
  });

  it('names reserved for embedding are refused', () => {
    expect(() => m`__tpl0 + 1`).toThrow(/reserved/);
  });
});

describe('kinds and expectations', () => {
  it('kinds are checked by the parser: a vector exponent or sum(scalar) is refused', () => {
    const v = notation({ vectors: ['x'] });
    expect(() => v`2^x`).toThrow(NotationError);
    expect(() => v`sum(x[1])`).toThrow(NotationError);
    expect(() => m`sum(a)`).toThrow(/takes a vector/);
    expect(v`sum(x^2)`.kind).toBe('scalar');
    expect(v.vector`2*x`.kind).toBe('vector');
  });

  it('an embedded vector keeps its kind', () => {
    const x = vec('x');
    expect(m.vector`${x} * 2`.kind).toBe('vector');
    expect(() => m`${x} * 2`).toThrow(/vector expression; use m.vector/);
  });

  it('E[…] binds the declared random variables', () => {
    const withY = notation({ random: [draw('y', normal(0, 1))] });
    const e = withY`E[y^2]`;
    expect(e.op).toBe('E');
    expect(() => m`E[y^2]`).toThrow(/random variables/);
  });
});
