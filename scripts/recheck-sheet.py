#!/usr/bin/env python3
"""Re-decides the formulas of a derivcheck formula sheet with SymPy, independently.

    python3 scripts/recheck-sheet.py [docs/sheet/formula-sheet.json] [--json] [--seed N]

Reads formula-sheet.json (issue 12), parses each testbed formula's sides (mathjs syntax; an
expectation is E(body, z, N(mean, variance), ...) with the innermost draw last), substitutes the
definitions among its assumptions (`abar_t := alpha_t * abar_tm1`), declares the parameter
domains (`alpha_t in (0, 1)`: real, positive where the interval says so) and decides it again:

  =   symbolically (simplify of lhs - rhs is 0), or else numerically at random points of the
      domain and at the sheet's counterexample, in 40-digit arithmetic;
  <=, >=  numerically (a violation beyond rounding at some point refutes; none found agrees).

Gaussian expectations are computed in closed form (moments of N(m, v), and exp of an affine
function through the moment generating function), innermost draw first. Formulas in general
(the probability calculus: E_{q(x|z)}[...], KL(...)) and anything else SymPy is not given a
meaning for here (vectors, other distributions) are `not parseable`.

Outcomes: agreed (symbolically or numerically); contradicted (SymPy disagrees with the sheet:
a bug in one of the two); contradicted as expected (a documented mistake the sheet marks
refuted-as-expected, and SymPy finds it false too); not decided; not parseable.
Exit status 1 when anything is contradicted, else 0.
"""
import ast
import json
import keyword
import math
import random
import re
import signal
import sys
import time

try:
    import sympy as sp
    import mpmath
except ImportError:  # pragma: no cover - the test skips with this line
    print("recheck-sheet: SymPy is not installed (Debian: apt-get install python3-sympy)", file=sys.stderr)
    sys.exit(2)


class NotParseable(Exception):
    pass


class Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise Timeout()


# --- parsing ---------------------------------------------------------------------------------

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def to_python(src):
    """mathjs syntax as Python syntax: ^ is **, and names that are Python keywords are renamed."""
    s = src.replace("^", "**")
    return IDENT.sub(lambda m: m.group(0) + "_kw_" if keyword.iskeyword(m.group(0)) else m.group(0), s)


def sym_name(name):
    return name[:-4] if name.endswith("_kw_") else name


