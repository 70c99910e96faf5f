// Gaussian calculus as functions that BUILD expressions: derivations state
// these results and the checker proves them (nothing here decides anything).
export { DistributionError, validateDist, gaussianParams, requirePositive } from './validate.js';
export { logpdfOf } from './logpdf.js';
export { lowerHeads, hasHeads } from './lower.js';
export { gaussianKL, gaussianKLIsotropic, gaussianKLStandard } from './gaussian-kl.js';
export { completeTheSquare, type CompletedSquare } from './complete-square.js';
export { productOfGaussians, type GaussianFactor, type GaussianProduct } from './product.js';
export { linearGaussianMarginal, linearGaussianPosterior, standardPrior, type LinearGaussianModel, type GaussianParams } from './linear-gaussian.js';
export { vpStep, vpChain, vpMarginal, type ForwardMarginal } from './vp-chain.js';
export { gaussianMoment, uniformMoment, MAX_MOMENT } from './moments.js';
export { expandIn, polynomialIn, type ExpPoly, type ExpTerm } from './exp-poly.js';
export { reduceIn } from './reductions.js';
export { expectClosedForm, closeNested, integrateOne } from './expect-closed-form.js';
export { type Arg } from '../expr/fold.js';
