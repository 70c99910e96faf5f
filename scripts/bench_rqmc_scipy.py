#!/usr/bin/env python3
"""The SciPy reference for the RQMC section of `npm run bench:mc`: the same
estimates by scrambled Sobol points (scipy.stats.qmc.Sobol, scramble=True:
LMS + digital shift, like derivcheck's), R independent randomizations of n
points each, normals by scipy.special.ndtri (the inverse CDF), vectorized
numpy in float64.

Usage: bench_rqmc_scipy.py --case x2|exp|vdm|logitn --points N --randomizations R --seed S
Prints one JSON object: {"case", "mean", "stderr", "randomizations", "points",
"seconds", "cpuSeconds", "scipy", "numpy"} (stderr = sd of the R means / √R).
"""
import argparse
import json
import math
import time

import numpy as np
import scipy
from scipy.special import ndtri
from scipy.stats import qmc


def x2(u):
    z = ndtri(u[:, 0])
    x = 0.5 + math.sqrt(2.0) * z
    return x * x


def exp_sz(u):
    return np.exp(0.7 * ndtri(u[:, 0]))


def vdm(u):
    ab, snr_s, snr_t = 0.7, 3.0, 7.0 / 3.0
    g = ndtri(u)
    x0, eps = g[:, :4], g[:, 4:]
    r = (1 - ab) * x0 - math.sqrt(ab) * math.sqrt(1 - ab) * eps
    return 0.5 * (snr_s - snr_t) * np.einsum("ij,ij->i", r, r)


def logitn(u):
    t = u[:, 0]
    lg = np.log(t / (1 - t))
    return np.exp(-0.5 * lg * lg) / (t * (1 - t)) / math.sqrt(2 * math.pi)


CASES = {"x2": (x2, 1), "exp": (exp_sz, 1), "vdm": (vdm, 8), "logitn": (logitn, 1)}

ap = argparse.ArgumentParser()
ap.add_argument("--case", required=True)
ap.add_argument("--points", type=int, required=True)
ap.add_argument("--randomizations", type=int, default=32)
ap.add_argument("--seed", type=int, default=1)
a = ap.parse_args()
f, d = CASES[a.case]
m = int(round(math.log2(a.points)))
rng = np.random.default_rng(a.seed)
t0, c0 = time.perf_counter(), time.process_time()
means = []
for r in range(a.randomizations):
    s = qmc.Sobol(d, scramble=True, seed=rng)
    u = s.random_base2(m)
    means.append(float(np.mean(f(u))))
t1, c1 = time.perf_counter(), time.process_time()
means = np.array(means)
print(json.dumps({
    "case": a.case, "mean": float(means.mean()), "stderr": float(means.std(ddof=1) / math.sqrt(len(means))),
    "randomizations": a.randomizations, "points": 2 ** m, "seconds": t1 - t0, "cpuSeconds": c1 - c0,
    "scipy": scipy.__version__, "numpy": np.__version__,
}))
