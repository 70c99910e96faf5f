// What each command takes, in one place: parseArgs reads its options from
// here, `--help` prints them, and a test holds the README to the same list.
// No heavy imports: `derivcheck --help` must not load the checker.
import { BINARY_FUNCTIONS, DIST_HEADS, UNARY_FUNCTIONS, VECTOR_REDUCTIONS } from '../expr/ast.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's name in the help (`--seed N`). */
  readonly arg?: string;
  readonly help: string;
}

export interface CommandSpec {
  readonly summary: string;
  readonly usage: string;
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Extra sections of the help: the claim language, the parameter grammar. */
  readonly sections: readonly ('language' | 'params' | 'distributions' | 'files')[];
}

const seed: OptionSpec = { type: 'string', arg: 'N', help: 'seed of every random choice (default 1); the same seed replays the same run' };
const json: OptionSpec = { type: 'boolean', help: 'one JSON document on stdout (with "derivcheck": version and "schema": 1)' };
const backend: OptionSpec = { type: 'string', arg: 'auto|webgpu|cpu', help: 'where Monte Carlo runs (default auto: WebGPU if there is an adapter, else the CPU)' };
const param: OptionSpec = { type: 'string', multiple: true, arg: 'SPEC', help: 'a parameter\'s domain: "a in (0,1)", "a in [0,1]", "v > 0", "v <= 2", "m real", "m = 0.3" (repeatable)' };
const random: OptionSpec = { type: 'string', multiple: true, arg: '"x ~ DIST"', help: 'a random variable: "x ~ N(0, 1)", "v ~ N(0, 1, 8)", "u ~ U(0, 1)", "t ~ LogitNormal(0, 1)" (repeatable)' };
const maxSeconds: OptionSpec = { type: 'string', arg: 'S', help: 'time budget of the Monte Carlo runs; when it runs out the verdict is unknown, "budget exhausted" (exit 3)' };

export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', help: 'this help, on stdout' },
  debug: { type: 'boolean', help: 'print the stack of an internal error, and the GPU driver\'s warnings (also DERIVCHECK_DEBUG=1)' },
  'no-color': { type: 'boolean', help: 'no colour (also NO_COLOR=1; there is none when the output is not a terminal)' },
};

