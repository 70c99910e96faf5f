// A plan made concrete at one parameter point: the dimensions of the vector
// random variables are fixed (a kernel is specialized on them), the
// distribution parameters are checked, and the values the kernel reads
// ("device slots") are computed in float64.
//
// Device slots: two per random variable, in binding order — (A, B) of the
// family's sampler, y = link(A + B·noise) (src/expr/families/: N: (mean,
// standard deviation = sqrt(variance)), U: (a, b − a), LogitNormal: (m, s)) —
// then the integrand's host values.

import type { Analysis } from './plan.js';
import { McParamError } from './plan.js';
import { layoutOf, type Layout } from './layout.js';
import { familyOf } from '../expr/families/index.js';

/** Largest dimension of a vector random variable (kernels keep a sample's vectors in registers or private memory). */
export const MAX_DIM = 4096;

export interface Spec {
  readonly analysis: Analysis;
  /** Per random variable: its dimension (1 for scalars). */
  readonly dims: readonly number[];
  /** Per random variable: its first standard Gaussian (−1 for U). */
  readonly gaussOffset: readonly number[];
  /** Per random variable: its standard uniform (−1 unless U). */
  readonly unifOffset: readonly number[];
  readonly layout: Layout;
  /** Identifies the kernel: the same for every parameter point with these dimensions. */
  readonly key: string;
}

const fmt = (x: number): string => (Number.isNaN(x) ? 'NaN' : String(x));

/** Reads and checks the dimensions of the vector random variables. */
export function dimsOf(a: Analysis, host: Float64Array): number[] {
  return a.rvs.map((rv, r) => {
    if (!rv.vector) return 1;
    const d = host[a.rvArgs[r][rv.dimArg!]];
    const what = `${rv.name} ~ ${rv.family}(${familyOf(rv.family)?.params.join(', ')})`;
    if (!Number.isInteger(d) || d < 1) {
      throw new McParamError(`${what}: dim must be a positive integer, got ${fmt(d)}`);
    }
    if (d > MAX_DIM) throw new McParamError(`${what}: dim ${d} exceeds the supported ${MAX_DIM}`);
    return d;
  });
}

export function specialize(a: Analysis, dims: readonly number[]): Spec {
  const gaussOffset: number[] = [];
  const unifOffset: number[] = [];
  let g = 0;
  let u = 0;
  a.rvs.forEach((rv, r) => {
    if (rv.sampler.noise === 'uniform') {
      gaussOffset.push(-1);
      unifOffset.push(u++);
    } else {
      gaussOffset.push(g);
      unifOffset.push(-1);
      g += dims[r];
    }
  });
  checkReductions(a, dims);
  return { analysis: a, dims, gaussOffset, unifOffset, layout: layoutOf(g, u), key: dims.join(',') };
}

function checkReductions(a: Analysis, dims: readonly number[]): void {
  const walk = (ir: Analysis['integrand']): void => {
    if (ir.t === 'reduce') {
      const ds = ir.rvs.map((r) => dims[r]);
      if (ds.some((d) => d !== ds[0])) {
        const what = ir.rvs.map((r) => `${a.rvs[r].name} (${dims[r]})`).join(', ');
        throw new McParamError(`${ir.op}(…) combines vectors of different dimensions: ${what}`);
      }
    }
    if ('args' in ir) ir.args.forEach(walk);
  };
  walk(a.integrand);
}

/**
 * The device slots at one parameter point, after checking every distribution
 * parameter: variance > 0, a < b, s > 0, all finite.
 */
export function deviceSlots(a: Analysis, host: Float64Array): Float64Array {
  const out = new Float64Array(2 * a.rvs.length + (host.length - a.slotBase));
  a.rvs.forEach((rv, r) => {
    const where = `${rv.name} ~ ${rv.family}(…)`;
    const fail = (message: string): never => {
      throw new McParamError(`${where}: ${message}`);
    };
    const [A, B] = rv.sampler.slots(a.rvArgs[r].map((i) => host[i]), fail);
    out[2 * r] = A;
    out[2 * r + 1] = B;
  });
  out.set(host.subarray(a.slotBase), 2 * a.rvs.length);
  return out;
}
