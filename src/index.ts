// The library: write derivations, decide claims, check them, print them.
export * from './expr/ast.js';
export * from './expr/build.js';
export { parse, parseClaim, parseRandom, parseDist, ParseError } from './expr/parse.js';
export { BadInput, isBadInput } from './errors.js';
export { toMathjs, toText } from './expr/print-mathjs.js';
export { toLatex, latexSymbol } from './expr/print-latex.js';
export type { Domain, Interval } from './expr/domain.js';
export { buildDomain, parseParam } from './expr/params.js';
export type { Verdict, Evidence, Counterexample } from './verdict.js';
export { calc, claim, wrong, Chain, type Step, type StepOptions } from './derive/calc.js';
export { m, notation, NotationError, type NotationOptions } from './derive/notation.js';
export { by, rule, RULES, type Justification } from './derive/justification.js';
export { derivation, define, type Derivation, type Testbed } from './derive/derivation.js';
export type { SeedClaim, SeedVerdict } from './derive/seed.js';
export { inGeneral, GeneralChain, type GeneralContext } from './derive/general.js';
export { checkDerivation, type DerivationResult, type StepResult } from './derive/checker.js';
export { decideRelation } from './expect/decide-relation.js';
export * as arbitraries from './arbitraries/index.js';
export { derivative } from './expr/derivative.js';
export { registerFamily, unregisterFamily, familyOf, familyNames, literalValue, type Family, type Fail, type Noise } from './expr/families/index.js';
/** The probability calculus over abstract densities (derivations in general): `calculus.E`, `calculus.density`, the standard models. */
export * as calculus from './calculus/index.js';
/** Reparameterizations and loss weights: schedules, targets, samplers, the analysis of an objective, compare (`reparam.analyze`, `reparam.compare`). */
export * as reparam from './reparam/index.js';
/** The Gaussian calculus as builders (KL closed forms, linear-Gaussian marginals and posteriors, the VP chain, log-densities): results derivations state and the checker proves. */
export * as gaussians from './prob/index.js';