/** derivcheck reparam: the options of one objective, and --at / --json. */
export const REPARAM_SPEC: CommandSpec = {
  summary: 'what objective a schedule, target, sampler and weight are: derivcheck reparam --schedule cosine --target v',
  usage: 'derivcheck reparam (--schedule NAME [--T N] [--zero-snr] | --alpha EXPR --sigma EXPR) --target NAME|EXPR [options]\n       derivcheck reparam compare "<objective A>" "<objective B>" [--json]',
  description:
    'Analyses an objective (x_t = alpha x0 + sigma eps; t in (0,1), t = 1 noise; discrete steps t = 1 … T): the conversions between the target and x0, eps, v, flow, score; where the target is degenerate; ' +
    'weightEps, weightX0 and Kingma & Gao\'s w(lambda) = 2 p(t) weightEps/|dlambda/dt|, each decided by the algebra; where they are 0, inf or 0/0; values at --at. ' +
    'compare: two objectives (each a quoted option string) are the same when their w(lambda) agree up to a positive constant.',
  options: {
    schedule: { type: 'string', arg: 'NAME', help: 'cosine, rf, vp-linear, edm (continuous); linear, scaled-linear, cosine with --T (diffusers\' discrete schedules)' },
    T: { type: 'string', arg: 'N', help: 'the number of steps of a discrete schedule' },
    'zero-snr': { type: 'boolean', help: 'rescale the discrete schedule to zero terminal SNR (Lin et al. 2023)' },
    alpha: { type: 'string', arg: 'EXPR', help: 'a user schedule: alpha(t) (with --sigma)' },
    sigma: { type: 'string', arg: 'EXPR', help: 'a user schedule: sigma(t) (with --alpha)' },
    target: { type: 'string', arg: 'NAME|EXPR', help: 'eps, x0, v, flow, score, or an expression linear in x0 and eps (xt = alpha*x0 + sigma*eps) with coefficients in t, alpha, sigma, snr, lambda' },
    sampling: { type: 'string', arg: 'NAME', help: 'the density of t: uniform (default), logit-normal(m,s), mode(s), cosmap, or an expression in t' },
    weight: { type: 'string', arg: 'EXPR', help: 'the loss weight on the target\'s squared error, in t, snr, alpha, sigma, lambda (default 1), e.g. min(snr,5)/(snr+1)' },
    at: { type: 'string', arg: 't1,t2,…', help: 'values at these t (continuous: in (0,1); discrete: steps 1 … T)' },
    json: { type: 'boolean', help: 'one JSON document on stdout (with "derivcheck": version and "schema": 1)' },
  },
  sections: ['language'],
};

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  check: {
    summary: 'check derivations step by step (default: derivations/)',
    usage: 'derivcheck check [PATH…] [options]',
    description: 'Loads every derivation file (.ts, .mts, .js, .mjs) under the PATHs and decides each step of each derivation.',
    options: {
      json,
      seed,
      samples: { type: 'string', arg: 'N', help: 'Monte Carlo samples per expectation (default: the checker\'s own)' },
      backend,
      'load-timeout': { type: 'string', arg: 'SECONDS', help: 'the longest one derivation file may take to load (default 30)' },
      'test-name-pattern': { type: 'string', short: 't', arg: 'PATTERN', help: 'check only the derivations whose id or title matches PATTERN (a regular expression, as vitest -t)' },
      lenient: { type: 'boolean', help: 'unjustified steps (true, but not by the rule they cite) do not fail the run; refuted and undecided ones still do' },
      bail: { type: 'boolean', help: 'stop after the first derivation that does not hold' },
      jobs: { type: 'string', short: 'j', arg: 'N', help: 'worker threads deciding steps at once on the cpu backend (default: one per core, at most 4; 1: all in this process); the results are the same, only the timings differ' },
      watch: { type: 'boolean', help: 'check, then check again the files a change affects (the changed file and the derivation files importing it) until Ctrl-C' },
      format: { type: 'string', arg: 'text|json|latex|md', help: 'the report: text (default), json (as --json), latex (an align* per derivation, steps annotated) or md (Markdown tables)' },
      'no-typecheck': { type: 'boolean', help: 'load TypeScript files without type-checking them first (the check is cached by content)' },
    },
    sections: ['files'],
  },
  sheet: {
    summary: 'check the suite and write the formula sheets (html, md, json, tex; default: docs/sheet/)',
    usage: 'derivcheck sheet [PATH…] [options]',
    description:
      'Checks every derivation under the PATHs (default derivations/) as check does, then writes formula-sheet.html (KaTeX, offline), ' +
      'formula-sheet.md (GitHub: an index, with a page per topic beside it), formula-sheet.json (for independent re-checks) and formula-sheet.tex (standalone LaTeX), each atomically. ' +
      'derivcheck with no command does this with the defaults.',
    options: {
      out: { type: 'string', arg: 'DIR', help: 'the folder to write the sheets into (default docs/sheet)' },
      format: { type: 'string', arg: 'html,md,json,tex', help: 'which sheets to write, comma-separated (default all four)' },
      seed,
      samples: { type: 'string', arg: 'N', help: 'Monte Carlo samples per expectation (default: the checker\'s own)' },
      backend,
      'no-typecheck': { type: 'boolean', help: 'load TypeScript files without type-checking them first' },
    },
    sections: ['files'],
  },
  claim: {
    summary: 'decide one claim: derivcheck claim "<lhs> = <rhs>" [--param SPEC]…',
    usage: 'derivcheck claim "<lhs> <rel> <rhs>" [options]',
    description: 'Decides one claim: <rel> is =, <= or >=. Proved, verified (tested, no proof), refuted (with a counterexample) or unknown.',
    options: {
      param,
      random,
      seed,
      samples: { type: 'string', arg: 'N', help: 'Monte Carlo samples per expectation (default: adaptive)' },
      backend,
      'max-seconds': maxSeconds,
      json,
      latex: { type: 'boolean', help: 'the claim as a LaTeX display formula (the verdict as a comment above it)' },
    },
    sections: ['language', 'distributions', 'params'],
  },
  mc: {
    summary: 'estimate an expectation: derivcheck mc "<expr>" --random "x ~ N(0, 1)"…',
    usage: 'derivcheck mc "<expr>" --random "x ~ DIST"… [options]',
    description: 'Estimates E[<expr>] by Monte Carlo over the declared random variables, with its standard error.',
    options: { random, param: { ...param, help: 'a parameter\'s value: "m = 0.3" (repeatable)' }, samples: { type: 'string', arg: 'N', help: 'number of samples, digits or like 1e9 (default 4194304)' }, seed, backend, method: { type: 'string', arg: 'mc|rqmc|auto', help: 'plain Monte Carlo (default), randomized quasi-Monte Carlo (scrambled Sobol, cpu float64, error bar from independent randomizations), or auto: RQMC for a smooth integrand of at most 32 dimensions' }, 'max-seconds': maxSeconds, json },
    sections: ['language', 'distributions'],
  },
  eval: {
    summary: 'evaluate an expression at a point: derivcheck eval "<expr>" --at "x=-1,y=1/2"',
    usage: 'derivcheck eval "<expr>" --at "x=…,y=…" [options]',
    description: 'Evaluates <expr> at the point exactly (a rational) where it can, otherwise in doubles with a rigorous error bound. Exit 3 where it is not defined.',
    options: {
      at: { type: 'string', multiple: true, arg: '"x=-1,y=1/2"', help: 'the point: name=value pairs, values exact (decimals, 1e-3, fractions p/q) (repeatable)' },
      json,
    },
    sections: ['language'],
  },
  init: {
    summary: 'start a project: a derivation file, a vitest test, package.json (default: this folder)',
    usage: 'derivcheck init [DIR] [options]',
    description: 'Writes derivations/example.ts, tests/example.test.ts, package.json and tsconfig.json into DIR, ready for derivcheck check and for vitest.',
    options: { force: { type: 'boolean', help: 'overwrite those files where they exist' } },
    sections: [],
  },
  reparam: REPARAM_SPEC,
};

