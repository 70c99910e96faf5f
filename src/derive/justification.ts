// Justifications: why a step should hold. Each has a stable kebab-case id
// (verdicts and formula sheets cite it) and, where it has them, side
// conditions. A justification is checked, like the tactic after a Lean
// `calc` step's `:=`: the checker decides the relation itself, and then asks
// whether the cited rule witnesses it (WITNESS below; the checks are in
// witness.ts for testbed steps and decide-general.ts for steps of the
// calculus). A step whose relation holds but whose rule does not witness it
// is `unjustified`.

export interface Justification {
  /** Stable kebab-case id, e.g. 'gaussian-kl-closed-form'. */
  readonly id: string;
  /** What a reader sees: the rule and what it is applied to. */
  readonly label: string;
  /** Conditions under which the rule applies, in words. */
  readonly sideConditions?: readonly string[];
  /** by.assumption: the handle of the assumption cited. */
  readonly assumption?: string;
  /** by.jensen: the function whose concavity (log) or convexity (exp) is used. */
  readonly fn?: 'log' | 'exp';
}

/** The catalogue of rules derivations cite, with their statements. */
export const RULES = {
  'algebra': 'rational-function arithmetic with radicals, exp and log (decided exactly)',
  'definition': 'unfolding a definition',
  'assumption': 'a named assumption of the derivation',
  'marginalization': 'p(x) = ∫ p(x, z) dz',
  'chain-rule-of-probability': 'p(x, z) = p(z | x) p(x)',
  'multiply-by-one': 'multiplying by q(z|x)/q(z|x) = 1 (q > 0 where p > 0)',
  'importance-sampling': '∫ p(x, z) dz = E_{q(z|x)}[p(x, z)/q(z|x)]',
  'jensen': 'log E[w] ≥ E[log w] (log is concave)',
  'linearity-of-expectation': 'E[a X + b Y] = a E[X] + b E[Y]',
  'log-of-product': 'log(ab) = log a + log b for a, b > 0',
  'kl-definition': 'KL(q ‖ p) = E_q[log q − log p]',
  'kl-nonnegative': 'KL(q ‖ p) ≥ 0 (Gibbs)',
  'bayes-rule': 'p(z | x) = p(x | z) p(z) / p(x)',
  'markov-property': 'q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1})',
  'gaussian-logpdf': 'log N(x; m, v) = −½ log(2πv) − (x − m)²/(2v)',
  'gaussian-kl-closed-form': 'KL(N(m₁, v₁) ‖ N(m₂, v₂)) = ½[log(v₂/v₁) + (v₁ + (m₁ − m₂)²)/v₂ − 1]',
  'gaussian-moments': 'E[x] = m, E[x²] = m² + v, … for x ~ N(m, v)',
  'gaussian-mgf': 'E[exp(s x)] = exp(s m + s² v / 2) for x ~ N(m, v)',
  'sum-of-independent-gaussians': 'independent Gaussians: means add, variances add',
  'complete-the-square': 'a y² + b y + c = a (y + b/(2a))² + c − b²/(4a)',
  'reparameterization': 'z = μ + σ ε with ε ~ N(0, 1) has law N(μ, σ²)',
  'tower-property': 'E[E[X | Y]] = E[X]',
  'tweedie': 'E[μ | x] = x + v ∇ log p(x) for x ~ N(μ, v)',
  'substitution': 'substituting an equal expression',
  'monte-carlo': 'tested against Monte Carlo estimates only',
} as const;

export type RuleId = keyof typeof RULES;

/**
 * What can witness each rule (issue 10 item 7), in words; the checks themselves are in witness.ts
 * (testbed steps, expressions of src/expr) and in decide-general.ts (steps of the calculus, where a
 * rule maps to the rewrites of src/calculus/rules.ts it may use: GENERAL_RULES).
 */
