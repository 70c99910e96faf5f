// An objective: a schedule, a target, a timestep sampler and a loss weight,
// as the user gives them, parsed and validated (bad input: exit 2).
import { parseScalar } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { num } from '../expr/build.js';
import { parse } from '../expr/parse.js';
import { BadInput } from '../errors.js';
import { checkNames, SCHEDULE_NAMES_IN_EXPR } from './names.js';
import { parseSampling, type Sampler } from './samplers.js';
import { continuousSchedule, discrete, SCHEDULE_NAMES, userSchedule, type Schedule } from './schedules.js';
import { parseTarget, type Target } from './targets.js';

export interface ObjectiveSpec {
  readonly schedule?: string;
  readonly T?: number;
  readonly zeroSnr?: boolean;
  readonly alpha?: string;
  readonly sigma?: string;
  readonly target: string;
  readonly sampling?: string;
  readonly weight?: string;
}

export interface Objective {
  readonly schedule: Schedule;
  readonly target: Target;
  readonly sampler: Sampler;
  readonly weight: { readonly text: string; readonly node: Node };
}

function expr(what: string, text: string): Node {
  let e: Node;
  try {
    e = parseScalar(text);
  } catch (err) {
    throw new BadInput(`${what} '${text}': ${(err as Error).message}`);
  }
  if (e.kind !== 'scalar') throw new BadInput(`${what} '${text}' must be a scalar expression`);
  return e;
}

export function buildObjective(spec: ObjectiveSpec): Objective {
  let schedule: Schedule;
  if (spec.alpha !== undefined || spec.sigma !== undefined) {
    if (spec.alpha === undefined || spec.sigma === undefined) throw new BadInput('a user schedule needs both --alpha EXPR and --sigma EXPR (expressions in t)');
    if (spec.schedule !== undefined) throw new BadInput('give either --schedule NAME or --alpha/--sigma, not both');
    if (spec.T !== undefined || spec.zeroSnr) throw new BadInput('--T and --zero-snr apply to the discrete schedules (linear, scaled-linear, cosine), not to --alpha/--sigma');
    schedule = userSchedule(expr('--alpha', spec.alpha), expr('--sigma', spec.sigma), spec.alpha, spec.sigma);
  } else if (spec.schedule === undefined) {
    throw new BadInput(`give a schedule: --schedule NAME (${SCHEDULE_NAMES.join(', ')}) or --alpha EXPR --sigma EXPR`);
  } else if (spec.T !== undefined) {
    schedule = discrete(spec.schedule, spec.T, spec.zeroSnr ?? false);
  } else {
    if (spec.zeroSnr) throw new BadInput('--zero-snr rescales a discrete schedule: give --T N');
    if (spec.schedule === 'linear' || spec.schedule === 'scaled-linear') throw new BadInput(`'${spec.schedule}' is a discrete schedule: give --T N (for example --T 1000)`);
    schedule = continuousSchedule(spec.schedule);
  }
  const target = parseTarget(spec.target);
  if (schedule.kind === 'discrete' && target.text === 'flow') throw new BadInput('the flow target dx_t/dt needs a continuous schedule (a discrete schedule has no dα/dt)');
  const sampler = parseSampling(spec.sampling);
  if (schedule.kind === 'discrete' && sampler.text !== 'uniform') throw new BadInput('a discrete schedule samples its steps uniformly (--sampling uniform)');
  const weightText = spec.weight ?? '1';
  const w = spec.weight === undefined ? num(1) : expr('--weight', weightText);
  checkNames('--weight', w, SCHEDULE_NAMES_IN_EXPR);
  if (schedule.kind === 'discrete' && freeSymbols(w).has('t')) throw new BadInput('--weight: with a discrete schedule write the weight in snr, alpha, sigma or lambda (not the step t)');
  if (target.expr && schedule.kind === 'discrete' && freeSymbols(target.expr).has('t')) throw new BadInput('--target: with a discrete schedule write the coefficients in snr, alpha, sigma or lambda (not the step t)');
  return { schedule, target, sampler, weight: { text: weightText, node: w } };
}
