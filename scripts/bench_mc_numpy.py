#!/usr/bin/env python3
"""The numpy reference for scripts/bench-mc.ts: the same Monte Carlo
estimates, vectorized, in float64 and in float32 (numpy's default generator,
PCG64 with ziggurat normals), timed on the same machine in the same run.

Usage: bench_mc_numpy.py --case NAME|all --samples N [--repeat R] [--seed S]
Prints one JSON object per line:
  {"case", "dtype", "mean", "stderr", "samples", "seconds", "samplesPerSecond",
   "cpuSeconds", "samplesPerCpuSecond"}
(the repeat with the least wall time of R; CPU time is process time). Samples are drawn in chunks of 2^20 so the
temporaries stay in cache; sums are accumulated in float64.
"""
import argparse
import json
import math
import sys
import time

import numpy as np

CHUNK = 1 << 20


def x2(rng, n, dt):
    # E[x²], x ~ N(0.5, 2) (variance 2)
    z = rng.standard_normal(n, dtype=dt)
    z *= dt(math.sqrt(2.0))
    z += dt(0.5)
    np.multiply(z, z, out=z)
    return z


def exp_sz(rng, n, dt):
    # E[exp(s·z)], z ~ N(0, 1), s = 0.7
    z = rng.standard_normal(n, dtype=dt)
    z *= dt(0.7)
    np.exp(z, out=z)
    return z


def vdm(rng, n, dt):
    # ½(SNR_s − SNR_t)·‖x0 − √ᾱ x_t‖², x_t = √ᾱ x0 + √(1−ᾱ) ε, x0, ε ~ N(0, I_4)
    ab, snr_s, snr_t, d = 0.7, 3.0, 7.0 / 3.0, 4
    x0 = rng.standard_normal((n, d), dtype=dt)
    eps = rng.standard_normal((n, d), dtype=dt)
    sa = dt(math.sqrt(ab))
    # x0 − √ᾱ(√ᾱ x0 + √(1−ᾱ) ε) = (1 − ᾱ) x0 − √ᾱ√(1−ᾱ) ε
    eps *= dt(-math.sqrt(ab) * math.sqrt(1 - ab))
    x0 *= dt(1.0) - sa * sa
    x0 += eps
    f = np.einsum("ij,ij->i", x0, x0)
    f *= dt(0.5 * (snr_s - snr_t))
    return f


def logitn(rng, n, dt):
    # π(t; m, s) = 1/(s√(2π)) · 1/(t(1−t)) · exp(−(logit t − m)²/(2s²)), t ~ U(0, 1), m = 0, s = 1
    m, s = 0.0, 1.0
    t = rng.random(n, dtype=dt)
    if dt is np.float32:
        # float32 draws are k·2^-24 with k = 0 possible, and 1 − t rounds to 0
        # next to 1: keep t inside [2^-25, 1 − 2^-24].
        np.clip(t, dt(2.0 ** -25), dt(1.0 - 2.0 ** -24), out=t)
    one_minus = dt(1.0) - t
    lg = np.log(t / one_minus)
    lg -= dt(m)
    np.multiply(lg, lg, out=lg)
    lg *= dt(-1.0 / (2 * s * s))
    np.exp(lg, out=lg)
    t *= one_minus
    lg /= t
    lg *= dt(1.0 / (s * math.sqrt(2 * math.pi)))
    return lg


CASES = {"x2": x2, "exp": exp_sz, "vdm": vdm, "logitn": logitn}


def run(case, n, seed, dt):
    rng = np.random.default_rng(seed)
    total = 0.0
    total2 = 0.0
    done = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    while done < n:
        k = min(CHUNK, n - done)
        f = CASES[case](rng, k, dt).astype(np.float64, copy=False)
        total += float(f.sum())
        total2 += float(np.dot(f, f))
        done += k
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    mean = total / n
    var = (total2 - n * mean * mean) / (n - 1)
    return mean, math.sqrt(max(var, 0.0) / n), seconds, cpu


def main():
    np.seterr(all="ignore")
    p = argparse.ArgumentParser()
    p.add_argument("--case", default="all")
    p.add_argument("--samples", type=float, default=2e7)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    n = int(a.samples)
    cases = list(CASES) if a.case == "all" else [a.case]
    for case in cases:
        for dt in (np.float64, np.float32):
            run(case, min(n, CHUNK), a.seed, dt)  # warm up
            best = None
            for r in range(a.repeat):
                mean, se, sec, cpu = run(case, n, a.seed + r, dt)
                if best is None or sec < best[2]:
                    best = (mean, se, sec, cpu)
            mean, se, sec, cpu = best
            finite = lambda v: v if math.isfinite(v) else None  # noqa: E731 (JSON has no NaN)
            print(json.dumps({
                "case": case, "dtype": np.dtype(dt).name, "mean": finite(mean), "stderr": finite(se), "samples": n,
                "seconds": sec, "samplesPerSecond": n / sec, "cpuSeconds": cpu, "samplesPerCpuSecond": n / cpu,
                "numpy": np.__version__,
            }))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
