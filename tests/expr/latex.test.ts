// LaTeX input: the printer and the parser round-trip, names are read back as
// the printer writes them, formulas pasted from papers mean what the mathjs
// syntax means, and malformed LaTeX is bad input with a position, never a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { abs, add, cos, div, exp, log, max, min, mul, neg, num, pow, rat, sech, sigmoid, sin, sqrt, sub, sym, tanh } from '../../src/expr/build.js';
import { parse, parseClaim, parseRandom, ParseError } from '../../src/expr/parse.js';
import { isLatex, parseLatex, parseLatexClaim } from '../../src/expr/parse-latex.js';
import { latexSymbol, toLatex } from '../../src/expr/print-latex.js';
import { isBadInput } from '../../src/errors.js';
import { scalarExpr } from './arbitrary.js';
import { canon } from './latex-canon.js';

/** Names in the set the printer writes one way only (see parse-latex-names.ts). */
const nameArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('x', 'a', 'T', 'k', 'alpha', 'beta', 'sigma', 'lambda', 'Sigma', 'eps', 'ell', 'abar', 'snr', 'theta', 'omega', 'phi'),
    fc.constantFrom([], ['bar'], ['hat'], ['tilde'], ['bar', 'hat']),
    fc.array(fc.constantFrom('t', 'tm1', 'tp1', 's', '0', '1', '12', 'q', 'theta', 'skip', 'data', 'i', 'tm2'), { maxLength: 2 }),
  )
  .filter(([b, acc]) => !(b === 'abar' && acc.length > 0) && !(b === 'alpha' && acc[0] === 'bar'))
  .map(([b, acc, subs]) => [b, ...acc, ...subs].join('_'));

const leaf: fc.Arbitrary<Node> = fc.oneof(
  nameArb.map((n) => sym(n)),
  fc.integer({ min: -20, max: 120 }).map((n) => num(n)),
  fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 1, max: 40 })).map(([n, d]) => rat(n, d)),
  fc.constantFrom(0.5, 0.25, 1e-4, 2.5, 0.001, 3e-7, 1.25).map((x) => num(x)),
);

/** Wider than the printer tests' arbitrary: more names, every elementary function, min/max, e^x, pi. */
const richExpr: fc.Arbitrary<Node> = fc.letrec<{ e: Node }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constantFrom<Node>({ op: 'const', kind: 'scalar', name: 'pi' }, { op: 'const', kind: 'scalar', name: 'e' }),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => add(x as never, y as never)),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([x, y, z]) => add(x as never, y as never, z as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => sub(x as never, y as never)),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([x, y, z]) => mul(x as never, y as never, z as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => mul(x as never, y as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => div(x as never, y as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => pow(x as never, y as never)),
    fc.tuple(tie('e'), fc.integer({ min: -3, max: 12 })).map(([x, k]) => pow(x as never, k)),
    tie('e').map((x) => pow({ op: 'const', kind: 'scalar', name: 'e' }, x as never)),
    tie('e').map((x) => neg(x as never)),
    tie('e').map((x) => sqrt(x as never)),
    tie('e').map((x) => exp(x as never)),
    tie('e').map((x) => log(x as never)),
    tie('e').map((x) => sin(x as never)),
    tie('e').map((x) => cos(x as never)),
    tie('e').map((x) => tanh(x as never)),
    tie('e').map((x) => sech(x as never)),
    tie('e').map((x) => sigmoid(x as never)),
    tie('e').map((x) => abs(x as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => min(x as never, y as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => max(x as never, y as never)),
  ),
})).e;

const roundTrips = (e: Node) => {
  const tex = toLatex(e);
  let back: Node;
  try {
    back = parseLatex(tex);
  } catch (err) {
    throw new Error(`parse-latex failed on ${tex}: ${(err as Error).message}`);
  }
  expect(canon(back), tex).toEqual(canon(e));
};

