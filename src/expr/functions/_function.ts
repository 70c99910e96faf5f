// What a named elementary function is: every facet of it, in one object, so
// that each consumer (evaluation, enclosures, normal form, derivative,
// printing, the three Monte Carlo kernels) dispatches on the table
// (./index.ts) instead of keeping a switch of its own. One file per function
// in this folder; the index finds them, so adding a function is adding a file.
//
// Facets that need machinery from a later layer (interval arithmetic, the
// normal form's ring, decimal.js intervals, the wasm emitter) receive it as a
// KIT argument from the consumer: this folder imports only types from those
// layers, so `expr` still depends on nothing at run time.
import type * as IvModule from '../../algebra/iv.js';
import type { Iv } from '../../algebra/iv.js';
import type { FRF } from '../../algebra/frf.js';
import type { Ring } from '../../algebra/ring.js';
import type { MpIv } from '../../algebra/mp.js';
import type * as Encode from '../../mc/wasm/encode.js';
import type { V, VecMath } from '../../mc/wasm/math.js';
import type { Node, Scalar } from '../ast.js';
import type * as BuildModule from '../build.js';
import type { Rational } from '../rational.js';

/** A value with a running forward error bound (src/algebra/eval-bound.ts). */
export interface Bounded {
  readonly value: number;
  readonly bound: number;
}

/** Exact rational arithmetic beyond src/expr/rational.ts (src/algebra/eval-exact.ts). */
export interface ExactKit {
  /** x^y: integer y, or y = p/q when x ≥ 0 is a perfect q-th power; else undefined. */
  pow(x: Rational, y: Rational): Rational | undefined;
}

/** Interval arithmetic (src/algebra/iv.ts), passed by src/algebra/interval.ts. */
export type IvKit = typeof IvModule;

/** decimal.js interval operations of src/algebra/mp.ts (its `MP_KIT`). */
export interface MpKit {
  exp(a: MpIv): MpIv;
  ln(a: MpIv): MpIv;
  sqrt(a: MpIv): MpIv;
  abs(a: MpIv): MpIv;
  add(a: MpIv, b: MpIv): MpIv;
  sub(a: MpIv, b: MpIv): MpIv;
  mul(a: MpIv, b: MpIv): MpIv;
  div(a: MpIv, b: MpIv): MpIv;
  neg(a: MpIv): MpIv;
  trig(fn: 'sin' | 'cos', a: MpIv): MpIv;
  /** An increasing function applied to the ends, each end enclosed at its point. */
  increasing(a: MpIv, f: (x: MpIv) => MpIv): MpIv;
  tanhAt(a: MpIv): MpIv;
  sigmoidAt(a: MpIv): MpIv;
  /** Φ⁻¹ on an interval inside (0, 1), each end certified by Newton on a rigorous Φ from the double guess. */
  probitAt(a: MpIv, guess: (p: number) => number): MpIv;
  /** [min of los, min of his] / [max …]. */
  min(a: MpIv, b: MpIv): MpIv;
  max(a: MpIv, b: MpIv): MpIv;
  /** The point 1 and 2. */
  readonly ONE: MpIv;
  readonly TWO: MpIv;
  /** Throws "undefined at this point" (the caller skips the point). */
  undef(): never;
  /** a.lo > 0, a.hi < 1 (decimal comparisons). */
  positive(a: MpIv): boolean;
  belowOne(a: MpIv): boolean;
}

/** The normal form's rules (src/algebra/*), passed by src/algebra/normalize.ts. */
export interface NormalKit {
  readonly ONE: FRF;
  constant(r: Rational): FRF;
  /** A canonical string of a normal form (equal forms, equal keys): to choose among equal rewrites. */
  key(a: FRF): string;
  expOf(ring: Ring, a: FRF): FRF;
  logOf(ring: Ring, a: FRF): FRF;
  powQ(ring: Ring, a: FRF, e: { n: number; d: number }): FRF;
  absOf(ring: Ring, a: FRF): FRF;
  minMaxOf(ring: Ring, fn: 'min' | 'max', a: FRF, b: FRF): FRF;
  sinOf(ring: Ring, a: FRF): FRF;
  cosOf(ring: Ring, a: FRF): FRF;
  tanOf(ring: Ring, a: FRF): FRF;
  tanhOf(ring: Ring, a: FRF): FRF;
  sechOf(ring: Ring, a: FRF): FRF;
  sigmoidOf(ring: Ring, a: FRF): FRF;
  logitOf(ring: Ring, a: FRF): FRF;
  /**
   * fn(a) as an opaque atom of the normal form (no rule rewrites it; it is
   * equal only to itself, with an argument equal in normal form). Its sign
   * comes from the interval enclosure on the domain.
   */
  opaque(ring: Ring, fn: string, args: FRF[]): FRF;
}