class Parser:
    def __init__(self, symbols):
        self.symbols = symbols  # name -> sympy Symbol (with the domain's assumptions)

    def symbol(self, name):
        name = sym_name(name)
        if name not in self.symbols:
            self.symbols[name] = sp.Symbol(name, real=True)
        return self.symbols[name]

    def parse(self, src):
        try:
            tree = ast.parse(to_python(src), mode="eval")
        except SyntaxError as e:
            raise NotParseable(f"syntax: {e.msg}")
        return self.node(tree.body)

    def node(self, n):
        if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)):
            return sp.Rational(repr(n.value)) if isinstance(n.value, float) else sp.Integer(n.value)
        if isinstance(n, ast.Name):
            if n.id == "pi":
                return sp.pi
            if n.id == "e":
                return sp.E
            return self.symbol(n.id)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -self.node(n.operand)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.UAdd):
            return self.node(n.operand)
        if isinstance(n, ast.BinOp):
            a, b = self.node(n.left), self.node(n.right)
            if isinstance(n.op, ast.Add):
                return a + b
            if isinstance(n.op, ast.Sub):
                return a - b
            if isinstance(n.op, ast.Mult):
                return a * b
            if isinstance(n.op, ast.Div):
                return a / b
            if isinstance(n.op, ast.Pow):
                return a ** b
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            return self.call(n.func.id, n.args)
        raise NotParseable(f"unsupported syntax {type(n).__name__}")

    def dist(self, n):
        if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "N" and len(n.args) == 2):
            raise NotParseable("only N(mean, variance) distributions are given a meaning here")
        return self.node(n.args[0]), self.node(n.args[1])

    def call(self, fn, args):
        one = {"sqrt": sp.sqrt, "log": sp.log, "exp": sp.exp, "tanh": sp.tanh, "abs": sp.Abs,
               "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
               "sigmoid": lambda x: 1 / (1 + sp.exp(-x)), "logit": lambda x: sp.log(x / (1 - x)),
               "sech": sp.sech}
        if fn in one and len(args) == 1:
            return one[fn](self.node(args[0]))
        if fn in ("min", "max") and len(args) == 2:
            return (sp.Min if fn == "min" else sp.Max)(self.node(args[0]), self.node(args[1]))
        if fn == "logpdf" and len(args) == 2:
            m, v = self.dist(args[0])
            x = self.node(args[1])
            return -sp.log(2 * sp.pi * v) / 2 - (x - m) ** 2 / (2 * v)
        if fn == "KL" and len(args) == 2:
            (m1, v1), (m2, v2) = self.dist(args[0]), self.dist(args[1])
            return (sp.log(v2 / v1) + (v1 + (m1 - m2) ** 2) / v2 - 1) / 2
        if fn == "E" and len(args) >= 3 and len(args) % 2 == 1:
            return self.expectation(args)
        raise NotParseable(f"no meaning for {fn}/{len(args)}")

    def expectation(self, args):
        # E(body, z1, D1, z2, D2, ...): z2's distribution may mention z1. Bound names are fresh.
        saved = dict(self.symbols)
        bindings = []
        for i in range(1, len(args), 2):
            if not isinstance(args[i], ast.Name):
                raise NotParseable("an expectation binds names")
            m, v = self.dist(args[i + 1])  # parsed before the name is bound: it may use earlier draws only
            z = sp.Dummy(sym_name(args[i].id), real=True)
            self.symbols[sym_name(args[i].id)] = z
            bindings.append((z, m, v))
        body = self.node(args[0])
        self.symbols = saved
        for z, m, v in reversed(bindings):
            body = gaussian_expectation(body, z, m, v)
        return body


def normal_moment(k, m, v):
    """E[z^k] for z ~ N(m, v)."""
    total = 0
    for j in range(0, k + 1, 2):
        total += sp.binomial(k, j) * m ** (k - j) * v ** (j // 2) * sp.factorial2(j - 1)
    return total


def gaussian_expectation(body, z, m, v):
    """E over z ~ N(m, v) of a polynomial in z, each term possibly times exp(a z + b)."""
    body = sp.expand(sp.powsimp(sp.expand(body)))
    if not body.has(z):
        return body
    total = 0
    for term in sp.Add.make_args(body):
        exp_arg = 0
        rest = 1
        for f in sp.Mul.make_args(term):
            if isinstance(f, sp.exp) and f.has(z):
                exp_arg += f.args[0]
            elif isinstance(f, sp.Pow) and f.base == sp.E and f.has(z):
                exp_arg += f.exp
            else:
                rest *= f
        exp_poly = sp.Poly(sp.expand(exp_arg), z) if exp_arg != 0 else None
        if exp_poly is not None and exp_poly.degree() > 1:
            raise NotParseable("an expectation of exp of a quadratic")
        a = exp_poly.coeff_monomial(z) if exp_poly is not None else 0
        b = exp_poly.coeff_monomial(1) if exp_poly is not None else 0
        try:
            poly = sp.Poly(rest, z)
        except sp.PolynomialError:
            raise NotParseable("an expectation of a non-polynomial in the drawn variable")
        if any(c.has(z) for c in poly.coeffs()):
            raise NotParseable("an expectation of a non-polynomial in the drawn variable")
        # E[z^k e^{a z}] = e^{a m + a^2 v / 2} E'[z^k], z ~ N(m + a v, v) under the tilted measure.
        shift = m + a * v
        factor = sp.exp(a * m + a ** 2 * v / 2 + b) if exp_poly is not None else 1
        for (k,), c in poly.terms():
            total += factor * c * normal_moment(k, shift, v)
    return total


# --- domains -----------------------------------------------------------------------------------

INTERVAL = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([\[(])\s*([^,]+?)\s*,\s*([^\])]+?)\s*([\])])\s*$")
DEFINITION = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:=\s*(.+)$")


