// "did you mean …": the nearest known name to a mistyped one, by edit
// distance (case-insensitive, with transpositions), plus the aliases people
// bring from other tools (Normal for N, ln for log). Nothing is suggested
// when nothing is close: a wrong suggestion is worse than none.
import { BINARY_FUNCTIONS, DIST_FAMILIES, DIST_HEADS, UNARY_FUNCTIONS, VECTOR_REDUCTIONS } from '../expr/ast.js';

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The closest candidate within a distance that grows with the word's length, or undefined. */
export function closest(word: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const alias = aliases[word] ?? aliases[word.toLowerCase()];
  if (alias !== undefined) return alias;
  const w = word.toLowerCase();
  // A case-only difference is always a suggestion (Normal → normal is not a name, but Sin → sin is).
  const sameCase = candidates.find((c) => c.toLowerCase() === w);
  if (sameCase !== undefined && sameCase !== word) return sameCase;
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  return bestD <= limit ? best : undefined;
}

/** ` (did you mean 'x'?)`, or nothing. */
export function didYouMean(word: string, candidates: readonly string[], aliases: Readonly<Record<string, string>> = {}, prefix = ''): string {
  const c = closest(word, candidates, aliases);
  return c === undefined ? '' : ` (did you mean '${prefix}${c}'?)`;
}

/** Every function and distribution name of the claim language. */
export const LANGUAGE_NAMES: readonly string[] = [...UNARY_FUNCTIONS, ...BINARY_FUNCTIONS, ...VECTOR_REDUCTIONS, ...DIST_HEADS, ...DIST_FAMILIES];

/** Names from NumPy, SciPy, SymPy, mathjs and LaTeX that mean one of ours. */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  normal: 'N',
  gaussian: 'N',
  norm: 'N',
  uniform: 'U',
  logitnormal: 'LogitNormal',
  ln: 'log',
  expectation: 'E',
  mean: 'E',
  expit: 'sigmoid',
};

/**
 * A parse message about an unknown name, with the nearest name of the
 * language appended: "unknown function 'sinn'" → "… (did you mean 'sin'?)".
 */
export function withLanguageSuggestion(message: string): string {
  const m = /^unknown function '([^']*)'/.exec(message);
  if (!m) return message;
  return message + didYouMean(m[1], LANGUAGE_NAMES, LANGUAGE_ALIASES);
}