describe('LaTeX round trip: parseLatex(toLatex(e)) = e modulo the normal form', () => {
  it('on the printer tests\' expressions (500 draws)', () => {
    fc.assert(fc.property(scalarExpr, (e) => roundTrips(e)), { seed: 11, numRuns: 500 });
  });

  it('on wider expressions: every function, pi and e, rational and decimal numbers, accented and subscripted names (1000 draws)', () => {
    fc.assert(fc.property(richExpr, (e) => roundTrips(e)), { seed: 12, numRuns: 1000 });
  });

  it('on relations =, \\le, \\ge between two such expressions', () => {
    fc.assert(
      fc.property(richExpr, richExpr, fc.constantFrom('=', '<=', '>=') as fc.Arbitrary<'=' | '<=' | '>='>, (l, r, rel) => {
        const claim: Node = { op: 'rel', kind: 'bool', rel, args: [l, r] };
        expect(canon(parseLatexClaim(toLatex(claim)))).toEqual(canon(claim));
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('names: latexSymbol then parse-latex gives the name back (the printer\'s notation, inverted)', () => {
    fc.assert(
      fc.property(nameArb, (n) => {
        expect(parseLatex(latexSymbol(n))).toEqual(sym(n));
      }),
      { seed: 14, numRuns: 500 },
    );
  });

  it('a decimal in exponent form as a power base prints with parentheses (was a double superscript)', () => {
    expect(toLatex(pow(num(1e-4), 3))).toBe('\\left(1\\times 10^{-4}\\right)^{3}');
    roundTrips(pow(num(1e-4), sym('k')));
  });
});

/** The same claim in LaTeX and in mathjs syntax: same AST modulo the normal form. */
const SAME: [string, string][] = [
  ['\\frac{a}{b}', 'a / b'],
  ['\\frac12 x', '1/2 * x'],
  ['\\dfrac{1}{1 + e^{-\\lambda}}', '1 / (1 + e^(-lambda))'],
  ['\\sqrt{\\bar\\alpha_t}', 'sqrt(abar_t)'],
  ['\\sqrt[3]{x}', 'x^(1/3)'],
  ['\\bar\\alpha_t = \\alpha_t \\bar{\\alpha}_{t-1}', 'abar_t = alpha_t * abar_tm1'],
  ['\\bar{\\alpha}_{t+1}', 'abar_tp1'],
  ['x_{t-1} + x_{t+1} + x_{t,1}', 'x_tm1 + x_tp1 + x_t_1'],
  ['\\epsilon + \\varepsilon + \\hat{\\epsilon} + \\hat\\epsilon_\\theta', 'eps + eps + eps_hat + eps_hat_theta'],
  ['c_{\\mathrm{skip}} x + c_{\\text{out}} F', 'c_skip * x + c_out * F'],
  ['\\sigma_q^2', 'sigma_q^2'],
  ['\\sigma^2_q', 'sigma_q^2'],
  ['x^2_t + \\bar\\alpha^{2}_{t-1}', 'x_t^2 + abar_tm1^2'],
  ['\\frac12 + \\tfrac34', '1/2 + 3/4'],
  ['\\log \\sigma^2', 'log(sigma^2)'],
  ['\\ln\\left(\\frac{1}{2}\\right)', 'log(1/2)'],
  ['\\exp(-\\lambda/2) \\cdot \\frac{2}{\\pi}', 'exp(-lambda/2) * (2/pi)'],
  ['2\\pi\\sigma^2', '2 * pi * sigma^2'],
  ['-x^2', '-(x^2)'],
  ['a - b c', 'a - b * c'],
  ['a \\times b / c', 'a * b / c'],
  ['\\left( a + b \\right)^{2}', '(a + b)^2'],
  ['\\Big( a + b \\Big) \\big[ c \\big]', '(a + b) * (c)'],
  ['\\left[ a \\right] \\{ b \\}', 'a * b'],
  ['\\left| x \\right| + |y|', 'abs(x) + abs(y)'],
  ['\\operatorname{sigmoid}(\\lambda) = \\frac{1}{1 + \\exp(-\\lambda)}', 'sigmoid(lambda) = 1 / (1 + exp(-lambda))'],
  ['\\operatorname{sech}\\left(\\frac{\\lambda}{2}\\right) / \\pi', 'sech(lambda/2) / pi'],
  ['\\min(a, b) \\le \\max\\left(a, b\\right)', 'min(a, b) <= max(a, b)'],
  ['\\mathrm{snr}(t) \\geq 0', 'snr * t >= 0'],
  ['a \\, b \\; c \\quad d', 'a * b * c * d'],
  ['\\displaystyle x = 1.', 'x = 1'],
  ['\\tanh x \\cdot \\sin\\theta', 'tanh(x) * sin(theta)'],
  ['\\sin\\theta\\cos\\theta', 'sin(theta) * cos(theta)'],
  ['\\log 2 + \\log(2 \\pi e)', 'log(2) + log(2 * pi * e)'],
  ['\\frac{d}{2}', 'd / 2'],
  ['1 \\times 10^{-4}', '0.0001'],
  ['x^{-1}', 'x^(-1)'],
  ['{a}^{b^{c}}', 'a^(b^c)'],
];

describe('pasted LaTeX means what the mathjs syntax means', () => {
  for (const [tex, mathjs] of SAME) {
    it(`${tex}  ≡  ${mathjs}`, () => {
      expect(isLatex(tex) || !tex.includes('\\')).toBe(true);
      expect(canon(parseLatex(tex))).toEqual(canon(parse(mathjs)));
    });
  }

  it('expectations, distributions, KL and log-densities, with --random declarations', () => {
    const random = [parseRandom('x ~ N(0, 1)'), parseRandom('y ~ N(m, v)')];
    const ctx = { random };
    const pairs: [string, string][] = [
      ['\\mathbb{E}\\left[x^2\\right] = 1', 'E[x^2] = 1'],
      ['\\mathbb{E}_{x \\sim \\mathcal{N}(0, 1)}[x^2] = 1', 'E[x^2] = 1'],
      ['\\mathbb{E}_{y \\sim \\mathcal{N}\\left(m, v\\right)}\\left[\\log \\mathcal{N}\\left(y; m, v\\right)\\right] \\le 0', 'E[logpdf(N(m, v), y)] <= 0'],
      ['\\mathrm{KL}\\left(\\mathcal{N}\\left(a, 1\\right) \\,\\middle\\|\\, \\mathcal{N}\\left(0, 1\\right)\\right) = \\frac{a^2}{2}', 'KL(N(a, 1), N(0, 1)) = a^2/2'],
      ['\\mathrm{KL}(\\mathcal{N}(a, 1) \\| \\mathcal{N}(0, 1)) \\ge 0', 'KL(N(a, 1), N(0, 1)) >= 0'],
    ];
    for (const [tex, mathjs] of pairs) expect(canon(parseLatexClaim(tex, ctx)), tex).toEqual(canon(parseClaim(mathjs, ctx)));
  });

  it('an expectation\'s subscript must agree with the declarations', () => {
    const ctx = { random: [parseRandom('x ~ N(0, 1)')] };
    expect(() => parseLatex('\\mathbb{E}_{x \\sim \\mathcal{N}(0, 2)}[x]', ctx)).toThrow(/subscript says x ~ N\(0, 2\), but --random declares x ~ N\(0, 1\)/);
    expect(() => parseLatex('\\mathbb{E}_{z \\sim \\mathcal{N}(0, 1)}[x]', ctx)).toThrow(/'z' is not declared: add --random "z ~ N\(0, 1\)"/);
  });

  it('detection: a backslash makes it LaTeX; the claim language has none', () => {
    expect(isLatex('\\alpha = 1')).toBe(true);
    expect(isLatex('alpha = 1')).toBe(false);
  });
});

/** Malformed LaTeX: bad input (ParseError) at a position inside the text, one line of message. */
const MALFORMED: [string, RegExp][] = [
  ['\\frac{1}{', /end of input/],
  ['\\frac{1}', /denominator/],
  ['\\sqrt', /radicand/],
  ['\\foo x', /unknown LaTeX command \\foo/],
  ['\\left( x \\right]', /does not match/],
  ['\\left( x', /expected \\right\)/],
  ['x \\right)', /\\right without a matching \\left/],
  ['(a + b', /expected '\)'/],
  ['a + b)', /unexpected '\)'/],
  ['{a', /expected '}'/],
  ['a}', /unmatched '}'|unexpected/],
  ['x_12', /ambiguous/],
  ['x^23', /ambiguous/],
  ['x^{2}^{3}', /double superscript/],
  ['(a+b)^2_t', /subscript belongs to a name/],
  ['x_t^2_s', /subscript belongs to a name|unexpected/],
  ['(a+b)_t', /subscript belongs to a name/],
  ['x_{0.5}', /subscript is a name or an index/],
  ['x_{t*2}', /subscript/],
  ['2 3', /number after a factor/],
  ['\\frac123', /number after a factor/],
  ['x 2', /number after a factor/],
  ['\\log^2 x', /power of a function is ambiguous/],
  ['\\log 2\\pi e', /ambiguous: write \\log\\left/],
  ['\\exp x y', /ambiguous/],
  ['\\frac{dx}{dt}', /derivative/],
  ['\\frac{d}{dt} f', /derivative/],
  ['\\frac{\\mathrm{d} x}{\\mathrm{d} t}', /derivative/],
  ['\\int x', /unknown LaTeX command \\int/],
  ['\\sum_{t=1}^T x_t', /index letter/],
  ["f'(x)", /unexpected/],
  ['\\log', /needs an argument/],
  ['\\min a', /parentheses/],
  ['\\lVert x \\rVert', /squared only/],
  ['\\left\\lVert x \\right\\rVert^3', /squared only/],
  ['\\mathcal{Q}(0, 1)', /not a distribution/],
  ['\\mathbb{R}', /no meaning/],
  ['\\mathbb{E} x', /expected '\['/],
  ['$x = 1$', /between the dollars/],
  ['a \\ne b', /≠ is not a relation/],
  ['a < b', /strict '<'/],
  ['\\', /backslash at the end/],
  ['\\mathrm{}', /empty name/],
  ['\\bar{1}', /takes a letter/],
  ['x = ', /end of input/],
  ['\\cdot x', /needs a factor before it/],
  ['x^-1', /negative the exponent needs braces|needs braces/],
  ['\\mathrm{KL}(p q)', /expected \\\| between/],
  ['\\langle a b \\rangle', /expected ','/],
  ['\\mathcal{N}(0, 1) + 1', /distribution|cannot|dist/i],
  ['x = y = z', /unexpected/],
  ['€', /unexpected character/],
];

describe('malformed LaTeX is bad input with a position', () => {
  for (const [tex, message] of MALFORMED) {
    it(`${JSON.stringify(tex)} → ${message.source}`, () => {
      let err: unknown;
      try {
        parseLatex(tex);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ParseError);
      expect(isBadInput(err)).toBe(true);
      const e = err as ParseError;
      expect(e.message).toMatch(message);
      expect(e.message).not.toContain('\n');
      expect(e.position).toBeGreaterThanOrEqual(0);
      expect(e.position).toBeLessThanOrEqual(tex.length + 4);
    });
  }

  it('errors found by the claim language point into the LaTeX: a random variable outside E', () => {
    const ctx = { random: [parseRandom('x ~ N(0, 1)')] };
    try {
      parseLatexClaim('\\frac{1}{2} + x = 1', ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as ParseError).message).toMatch(/random variable/);
      expect((e as ParseError).position).toBe(14);
    }
  });

  const deep = (n: number, open: string, close: string) => open.repeat(n) + 'x' + close.repeat(n);
  const TOKENS = [
    '\\frac', '\\sqrt', '\\left(', '\\right)', '\\left|', '\\right|', '\\bar', '\\alpha', '\\mathrm{KL}', '\\mathcal{N}', '\\mathbb{E}', '\\log', '\\exp', '\\cdot',
    '\\lVert', '\\rVert', '\\langle', '\\rangle', '\\|', '\\middle', '\\sim', '\\le', '\\ge', '\\', '\\{', '\\}', '{', '}', '^', '_', '(', ')', '[', ']', '|', ',', ';',
    'x', 'e', '2', '12', '0.5', '.', '+', '-', '/', '=', '<', ' ', '$', '€', '😀', '\u0000', '\\,', '\\mathrm{', 't-1',
  ];
  it('random token soups and deep nesting: a parse or bad input, never a crash, within 2 s', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
    const check = (text: string) => {
      const t0 = performance.now();
      try {
        parseLatex(text, { random: [parseRandom('x ~ N(0, 1)')] });
      } catch (e) {
        if (!isBadInput(e)) throw new Error(`not bad input on ${JSON.stringify(text.slice(0, 120))}: ${(e as Error).name}: ${(e as Error).message}`);
      }
      expect(performance.now() - t0).toBeLessThan(2000);
    };
    fc.assert(fc.property(fc.oneof(soup, fc.string({ maxLength: 40 }).map((s) => `\\${s}`)), (s) => check(s)), { seed: 15, numRuns: 3000 });
    for (const s of [
      deep(5000, '\\frac{', '}{1}'), deep(3000, '\\sqrt{', '}'), deep(3000, '\\left(', '\\right)'), deep(4000, '{', '}'), '-'.repeat(5000) + 'x',
      Array(3000).fill('x').join('^'), 'x'.repeat(9000), '\\alpha'.repeat(1600), '\\'.repeat(10_001), 'a+'.repeat(4000) + 'a',
      deep(3000, '\\bar{', '}'), deep(2000, '|', '|'), deep(3000, 'x_{', '}'),
    ]) check(s);
  });
});
