// derivcheck mc "<expr>" --random "x ~ N(0.5, 2)" [--random …] [--param "m=0.3"]… [--samples N] [--seed N] [--backend auto|webgpu|cpu]
//   [--method mc|rqmc|auto]
//   [--max-seconds S] [--json] [--debug]
// Estimates E[expr] over the declared random variables.
// Exit 0 with an estimate whose standard error can be trusted; exit 3
// (unknown) when it cannot: some samples were not finite, the mean or the
// standard error is not a finite number, --max-seconds ran out (the result
// says how many samples were done), or the integrand's Pareto tail index k̂
// exceeds 0.7 (heavy tails: the standard error is not reliable). Each says
// why on stderr; --json carries tailIndex. SIGINT / SIGTERM stop the run
// within ~0.25 s: exit 130 / 143.
import { freeSymbols, substitute, type DistNode, type Node } from '../expr/ast.js';
import { num } from '../expr/build.js';
import { ParseError, parse } from '../expr/parse.js';
import { toNumber } from '../expr/rational.js';
import { fixedValue } from '../expr/params.js';
import { backendOption, intOption, readArgs } from './args.js';
import { checkDist, readDomain, readRandom } from './claim.js';
import { at, UsageError } from './usage-error.js';
import { jsonDocument } from './version.js';
import { isBadInput } from '../errors.js';
import { Interrupt, ProgressLine, samplesOption, secondsOption } from './budget.js';
import { PARETO_K_THRESHOLD } from '../mc/pareto.js';

const OPTIONS = {
  random: { type: 'string', multiple: true },
  param: { type: 'string', multiple: true },
  samples: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  method: { type: 'string' },
  json: { type: 'boolean' },
  'max-seconds': { type: 'string' },
} as const;

const DEFAULT_SAMPLES = 1 << 22;

export async function mcCommand(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs('mc', argv, OPTIONS);
  if (positionals.length !== 1) {
    throw new UsageError(`mc: expected one expression in quotes, e.g. derivcheck mc "x^2" --random "x ~ N(0.5, 2)" (got ${positionals.length} arguments)`);
  }
  const text = positionals[0];
  const random = readRandom('mc', values.random ?? []);
  if (random.length === 0) throw new UsageError('mc: declare at least one random variable with --random "x ~ N(0, 1)"');
  const domain = readDomain('mc', values.param ?? []);
  const params: Record<string, number> = {};
  for (const [name, interval] of domain) {
    const v = fixedValue(interval);
    if (!v) throw new UsageError(`mc: --param for ${name} must fix a value, like "${name}=0.3"`);
    params[name] = toNumber(v);
  }
  const samples = samplesOption('mc', values.samples, DEFAULT_SAMPLES, 1);
  const maxSeconds = secondsOption('mc', values['max-seconds']);
  const seed = intOption('mc', 'seed', values.seed, 1);
  const backend = backendOption('mc', values.backend);
  const method = values.method ?? 'mc';
  if (method !== 'mc' && method !== 'rqmc' && method !== 'auto') throw new UsageError(`mc: --method must be mc, rqmc or auto, not '${method}'`);

  // The expression is the body of an expectation: parse it as E[expr] so the
  // random variables are in scope, and report positions in the user's text.
  let node;
  try {
    node = parse(`E[${text}]`, { random });
  } catch (e) {
    if (e instanceof ParseError) throw at('mc', text, Math.max(0, Math.min(text.length, e.position - 2)), e.message);
    throw e;
  }
  if (node.op !== 'E' || node.kind !== 'scalar') throw new UsageError(`mc: "${text}" must be a scalar expression (use norm2, dot or sum to reduce vectors)`);
  const bound = new Set(random.map((b) => b.name));
  for (const s of freeSymbols(node)) {
    if (!bound.has(s) && !(s in params)) throw new UsageError(`mc: '${s}' has no value: declare it with --random or give it one with --param "${s}=…"`);
  }

  // With the parameters' values in, every distribution parameter is a number: check them all.
  const values_ = new Map(Object.entries(params).map(([k, v]) => [k, num(v) as Node]));
  random.forEach((b, i) => checkDist(values.random![i], substitute(b.dist, values_) as DistNode));

  const { estimate, McInterrupted, shutdownGpu } = await import('../mc/index.js');
  const { describeMethod, estimateByMethod } = await import('../mc/rqmc-choice.js');
  const progress = new ProgressLine(`mc E[${text.length > 40 ? `${text.slice(0, 37)}…` : text}]`);
  const interrupt = new Interrupt();
  let r;
  try {
    const opts = { samples, seed, backend, maxSeconds, signal: interrupt.signal, onProgress: progress.callback };
    r = method === 'mc' ? await estimate(node.args[0], node.over, params, opts) : await estimateByMethod(node.args[0], node.over, params, opts, method);
  } catch (e) {
    if (e instanceof McInterrupted) {
      progress.clear();
      process.stderr.write(`derivcheck: mc: ${interrupt.signalName ?? 'signal'}: ${(e as Error).message}\n`);
      return interrupt.exitCode ?? 130;
    }
    // Bad input (an integrand that does not compile, bad parameters) is exit 2;
    // anything else (a device error: McDeviceError) is a bug or the machine's (exit 4).
    if (isBadInput(e)) throw new UsageError(`mc: ${(e as Error).message}`);
    throw e;
  } finally {
    progress.clear();
    interrupt.dispose();
    await shutdownGpu();
  }
  const exhausted = r.stopped === 'max-seconds';
  const noEstimate = !Number.isFinite(r.mean) || !Number.isFinite(r.stderr);
  const reason = exhausted
    ? `budget exhausted: --max-seconds ${maxSeconds} ran out after ${r.samples} of ${r.requested} samples`
    : noEstimate ? `no estimate: ${r.samples - r.nonFinite} finite samples give mean ${r.mean} and standard error ${r.stderr}` : undefined;
  if (reason) process.stderr.write(`derivcheck: mc: ${reason}\n`);
  if (values.json) {
    process.stdout.write(JSON.stringify(jsonDocument(reason ? { ...r, reason } : { ...r })) + '\n');
  } else {
    const lines = [
      `E[${text}] ≈ ${r.mean.toPrecision(8)} ± ${r.stderr.toPrecision(3)} (standard error)`,
      `  variance ${r.variance.toPrecision(6)}, ${r.samples} samples, ${r.nonFinite} non-finite, tail index k̂ = ${(r.tailIndex ?? NaN).toFixed(2)}`,
      ...('method' in r ? [`  method: ${describeMethod(r)}`] : []),
      `  backend ${r.backend}${r.adapter ? ` (${r.adapter})` : ''}, seed ${r.seed}, ${r.ms.toFixed(1)} ms, ${r.samplesPerSecond.toExponential(3)} samples/s`,
    ];
    if (r.nonFinite > 0) lines.push(`  ${r.nonFinite} samples were not finite: the estimate of the finite ones is not E[${text}]`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  const warnings: string[] = [];
  // No finite estimate and a spent budget were said above (the reason); the tail is said here.
  const k = r.tailIndex ?? NaN;
  if (!(k <= PARETO_K_THRESHOLD)) {
    warnings.push(`heavy tails: Pareto tail index k̂ = ${k.toFixed(2)} > ${PARETO_K_THRESHOLD}, so the standard error is not reliable (E[${text}] may not even exist)`);
  }
  for (const w of warnings) process.stderr.write(`derivcheck: warning: ${w}\n`);
  return r.nonFinite > 0 || exhausted || noEstimate || warnings.length > 0 ? 3 : 0;
}
