"""SymPy's side of `npm run bench:algebra`.

Reads the corpus entries (JSON list) on stdin; for each, parses lhs and rhs
(mathjs syntax: ^ is power, decimals are exact rationals), declares each
symbol real and positive / nonnegative / negative as its interval allows, and
times `simplify(lhs - rhs) == 0` (for <= and >=: the sign of the simplified
difference by SymPy's assumptions, `is_nonnegative`). Writes one JSON object per entry on stdout:
{"name", "answer": true | false | null, "ms", "error"?}. A per-entry limit
(seconds, argv[1], default 60) turns a hang into answer null.
"""
import json
import signal
import sys
import time

import sympy
from sympy.parsing.sympy_parser import (convert_xor, parse_expr, rationalize,
                                        standard_transformations)

TRANSFORMS = standard_transformations + (convert_xor, rationalize)
FUNCTIONS = {
    'sqrt': sympy.sqrt, 'exp': sympy.exp, 'log': sympy.log, 'abs': sympy.Abs,
    'sin': sympy.sin, 'cos': sympy.cos, 'tan': sympy.tan, 'tanh': sympy.tanh,
    'sech': sympy.sech, 'min': sympy.Min, 'max': sympy.Max,
    'sigmoid': lambda x: 1 / (1 + sympy.exp(-x)),
    'logit': lambda p: sympy.log(p / (1 - p)),
    'pi': sympy.pi, 'e': sympy.E,
}


def bound(text):
    text = text.strip()
    if text == 'real':
        return None, None
    lo, hi = text[1:-1].split(',')
    val = lambda s: None if s.strip().lstrip('+-') == 'inf' else sympy.Rational(s.strip())
    return val(lo), val(hi)


def symbol(name, interval):
    lo, hi = bound(interval)
    assumptions = {'real': True}
    if lo is not None and lo > 0 or (lo == 0 and interval.strip().startswith('(')):
        assumptions['positive'] = True
    elif lo is not None and lo >= 0:
        assumptions['nonnegative'] = True
    elif hi is not None and (hi < 0 or (hi == 0 and interval.strip().endswith(')'))):
        assumptions['negative'] = True
    return sympy.Symbol(name, **assumptions)


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def decide(entry, limit):
    local = dict(FUNCTIONS)
    for name, interval in entry['params'].items():
        local[name] = symbol(name, interval)
    lhs = parse_expr(entry['lhs'], local_dict=local, transformations=TRANSFORMS)
    rhs = parse_expr(entry['rhs'], local_dict=local, transformations=TRANSFORMS)
    rel = entry.get('rel', '=')
    signal.alarm(limit)
    start = time.perf_counter()
    try:
        if rel == '=':
            answer = bool(sympy.simplify(lhs - rhs) == 0)
        else:
            # An inequality: the sign of the simplified difference by SymPy's
            # assumptions (None when they cannot tell: undecided).
            d = sympy.simplify(lhs - rhs if rel == '>=' else rhs - lhs)
            nonneg = d.is_nonnegative
            answer = None if nonneg is None else bool(nonneg)
    finally:
        signal.alarm(0)
    return answer, (time.perf_counter() - start) * 1000


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    signal.signal(signal.SIGALRM, on_alarm)
    entries = json.load(sys.stdin)
    # Warm-up outside the timings: the first simplify loads much of SymPy.
    x = sympy.Symbol('x', positive=True)
    sympy.simplify(sympy.sqrt(x) ** 2 / (1 + x) - x / (x + 1))
    print(json.dumps({'sympy': sympy.__version__}), flush=True)
    for entry in entries:
        try:
            answer, ms = decide(entry, limit)
            out = {'name': entry['name'], 'answer': answer, 'ms': ms}
            if answer is None:
                out['error'] = 'undecided'
        except Timeout:
            out = {'name': entry['name'], 'answer': None, 'ms': limit * 1000.0, 'error': f'timeout after {limit} s'}
        except Exception as err:  # a parse or SymPy error is reported, not fatal
            out = {'name': entry['name'], 'answer': None, 'ms': 0.0, 'error': f'{type(err).__name__}: {err}'}
        print(json.dumps(out), flush=True)


if __name__ == '__main__':
    main()