def parse_bound(s):
    s = s.strip()
    if s in ("inf", "-inf"):
        return None
    return sp.Rational(s)


def read_assumptions(assumptions):
    """Domains {name: (lo, lo_open, hi, hi_open)} and definitions [(name, src)], or NotParseable."""
    domains, definitions = {}, []
    for a in assumptions:
        m = INTERVAL.match(a)
        if m:
            domains[m.group(1)] = (parse_bound(m.group(3)), m.group(2) == "(", parse_bound(m.group(4)), m.group(5) == ")")
            continue
        m = DEFINITION.match(a)
        if m:
            definitions.append((m.group(1), m.group(2)))
            continue
        raise NotParseable(f"assumption {a!r}")
    return domains, definitions


def declared_symbols(domains):
    out = {}
    for name, (lo, lo_open, _hi, _ho) in domains.items():
        if lo is not None and (lo > 0 or (lo == 0 and lo_open)):
            out[name] = sp.Symbol(name, positive=True)
        elif lo is not None and lo >= 0:
            out[name] = sp.Symbol(name, nonnegative=True)
        else:
            out[name] = sp.Symbol(name, real=True)
    return out


def sample_point(domains, names, rng):
    point = {}
    for name in names:
        lo, lo_open, hi, hi_open = domains.get(name, (sp.Integer(-2), False, sp.Integer(2), False))
        lo_f = float(lo) if lo is not None else (float(hi) - 3 if hi is not None else -2.0)
        hi_f = float(hi) if hi is not None else lo_f + 3
        u = rng.random()
        # Interior points, some near the ends (where formulas with 1 - abar or log v are delicate).
        if rng.random() < 0.2:
            u = rng.choice([1e-3, 1 - 1e-3])
        point[name] = mpmath.mpf(lo_f) + (mpmath.mpf(hi_f) - mpmath.mpf(lo_f)) * mpmath.mpf(u)
    return point


# --- deciding ----------------------------------------------------------------------------------

def decide(f, rng, symbolic_seconds):
    """'holds-symbolic' | 'holds-numeric' | 'fails' | 'undecided', or raises NotParseable."""
    if f.get("scope") != "testbed":
        raise NotParseable("a formula in general (the probability calculus)")
    domains, definitions = read_assumptions(f.get("assumptions", []))
    parser = Parser(declared_symbols(domains))
    lhs = parser.parse(f["lhs"])
    rhs = parser.parse(f["rhs"])
    defs = {}
    for name, src in definitions:
        value = parser.parse(src).subs(defs)
        defs[parser.symbol(name)] = value
    for _ in range(len(defs) + 1):
        lhs, rhs = lhs.subs(defs), rhs.subs(defs)
    diff = lhs - rhs
    rel = f["relation"]
    free = sorted(diff.free_symbols, key=lambda s: s.name)
    if any(isinstance(s, sp.Dummy) for s in free):
        raise NotParseable("a bound variable escaped its expectation")
    names = [s.name for s in free]
    numeric = numeric_check(f, diff, free, names, domains, rel, rng)
    if numeric != "holds" or rel != "=":
        return {"holds": "holds-numeric", "fails": "fails", "undecided": "undecided"}[numeric]
    # Numerically zero: try for a proof, within a time limit (a large testbed formula may not simplify quickly).
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(symbolic_seconds)
    try:
        if sp.simplify(sp.expand_log(sp.expand(diff), force=False)) == 0:
            return "holds-symbolic"
    except Timeout:
        pass
    finally:
        signal.alarm(0)
    return "holds-numeric"


