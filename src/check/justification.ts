// Justifications: why a step should hold. Each has a stable kebab-case id
// (verdicts and formula sheets cite it) and, where it has them, side
// conditions. A justification names the argument; it does not decide the
// step: the checker decides every step itself, by the strongest method that
// applies, whatever the justification claims.

export interface Justification {
  /** Stable kebab-case id, e.g. 'gaussian-kl-closed-form'. */
  readonly id: string;
  /** What a reader sees: the rule and what it is applied to. */
  readonly label: string;
  /** Conditions under which the rule applies, in words. */
  readonly sideConditions?: readonly string[];
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

/** A justification by a catalogued rule, with what it is applied to. */
export function rule(id: RuleId, applied?: string, sideConditions?: readonly string[]): Justification {
  const label = applied ? `${id}: ${applied}` : id;
  return sideConditions ? { id, label, sideConditions } : { id, label };
}

/** The justifications derivations cite, by name (`by.jensen()`, `by.algebra()`). */
export const by = {
  algebra: (applied?: string) => rule('algebra', applied),
  definition: (what: string) => rule('definition', what),
  assumption: (name: string) => rule('assumption', name),
  marginalization: () => rule('marginalization'),
  chainRule: (applied?: string) => rule('chain-rule-of-probability', applied),
  multiplyByOne: (applied?: string) => rule('multiply-by-one', applied, ['q(z|x) > 0 wherever p(x, z) > 0']),
  importanceSampling: () => rule('importance-sampling', undefined, ['q(z|x) > 0 wherever p(x, z) > 0']),
  jensen: () => rule('jensen', undefined, ['log is concave', 'E[w] finite']),
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
  tower: () => rule('tower-property'),
  tweedie: () => rule('tweedie'),
  substitution: (what: string) => rule('substitution', what),
  monteCarlo: (applied?: string) => rule('monte-carlo', applied),
};
