// The compiled integrand computes the expression it was given: every
// supported operation, on both backends, against an independent float64
// interpreter of the AST fed with the reference draws of the layout.
import { describe, expect, it } from 'vitest';
import { layoutOf, referenceDraws, sampleValues } from '../../src/mc/index.js';
import type { Binding, Node } from '../../src/expr/ast.js';
import { toNumber } from '../../src/expr/rational.js';
import {
  abs, add, cos, div, dot, draw, e, exp, log, logit, logitNormal, max, min, mul, neg, norm2, normal, num, pi, pow, rat, sech,
  sigmoid, sin, sqrt, sub, sum, sym, tan, tanh, uniform, vec,
} from '../../src/expr/build.js';
import { BACKENDS, describeWebgpu } from './webgpu-gate.js';
import { shaderWarnings } from '../../src/mc/gpu.js';

type Val = number | number[];

/** The edge-case policy of src/mc/plan.ts, written independently. */
function evaluate(n: Node, env: Record<string, Val>): Val {
  const map = (f: (...xs: number[]) => number, ...xs: Val[]): Val => {
    const len = xs.find(Array.isArray)?.length;
    if (len === undefined) return f(...(xs as number[]));
    return Array.from({ length: len }, (_, k) => f(...xs.map((x) => (Array.isArray(x) ? x[k] : x))));
  };
  const vecOf = (x: Val): number[] => x as number[];
  switch (n.op) {
    case 'num':
      return toNumber(n);
    case 'const':
      return n.name === 'pi' ? Math.PI : Math.E;
    case 'sym':
      return env[n.name];
    case 'add':
      return n.args.map((a) => evaluate(a, env)).reduce((p, q) => map((s, t) => s + t, p, q));
    case 'mul':
      return n.args.map((a) => evaluate(a, env)).reduce((p, q) => map((s, t) => s * t, p, q));
    case 'neg':
      return map((s) => -s, evaluate(n.args[0], env));
    case 'div':
      return map((s, t) => s / t, evaluate(n.args[0], env), evaluate(n.args[1], env));
    case 'pow': {
      const [b, x] = n.args;
      if (x.op === 'num' && (x.d === 1n || x.d === 2n)) {
        const k = Number(x.n);
        return map((s) => (x.d === 2n ? Math.sqrt(s) : s) ** k, evaluate(b, env));
      }
      return map((s, t) => (s > 0 ? s ** t : s === 0 ? (t > 0 ? 0 : t === 0 ? 1 : Infinity) : NaN), evaluate(b, env), evaluate(x, env));
    }
    case 'call': {
      const args = n.args.map((a) => evaluate(a, env));
      const f: Record<string, (...xs: number[]) => number> = {
        sqrt: Math.sqrt, exp: Math.exp, log: Math.log, abs: Math.abs, sin: Math.sin, cos: Math.cos, tan: Math.tan, tanh: Math.tanh,
        sech: (s) => 1 / Math.cosh(s), sigmoid: (s) => 1 / (1 + Math.exp(-s)), logit: (s) => Math.log(s / (1 - s)),
        min: Math.min, max: Math.max,
      };
      if (n.fn === 'dot') return vecOf(args[0]).reduce((s, a, k) => s + a * vecOf(args[1])[k], 0);
      if (n.fn === 'norm2') return vecOf(args[0]).reduce((s, a) => s + a * a, 0);
      if (n.fn === 'sum') return vecOf(args[0]).reduce((s, a) => s + a, 0);
      return map(f[n.fn], ...args);
    }
    default:
      throw new Error(`cannot evaluate ${n.op}`);
  }
}

/** The random variables of sample i, from referenceDraws (the layout's definition). */
function drawsOf(random: readonly Binding[], params: Record<string, number>, seed: number, i: number): Record<string, Val> {
  const p = (k: Node): number => evaluate(k, params) as number;
  let g = 0;
  let u = 0;
  const slots = random.map((b) => {
    const d = b.dist;
    if (d.family === 'U') return { u: u++ };
    const dim = d.args.length === 3 ? p(d.args[2]) : 1;
    const o = g;
    g += dim;
    return { g: o, dim };
  });
  const draws = referenceDraws(layoutOf(g, u), seed, 0, i);
  const env: Record<string, Val> = { ...params };
  random.forEach((b, r) => {
    const d = b.dist;
    const s = slots[r] as { g?: number; dim?: number; u?: number };
    const [a1, a2] = [p(d.args[0]), p(d.args[1])];
    if (d.family === 'U') env[b.name] = a1 + (a2 - a1) * draws.uniforms[s.u as number];
    else if (d.family === 'LogitNormal') env[b.name] = 1 / (1 + Math.exp(-(a1 + a2 * draws.gaussians[s.g as number])));
    else if (d.args.length === 3) env[b.name] = draws.gaussians.slice(s.g, (s.g as number) + (s.dim as number)).map((z) => a1 + Math.sqrt(a2) * z);
    else env[b.name] = a1 + Math.sqrt(a2) * draws.gaussians[s.g as number];
  });
  return env;
}