/** The typed builders (src/expr/build.ts), passed by src/expr/derivative.ts. */
export type Builders = typeof BuildModule;

/** Code for the JS kernel (src/mc/js.ts): helper declarations and a call. */
export interface JsCode {
  /** Function declarations the call uses (JS source; `$exp`, `$log` are the kernel's). */
  readonly helpers?: string;
  call(args: readonly string[]): string;
}

/** Code for the WGSL kernel (src/mc/wgsl.ts), in f32. */
export interface WgslCode {
  /** Function declarations (WGSL source; `g_log`, `g_sqrt`, `NAN`, `INF` are the kernel's). */
  readonly helpers?: string;
  /** The name of the WGSL function to call (a builtin or one of the helpers). */
  readonly name: string;
}

/** The wasm SIMD opcodes (src/mc/wasm/encode.ts). */
export type SimdOps = typeof Encode.SIMD;

/**
 * Code for the wasm SIMD kernel (src/mc/wasm/kernel.ts): either emitted f64x2
 * code, or an import called lane by lane: a JS expression naming a function
 * of one or two doubles (`Math.sin`, or a `$name` declared in the js facet's
 * helpers, which must then use only `Math`), so that the two kernels agree
 * bit for bit.
 */
export type WasmCode =
  | { readonly emit: (m: VecMath, args: readonly V[], SIMD: SimdOps) => V }
  | { readonly import: string };

/**
 * The facets take their arguments as an array and index it (`xs[0]`) rather
 * than destructure it (`([x]) =>`): destructuring goes through the iterator
 * protocol in V8's unoptimized tiers, where the algebra's cold decisions run.
 */
export interface ElementaryFunction {
  /** The name in the claim language, in `call` nodes, and in the kernels. */
  readonly name: string;
  /** 1: elementwise on a scalar or a vector; 2: elementwise, scalars broadcast. */
  readonly arity: 1 | 2;
  /** One line for the docs and the test report: what it is and where it is defined. */
  readonly doc: string;

  /** Double evaluation, Math semantics (NaN / ±∞ where undefined). */
  float(xs: readonly number[]): number;
  /** The exact rational value, or undefined when it is not rational or not computed here. */
  exact(xs: readonly Rational[], X: ExactKit): Rational | undefined;
  /**
   * The forward error bound of float(xs) given arguments with bounds
   * (value = float of the values): first-order propagation plus the
   * function's own rounding.
   */
  bound(value: number, xs: readonly Bounded[]): number;
  /** A sound outward-rounded enclosure of the function over interval arguments. */
  interval(xs: readonly Iv[], I: IvKit): Iv;
  /** A rigorous decimal.js enclosure at a point, or null: points with this function are skipped. */
  readonly mp: ((xs: readonly MpIv[], M: MpKit) => MpIv) | null;
  /** Its normal form from its arguments' normal forms (side conditions noted on the ring). */
  normal(ring: Ring, xs: readonly FRF[], N: NormalKit): FRF;
  /**
   * d f(a)/dv by the chain rule, given a, its derivative da and the call
   * itself (`self` = f(a)); null where the derivative is not taken here
   * (min, max: write them out as a case split).
   */
  readonly derivative: ((a: Scalar, da: Scalar, self: Scalar, B: Builders) => Scalar) | null;
  /** LaTeX of the call, given its arguments' LaTeX. */
  latex(args: readonly string[]): string;
  /** The call in the claim language (mathjs syntax); it parses back to the same node. */
  mathjs(args: readonly string[]): string;
  readonly js: JsCode;
  readonly wgsl: WgslCode;
  readonly wasm: WasmCode;
}

/** A call node of a named function (for normal-form atoms and derivatives). */
export type CallOf = (fn: string, args: readonly Node[]) => Node;
