/**
 * The probability calculus over abstract densities (issue 10, item 1).
 *
 * What it decides, for symbolic T and arbitrary positive densities of a model class given by a
 * factorization (standard-models.ts):
 *  - equalities between linear combinations of log-density atoms, expectations, KLs and finite
 *    sums with symbolic bounds (decideEqual), via a normal form (normal-form.ts) at the concrete
 *    sizes of the lifting lemma (lifting.ts);
 *  - inequalities that are a positive multiple of a Jensen or KL gap (decideLe, laws.ts);
 *  - conditional independences by d-separation (independence.ts).
 * Soundness first: every rewrite is an identity of the model class; outside the class the
 * lifting lemma covers, the answer is `undecided` with the reason.
 *
 * Module map, one idea each:
 *   index-expr.ts   subscripts k, T+k, t+k          vars.ts        x, x_t, x_{a:b}
 *   model.ts        factorizations, unrolling       dsep.ts        d-separation on a concrete DAG
 *   atoms.ts        chain rule, Bayes, reduction    expectation.ts marginalization, tower rule
 *   terms.ts        the expression language         normal-form.ts the canonical linear form
 *   lifting.ts      finitely many T decide all T    decide.ts      verdicts
 *   sums.ts         shift/split/merge/telescope     laws.ts        Bayes, chain rule, KL, Jensen
 *   rules.ts        the named rewrites a decision may use
 *   chain.ts        a derivation e_0 R e_1 … R e_n, step by step, and its conclusion
 *   independence.ts A ⊥ B | C for all T             explain.ts     residuals folded into Σ_t
 *   gaussian-witness.ts  an independent numeric semantics (random linear-Gaussian models), the
 *                   soundness witness of the tests and of a refutation
 *
 * Intended wiring (a later session; nothing here depends on it):
 *  - A derivation declares its models (e.g. [vdmForward, vdmReverse]) and a Scope ({ T0 }),
 *    and writes its steps in terms.ts expressions. src/derive hands the lines to decideChain
 *    (chain.ts): each `=` step by decideEqual, each `≤`/`≥` step by decideLe, the rules and gaps
 *    taken from the justification the step cites (by.jensen() → jensenLog(...), a KL ≥ 0 rule →
 *    klNonnegative(...)).
 *  - Verdict mapping: proved → `proved (general)` with scope "all positive densities of the
 *    model, T ≥ T0" (item 6); refuted → `refuted` with `residual` and `notes` as the
 *    explanation (eq. 45's note names the non-marginal product measure); ill-formed and
 *    undecided → `not decided` with the reason.
 *  - Justifications (item 7): a rule id maps to the set of rewrites (rules.ts) it allows, and the
 *    step is decided by decideEqual(lhs, rhs, models, scope, thatSet):
 *      by.linearityOfExpectation()  ∅ (E through sums and constants only)
 *      by.markov()                  {markov}            by.marginalization()  {marginalize, tower}
 *      by.bayes(), by.chainRule()   {factorize, markov} by.klDefinition()     {kl}
 *      by.algebra()                 ALL_RULES           by.jensen()           decideLe with jensenLog(...)
 *    A step proved with ALL_RULES but refuted with its rule's set is `unjustified`, and the
 *    residual of the restricted decision says what the rule could not account for. The laws of
 *    laws.ts (bayes, chainRule, klDefinition) give the canonical instance to print as "expected".
 *  - The existing testbed derivations stay as numeric witnesses: same statements, Gaussian
 *    factors, Monte Carlo; their agreement is what backs a `refuted` here by a number.
 */
export * from './index-expr.js';
export * from './vars.js';
export * from './model.js';
export * from './dsep.js';
export * from './atoms.js';
export * from './expectation.js';
export * from './terms.js';
export * from './normal-form.js';
export * from './lifting.js';
export * from './decide.js';
export * from './sums.js';
export * from './laws.js';
export * from './independence.js';
export * from './standard-models.js';
export * from './gaussian-witness.js';
export * from './explain.js';
export * from './rules.js';
export * from './chain.js';
export * from './print-latex.js';
