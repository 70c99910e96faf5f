"""Reference values for the algebra tests, from an independent tool.

For every side of every identity in tests/fixtures/algebra-corpus.json,
SymPy evaluates the expression to 40 significant digits at a few fixed
points of its domain whose coordinates are exact doubles (dyadic rationals),
so a double evaluator can be checked against them with its own error bound.

    python3 scripts/algebra_values_sympy.py > tests/fixtures/algebra-values.json
"""
import json
import os
import sys

import sympy
from sympy.parsing.sympy_parser import (convert_xor, parse_expr, rationalize,
                                        standard_transformations)

sys.path.insert(0, os.path.dirname(__file__))
from bench_algebra_sympy import FUNCTIONS, bound  # noqa: E402

TRANSFORMS = standard_transformations + (convert_xor, rationalize)
HERE = os.path.dirname(__file__)
CORPUS = os.path.join(HERE, '..', 'tests', 'fixtures', 'algebra-corpus.json')

# Dyadic fractions of an interval, and dyadic values on half-lines and the reals.
FRACTIONS = [sympy.Rational(3, 8), sympy.Rational(5, 8), sympy.Rational(1, 16)]
OFFSETS = [sympy.Rational(3, 4), sympy.Rational(5, 2), sympy.Rational(1, 32)]
REALS = [sympy.Rational(-5, 4), sympy.Rational(3, 8), sympy.Rational(7, 2)]


def coordinate(interval, k, j):
    lo, hi = bound(interval)
    if lo is not None and hi is not None:
        f = FRACTIONS[(k + j) % 3]
        x = lo + (hi - lo) * f
        # Keep the value an exact double: round to a multiple of 2^-20 strictly inside.
        return sympy.Rational(int(x * 2**20), 2**20) if x * 2**20 != int(x * 2**20) else x
    if lo is not None:
        return lo + OFFSETS[(k + j) % 3]
    if hi is not None:
        return hi - OFFSETS[(k + j) % 3]
    return REALS[(k + j) % 3]


def main():
    entries = json.load(open(CORPUS))['entries']
    out = []
    for entry in entries:
        names = sorted(entry['params'])
        local = dict(FUNCTIONS)
        syms = {n: sympy.Symbol(n, real=True) for n in names}
        local.update(syms)
        for k in range(3):
            point = {n: coordinate(entry['params'][n], k, j) for j, n in enumerate(names)}
            row = {'name': entry['name'], 'point': {n: float(v) for n, v in point.items()}}
            for side in ('lhs', 'rhs'):
                expr = parse_expr(entry[side], local_dict=local, transformations=TRANSFORMS)
                value = sympy.N(expr.subs({syms[n]: v for n, v in point.items()}), 40)
                row[side] = str(value) if value.is_real else None
            out.append(row)
    json.dump({'generator': 'scripts/algebra_values_sympy.py', 'sympy': sympy.__version__, 'values': out}, sys.stdout, indent=1)
    print()


if __name__ == '__main__':
    main()
