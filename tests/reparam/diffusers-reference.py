# Reference ᾱ_t for the done-when test (tests/reparam/discrete.test.ts), made
# with numpy in float64 from diffusers' definitions (scheduling_ddpm.py:
# linear, scaled_linear, betas_for_alpha_bar, rescale_zero_terminal_snr), not
# from derivcheck's code. Run: python3 tests/reparam/diffusers-reference.py > tests/reparam/diffusers-reference.json
import json, math
import numpy as np

T = 1000
STEPS = [1, 2, 500, 999, 1000]

def betas(name):
    if name == 'linear':
        return np.linspace(1e-4, 0.02, T, dtype=np.float64)
    if name == 'scaled-linear':
        return np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T, dtype=np.float64) ** 2
    f = lambda u: math.cos((u + 0.008) / 1.008 * math.pi / 2) ** 2
    return np.array([min(1 - f((i + 1) / T) / f(i / T), 0.999) for i in range(T)], dtype=np.float64)

def rescale(b):
    sq = np.sqrt(np.cumprod(1.0 - b))
    s0, sT = sq[0].copy(), sq[-1].copy()
    sq = (sq - sT) * (s0 / (s0 - sT))
    ab = sq ** 2
    a = np.concatenate([ab[0:1], ab[1:] / ab[:-1]])
    return 1 - a

out = {}
for name in ['linear', 'scaled-linear', 'cosine']:
    for zero in [False, True]:
        b = betas(name)
        if zero:
            b = rescale(b)
        ab = np.cumprod(1.0 - b)
        out[name + (':zero-snr' if zero else '')] = {str(t): float(ab[t - 1]) for t in STEPS}
print(json.dumps(out, indent=1))
