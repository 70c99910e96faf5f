// The Pareto k̂ tail diagnostic of a Monte Carlo estimate (Vehtari, Simpson,
// Gelman, Yao & Gabry, "Pareto smoothed importance sampling", JMLR 2024,
// §3 and the k̂ diagnostic for plain Monte Carlo means, as in the R package
// `posterior`'s pareto_khat): fit a generalized Pareto distribution (GPD) to
// the M = ⌈min(n/5, 3√n)⌉ largest values of each tail of the sample, above
// the next value as threshold, and take the larger shape ξ̂ = k̂ of the two
// tails. With k̂ < 1/2 the variance is finite and the CLT holds at the usual
// rate; for 1/2 ≤ k̂ < 0.7 the estimate still converges but slowly; beyond 0.7
// the pre-asymptotic convergence is so slow that the sample's standard error
// is not a reliable measure of the error (the paper's threshold
// min(1 − 1/log10 n, 0.7) is 0.7 for n ≥ 2^16, the sample sizes used here).
//
// The fit is Zhang & Stephens (2009, Technometrics 51:316), the empirical
// Bayes estimate over a grid of m = 30 + ⌊√M⌋ values of θ = −ξ/σ with the
// profile likelihood as weights, followed by PSIS's weakly informative prior
// on ξ (a pseudo-sample of 10 values at ξ = 0.5):
//   ξ̂ ← (M ξ̂ + 10 · 0.5) / (M + 10).
// This is the same computation as arviz's _gpdfit and loo's gpdfit.

/** Above this, the standard error of a Monte Carlo mean is not reliable. */
export const PARETO_K_THRESHOLD = 0.7;

/** Draws a tail diagnostic is computed from (the largest 3√n = 768 per tail are fitted). */
export const TAIL_SAMPLES = 2 ** 16;

/**
 * The GPD shape ξ̂ of exceedances x (sorted ascending, all ≥ 0, the largest
 * > 0), with the PSIS prior. Zhang & Stephens write k = −ξ.
 */
export function gpdShape(x: ArrayLike<number>): number {
  const n = x.length;
  const xmax = x[n - 1];
  const quartile = x[Math.max(0, Math.floor(n / 4 + 0.5) - 1)];
  const m = 30 + Math.floor(Math.sqrt(n));
  const b = new Float64Array(m);
  const k = new Float64Array(m);
  const ell = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    b[j] = 1 / xmax + (1 - Math.sqrt(m / (j + 1 - 0.5))) / (3 * quartile);
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.log1p(-b[j] * x[i]);
    k[j] = s / n; // = ξ for this θ = b
    ell[j] = n * (Math.log(-b[j] / k[j]) - k[j] - 1);
  }
  // weights w_j = 1 / Σ_i exp(ℓ_i − ℓ_j): the normalized profile likelihood.
  let bPost = 0;
  let wSum = 0;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += Math.exp(ell[i] - ell[j]);
    const w = 1 / s;
    if (!(w >= 10 * Number.EPSILON)) continue; // negligible (or NaN) weights dropped, as arviz does
    bPost += w * b[j];
    wSum += w;
  }
  bPost /= wSum;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log1p(-bPost * x[i]);
  const xi = s / n;
  return (n * xi + 10 * 0.5) / (n + 10);
}

/**
 * k̂ of one tail: `tail` holds, ascending, the M + 1 largest values of the
 * sample (the threshold first, then the M fitted). −∞ when the tail is a point
 * mass (a bounded integrand at its bound: nothing heavy there).
 */
function upperTail(tail: Float64Array, M: number): number {
  const threshold = tail[0];
  const ex = new Float64Array(M);
  for (let i = 0; i < M; i++) ex[i] = tail[1 + i] - threshold;
  // Ties at the threshold (a discrete or bounded integrand): fit the positive
  // exceedances only; with fewer than 10 of them the tail is a point mass.
  let first = 0;
  while (first < M && ex[first] === 0) first++;
  if (M - first < 10) return -Infinity;
  // Fewer than 10 distinct values (a lattice: a discrete integrand, or one
  // that is constant up to a few rounding steps) are no continuous tail to fit.
  let distinct = 1;
  for (let i = first + 1; i < M && distinct < 10; i++) if (ex[i] !== ex[i - 1]) distinct++;
  if (distinct < 10) return -Infinity;
  return gpdShape(first === 0 ? ex : ex.subarray(first));
}

/** The number of tail draws fitted: ⌈min(n/5, 3√n)⌉ (Vehtari et al. 2024, for independent draws). */
export const tailCount = (n: number): number => Math.ceil(Math.min(n / 5, 3 * Math.sqrt(n)));

/**
 * Pareto k̂ of a sample: the GPD shape of the M largest absolute deviations
 * |f − median| above the next one (the finite values only; NaN when fewer
 * than 100 of them — too few to say anything).
 *
 * Why |f − median| and not each tail on its own: a tail that is bounded and
 * short against the bulk (a density near 0 where it is sampled uniformly:
 * values in [0, 0.8] below a bulk at 1) can look heavy to the GPD fit, whose
 * estimator is meant for ξ > −1/2, when fitted alone above its own
 * threshold, and it cannot move the mean. The largest deviations from the
 * median come from the heavier tail whenever one tail is heavy, so they see
 * every heavy tail, and a bounded integrand has bounded deviations.
 */
