// Standard-normal tools for the Monte Carlo calibration (scripts/calibrate-mc.ts)
// and the χ² tests of the draws (tests/mc/chi2.test.ts): Φ, and the
// Kolmogorov–Smirnov test of a sample against a continuous CDF.

/** erfc with relative error < 1.2e-7 everywhere (Numerical Recipes erfcc, Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF, Φ(x) = erfc(−x/√2)/2. */
export function phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * One-sample Kolmogorov–Smirnov test: D = sup |F_n − F| and its p-value from
 * the Kolmogorov distribution with Stephens' small-sample correction,
 * λ = (√n + 0.12 + 0.11/√n)·D, p = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}
 * (good to a few per cent of p for n ≥ 5).
 */
export function ksTest(sample: readonly number[], cdf: (x: number) => number): { d: number; p: number; n: number } {
  const xs = [...sample].sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { d: 0, p: 1, n };
  let d = 0;
  xs.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  });
  const lambda = (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d;
  let p = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    p += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return { d, p: Math.min(1, Math.max(0, p)), n };
}
