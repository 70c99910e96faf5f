// The function table (src/expr/functions/): every function has every facet,
// and the facets agree with each other — the float value lies in the
// interval enclosure, the error bound covers a perturbation, the derivative
// matches central differences, the JS kernel's code and the multiprecision
// enclosure agree with the float value, exact values are the float values,
// the printers' output parses back to the same node, and the normal form
// tells f(x) from f(y). A new function file is held to all of it.
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../src/expr/functions/index.js';
import type { ElementaryFunction } from '../../../src/expr/functions/_function.js';
import * as IV from '../../../src/algebra/iv.js';
import { iv, type Iv } from '../../../src/algebra/iv.js';
import { add, apply, num, sym } from '../../../src/expr/build.js';
import { derivative } from '../../../src/expr/derivative.js';
import { parse } from '../../../src/expr/parse.js';
import { toMathjs } from '../../../src/expr/print-mathjs.js';
import { toLatex } from '../../../src/expr/print-latex.js';
import { evalFloat } from '../../../src/algebra/eval-float.js';
import { evalWithBound } from '../../../src/algebra/eval-bound.js';
import { evalExact } from '../../../src/algebra/eval-exact.js';
import { intervalIn } from '../../../src/algebra/interval.js';
import { mpEval } from '../../../src/algebra/mp.js';
import { decide } from '../../../src/algebra/decide.js';
import { jsKernelFunction, JS_FN_HELPERS } from '../../../src/mc/js.js';
import { exactOf } from '../../../src/algebra/round.js';
import type { Node, Scalar } from '../../../src/expr/ast.js';

const ALL = [...FUNCTIONS.values()];
const NAMES = ALL.map((f) => f.name);

/** A deterministic stream of doubles in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Candidate arguments over many scales; each test keeps those where the function is finite. */
function candidates(seed: number, n: number): number[] {
  const r = lcg(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 4;
    const u = r();
    out.push(k === 0 ? 6 * u - 3 : k === 1 ? u : k === 2 ? 40 * u - 20 : (r() < 0.5 ? -1 : 1) * 10 ** (8 * u - 6));
  }
  return out;
}

const X = sym('x');
const Y = sym('y');
const callOf = (f: ElementaryFunction): Node => (f.arity === 1 ? apply(f.name, X) : apply(f.name, X, Y));
const argsAt = (f: ElementaryFunction, x: number, y: number): number[] => (f.arity === 1 ? [x] : [x, y]);

/**
 * v in the enclosure, ends included: an open end (tanh < 1) is a fact about
 * the real value, which a rounded float value may reach (tanh(40) = 1).
 */
const inIv = (v: number, e: Iv): boolean => v >= e.lo && v <= e.hi;

