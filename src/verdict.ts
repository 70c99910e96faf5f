// Verdicts: the one vocabulary every decision speaks (algebra, Monte Carlo,
// the derivation checker, the CLI). A discriminated union, each case with the
// evidence for it. Numeric agreement never becomes `proved`; a failure to
// simplify never becomes `refuted`.

/** Parameter values at which something was evaluated (exact values as "p/q" strings). */
export type Params = Record<string, number | string>;

export interface Counterexample {
  /** Parameters (shrunk to the simplest failing ones). */
  readonly params: Params;
  readonly lhs: number;
  readonly rhs: number;
  /** lhs − rhs. */
  readonly difference: number;
  /** The error bound the difference exceeded (0 for an exact evaluation). */
  readonly bound: number;
  /** The seed that reproduces the search. */
  readonly seed: number;
  /** For Monte Carlo refutations: z on the first and on the fresh stream. */
  readonly z?: readonly [number, number];
  /** 'exact' when both sides were evaluated in exact rationals. */
  readonly arithmetic: 'exact' | 'float' | 'interval' | 'monte-carlo';
}

export interface Evidence {
  /** Stable kebab-case id of the method: 'rational-normal-form', 'interval-bound', 'exact-random-points', 'float-property', 'monte-carlo', … */
  readonly method: string;
  /** One line a person reads. */
  readonly detail: string;
  /** Counts of tests run, where the method is a test. */
  readonly tests?: number;
  /** Anything else machine-readable (standard errors, detectable difference, …). */
  readonly data?: Record<string, unknown>;
}

export type Verdict =
  | { readonly verdict: 'proved'; readonly evidence: readonly Evidence[] }
  | { readonly verdict: 'verified'; readonly evidence: readonly Evidence[] }
  | { readonly verdict: 'refuted'; readonly evidence: readonly Evidence[]; readonly counterexample: Counterexample }
  | { readonly verdict: 'unknown'; readonly evidence: readonly Evidence[]; readonly reason: string };

export type VerdictName = Verdict['verdict'];

/** The main method of a verdict: its first piece of evidence. */
export const methodOf = (v: Verdict): string => v.evidence[0]?.method ?? 'none';

/** A point as `a = 1/2, b = 3` (binding order); `empty` where it has no coordinates (a closed claim). */
export const formatPoint = (p: Params, empty = ''): string => Object.entries(p).map(([k, v]) => `${k} = ${v}`).join(', ') || empty;

/** "at a = 1/2" for a point with coordinates, "with no parameters" for a closed claim's only point. */
export const atPoint = (p: Params): string => (Object.keys(p).length > 0 ? `at ${formatPoint(p)}` : 'with no parameters');