def numeric_check(f, diff, free, names, domains, rel, rng):
    """'fails' at the sheet's counterexample or a random point of the domain, 'holds' at >= 10 points, else 'undecided'."""
    fn = sp.lambdify(free, diff, modules="mpmath")
    points = []
    ce = (f.get("evidence") or {}).get("counterexample")
    if ce and isinstance(ce.get("params"), dict):
        try:
            points.append({k: mpmath.mpf(sp.Rational(str(v))) if isinstance(v, str) else mpmath.mpf(v) for k, v in ce["params"].items()})
        except (ValueError, TypeError):
            pass
    points += [sample_point(domains, names, rng) for _ in range(40)]
    mpmath.mp.dps = 40
    tol = mpmath.mpf(10) ** -25
    evaluated = 0
    for p in points:
        if any(n not in p for n in names):
            continue
        try:
            value = fn(*[p[n] for n in names])
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            continue
        if isinstance(value, mpmath.mpc):
            if abs(value.imag) > tol:
                continue  # outside the formula's real domain at this point
            value = value.real
        evaluated += 1
        bad = abs(value) > tol if rel == "=" else (value > tol if rel == "<=" else value < -tol)
        if bad:
            return "fails"
    return "holds" if evaluated >= 10 else "undecided"


def main(argv):
    path = "docs/sheet/formula-sheet.json"
    as_json = False
    seed = 1
    rest = list(argv)
    while rest:
        a = rest.pop(0)
        if a == "--json":
            as_json = True
        elif a == "--seed":
            seed = int(rest.pop(0))
        else:
            path = a
    with open(path, encoding="utf8") as fh:
        sheet = json.load(fh)
    rng = random.Random(seed)
    counts = {"agreed": 0, "agreed symbolically": 0, "agreed numerically": 0, "contradicted": 0,
              "contradicted as expected": 0, "not decided": 0, "not parseable": 0}
    rows = []
    for f in sheet["formulas"]:
        verdict = f["verdict"]
        t0 = time.perf_counter()
        try:
            outcome = decide(f, rng, 4)
        except NotParseable as e:
            counts["not parseable"] += 1
            rows.append({"id": f["id"], "outcome": "not parseable", "why": str(e)})
            continue
        except Exception as e:  # SymPy failed on it: say so, do not guess
            counts["not decided"] += 1
            rows.append({"id": f["id"], "outcome": "not decided", "why": f"{type(e).__name__}: {e}"[:200]})
            continue
        expected_false = verdict in ("refuted-as-expected", "refuted")
        holds_on_sheet = verdict in ("proved", "verified")
        if outcome == "undecided" or not (expected_false or holds_on_sheet):
            result = "not decided"
        elif outcome == "fails":
            result = "contradicted as expected" if verdict == "refuted-as-expected" else ("agreed" if verdict == "refuted" else "contradicted")
        else:
            result = "agreed" if holds_on_sheet else "contradicted"
        counts[result] += 1
        if result == "agreed" and outcome in ("holds-symbolic", "holds-numeric"):
            counts["agreed symbolically" if outcome == "holds-symbolic" else "agreed numerically"] += 1
        rows.append({"id": f["id"], "outcome": result, "sympy": outcome, "sheet": verdict, "s": round(time.perf_counter() - t0, 2)})
    if as_json:
        print(json.dumps({"counts": counts, "formulas": rows}))
    else:
        for r in rows:
            if r["outcome"] == "contradicted":
                print(f"CONTRADICTED {r['id']}: the sheet says {r['sheet']}, SymPy finds it {r['sympy']}")
        print(f"{len(rows)} formulas: {counts['agreed']} agreed ({counts['agreed symbolically']} symbolically, "
              f"{counts['agreed numerically']} numerically), {counts['contradicted']} contradicted, "
              f"{counts['contradicted as expected']} contradicted as expected, {counts['not decided']} not decided, "
              f"{counts['not parseable']} not parseable")
    return 1 if counts["contradicted"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
