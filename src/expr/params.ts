// Parameter declarations of the claim language:
//   "a in (0,1)"  open interval      "a in [0,1]"  closed interval (ends may mix: "(0,1]")
//   "v > 0", "v >= 0", "v < 2", "v <= 2"     half-lines
//   "m real"                                  the whole line (the default for undeclared symbols)
//   "m = 0.3"                                 a fixed value (the point {0.3})
// Bounds are exact rationals: decimals, integers, p/q, or integer powers b^k
// ("x > 10^20", "x in (0, 10^-30)"; −10^2 is −(10^2)). Declarations of one
// symbol intersect; an empty result is bad input ("declared inconsistently").
import type { Domain, Interval } from './domain.js';
import { formatInterval, intersect, isEmpty, REAL } from './domain.js';
import { checkNumberLiteral, ParseError } from './lexer.js';
import { reservedNameProblem } from './parse.js';
import { parseDecimal, rational, type Rational } from './rational.js';

const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
const NUMBER = '([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?(?:\\s*/\\s*\\d+|\\s*\\^\\s*[+-]?\\d+)?)';
/** The largest |k| of a bound b^k: 10^10000 is a 10 000-digit integer already. */
const MAX_BOUND_EXPONENT = 10_000;

/** A declaration is one short line; longer ones are refused before any regular expression runs on them. */
export const MAX_SPEC_LENGTH = 1000;

function bound(text: string, pos: number): Rational {
  const power = /^([+-]?)(\d+)\s*\^\s*([+-]?\d+)$/.exec(text);
  if (power) {
    checkNumberLiteral(power[2], pos);
    const k = Number(power[3]);
    if (Math.abs(k) > MAX_BOUND_EXPONENT) throw new ParseError(`the exponent of '${text}' is beyond ±${MAX_BOUND_EXPONENT}`, pos + text.indexOf('^'));
    const b = BigInt(power[2]);
    if (b === 0n && k < 0) throw new ParseError(`division by zero in '${text}'`, pos);
    const m = b ** BigInt(Math.abs(k));
    const sign = power[1] === '-' ? -1n : 1n;
    return k >= 0 ? rational(sign * m, 1n) : rational(sign, m);
  }
  const frac = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(text);
  if (frac) {
    checkNumberLiteral(frac[1], pos);
    checkNumberLiteral(frac[2], pos + text.lastIndexOf(frac[2]));
    if (BigInt(frac[2]) === 0n) throw new ParseError(`division by zero in '${text}'`, pos);
    return rational(BigInt(frac[1]), BigInt(frac[2]));
  }
  checkNumberLiteral(text, pos);
  const r = parseDecimal(text);
  if (!r) throw new ParseError(`not a number: '${text}'`, pos);
  return r;
}

export interface ParamDecl {
  readonly name: string;
  readonly interval: Interval;
}

/** Reads one declaration; ParseError positions are offsets into `spec`. */
export function parseParam(spec: string): ParamDecl {
  if (spec.length > MAX_SPEC_LENGTH) throw new ParseError(`the declaration is ${spec.length} characters long; the limit is ${MAX_SPEC_LENGTH}`, MAX_SPEC_LENGTH);
  const decl = readParam(spec);
  const reserved = reservedNameProblem(decl.name);
  if (reserved) throw new ParseError(reserved, Math.max(0, spec.indexOf(decl.name)));
  return decl;
}

function readParam(spec: string): ParamDecl {
  const s = spec;
  let m = new RegExp(`^\\s*${NAME}\\s+in\\s*([\\[(])\\s*${NUMBER}\\s*,\\s*${NUMBER}\\s*([\\])])\\s*$`).exec(s);
  if (m) {
    const lo = bound(m[3], s.indexOf(m[3]));
    const hi = bound(m[4], s.lastIndexOf(m[4]));
    const interval: Interval = { lo, hi, loOpen: m[2] === '(', hiOpen: m[5] === ')' };
    if (isEmpty(interval)) throw new ParseError(`empty interval ${formatInterval(interval)} for ${m[1]}`, s.indexOf(m[2]));
    return { name: m[1], interval };
  }
  m = new RegExp(`^\\s*${NAME}\\s*(>=|<=|>|<|=|==)\\s*${NUMBER}\\s*$`).exec(s);
  if (m) {
    const b = bound(m[3], s.lastIndexOf(m[3]));
    const op = m[2];
    const interval: Interval =
      op === '>' ? { lo: b, loOpen: true, hiOpen: true }
      : op === '>=' ? { lo: b, loOpen: false, hiOpen: true }
      : op === '<' ? { hi: b, loOpen: true, hiOpen: true }
      : op === '<=' ? { hi: b, loOpen: true, hiOpen: false }
      : { lo: b, hi: b, loOpen: false, hiOpen: false };
    return { name: m[1], interval };
  }
  m = new RegExp(`^\\s*${NAME}\\s+real\\s*$`).exec(s);
  if (m) return { name: m[1], interval: REAL };
  const name = new RegExp(`^\\s*${NAME}`).exec(s);
  if (!name) throw new ParseError(`expected a parameter name at the start of '${spec}'`, 0);
  throw new ParseError(
    `cannot read '${spec}': write 'name in (lo,hi)', 'name in [lo,hi]', 'name > lo', 'name < hi', 'name real' or 'name = value'`,
    name[0].length,
  );
}

/** Combines declarations into a domain, intersecting repeated ones. */
export function buildDomain(specs: readonly string[]): Domain {
  const out = new Map<string, Interval>();
  specs.forEach((spec, index) => {
    let decl: ParamDecl;
    try {
      decl = parseParam(spec);
    } catch (e) {
      if (e instanceof ParseError) throw new ParamError(`--param #${index + 1} '${spec}': ${e.message}`, e.position, index);
      throw e;
    }
    const prev = out.get(decl.name);
    const next = prev ? intersect(prev, decl.interval) : decl.interval;
    if (isEmpty(next)) {
      throw new ParamError(
        `--param #${index + 1} '${spec}': ${decl.name} is declared inconsistently (${formatInterval(prev!)} and ${formatInterval(decl.interval)} do not meet)`,
        0,
        index,
      );
    }
    out.set(decl.name, next);
  });
  return out;
}

/** A bad --param, with the index of the offending declaration. */
export class ParamError extends ParseError {
  constructor(message: string, position: number, readonly index: number) {
    super(message, position);
    this.name = 'ParamError';
  }
}

/** The fixed value of a point domain {v}, if it is one. */
export function fixedValue(i: Interval): Rational | undefined {
  return i.lo && i.hi && !i.loOpen && !i.hiOpen && i.lo.n * i.hi.d === i.hi.n * i.lo.d ? i.lo : undefined;
}
