// Raw moments E[y^k] as expressions in the distribution's parameters: each
// family keeps its own (src/expr/families/); re-exported here for the library.
export { gaussianMoment, uniformMoment, MAX_MOMENT } from '../expr/families/index.js';
