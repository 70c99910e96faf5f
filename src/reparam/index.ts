// Reparameterizations and loss weights: schedules (continuous and diffusers'
// discrete ones), targets, timestep samplers, and the analysis of an
// objective (conversions, degeneracy, weightEps, weightX0, Kingma & Gao's
// w(λ), endpoints), and the comparison of two objectives.
export { discreteSchedule, linearBetaExact, rescaleZeroTerminalSnr, linspace, cosineF, type DiscreteSchedule, type DiscreteName } from './discrete.js';
export { continuousSchedule, userSchedule, discrete, EDM, SCHEDULE_NAMES, type Schedule, type Rep } from './schedules.js';
export { parseTarget, type Target } from './targets.js';
export { parseSampling, type Sampler } from './samplers.js';
export { buildObjective, type Objective, type ObjectiveSpec } from './objective.js';
export { piecesOf, piecesIn, type Pieces } from './pieces.js';
export { analyze, analyzeObjective, type Analysis, type AtValue, type Check } from './analyze.js';
export { compare, type Comparison } from './compare.js';
export type { Endpoint } from './endpoints.js';