describe('the function table', () => {
  it('holds the elementary functions of the language, softplus and probit among them', () => {
    for (const n of ['sqrt', 'exp', 'log', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sech', 'sigmoid', 'logit', 'min', 'max']) expect(NAMES).toContain(n);
  });

  it.each(NAMES)('%s has every facet', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    expect([1, 2]).toContain(f.arity);
    expect(f.doc.length).toBeGreaterThan(3);
    for (const k of ['float', 'exact', 'bound', 'interval', 'normal', 'latex', 'mathjs'] as const) expect(typeof f[k], k).toBe('function');
    // Declared, possibly as null (no multiprecision enclosure; not differentiated here).
    expect('mp' in f && (f.mp === null || typeof f.mp === 'function')).toBe(true);
    expect('derivative' in f && (f.derivative === null || typeof f.derivative === 'function')).toBe(true);
    expect(typeof f.js.call).toBe('function');
    expect(f.wgsl.name).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect('emit' in f.wasm ? typeof f.wasm.emit : typeof f.wasm.import).toMatch(/^(function|string)$/);
  });

  it.each(NAMES)('%s: its WGSL function is a builtin or declared by a helper', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const helpers = ALL.map((g) => g.wgsl.helpers ?? '').join('');
    const KERNEL_HELPERS = ['g_sqrt', 'g_log'];
    const BUILTINS = ['exp', 'log', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sqrt', 'min', 'max'];
    const declared = helpers.includes(`fn ${f.wgsl.name}(`) || KERNEL_HELPERS.includes(f.wgsl.name) || BUILTINS.includes(f.wgsl.name);
    expect(declared).toBe(true);
  });

  it.each(NAMES)('%s: a wasm import is Math.* or a $helper of its own that uses only Math', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    if ('emit' in f.wasm) return;
    const imp = f.wasm.import;
    if (imp.startsWith('Math.')) return expect(typeof (Math as unknown as Record<string, unknown>)[imp.slice(5)]).toBe('function');
    expect(f.js.helpers ?? '').toContain(`function ${imp}(`);
    // The wasm runtime has no $exp / $log: the helper must not call them.
    expect(f.js.helpers ?? '').not.toMatch(/\$(exp|log|sig|pow)\(/);
  });
});

describe('facets agree with the float value', () => {
  it.each(NAMES)('%s: float lies in the interval enclosure of every point and of boxes around it', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const r = lcg(7);
    let checked = 0;
    for (const x of candidates(11, 400)) {
      const y = candidates(13, 1)[0] * r();
      const v = f.float(argsAt(f, x, y));
      if (!Number.isFinite(v)) continue;
      const pt = f.interval(argsAt(f, x, y).map((a) => iv(a, a)), IV);
      if (!inIv(v, pt)) expect.fail(`${name}(${x}${f.arity === 2 ? `, ${y}` : ''}) = ${v} outside [${pt.lo}, ${pt.hi}]`);
      // A box [x − w, x + w] and points inside it.
      const w = Math.abs(x) * r() * 0.1 + 1e-9;
      const box = f.interval(argsAt(f, x - w, y - w).map((lo, i) => iv(lo, [x + w, y + w][i])), IV);
      for (let j = 0; j < 4; j++) {
        const t = x - w + 2 * w * r();
        const vt = f.float(argsAt(f, t, y));
        if (Number.isFinite(vt) && !inIv(vt, box)) expect.fail(`${name}(${t}) = ${vt} outside the box enclosure [${box.lo}, ${box.hi}]`);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it.each(NAMES)('%s: the error bound covers a perturbation of the argument', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const r = lcg(5);
    let checked = 0;
    for (const x of candidates(17, 300)) {
      const y = 2 * r() - 1;
      // The perturbation as the doubles have it: (x + d) − x is exact.
      const d = x + Math.abs(x) * 1e-9 * r() - x;
      const v = f.float(argsAt(f, x, y));
      const moved = f.float(argsAt(f, x + d, y));
      if (!Number.isFinite(v) || !Number.isFinite(moved)) continue;
      const b = f.bound(v, argsAt(f, x, y).map((value, i) => ({ value, bound: i === 0 ? d : 0 })));
      // |f(x + d) − f(x)| ≤ bound(x ± d) + the rounding of the second evaluation.
      if (!(Math.abs(moved - v) <= b + 8 * 2 ** -53 * Math.abs(moved))) expect.fail(`${name}: |f(${x} + ${d}) − f(${x})| = ${Math.abs(moved - v)} > bound ${b}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it.each(NAMES.filter((n) => FUNCTIONS.get(n)?.derivative))('%s: derivative agrees with central differences', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const dNode = derivative(apply(name, X), 'x');
    let checked = 0;
    for (const x of candidates(23, 300)) {
      if (Math.abs(x) > 20 || Math.abs(x) < 1e-3) continue;
      const d = evalFloat(dNode, { x });
      if (!Number.isFinite(d) || Math.abs(d) > 1e6) continue;
      // Richardson's extrapolation of two central differences: error O(h⁴).
      const h = 1e-4 * Math.max(1e-2, Math.abs(x));
      const cd = (step: number): number => (f.float([x + step]) - f.float([x - step])) / (2 * step);
      const r = (4 * cd(h / 2) - cd(h)) / 3;
      const r2 = (4 * cd(h / 4) - cd(h / 2)) / 3;
      // Skip where a kink or a pole lies within h (abs at 0, tan at π/2 + kπ): the two extrapolations disagree.
      if (!Number.isFinite(r) || Math.abs(r - r2) > 1e-7 * Math.max(1, Math.abs(r))) continue;
      expect(Math.abs(r - d), `${name}'(${x}): differences ${r}, rule ${d}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(d)));
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it.each(NAMES)('%s: the JS kernel computes the float value (to 1e-13)', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const k = jsKernelFunction(name);
    let checked = 0;
    for (const x of candidates(29, 400)) {
      const args = argsAt(f, x, x / 3 - 0.5);
      const want = f.float(args);
      const got = k(...args);
      if (!Number.isFinite(want)) {
        // Non-finite where and as the float value is (NaN for NaN, ±∞ for ±∞) — except tan near its poles.
        if (name !== 'tan') expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `${name}(${args})`).toBe(true);
        continue;
      }
      expect(Math.abs(got - want), `${name}(${args}): kernel ${got}, float ${want}`).toBeLessThanOrEqual(1e-13 * Math.max(1e-300, Math.abs(want)) + 1e-300);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it.each(NAMES.filter((n) => FUNCTIONS.get(n)?.mp))('%s: the multiprecision enclosure holds the float value (to 1e-14)', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    let checked = 0;
    for (const x of candidates(31, 120)) {
      const args = argsAt(f, x, 0.25);
      const v = f.float(args);
      if (!Number.isFinite(v) || Math.abs(x) > 30) continue;
      const e = mpEval(callOf(f), { x: exactOf(x), y: exactOf(0.25) });
      if (!e) continue;
      const lo = e.lo.toNumber();
      const hi = e.hi.toNumber();
      const tol = 1e-14 * Math.abs(v) + 1e-300;
      expect(lo - tol <= v && v <= hi + tol, `${name}(${x}) = ${v}, mp [${lo}, ${hi}]`).toBe(true);
      expect(hi - lo).toBeLessThanOrEqual(1e-40 * Math.max(1, Math.abs(v)));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it.each(NAMES)('%s: exact values are the float values', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    for (const [n, d] of [[0n, 1n], [1n, 2n], [1n, 1n], [9n, 4n], [-3n, 2n], [1n, 3n]] as const) {
      const env = { x: { n, d }, y: { n: 1n, d: 5n } };
      const r = evalExact(callOf(f), env);
      if (!r) continue;
      const v = evalFloat(callOf(f), { x: Number(n) / Number(d), y: 0.2 });
      expect(Math.abs(Number(r.n) / Number(r.d) - v)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(v)));
    }
  });

  it.each(NAMES)('%s: the tree evaluators dispatch to it (float, bound, interval)', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const node = callOf(f);
    const x = f.name === 'logit' || f.name === 'probit' ? 0.3 : 0.7;
    const v = evalFloat(node, { x, y: 0.4 });
    expect(v).toBe(f.float(argsAt(f, x, 0.4)));
    expect(evalWithBound(node, { x, y: 0.4 }).value).toBe(v);
    expect(inIv(v, intervalIn(node, new Map([['x', iv(x, x)], ['y', iv(0.4, 0.4)]])))).toBe(true);
  });
});

describe('printing round-trips through the parser', () => {
  it.each(NAMES)('%s: mathjs printing parses back to the same node', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    for (const args of f.arity === 1 ? [[X], [num(-2)], [apply('exp', Y)]] : [[X, Y], [num(-2), apply('exp', Y)]]) {
      const node = apply(name, ...(args as [Node & { kind: 'scalar' }]));
      expect(parse(toMathjs(node))).toEqual(node);
      expect(parse(f.mathjs(args.map((a) => toMathjs(a))))).toEqual(node);
    }
  });

  it.each(NAMES)('%s: LaTeX printing shows the argument once, braces balanced', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const tex = toLatex(f.arity === 1 ? apply(name, sym('Q')) : apply(name, sym('Q'), sym('R')));
    expect(tex).toBe(f.latex(f.arity === 1 ? ['Q'] : ['Q', 'R']));
    expect(tex.split('Q').length - 1).toBe(1);
    let depth = 0;
    for (const c of tex) {
      depth += c === '{' ? 1 : c === '}' ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });
});

describe('the normal form', () => {
  it.each(NAMES)('%s: f(x) = f(x) is proved, f(x) = f(x) + 1/1000 is refuted', (name) => {
    const f = FUNCTIONS.get(name) as ElementaryFunction;
    const node = callOf(f);
    const unit = new Map([['x', { lo: { n: 1n, d: 10n }, hi: { n: 9n, d: 10n }, loOpen: true, hiOpen: true }], ['y', { lo: { n: 1n, d: 10n }, hi: { n: 9n, d: 10n }, loOpen: true, hiOpen: true }]]);
    expect(decide(node, '=', node, unit).verdict).toBe('proved');
    expect(decide(node, '=', add(node as Scalar, num('1/1000')), unit).verdict).toBe('refuted');
  });
});

describe('kernel helpers', () => {
  it('declare each $helper once', () => {
    const names = [...JS_FN_HELPERS.matchAll(/function (\$\w+)\(/g)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
  });
});
