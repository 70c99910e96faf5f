// The algebra benchmark corpus (tests/fixtures/algebra-corpus.json): identities
// from the seed's derivations and plausible wrong variants, as mathjs-syntax
// strings with a domain per symbol. Shared by the benchmark and the tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Node, Rel } from '../src/expr/ast.js';
import { REAL, type Domain, type Interval } from '../src/expr/domain.js';
import { parse } from '../src/expr/parse.js';
import { parseDecimal } from '../src/expr/rational.js';

export interface CorpusEntry {
  readonly name: string;
  readonly source: string;
  readonly lhs: string;
  readonly rhs: string;
  readonly rel: Rel;
  /** Interval per symbol: "(0,1)", "[0,inf)", "real". */
  readonly params: Readonly<Record<string, string>>;
  /** Whether the identity holds on the domain. */
  readonly expected: boolean;
}

export interface ParsedEntry extends CorpusEntry {
  readonly lhsNode: Node;
  readonly rhsNode: Node;
  readonly domain: Domain;
}

const CORPUS = fileURLToPath(new URL('../tests/fixtures/algebra-corpus.json', import.meta.url));

/** "(0,1)", "[0,inf)", "(-inf,2]", "real". */
export function parseInterval(text: string): Interval {
  if (text.trim() === 'real') return REAL;
  const m = /^\s*([([])\s*([^,]+?)\s*,\s*([^\])]+?)\s*([)\]])\s*$/.exec(text);
  if (!m) throw new Error(`not an interval: ${text}`);
  const end = (s: string) => (/^[+-]?inf$/.test(s) ? undefined : parseDecimal(s));
  return { lo: end(m[2]), hi: end(m[3]), loOpen: m[1] === '(', hiOpen: m[4] === ')' };
}

export function loadCorpus(): ParsedEntry[] {
  const data = JSON.parse(readFileSync(CORPUS, 'utf8')) as { entries: CorpusEntry[] };
  return data.entries.map((e) => ({
    ...e,
    lhsNode: parse(e.lhs),
    rhsNode: parse(e.rhs),
    domain: new Map(Object.entries(e.params).map(([k, v]) => [k, parseInterval(v)])),
  }));
}
