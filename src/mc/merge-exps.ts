// One exp where an integrand multiplies or divides several:
// exp(a)·exp(b)/exp(c) → exp(a + b − c), on the lowered IR (plan.ts), so every
// kernel (JS, wasm, WGSL, RQMC) evaluates the same merged form.
//
// Why: importance weights and density ratios are written as products and
// quotients of exp(logpdf(…)) — the HVAE bound's weight is seven of them — and
// each exp is the costliest operation of such an integrand's sample after the
// normals. Merged, the sample costs one exp, and it is also the better number:
// exp(800)·exp(−800) is ∞·0 = NaN in floating point, exp(0) = 1 merged.
// Exact in the reals (exp(a)·exp(b) = exp(a + b) for all real a, b); in
// floating point the result differs by a rounding or so.
import type { Ir } from './plan.js';
import { isVec } from './plan.js';

type FnIr = Extract<Ir, { t: 'fn' }>;

const isExp = (ir: Ir): ir is FnIr => ir.t === 'fn' && ir.fn === 'exp';
const vecOf = (args: readonly Ir[]): boolean => args.some(isVec);
const exp = (x: Ir): Ir => ({ t: 'fn', fn: 'exp', args: [x], vec: isVec(x) });
const sum = (xs: readonly Ir[]): Ir => (xs.length === 1 ? xs[0] : { t: 'add', args: xs, vec: vecOf(xs) });
const product = (xs: readonly Ir[]): Ir | undefined => (xs.length === 0 ? undefined : xs.length === 1 ? xs[0] : { t: 'mul', args: xs, vec: vecOf(xs) });

/** The factors of a product, one level down (a non-product is its own single factor). */
const factors = (ir: Ir): readonly Ir[] => (ir.t === 'mul' ? ir.args : [ir]);

/** A product's exp factors merged into one exp (kept last), the other factors in order. */
function splitExps(fs: readonly Ir[]): { rest: Ir[]; exponent?: Ir } {
  const rest = fs.filter((f) => !isExp(f));
  const exps = fs.filter(isExp);
  return exps.length === 0 ? { rest } : { rest, exponent: sum(exps.map((e) => e.args[0])) };
}

/** The IR with the exps of every product and quotient merged (bottom-up). */
export function mergeExps(ir: Ir): Ir {
  switch (ir.t) {
    case 'lit':
    case 'slot':
    case 'param':
    case 'rv':
    case 'rvk':
      return ir;
    case 'mul': {
      const args = ir.args.map(mergeExps);
      const flat = args.flatMap(factors);
      if (flat.filter(isExp).length < 2) return { t: 'mul', args, vec: ir.vec };
      const { rest, exponent } = splitExps(flat);
      return product([...rest, exp(exponent!)])!;
    }
    case 'div': {
      const [a, b] = ir.args.map(mergeExps) as [Ir, Ir];
      const num = splitExps(factors(a));
      const den = splitExps(factors(b));
      if (!den.exponent) return { t: 'div', args: [a, b], vec: ir.vec };
      // a / (rest·exp(y)) = (a's other factors)·exp(x − y) / rest: one exp, and no division when rest is empty.
      const neg: Ir = { t: 'neg', args: [den.exponent], vec: isVec(den.exponent) };
      const top = product([...num.rest, exp(num.exponent ? sum([num.exponent, neg]) : neg)])!;
      const bottom = product(den.rest);
      return bottom ? { t: 'div', args: [top, bottom], vec: isVec(top) || isVec(bottom) } : top;
    }
    // The rest keep their shape, their arguments merged (IR nodes, not AST nodes: no kinds to recompute).
    case 'add':
      return { t: 'add', args: ir.args.map(mergeExps), vec: ir.vec };
    case 'neg':
      return { t: 'neg', args: [mergeExps(ir.args[0])], vec: ir.vec };
    case 'powi':
      return { t: 'powi', args: [mergeExps(ir.args[0])], n: ir.n, vec: ir.vec };
    case 'pow':
      return { t: 'pow', args: [mergeExps(ir.args[0]), mergeExps(ir.args[1])], vec: ir.vec };
    case 'fn':
      return { t: 'fn', fn: ir.fn, args: ir.args.map(mergeExps), vec: ir.vec };
    case 'reduce':
      return { t: 'reduce', op: ir.op, args: ir.args.map(mergeExps), rvs: ir.rvs };
  }
}
