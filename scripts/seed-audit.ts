// The seed audit: every checkable claim of the seed (the user's notes), with
// the checker's verdict, generated from the derivations.
//
//   npm run seed-audit                 # check, then write docs/SEED-AUDIT.md
//   npm run seed-audit -- --stdout     # print it instead
//
// Each derivation may carry `seed: SeedClaim[]` (src/derive/seed.ts): the
// seed's words, what they claim, the author's reading (holds / imprecise /
// wrong), the correct form, and the statements (`chain.states(…)`) of the
// derivation that decide it. The script checks every derivation that carries
// claims and does not take the author's word: a claim read as `wrong` must
// have a named statement that is an expected refutation and was refuted; a
// claim read as `holds` must have only statements that hold; and every named
// statement must come out as its derivation says. Any mismatch (or a
// statement name that no chain carries) is printed and the script exits 1
// without writing. Claims the seed makes that no derivation in this tree
// checks yet are listed from PENDING below, marked as such.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { checkDerivation, type DerivationResult, type StepResult } from '../src/derive/checker.js';
import type { Derivation } from '../src/derive/derivation.js';
import { findDerivationFiles, loadDerivations } from '../src/derive/load.js';
import type { SeedClaim, SeedVerdict } from '../src/derive/seed.js';
import { shutdownCpu } from '../src/mc/cpu.js';
import { shutdownGpu } from '../src/mc/index.js';
import { atPoint } from '../src/verdict.js';

/** The seed's sections in its own order; claims are grouped and ordered by them. */
export const SECTIONS = ['ELBO', 'VAE', 'HVAE', 'VDM', 'AdaLN-Zero', 'JiT', 'Stable Diffusion 3', 'DDT / REPA'] as const;

/**
 * Checkable claims of the seed that no derivation of this tree checks yet, with the derivation
 * expected to (issue 11 deliverable 5). A derivation that carries a claim with the same id
 * replaces the entry.
 */
export const PENDING: readonly (Omit<SeedClaim, 'statements'> & { readonly expected: string })[] = [];

export interface StatementOutcome {
  readonly statement: string;
  /** holds: every step ok and none an expected refutation; refuted: an expected refutation, refuted; fails: a step not as expected. */
  readonly outcome: 'holds' | 'refuted' | 'fails';
  /** The verdicts of its steps, e.g. 'proved', 'verified', 'refuted'. */
  readonly verdicts: readonly string[];
  /** For a refutation: where ("at a = 1: lhs = …", a counterexample on a testbed), and why (a refutation in general). */
  readonly counterexample?: string;
  readonly reason?: string;
}

const fmtPoint = (s: StepResult): string | undefined => {
  const c = s.counterexample;
  if (!c) return undefined;
  const sides = c.lhs !== undefined && c.rhs !== undefined ? `: lhs = ${c.lhs}, rhs = ${c.rhs}` : '';
  return `${atPoint(c.params ?? {})}${sides}`;
};

/** The first sentence-like part of a general refutation's reason (its normal form can run for pages). */
const shortReason = (r: string | undefined): string | undefined => {
  if (!r) return undefined;
  const cut = r.indexOf('; the normal form');
  const head = cut > 0 ? r.slice(0, cut) : r;
  return head.length > 300 ? `${head.slice(0, 297)}…` : head;
};

/** What the steps of the chains carrying `statement` came to. */
export function outcomeOf(d: Derivation, r: DerivationResult, statement: string): StatementOutcome | undefined {
  // StepResult.chain counts from 1
  const chains = new Set(d.chains.flatMap((c, i) => (c.statement === statement ? [i + 1] : [])));
  if (chains.size === 0) return undefined;
  const steps = r.steps.filter((s) => chains.has(s.chain));
  const verdicts = steps.map((s) => s.verdict);
  if (steps.some((s) => !s.ok)) return { statement, outcome: 'fails', verdicts };
  const refutations = steps.filter((s) => s.expect === 'refuted');
  if (refutations.length) {
    const withPoint = refutations.find((s) => s.counterexample);
    const general = refutations.find((s) => s.scope.kind === 'general');
    return {
      statement, outcome: 'refuted', verdicts,
      ...(withPoint ? { counterexample: fmtPoint(withPoint) } : {}),
      ...(general?.reason ? { reason: shortReason(general.reason) } : {}),
    };
  }
  return { statement, outcome: 'holds', verdicts };
}

