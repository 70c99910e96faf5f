/**
 * Index expressions of the calculus: the subscripts of indexed random variables (x_t, x_{t−1},
 * x_T, x_0) and the bounds of finite sums.
 *
 * Deliberately a small language: an index is `k`, `T + k` or `v + k` for one index variable v
 * (a sum's bound variable or a free index such as a generic step t) and an integer constant k.
 * Nothing else (no 2t, no T − t, no t + T). That restriction is what makes the lifting lemma of
 * lifting.ts true: every difference of two such indices, written in the slack coordinates of its
 * range, has coefficients of one sign, so the order type of finitely many indices only depends on
 * clipped distances and a bounded number of concrete sizes decides a statement for every T.
 */

/** `base` is null for a constant, 'T' for the horizon, or the name of an index variable. */
export interface Idx {
  readonly base: string | null;
  readonly k: number;
}

/** Values of T and of the index variables in one concrete instance. */
export type Env = ReadonlyMap<string, number>;

export function idx(base: string | null, k = 0): Idx {
  if (!Number.isInteger(k)) throw new TypeError(`index offset must be an integer, got ${k}`);
  return { base, k };
}

/**
 * Parses `0`, `3`, `T`, `T-1`, `t`, `t+1`, `s - 2` (spaces and the sign − allowed).
 * Rejects anything outside the language above, such as `2t` or `T-t`.
 */
export function parseIdx(text: string | number | Idx): Idx {
  if (typeof text === 'number') return idx(null, text);
  if (typeof text !== 'string') return text;
  const s = text.replace(/\s+/g, '').replace(/−/g, '-');
  const m = /^(?:([A-Za-z][A-Za-z0-9']*)(?:([+-])(\d+))?|(-?\d+))$/.exec(s);
  if (!m) throw new SyntaxError(`not an index expression of the form k, T+k or t+k: '${text}'`);
  if (m[4] !== undefined) return idx(null, Number(m[4]));
  const k = m[3] === undefined ? 0 : (m[2] === '-' ? -1 : 1) * Number(m[3]);
  return idx(m[1]!, k);
}

export function shiftIdx(i: Idx, d: number): Idx {
  return idx(i.base, i.k + d);
}

/** Replaces the variable `name` by `by` (itself an index): (v + k)[v := u + j] = u + (j + k). */
export function substIdx(i: Idx, name: string, by: Idx): Idx {
  return i.base === name ? idx(by.base, by.k + i.k) : i;
}

export function evalIdx(i: Idx, env: Env): number {
  if (i.base === null) return i.k;
  const v = env.get(i.base);
  if (v === undefined) throw new RangeError(`index variable '${i.base}' has no value here`);
  return v + i.k;
}

export function idxEqual(a: Idx, b: Idx): boolean {
  return a.base === b.base && a.k === b.k;
}

export function printIdx(i: Idx): string {
  if (i.base === null) return String(i.k);
  if (i.k === 0) return i.base;
  return `${i.base}${i.k > 0 ? '+' : '−'}${Math.abs(i.k)}`;
}
