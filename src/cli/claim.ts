// derivcheck claim "<lhs> <rel> <rhs>" [--param SPEC]… [--random "x ~ D"]… [--seed N] [--samples N] [--backend B]
//   [--max-seconds S] [--json] [--debug]
// --max-seconds bounds the Monte Carlo estimates of a claim with expectations:
// when it runs out the verdict is unknown ("budget exhausted", exit 3).
import type { Binding, DistNode, Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { checkDimensions, DistributionError, orderBindings, validateDist } from '../prob/validate.js';
import { ParseError, parseRandom } from '../expr/parse.js';
import { parseClaimText } from '../expr/parse-latex.js';
import { toMathjs, toText } from '../expr/print-mathjs.js';
import { buildDomain, ParamError } from '../expr/params.js';
import { decideRelation, needsExpectation } from '../expect/decide-relation.js';
import { exitCodeOf, formatVerdict } from './format-verdict.js';
import { backendOption, intOption, readArgs } from './args.js';
import { Interrupt, ProgressLine, samplesOption, secondsOption } from './budget.js';
import type { Counterexample, Verdict } from '../verdict.js';
import { explainCounterexample, type Explanation } from '../derive/explain.js';
import { at, UsageError } from './usage-error.js';
import { jsonDocument } from './version.js';
import { paint } from './colour.js';

const OPTIONS = {
  param: { type: 'string', multiple: true },
  random: { type: 'string', multiple: true },
  seed: { type: 'string' },
  samples: { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'boolean' },
  'max-seconds': { type: 'string' },
  latex: { type: 'boolean' },
} as const;

export function readRandom(command: string, specs: readonly string[]): Binding[] {
  // First pass: names and what each distribution uses, to find an order in
  // which each depends only on earlier ones (or a cycle, which is bad input).
  const first: (Binding & { spec: string })[] = [];
  for (const spec of specs) {
    try {
      const b = parseRandom(spec, { random: first });
      if (first.some((x) => x.name === b.name)) throw new ParseError(`random variable '${b.name}' is declared twice`, 0);
      first.push({ ...b, spec });
    } catch (e) {
      if (e instanceof ParseError) throw at(`${command}: --random`, spec, e.position, e.message);
      throw e;
    }
  }
  let ordered;
  try {
    ordered = orderBindings(first);
  } catch (e) {
    if (e instanceof DistributionError) throw new UsageError(`${command}: --random: ${e.message}`);
    throw e;
  }
  // Second pass, in that order, so that a variable declared later but used
  // earlier has its kind (scalar or vector) known where it is used.
  const out: Binding[] = [];
  for (const { spec } of ordered) {
    try {
      const b = parseRandom(spec, { random: out });
      // Literal parameters are checked here, before any GPU is touched.
      checkDist(spec, b.dist);
      out.push(b);
    } catch (e) {
      if (e instanceof ParseError) throw at(`${command}: --random`, spec, e.position, e.message);
      throw e;
    }
  }
  return out;
}

/** Bad literal parameters of a distribution (a negative variance) are bad input. */
export function checkDist(spec: string, dist: DistNode): void {
  try {
    validateDist(dist);
  } catch (e) {
    if (e instanceof DistributionError) throw new UsageError(`--random "${spec}": ${e.message}`);
    throw e;
  }
}

export function readDomain(command: string, specs: readonly string[]) {
  try {
    return buildDomain(specs);
  } catch (e) {
    if (e instanceof ParamError) throw new UsageError(`${command}: ${e.message}`);
    throw e;
  }
}

/** Vectors combined with vectors of another dimension are bad input, whichever path decides the claim. */
export function checkVectorDimensions(command: string, node: Node): void {
  try {
    checkDimensions(node);
  } catch (e) {
    if (e instanceof DistributionError) throw new UsageError(`${command}: ${e.message}`);
    throw e;
  }
}

/**
 * A --param for a symbol the claim does not use is most likely a typo (or a
 * name the claim spells differently): said on stderr, not an error.
 */
export function warnUnusedParams(command: string, domain: ReadonlyMap<string, unknown>, node: Node): void {
  const used = freeSymbols(node);
  for (const name of domain.keys()) {
    if (!used.has(name)) process.stderr.write(`derivcheck ${command}: warning: --param ${name} is declared but the claim does not use '${name}'\n`);
  }
}

/** The evidence at a counterexample; it is shown, never decided on, so a failure to explain is no error. */
function explainSafely(lhs: Node, rhs: Node, domain: ReturnType<typeof readDomain>, c: Counterexample): Explanation | undefined {
  try {
    return explainCounterexample(lhs, rhs, domain, new Map(), c);
  } catch {
    return undefined;
  }
}

export async function claimCommand(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs('claim', argv, OPTIONS);
  if (positionals.length !== 1) {
    throw new UsageError(`claim: expected one claim in quotes, e.g. derivcheck claim "sqrt(a)^2 = a" --param "a > 0" (got ${positionals.length} arguments)`);
  }
  const text = positionals[0];
  const random = readRandom('claim', values.random ?? []);
  const domain = readDomain('claim', values.param ?? []);
  const seed = intOption('claim', 'seed', values.seed, 1);
  const samples = samplesOption('claim', values.samples, 0, 0);
  const maxSeconds = secondsOption('claim', values['max-seconds']);
  const backend = backendOption('claim', values.backend);
  let claim;
  try {
    // A claim with a backslash is LaTeX pasted from a paper (src/expr/parse-latex.ts).
    claim = parseClaimText(text, { random });
  } catch (e) {
    if (e instanceof ParseError) throw at('claim', text, e.position, e.message);
    throw e;
  }
  for (const name of random.map((b) => b.name)) {
    if (domain.has(name)) throw new UsageError(`claim: '${name}' is declared both as a random variable and as a parameter`);
  }
  checkVectorDimensions('claim', claim);
  const t0 = performance.now();
  const base = { seed, samples: samples || undefined, backend };
  let verdict: Verdict;
  if (!needsExpectation(claim.args[0]) && !needsExpectation(claim.args[1])) {
    verdict = await decideRelation(claim.args[0], claim.rel, claim.args[1], domain, base);
  } else {
    // Expectations run Monte Carlo: under the --max-seconds budget (unknown,
    // "budget exhausted", when it runs out), with progress on a terminal, and
    // stopped by SIGINT / SIGTERM (exit 130 / 143, the GPU released).
    const progress = new ProgressLine('claim: Monte Carlo');
    const interrupt = new Interrupt();
    try {
      verdict = await decideRelation(claim.args[0], claim.rel, claim.args[1], domain, { ...base, maxSeconds, signal: interrupt.signal, onProgress: progress.callback });
    } catch (e) {
      // mc is loaded by now (decideRelation ran it): importing it again costs nothing.
      if (!(e instanceof (await import('../mc/index.js')).McInterrupted)) throw e;
      progress.clear();
      process.stderr.write(`derivcheck: claim: ${interrupt.signalName ?? 'signal'}: ${(e as Error).message}\n`);
      await (await import('../mc/index.js')).shutdownGpu();
      return interrupt.exitCode ?? 130;
    } finally {
      progress.clear();
      interrupt.dispose();
    }
  }
  const ms = performance.now() - t0;
  // After the decision, so that bad input found while deciding stays the one line on stderr.
  warnUnusedParams('claim', domain, claim);
  if (values.latex && !values.json) {
    const { claimLatex } = await import('./format-doc.js');
    process.stdout.write(claimLatex(claim.args[0], claim.rel, claim.args[1], domain, verdict) + '\n');
    return exitCodeOf(verdict);
  }
  if (values.json) {
    const doc: Record<string, unknown> = {
      verdict: verdict.verdict,
      relation: claim.rel,
      lhs: toMathjs(claim.args[0]),
      rhs: toMathjs(claim.args[1]),
      method: verdict.evidence[0]?.method ?? 'none',
      evidence: verdict.evidence,
    };
    if (verdict.verdict === 'refuted') {
      doc.counterexample = verdict.counterexample;
      const explanation = explainSafely(claim.args[0], claim.args[1], domain, verdict.counterexample);
      if (explanation) doc.explanation = explanation;
    }
    if (verdict.verdict === 'unknown') doc.reason = verdict.reason;
    doc.seed = seed;
    doc.ms = Math.round(ms * 1000) / 1000;
    process.stdout.write(JSON.stringify(jsonDocument(doc)) + '\n');
  } else {
    const explanation = verdict.verdict === 'refuted' ? explainSafely(claim.args[0], claim.args[1], domain, verdict.counterexample) : undefined;
    process.stdout.write(formatVerdict(toText(claim), domain, verdict, ms, paint(process.stdout), explanation) + '\n');
  }
  return exitCodeOf(verdict);
}
