// A distribution family, every facet in one object: what the parser, the
// builders, the kind rules, the closed forms, the reparameterization, the
// Monte Carlo planner and the kernels need to know about it. Nothing outside
// src/expr/families names a family: they ask the registry (registry.ts).
//
// A family built into derivcheck also has a `sampler` (how the kernels draw
// it directly from the Philox stream); a family a user registers needs only a
// `reparam` (a function of standard noise), which the Monte Carlo engine
// draws instead. Facets that are optional say what is lost without them.
import type { Node } from '../ast.js';

/** Report a broken constraint; the caller's error class (DistributionError, McParamError) is thrown. */
export type Fail = (message: string) => never;

/** Standard noise that the kernels draw from the Philox stream: N(0, 1) (Box–Muller) or U(0, 1). */
export type Noise = 'gaussian' | 'uniform';

export interface Family {
  /** The name in the claim language and in `N(…)`-style nodes: 'N', 'U', 'LogitNormal'. */
  readonly name: string;
  /** The LaTeX of the family's symbol, e.g. `\\mathcal{N}`. */
  readonly latex: string;
  /** The parameters' names, for messages and docs (the optional dimension last). */
  readonly params: readonly string[];
  /** The numbers of arguments it takes (N: 2 or 3). */
  readonly arity: readonly number[];
  /**
   * The argument that is a dimension, when the family draws vectors with it
   * (N(m, v, d): index 2). A draw is a vector exactly when this argument is
   * present ("vector iff three arguments" for N).
   */
  readonly dimArg?: number;
  /**
   * Constraints on literal parameters (a symbolic one is constrained by its
   * domain, which the caller declares): calls `fail` with the constraint broken.
   */
  checkLiterals(args: readonly Node[], fail: Fail): void;
  /** log p(x) in closed form (inside the support). */
  logpdf(args: readonly Node[], x: Node): Node;
  /** E[y^k], a polynomial in the parameters (0 ≤ k ≤ MAX_MOMENT), when known: closed-form expectations of polynomials. */
  moment?(k: number, args: readonly Node[]): Node;
  /**
   * Exponential tilting, when the MGF is known: e^{s y} p(y; args) =
   * factor · p(y; tilted), so E[q(y) e^{s y}] = factor · E_{tilted}[q(y)]
   * (q = 1: factor is the MGF at s). Give it only when this holds for EVERY
   * real s (the MGF finite everywhere, as the normal's): the closed forms
   * apply it to any slope without asking.
   */
  tilt?(s: Node, args: readonly Node[]): { readonly factor: Node; readonly args: readonly Node[] };
  /**
   * The draw as a function of standard noise ε (of the draw's kind; for a
   * vector family ε ~ N(0, 1, d) with the same d): y = value(args, ε) has
   * this family's law. Used to reparameterize dependent draws and to run
   * families without a kernel sampler.
   */
  readonly reparam: { readonly noise: Noise; value(args: readonly Node[], eps: Node): Node };
  /**
   * How the kernels draw it: y = link(A + B·noise) with two float64 device
   * slots (A, B) computed on the host from the parameters' values (which
   * `slots` checks). Without it the engine draws `reparam` instead.
   */
  readonly sampler?: {
    readonly noise: Noise;
    readonly link: 'identity' | 'sigmoid';
    slots(values: readonly number[], fail: Fail): readonly [number, number];
  };
}

/** The value of a literal parameter (a number node, or −number), else undefined. */
export function literalValue(x: Node): number | undefined {
  if (x.op === 'num') return Number(x.n) / Number(x.d);
  if (x.op === 'neg') {
    const v = literalValue(x.args[0]);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** Shows a number as the messages do (NaN spelled out). */
export const fmt = (x: number): string => (Number.isNaN(x) ? 'NaN' : String(x));