export const WITNESS: Record<RuleId, string> = {
  'algebra': 'testbed: the exact algebra of a step without E, KL or logpdf, or of the integrands of E[f] = E[g] under the same bindings; calculus: the normal form with every rewrite',
  'definition': 'testbed: the decision of the step; calculus: linearity only (unfolding is syntactic)',
  'assumption': 'a step that cites a named assumption of the derivation, decided with it',
  'marginalization': 'calculus: the normal form with marginalization and the tower rule only; testbed: an expectation on a side',
  'chain-rule-of-probability': 'calculus: the normal form with factorization and d-separation only; testbed: a logpdf on a side',
  'multiply-by-one': 'calculus: the importance rewrite only; testbed: the same expectation on both sides (the factor q/q is decided equal to one)',
  'importance-sampling': 'calculus: the importance rewrite only; testbed: an expectation on one side',
  'jensen': "Jensen's shape: f(E[w]) against E[f(w)] for f = log (concave; the log side is the larger) or f = exp (convex), with the gap strictly an inequality",
  'linearity-of-expectation': 'E pushed through sums and through factors and terms free of the integrated variables, nothing else',
  'log-of-product': 'testbed: a log on a side, decided exactly; calculus: linearity only (log of a product is the sum of its atoms by definition)',
  'kl-definition': 'calculus: the normal form with the KL rewrite only; testbed: a KL on one side more often than on the other',
  'kl-nonnegative': 'an inequality that is a positive multiple of KL(P ‖ Q) for a KL on a side',
  'bayes-rule': 'calculus: the normal form with factorization and d-separation only; testbed: a logpdf on a side',
  'markov-property': 'calculus: the normal form with d-separation only (conditions the graph makes irrelevant)',
  'gaussian-logpdf': 'testbed: a logpdf on one side more often than on the other, decided exactly',
  'gaussian-kl-closed-form': 'testbed: a KL on one side more often than on the other',
  'gaussian-moments': 'testbed: an expectation on one side more often than on the other (a closed form removes it)',
  'gaussian-mgf': 'testbed: an expectation on one side more often than on the other (a closed form removes it)',
  'sum-of-independent-gaussians': 'testbed: an expectation on a side',
  'complete-the-square': 'testbed: the exact algebra of a step without E, KL or logpdf, with a square on a side',
  'reparameterization': 'testbed: expectations under different bindings (z = μ + σε), or an expectation on one side only (the pathwise gradient)',
  'tower-property': 'calculus: the normal form with the tower rule and marginalization only; testbed: an expectation on a side',
  'tweedie': 'testbed: the decision of the step (a score or conditional mean on the testbed)',
  'substitution': 'testbed: the decision of the step',
  'monte-carlo': 'testbed: any decision (the label claims no more than Monte Carlo agreement)',
};

/** A justification by a catalogued rule, with what it is applied to. */
export function rule(id: RuleId, applied?: string, sideConditions?: readonly string[]): Justification {
  const label = applied ? `${id}: ${applied}` : id;
  return sideConditions ? { id, label, sideConditions } : { id, label };
}

/** The justifications derivations cite, by name (`by.jensen()`, `by.algebra()`). */
export const by = {
  algebra: (applied?: string) => rule('algebra', applied),
  definition: (what: string) => rule('definition', what),
  /** A named assumption of the derivation, by its handle: `by.assumption('hAlpha')`. */
  assumption: (name: string) => ({ ...rule('assumption', name), assumption: name }),
  marginalization: () => rule('marginalization'),
  chainRule: (applied?: string) => rule('chain-rule-of-probability', applied),
  multiplyByOne: (applied?: string) => rule('multiply-by-one', applied, ['q(z|x) > 0 wherever p(x, z) > 0']),
  importanceSampling: () => rule('importance-sampling', undefined, ['q(z|x) > 0 wherever p(x, z) > 0']),
  /** Jensen for a named function: log (concave, the default) or exp (convex). */
  jensen: (fn: 'log' | 'exp' = 'log') =>
    ({ ...rule('jensen', fn === 'log' ? undefined : fn, [fn === 'log' ? 'log is concave' : 'exp is convex', 'E[w] finite']), fn }),
  linearity: (applied?: string) => rule('linearity-of-expectation', applied),
  logOfProduct: (applied?: string) => rule('log-of-product', applied, ['every factor > 0']),
  klDefinition: () => rule('kl-definition'),
  klNonnegative: () => rule('kl-nonnegative'),
  bayes: (applied?: string) => rule('bayes-rule', applied),
  markov: () => rule('markov-property'),
  gaussianLogpdf: () => rule('gaussian-logpdf', undefined, ['variance > 0']),
  gaussianKl: () => rule('gaussian-kl-closed-form', undefined, ['variances > 0']),
  gaussianMoments: () => rule('gaussian-moments'),
  gaussianMgf: () => rule('gaussian-mgf'),
  gaussianSum: () => rule('sum-of-independent-gaussians', undefined, ['the summands are independent']),
  completeTheSquare: (applied?: string) => rule('complete-the-square', applied, ['leading coefficient ≠ 0']),
  reparameterization: () => rule('reparameterization', undefined, ['σ is the standard deviation, not the variance']),
  tower: (applied?: string) => rule('tower-property', applied),
  tweedie: () => rule('tweedie'),
  substitution: (what: string) => rule('substitution', what),
  monteCarlo: (applied?: string) => rule('monte-carlo', applied),
};