/** The outcome of a claim that names no statement: the whole derivation. */
function wholeDerivation(r: DerivationResult): StatementOutcome {
  const ok = r.steps.every((s) => s.ok);
  const held = r.steps.filter((s) => !s.expect).length;
  const wrong = r.steps.length - held;
  return {
    statement: `the whole derivation (${held} steps${wrong ? `, and ${wrong} expected refutations of other claims` : ''})`,
    outcome: ok ? 'holds' : 'fails',
    verdicts: r.steps.filter((s) => !s.expect).map((s) => s.verdict),
  };
}

export interface AuditedClaim {
  readonly claim: SeedClaim;
  readonly derivation: string;
  readonly file: string;
  readonly outcomes: readonly StatementOutcome[];
  /** Why the checker's outcome does not bear out the author's reading (empty when it does). */
  readonly problems: readonly string[];
}

/** Cross-checks an author's reading against the checker's outcomes. */
export function problemsOf(verdict: SeedVerdict, outcomes: readonly StatementOutcome[], named: boolean): string[] {
  const out: string[] = [];
  for (const o of outcomes) if (o.outcome === 'fails') out.push(`'${o.statement}' does not come out as the derivation says (${o.verdicts.join(', ')})`);
  if (verdict === 'wrong') {
    if (!named) out.push('a claim read as wrong must name the statement that refutes it');
    else if (!outcomes.some((o) => o.outcome === 'refuted')) out.push('read as wrong, but none of its statements is a refuted expected refutation');
  }
  if (verdict === 'holds') {
    for (const o of outcomes) if (o.outcome === 'refuted') out.push(`read as holding, but '${o.statement}' is a refutation`);
  }
  // 'imprecise' asks only that every statement comes out as its derivation says: the precise form
  // holds, the statement as written (where the derivation carries it) is refuted.
  if (!['holds', 'imprecise', 'wrong'].includes(verdict)) out.push(`unknown verdict '${verdict as string}'`);
  return out;
}

export function audit(d: Derivation, file: string, r: DerivationResult): AuditedClaim[] {
  return (d.seed ?? []).map((claim) => {
    const named = claim.statements.length > 0;
    const problems: string[] = [];
    const outcomes: StatementOutcome[] = [];
    if (named) {
      for (const st of claim.statements) {
        const o = outcomeOf(d, r, st);
        if (o) outcomes.push(o);
        else problems.push(`no chain of ${d.id} states '${st}'`);
      }
    } else outcomes.push(wholeDerivation(r));
    problems.push(...problemsOf(claim.verdict, outcomes, named));
    return { claim, derivation: d.id, file, outcomes, problems };
  });
}