const x = sym('x');
const y = sym('y');
const t = sym('t');
const a = sym('a');
const v = vec('v');
const w = vec('w');

const CASES: Array<{ name: string; f: Node; random: Binding[]; params?: Record<string, number> }> = [
  { name: 'integer powers x³ − 2x⁻² + x⁰ + x¹', f: add(pow(x, 3), mul(-2, pow(x, -2)), pow(x, 0), pow(x, 1)), random: [draw('x', normal(2, 0.01))] },
  { name: 'half-integer powers x^(1/2) + x^(3/2) − x^(−1/2)', f: sub(add(pow(x, rat(1, 2)), pow(x, rat(3, 2))), pow(x, rat(-1, 2))), random: [draw('x', uniform(0.5, 2))] },
  { name: 'general powers x^y, x^a, 2^y, e^y', f: add(pow(x, y), pow(x, a), pow(2, y), pow(e, y)), random: [draw('x', uniform(0.5, 2)), draw('y', normal(0, 1))], params: { a: 0.37 } },
  { name: 'exp, log, sqrt, abs', f: add(exp(x), log(abs(x)), sqrt(abs(x)), abs(neg(x))), random: [draw('x', normal(0, 1))] },
  { name: 'sin, cos, tan, tanh, sech', f: add(sin(x), cos(mul(2, x)), tan(mul(0.3, x)), tanh(mul(3, x)), sech(x)), random: [draw('x', normal(0, 1))] },
  { name: 'sigmoid and logit of a uniform', f: add(sigmoid(mul(4, sub(t, 0.5))), logit(t)), random: [draw('t', uniform(0, 1))] },
  { name: 'min, max, pi, e', f: add(min(x, y), max(x, mul(pi, y)), e), random: [draw('x', normal(0, 1)), draw('y', normal(0, 1))] },
  { name: 'parameters and their functions (float64 host values)', f: add(mul(a, x), sqrt(a), div(x, sub(1, a))), random: [draw('x', normal(a, a))], params: { a: 0.3 } },
  { name: 'numbers that f32 cannot hold are host values (1e-50, 3e40/1e40, 0.1)', f: add(mul(num('1e-50'), x), mul(div(num('3e40'), num('1e40')), x), mul(num('0.1'), x)), random: [draw('x', normal(0, 1))] },
  { name: 'logit-normal draws', f: mul(t, sub(1, t)), random: [draw('t', logitNormal(0.5, 1.5))] },
  {
    name: 'vectors: dot, norm2, sum, elementwise ops with scalar broadcast',
    f: add(dot(v, w), norm2(sub(v, mul(2, w))), sum(div(exp(v), add(1, pow(w, 2)))), mul(x, sum(w))),
    random: [draw('v', normal(0.1, 1, 4)), draw('x', normal(0, 1)), draw('w', normal(-0.2, 0.5, 4))],
  },
  { name: 'a reduction inside a vector expression (hoisted)', f: add(sum(mul(v, sum(w))), norm2(mul(v, norm2(w)))), random: [draw('v', normal(0, 1, 3)), draw('w', normal(0, 1, 3))] },
  { name: 'a vector dimension given by a parameter', f: norm2(sub(v, a)), random: [draw('v', normal(a, 2, sym('d')))], params: { a: 1, d: 6 } },
];

const COUNT = 64;

describe('the compiled integrand equals a float64 interpretation of the expression', () => {
  for (const c of CASES) {
    for (const backend of BACKENDS) {
      it(`${c.name} (${backend})`, async () => {
        const params = c.params ?? {};
        const got = await sampleValues(c.f, c.random, params, { first: 0, count: COUNT, seed: 4242, backend });
        for (let i = 0; i < COUNT; i++) {
          const want = evaluate(c.f, drawsOf(c.random, params, 4242, i)) as number;
          const tol = backend === 'cpu' ? 1e-12 * Math.max(1, Math.abs(want)) : 2e-4 * Math.max(1, Math.abs(want));
          if (!(Math.abs(got[i] - want) <= tol)) throw new Error(`sample ${i}: got ${got[i]}, want ${want}`);
        }
      });
    }
  }
});

describeWebgpu('the generated WGSL', () => {
  // Runs after the tests above (a file's tests run in order): every shader
  // they compiled, in every shape. dawn.node prints warnings to stdout.
  it('compiled without a warning', () => {
    expect(shaderWarnings()).toEqual([]);
  });
});
