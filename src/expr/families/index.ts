// The distribution-family table (one module per family; family.ts says what a family is).
export type { Family, Fail, Noise } from './family.js';
export { literalValue } from './family.js';
export { drawDimension, family, familyOf, familyNames, isFamilyName, registerFamily, unregisterFamily } from './registry.js';
export { normalFamily, gaussianMoment } from './normal.js';
export { uniformFamily, uniformMoment } from './uniform.js';
export { logitNormalFamily } from './logit-normal.js';
export { MAX_MOMENT } from './moments.js';
export { standardNoise } from './noise.js';