const VERDICT_WORD: Record<SeedVerdict, string> = { holds: 'holds', imprecise: 'imprecise', wrong: '**wrong**' };
const OUTCOME_WORD = { holds: 'holds', refuted: 'refuted', fails: 'FAILS' } as const;
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown document. */
export function render(claims: readonly AuditedClaim[], pending: typeof PENDING): string {
  const present = new Set(claims.map((c) => c.claim.id));
  const waiting = pending.filter((p) => !present.has(p.id));
  const count = (v: SeedVerdict) => claims.filter((c) => c.claim.verdict === v).length + waiting.filter((p) => p.verdict === v).length;
  const lines: string[] = [
    '# Seed audit',
    '',
    '<!-- Generated by `npm run seed-audit` (scripts/seed-audit.ts) from the `seed:` metadata of the',
    '     derivations and the checker\'s verdicts. Do not edit by hand. -->',
    '',
    'Every checkable claim of the seed (the user\'s notes on diffusion models, in Chinese), with its',
    'verdict. A claim is **wrong** when the derivation refutes it (an expected refutation, with the',
    'counterexample), *imprecise* when its gist survives but the statement as written does not (the',
    'correct form is given and checked), and holds when the derivation proves or verifies it. The',
    'verdicts below are the checker\'s (seed 1): the script fails when they do not bear out the reading.',
    '',
    `${claims.length + waiting.length} claims: ${count('holds')} hold, ${count('imprecise')} imprecise, ${count('wrong')} wrong` +
      (waiting.length ? `; ${waiting.length} not yet checked by a derivation in this tree (marked *pending*).` : '.'),
    '',
  ];
  let n = 0;
  const sections = [...SECTIONS, ...new Set(claims.map((c) => c.claim.section).filter((s) => !(SECTIONS as readonly string[]).includes(s)))];
  for (const section of sections) {
    const here = claims.filter((c) => c.claim.section === section);
    const wait = waiting.filter((p) => p.section === section);
    if (!here.length && !wait.length) continue;
    lines.push(`## ${section}`, '');
    for (const c of here) {
      n++;
      lines.push(`### ${n}. ${esc(c.claim.says)}`, '');
      lines.push(`- Seed: «${esc(c.claim.quote)}»`);
      lines.push(`- Verdict: ${VERDICT_WORD[c.claim.verdict]}`);
      if (c.claim.correct) lines.push(`- ${c.claim.verdict === 'holds' ? 'Precisely' : 'Correct form'}: ${esc(c.claim.correct)}`);
      lines.push(`- Checked by \`${c.derivation}\` (${c.file}):`);
      for (const o of c.outcomes) {
        const where = o.counterexample ? ` ${o.counterexample}` : '';
        const why = o.reason ? `; in general: ${o.reason}` : '';
        const how = o.outcome === 'refuted' ? '' : ` (${[...new Set(o.verdicts)].join(', ')})`;
        lines.push(`  - ${esc(o.statement)}: ${OUTCOME_WORD[o.outcome]}${where}${esc(why)}${how}`);
      }
      lines.push('');
    }
    for (const p of wait) {
      n++;
      lines.push(`### ${n}. ${esc(p.says)}`, '');
      lines.push(`- Seed: «${esc(p.quote)}»`);
      lines.push(`- Verdict: ${VERDICT_WORD[p.verdict]} (*pending*: the reading of FORMULAS.md, not yet checked here)`);
      if (p.correct) lines.push(`- Correct form: ${esc(p.correct)}`);
      lines.push(`- To be checked by \`${p.expected}\` (no derivation in this tree carries claim \`${p.id}\` yet)`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const toStdout = process.argv.includes('--stdout');
  const files = findDerivationFiles(['derivations']);
  const loaded = await loadDerivations(files);
  const seeded = loaded.filter((l) => (l.derivation.seed ?? []).length > 0);
  const claims: AuditedClaim[] = [];
  const ids = new Map<string, string>();
  for (const { file, derivation: d } of seeded) {
    process.stderr.write(`seed-audit: checking ${d.id} …\n`);
    const r = await checkDerivation(d, { seed: 1, backend: 'auto' });
    for (const c of audit(d, relative(process.cwd(), file), r)) {
      const prev = ids.get(c.claim.id);
      ids.set(c.claim.id, d.id);
      claims.push(prev ? { ...c, problems: [...c.problems, `claim id '${c.claim.id}' is also used by ${prev}`] } : c);
    }
  }
  const bad = claims.filter((c) => c.problems.length);
  for (const c of bad) for (const p of c.problems) process.stderr.write(`seed-audit: ${c.derivation}, claim ${c.claim.id}: ${p}\n`);
  if (bad.length) return 1;
  const doc = render(claims, PENDING);
  if (toStdout) process.stdout.write(doc);
  else {
    writeFileSync('docs/SEED-AUDIT.md', doc);
    process.stderr.write(`seed-audit: wrote docs/SEED-AUDIT.md (${claims.length} checked claims from ${seeded.length} derivations)\n`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main()
    .then(async (code) => {
      await shutdownGpu();
      await shutdownCpu();
      process.exit(code);
    })
    .catch((e: unknown) => {
      process.stderr.write(`seed-audit: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(4);
    });
}
