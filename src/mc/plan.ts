// From an expectation (integrand + bindings) to a backend-neutral plan: the
// random variables, the host values, and the integrand lowered to a small IR
// that the JS and WGSL emitters print.
//
// Everything that does not depend on a random variable (parameters, numbers,
// and every subexpression built only from them) is evaluated once per run on
// the host in float64 and handed to the kernel as a "slot" (a uniform on the
// GPU). The kernel computes only what varies from sample to sample, and the
// device never constant-folds something that overflows f32.
//
// A division by such a value becomes a multiplication by its reciprocal
// (computed on the host), which changes the result by at most an ulp.
//
// Edge-case policy (the same on both backends; tests/mc/codegen.test.ts):
//   x^n, n an integer literal: repeated multiplication (x^0 = 1, x^-n = 1/x^n);
//   x^(n/2): sqrt(x)^n;  e^x: exp(x);
//   any other x^y: exp(y·ln x) for x > 0; 0^y = 0 (y > 0), 1 (y = 0), +∞ (y < 0); x < 0: NaN;
//   sqrt(x < 0), log(x < 0), logit outside [0, 1]: NaN; log(0) = −∞;
//   min/max with a NaN argument: NaN.
// A non-finite integrand value is counted and left out of the mean.

import { mergeExps } from './merge-exps.js';
import type { Binding, DistNode, Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { fnOf } from '../expr/functions/index.js';
import { toNumber } from '../expr/rational.js';
import { BadInput } from '../errors.js';
import { familyNames, familyOf, standardNoise, type Family } from '../expr/families/index.js';
import { kindOfDraw } from '../expr/kinds.js';
import { symNode } from '../expr/node.js';
import { substitute } from '../expr/ast.js';

/**
 * A draw from a family without a kernel sampler (one a user registered) is
 * made from its standard noise: x ~ F(args) becomes x ~ N(0, 1) (or U(0, 1),
 * or N(0, 1, d)) and x in the integrand becomes the family's reparam value of
 * that noise. Same law, so the same expectation; families with a sampler are
 * left as written (their kernels draw them directly).
 */
function drawnThroughNoise(integrand: Node, random: readonly Binding[]): { integrand: Node; random: readonly Binding[] } {
  const map = new Map<string, Node>();
  const out = random.map((b) => {
    const f = b.dist?.op === 'dist' ? familyOf(b.dist.family) : undefined;
    if (!f || f.sampler || !f.arity.includes(b.dist.args.length)) return b;
    const dim = f.dimArg === undefined ? undefined : b.dist.args[f.dimArg];
    map.set(b.name, f.reparam.value(b.dist.args, symNode(b.name, dim ? 'vector' : 'scalar')));
    return { name: b.name, dist: standardNoise(f.reparam.noise, dim) };
  });
  return map.size === 0 ? { integrand, random } : { integrand: substitute(integrand, map), random: out };
}

/** The expectation cannot be compiled (a bad integrand or bad bindings). */
export class McError extends BadInput {
  constructor(message: string) {
    super(message);
    this.name = 'McError';
  }
}

/** Invalid distribution parameters or dimensions at the parameter values of a run. */
export class McParamError extends BadInput {
  constructor(message: string) {
    super(message);
    this.name = 'McParamError';
  }
}

export interface RandomVariable {
  readonly name: string;
  /** The family's name (for messages); the kernels read only its sampler. */
  readonly family: string;
  /** How the kernels draw it (the family's sampler): link(A + B·noise). */
  readonly sampler: NonNullable<Family['sampler']>;
  /** The argument that is a dimension (N(m, v, d): 2), when the draw is a vector. */
  readonly dimArg?: number;
  /** True for a vector draw (N(mean, variance, dim)). */
  readonly vector: boolean;
  /** The distribution as written (for messages). */
  readonly dist: DistNode;
}

/** Elementwise functions of the IR. */
/** A function of the table (src/expr/functions/). */
export type IrFn = string;
export type Reduction = 'sum' | 'norm2' | 'dot';

/**
 * The lowered integrand. `vec` marks nodes whose value depends on the
 * component index of the enclosing reduction.
 */
export type Ir =
  | { readonly t: 'lit'; readonly v: number }
  | { readonly t: 'slot'; readonly i: number }
  | { readonly t: 'param'; readonly i: number }
  | { readonly t: 'rv'; readonly rv: number }
  | { readonly t: 'rvk'; readonly rv: number }
  | { readonly t: 'add' | 'mul'; readonly args: readonly Ir[]; readonly vec: boolean }
  | { readonly t: 'neg'; readonly args: readonly [Ir]; readonly vec: boolean }
  | { readonly t: 'div'; readonly args: readonly [Ir, Ir]; readonly vec: boolean }
  | { readonly t: 'powi'; readonly args: readonly [Ir]; readonly n: number; readonly vec: boolean }
  | { readonly t: 'pow'; readonly args: readonly [Ir, Ir]; readonly vec: boolean }
  | { readonly t: 'fn'; readonly fn: IrFn; readonly args: readonly Ir[]; readonly vec: boolean }
  | { readonly t: 'reduce'; readonly op: Reduction; readonly args: readonly Ir[]; readonly rvs: readonly number[] };

export const isVec = (ir: Ir): boolean =>
  ir.t === 'rvk' || ('vec' in ir && ir.vec);

export interface Analysis {
  readonly rvs: readonly RandomVariable[];
  readonly paramNames: readonly string[];
  /** The integrand over rvs and slots. */
  readonly integrand: Ir;
  /**
   * Host values, each an IR over params only: first the raw arguments of each
   * random variable (N: mean, variance[, dim]; U: a, b; LogitNormal: m, s),
   * then the integrand's slots. `rvArgs[r]` gives the positions of rv r's.
   */
  readonly host: readonly Ir[];
  readonly rvArgs: readonly (readonly number[])[];
  /** Index in `host` of integrand slot 0. */
  readonly slotBase: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function show(node: Node): string {
  switch (node.op) {
    case 'num':
      return node.d === 1n ? `${node.n}` : `${node.n}/${node.d}`;
    case 'const':
    case 'sym':
      return node.name;
    case 'call':
      return `${node.fn}(…)`;
    case 'dist':
      return `${node.family}(…)`;
    default:
      return node.op;
  }
}

/**
 * Checks the bindings and the integrand and lowers them. Throws McError with
 * a message that names the offending part.
 */
export function analyze(written: Node, writtenRandom: readonly Binding[], paramNames: readonly string[]): Analysis {
  const { integrand, random } = drawnThroughNoise(written, writtenRandom);
  const params = new Map<string, number>();
  paramNames.forEach((p, i) => {
    if (!NAME.test(p)) throw new McError(`not a parameter name: ${JSON.stringify(p)}`);
    if (params.has(p)) throw new McError(`parameter ${p} is listed twice`);
    params.set(p, i);
  });
  if (random.length === 0) throw new McError('an expectation needs at least one random variable');

  const rvIndex = new Map<string, number>();
  const rvs: RandomVariable[] = [];
  for (const b of random) {
    if (!NAME.test(b.name)) throw new McError(`not a random variable name: ${JSON.stringify(b.name)}`);
    if (rvIndex.has(b.name)) throw new McError(`random variable ${b.name} is bound twice`);
    if (params.has(b.name)) throw new McError(`${b.name} is both a parameter and a random variable`);
    const d = b.dist;
    if (!d || d.op !== 'dist') throw new McError(`${b.name} must be bound to a distribution`);
    const f = familyOf(d.family);
    if (!f?.sampler) throw new McError(`${b.name} ~ ${d.family}(…): Monte Carlo draws only from the registered families (${familyNames().join(', ')})`);
    if (!f.arity.includes(d.args.length)) {
      throw new McError(`${b.name} ~ ${d.family}(…) takes ${f.arity.join(' or ')} arguments, not ${d.args.length}`);
    }
    for (const a of d.args) {
      if (a.kind !== 'scalar') throw new McError(`${b.name} ~ ${d.family}(…): parameters must be scalars, not ${a.kind}s`);
      for (const s of freeSymbols(a)) {
        if (rvIndex.has(s) || random.some((x) => x.name === s)) {
          throw new McError(
            `${b.name} ~ ${d.family}(…) depends on the random variable ${s}: distribution parameters may depend only on parameters (reparameterize, e.g. x = m + sqrt(v)·eps)`,
          );
        }
        if (!params.has(s)) throw new McError(`${b.name} ~ ${d.family}(…) uses ${s}, which is not a parameter`);
      }
    }
    rvIndex.set(b.name, rvs.length);
    rvs.push({ name: b.name, family: d.family, sampler: f.sampler, dimArg: f.dimArg, vector: kindOfDraw(d.family, d.args.length) === 'vector', dist: d });
  }

  const host: Ir[] = [];
  const rvArgs: number[][] = [];
  for (const rv of rvs) {
    rvArgs.push(rv.dist.args.map((a) => {
      host.push(lowerHost(a, params));
      return host.length - 1;
    }));
  }
  const slotBase = host.length;

  if (integrand.kind !== 'scalar') {
    throw new McError(`the integrand must be a scalar, not a ${integrand.kind} (reduce a vector with sum, dot or norm2)`);
  }

  const rvDep = new Map<Node, boolean>();
  const dependsOnRv = (n: Node): boolean => {
    let v = rvDep.get(n);
    if (v === undefined) {
      v = [...freeSymbols(n)].some((s) => rvIndex.has(s));
      rvDep.set(n, v);
    }
    return v;
  };

  const slot = (n: Node): Ir => {
    if (n.op === 'num') {
      const v = toNumber(n);
      // An f32-exact number in the normal range prints as a literal; anything
      // else (0.1, 1e-50, 1e40) travels as a float64 host value.
      if (v === 0 || (Math.fround(v) === v && Math.abs(v) >= 1e-30 && Math.abs(v) <= 1e30)) return { t: 'lit', v };
    }
    host.push(lowerHost(n, params));
    return { t: 'slot', i: host.length - 1 - slotBase };
  };

  // Lower a node in scalar context (comp = false) or as the component of a
  // vector inside a reduction (comp = true).
  const lower = (n: Node, comp: boolean): Ir => {
    if (n.kind === 'vector' && !comp) {
      throw new McError('a vector expression must be reduced to a scalar by sum, dot or norm2');
    }
    if (n.kind === 'scalar' && !dependsOnRv(n)) {
      checkHostable(n, params, rvIndex);
      return slot(n);
    }
    switch (n.op) {
      case 'sym': {
        const r = rvIndex.get(n.name);
        if (r === undefined) throw new McError(`vector parameters are not supported: ${n.name} is not a random variable`);
        const rv = rvs[r];
        if (rv.vector !== (n.kind === 'vector')) {
          throw new McError(rv.vector
            ? `${n.name} is a vector random variable (N with a dimension) but is used as a scalar`
            : `${n.name} is a scalar random variable but is used as a vector`);
        }
        return rv.vector ? { t: 'rvk', rv: r } : { t: 'rv', rv: r };
      }
      case 'add':
      case 'mul': {
        const args = n.args.map((a) => lower(a, comp));
        if (args.length === 1) return args[0];
        return { t: n.op, args, vec: args.some(isVec) };
      }
      case 'neg': {
        const a = lower(n.args[0], comp);
        return { t: 'neg', args: [a], vec: isVec(a) };
      }
      case 'div': {
        const a = lower(n.args[0], comp);
        const den = n.args[1];
        if (den.kind === 'scalar' && !dependsOnRv(den)) {
          // a / c with c fixed for the run: a · (1/c), the reciprocal in
          // float64 on the host (a division costs 5–10 multiplies on the device).
          checkHostable(den, params, rvIndex);
          host.push({ t: 'div', args: [{ t: 'lit', v: 1 }, lowerHost(den, params)], vec: false });
          const r: Ir = { t: 'slot', i: host.length - 1 - slotBase };
          return { t: 'mul', args: [a, r], vec: isVec(a) };
        }
        const b = lower(den, comp);
        return { t: 'div', args: [a, b], vec: isVec(a) || isVec(b) };
      }
      case 'pow':
        return lowerPow(n.args[0], n.args[1], comp);
      case 'call':
        return lowerCall(n, comp);
      case 'num':
      case 'const':
        return slot(n);
      case 'dist':
        throw new McError('a distribution cannot appear inside an integrand (bind it to a random variable)');
      case 'E':
        throw new McError('nested expectations are not supported: estimate the inner E[…] separately');
      case 'rel':
        throw new McError('a relation (=, <=, >=) cannot be an integrand');
    }
    throw new McError(`cannot compile ${show(n)} into a Monte Carlo kernel`);
  };

  const lowerPow = (base: Node, exponent: Node, comp: boolean): Ir => {
    if (exponent.kind !== 'scalar') throw new McError('an exponent must be a scalar');
    if (exponent.op === 'num' && (exponent.d === 1n || exponent.d === 2n) && exponent.n >= -1024n && exponent.n <= 1024n) {
      const a = lower(base, comp);
      const root: Ir = exponent.d === 2n ? { t: 'fn', fn: 'sqrt', args: [a], vec: isVec(a) } : a;
      return { t: 'powi', args: [root], n: Number(exponent.n), vec: isVec(a) };
    }
    if (base.op === 'const' && base.name === 'e') {
      const b = lower(exponent, comp);
      return { t: 'fn', fn: 'exp', args: [b], vec: isVec(b) };
    }
    const a = lower(base, comp);
    const b = lower(exponent, comp);
    return { t: 'pow', args: [a, b], vec: isVec(a) || isVec(b) };
  };

  const lowerCall = (n: Extract<Node, { op: 'call' }>, comp: boolean): Ir => {
    const fn = n.fn;
    if (fn === 'KL' || fn === 'logpdf') {
      throw new McError(`${fn}(…) is an inert head: rewrite it in closed form (a named step) before estimating by Monte Carlo`);
    }
    if (fn === 'dot' || fn === 'norm2' || fn === 'sum') {
      const want = fn === 'dot' ? 2 : 1;
      if (n.args.length !== want) throw new McError(`${fn} takes ${want} argument${want === 1 ? '' : 's'}`);
      for (const a of n.args) {
        if (a.kind !== 'vector') throw new McError(`${fn} takes vectors, not a ${a.kind}`);
      }
      const args = n.args.map((a) => lower(a, true));
      // Vector random variables inside a nested reduction do not set this
      // reduction's length; the emitter checks the rest at specialization.
      return { t: 'reduce', op: fn, args, rvs: [...directVectorRvs(args)] };
    }
    const f = fnOf(fn);
    if (f?.arity === 1) {
      if (n.args.length !== 1) throw new McError(`${fn} takes 1 argument, not ${n.args.length}`);
      const a = lower(n.args[0], comp);
      return { t: 'fn', fn, args: [a], vec: isVec(a) };
    }
    if (f?.arity === 2) {
      if (n.args.length !== 2) throw new McError(`${fn} takes 2 arguments, not ${n.args.length}`);
      const args = n.args.map((a) => lower(a, comp));
      return { t: 'fn', fn, args, vec: args.some(isVec) };
    }
    throw new McError(`unknown function ${fn}`);
  };

  const ir = mergeExps(lower(integrand, false));
  return { rvs, paramNames: [...paramNames], integrand: ir, host, rvArgs, slotBase };
}

/** The vector random variables that appear componentwise in args (not inside nested reductions). */
function directVectorRvs(args: readonly Ir[]): Set<number> {
  const out = new Set<number>();
  const walk = (ir: Ir): void => {
    if (ir.t === 'rvk') out.add(ir.rv);
    else if (ir.t !== 'reduce' && 'args' in ir) ir.args.forEach(walk);
  };
  args.forEach(walk);
  return out;
}

function checkHostable(n: Node, params: ReadonlyMap<string, number>, rvIndex: ReadonlyMap<string, number>): void {
  for (const s of freeSymbols(n)) {
    if (!params.has(s) && !rvIndex.has(s)) throw new McError(`unknown symbol ${s}: neither a parameter nor a random variable`);
  }
}

/** Lowers an expression of parameters only (evaluated on the host in float64). */
export function lowerHost(n: Node, params: ReadonlyMap<string, number>): Ir {
  const go = (m: Node): Ir => {
    switch (m.op) {
      case 'num':
        return { t: 'lit', v: toNumber(m) };
      case 'const':
        return { t: 'lit', v: m.name === 'pi' ? Math.PI : Math.E };
      case 'sym': {
        const i = params.get(m.name);
        if (i === undefined) throw new McError(`unknown symbol ${m.name}: neither a parameter nor a random variable`);
        if (m.kind !== 'scalar') throw new McError(`vector parameters are not supported: ${m.name}`);
        return { t: 'param', i };
      }
      case 'add':
      case 'mul':
        return { t: m.op, args: m.args.map(go), vec: false };
      case 'neg':
        return { t: 'neg', args: [go(m.args[0])], vec: false };
      case 'div':
        return { t: 'div', args: [go(m.args[0]), go(m.args[1])], vec: false };
      case 'pow': {
        const [b, x] = m.args;
        if (x.op === 'num' && x.d === 1n && x.n >= -1024n && x.n <= 1024n) return { t: 'powi', args: [go(b)], n: Number(x.n), vec: false };
        if (x.op === 'num' && x.d === 2n && x.n >= -1024n && x.n <= 1024n) {
          return { t: 'powi', args: [{ t: 'fn', fn: 'sqrt', args: [go(b)], vec: false }], n: Number(x.n), vec: false };
        }
        if (b.op === 'const' && b.name === 'e') return { t: 'fn', fn: 'exp', args: [go(x)], vec: false };
        return { t: 'pow', args: [go(b), go(x)], vec: false };
      }
      case 'call': {
        if (fnOf(m.fn)?.arity === m.args.length) {
          return { t: 'fn', fn: m.fn, args: m.args.map(go), vec: false };
        }
        if (m.fn === 'KL' || m.fn === 'logpdf') {
          throw new McError(`${m.fn}(…) is an inert head: rewrite it in closed form (a named step) before estimating by Monte Carlo`);
        }
        throw new McError(`${m.fn}(…) of parameters is not a scalar function the Monte Carlo engine knows`);
      }
      case 'E':
        throw new McError('nested expectations are not supported: estimate the inner E[…] separately');
      case 'dist':
        throw new McError('a distribution cannot appear inside an integrand (bind it to a random variable)');
      default:
        throw new McError(`cannot evaluate ${show(m)} as a parameter expression`);
    }
  };
  return go(n);
}