export const EXIT_CODES: readonly (readonly [string, string])[] = [
  ['0', 'holds (proved or verified)'],
  ['1', 'refuted'],
  ['2', 'bad input or usage (said on stderr)'],
  ['3', 'unknown: nothing refuted, something undecided'],
  ['4', 'internal error: a bug in derivcheck (please report)'],
  ['130/143', 'stopped by Ctrl-C / SIGTERM'],
  ['141', 'the reader closed the pipe (derivcheck check | head): stopped quietly'],
];

export const LANGUAGE_HELP = [
  'the claim language (mathjs syntax):',
  '  + - * / ^, numbers (decimals are exact: 0.1 is 1/10), pi, e',
  `  functions: ${[...UNARY_FUNCTIONS, ...BINARY_FUNCTIONS].join(' ')}`,
  `  vectors: ${VECTOR_REDUCTIONS.join(' ')} (norm2 is the SQUARED norm); over distributions: ${DIST_HEADS.join(' ')}`,
  '  E[expr]: the expectation over the --random variables',
  '  relations (claim): =  <=  >=',
];

export const DISTRIBUTIONS_HELP = [
  'distributions (--random "x ~ DIST"):',
  '  N(mean, VARIANCE)         normal (the variance, not the standard deviation)',
  '  N(mean, variance, dim)    isotropic normal vector of dimension dim',
  '  U(a, b)                   uniform on (a, b)',
  '  LogitNormal(m, s)         sigmoid(u), u ~ N(m, s²) (s the standard deviation)',
  '  a variable may depend on earlier ones: --random "x ~ N(0,1)" --random "y ~ N(x, 1)"',
];

export const PARAMS_HELP = [
  'parameters (--param SPEC):',
  '  "a in (0,1)"  "a in [0,1]"  "a in (0,1]"   intervals, ends exact (0.1, 1/3, 1e-3, 10^-30)',
  '  "v > 0"  "v >= 0"  "v < 2"  "v <= 2"      half-lines',
  '  "m real"                                 the whole line (the default)',
  '  "m = 0.3"                                one value',
];

export const FILES_HELP = [
  'derivation files:',
  '  each exports derivation(...) values (named or default, or an array of them);',
  '  .ts, .mts, .js and .mjs files load as ES modules in any folder, with no build step;',
  '  TypeScript files are type-checked first (a type error is bad input at file:line:col);',
  '  `derivcheck` resolves to this copy when the folder has none (derivcheck init makes a project).',
];