export function paretoK(values: ArrayLike<number>): number {
  const finite = scratch(0, values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[n++] = values[i];
  if (n < 100) return NaN;
  const x = finite.subarray(0, n);
  const M = tailCount(n);
  const { lo, hi, tail } = ++calls <= COLD_CALLS ? tailBySort(x, M) : tailBySelection(x, M);
  // An integrand constant up to rounding (log p(x, z) − log p(z | x) = log p(x)):
  // deviations within 2^-30 of its magnitude are rounding noise, not a tail.
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  if (tail[M] <= 2 ** -30 * scale) return -Infinity;
  return upperTail(tail, M);
}

/**
 * Only order statistics are needed: the smallest and largest value, the
 * median, and the M + 1 largest deviations |x − median| (ascending). Two ways
 * to the same numbers (tested against each other and against full sorts):
 * selection in linear time (3 ms a call on 2^16 values once V8 has compiled
 * it; a derivation check makes hundreds of calls), and one builtin sort with
 * the deviations merged from both ends, which is faster while the function
 * is still interpreted — the first calls of a process, where a single claim
 * makes one.
 */
interface TailStats {
  readonly lo: number;
  readonly hi: number;
  readonly tail: Float64Array;
}

/**
 * Two work arrays per thread, grown on demand and reused: a check makes
 * hundreds of calls on 2^16 values, and fresh arrays each time (1 MB a
 * call) kept the garbage collector at ~5 % of a check's CPU. Nothing returned
 * or kept refers to them (the tail is a copy).
 */
const work: Float64Array[] = [new Float64Array(0), new Float64Array(0)];
function scratch(k: 0 | 1, n: number): Float64Array {
  if (work[k].length < n) work[k] = new Float64Array(Math.max(n, 2 * work[k].length));
  return work[k].subarray(0, n);
}

/** Calls of paretoK so far in this thread: the first COLD_CALLS go by sorting. */
let calls = 0;
const COLD_CALLS = 2;

/** By one sort of x (reordered in place); the deviations are largest at the ends of the sorted values. */
export function tailBySort(x: Float64Array, M: number): TailStats {
  const n = x.length;
  x.sort();
  const median = n % 2 ? x[(n - 1) / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
  // |v − median| over sorted v falls then rises, so the largest of any run
  // x[i … j] is at i or j: taking it M + 1 times gives the M + 1 largest.
  const tail = new Float64Array(M + 1);
  let i = 0;
  let j = n - 1;
  for (let k = M; k >= 0; k--) {
    const a = Math.abs(x[i] - median);
    const b = Math.abs(x[j] - median);
    if (a > b) {
      tail[k] = a;
      i++;
    } else {
      tail[k] = b;
      j--;
    }
  }
  return { lo: x[0], hi: x[n - 1], tail };
}

/** By selection (x reordered in place). */
export function tailBySelection(x: Float64Array, M: number): TailStats {
  const n = x.length;
  let lo = x[0];
  let hi = x[0];
  for (let i = 1; i < n; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  const half = n >> 1;
  const upper = selectRank(x, half); // x[0 … half) ≤ x[half] ≤ x[half + 1 …)
  let lower = x[0];
  if (n % 2 === 0) for (let i = 1; i < half; i++) if (x[i] > lower) lower = x[i];
  const median = n % 2 ? upper : (lower + upper) / 2;
  const dev = scratch(1, n);
  for (let i = 0; i < n; i++) dev[i] = Math.abs(x[i] - median);
  selectRank(dev, n - M - 1);
  return { lo, hi, tail: dev.slice(n - M - 1).sort() };
}

/**
 * Reorders `a` (no NaN) so that a[k] is its (k+1)-th smallest value, with
 * nothing larger before it and nothing smaller after it; returns a[k].
 * Quickselect with three-way partitions (ties, which bounded and discrete
 * integrands have in plenty, end a round at once) and median-of-three pivots;
 * a range that does not shrink fast enough is sorted instead, so the worst
 * case stays O(n log n).
 */
export function selectRank(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  let budget = 4 * a.length + 64;
  while (right > left) {
    if (budget <= 0 || right - left < 16) {
      const part = a.subarray(left, right + 1).sort();
      a.set(part, left);
      return a[k];
    }
    budget -= right - left + 1;
    const p = median3(a[left], a[(left + right) >> 1], a[right]);
    // Three-way partition of [left, right]: < p | = p | > p.
    let lt = left;
    let gt = right;
    let i = left;
    while (i <= gt) {
      const v = a[i];
      if (v < p) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > p) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) right = lt - 1;
    else if (k > gt) left = gt + 1;
    else return a[k];
  }
  return a[k];
}

const median3 = (a: number, b: number, c: number): number => (a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b);
