// The claim language: mathjs syntax (numbers, identifiers, + - * / ^, calls,
// implicit multiplication after a number), plus `E[...]` for expectations,
// `N(...)`, `U(...)`, `LogitNormal(...)` for distributions, and one relation
// `=` (or `==`), `<=`, `>=` at the top of a claim. Every error is a
// ParseError with the 0-based position of the character it is about; kinds
// are checked here, at parse time, with the same rules the builders use.
import type { Binding, DistNode, Node, Rel, RelNode } from './ast.js';
import { BINARY_FUNCTIONS, DIST_FAMILIES, DIST_HEADS, UNARY_FUNCTIONS, VECTOR_REDUCTIONS, freeSymbols } from './ast.js';
import { checkDistArity, checkDistParam, kindOfDraw, kindOfExpectation, kindOfSum, isFunctionName, KindError } from './kinds.js';
import { isFamilyName } from './families/registry.js';
import { addNode, callNode, constNode, distNode, divNode, expectNode, mulNode, negNode, numNode, powNode, relNode, symNode } from './node.js';
import { MAX_BRACKET_DEPTH, ParseError, tokenize, type Token } from './lexer.js';
import { parseDecimal } from './rational.js';

export { ParseError } from './lexer.js';

export interface ParseContext {
  /** Random variables (from `--random`), in declaration order. */
  readonly random?: readonly Binding[];
  /** Names of non-random vector symbols. */
  readonly vectors?: ReadonlySet<string>;
}

const RELATIONS: Record<string, Rel> = { '=': '=', '==': '=', '<=': '<=', '>=': '>=' };

/** The constants of the claim language. */
export const CONSTANTS = ['pi', 'e'] as const;

/**
 * Every name the language gives a meaning of its own: constants, functions,
 * distribution families and E. A parameter or random variable with one of
 * these names would be silently shadowed (or would shadow), so declaring one
 * is bad input. Built from the parser's own tables, so a new function is
 * reserved the day it is added.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set<string>([
  ...CONSTANTS,
  'E',
  ...UNARY_FUNCTIONS,
  ...BINARY_FUNCTIONS,
  ...VECTOR_REDUCTIONS,
  ...DIST_HEADS,
  ...DIST_FAMILIES,
]);

/** What to write instead of a reserved name: papers write ε as `e`. */
const SUGGESTIONS: Record<string, string> = { e: 'eps', pi: "'p' or 'pi_'", E: "'E_' or 'En'", N: "'n' or 'N_'", U: "'u' or 'U_'" };

/** Why `name` cannot be declared, with a suggestion; undefined when it can. */
export function reservedNameProblem(name: string): string | undefined {
  if (!RESERVED_NAMES.has(name) && !isFamilyName(name)) return undefined;
  const what = (CONSTANTS as readonly string[]).includes(name)
    ? `the constant ${name === 'e' ? "e (Euler's number)" : 'pi'}`
    : name === 'E'
      ? 'the expectation E[...]'
      : isFamilyName(name)
        ? `the distribution ${name}(...)`
        : `the function ${name}(...)`;
  const instead = SUGGESTIONS[name] ?? `'${name}_'`;
  return `'${name}' is reserved for ${what}; use another name, such as ${instead}`;
}

/** Nesting (parentheses, calls, E[...], signs, exponents) deeper than this is refused, not a stack overflow. */
export const MAX_NESTING = MAX_BRACKET_DEPTH;

class Parser {
  private i = 0;
  private readonly tokens: Token[];
  private readonly random: Map<string, Binding>;
  /** Depth of enclosing E[...]: random variables may appear only inside one. */
  private inExpectation = 0;
  /** Current nesting depth: every recursive descent passes through `nested`. */
  private depth = 0;

  constructor(private readonly text: string, private readonly ctx: ParseContext) {
    this.tokens = tokenize(text);
    this.random = new Map((ctx.random ?? []).map((b) => [b.name, b]));
  }

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === text;
  }
  private expect(text: string, what: string): Token {
    const t = this.peek();
    if (t.type !== 'op' || t.text !== text) {
      throw new ParseError(`expected '${text}' ${what}, found ${describe(t)}`, t.pos);
    }
    return this.next();
  }
  private kinded<T>(pos: number, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof KindError) throw new ParseError(e.message, pos);
      throw e;
    }
  }

  /** Runs f one level deeper; past MAX_NESTING, a ParseError at the token that went too deep. */
  private nested<T>(f: () => T): T {
    // The top-level expression is depth 1, not a nesting.
    if (++this.depth > MAX_NESTING + 1) {
      throw new ParseError(`nesting deeper than ${MAX_NESTING}`, this.peek().pos);
    }
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  end(): void {
    const t = this.peek();
    if (t.type !== 'end') throw new ParseError(`unexpected ${describe(t)}`, t.pos);
  }

  /** relation := sum (rel sum)? */
  relation(): Node {
    const lhs = this.sum();
    const t = this.peek();
    if (t.type === 'op' && t.text in RELATIONS) {
      this.next();
      const rhs = this.sum();
      const rel = RELATIONS[t.text];
      return this.kinded(t.pos, (): RelNode => relNode(rel, lhs, rhs));
    }
    if (t.type === 'op' && (t.text === '<' || t.text === '>')) {
      throw new ParseError(`strict '${t.text}' is not supported; use '${t.text}='`, t.pos);
    }
    return lhs;
  }

  /** sum := term (('+'|'-') term)* */
  sum(): Node {
    return this.nested(() => this.sumAt());
  }

  private sumAt(): Node {
    const first = this.term();
    const args: Node[] = [first];
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next();
      const rhs = this.term();
      const term = op.text === '-' ? this.negate(rhs, op.pos) : rhs;
      this.kinded(op.pos, () => kindOfSum([args[0].kind, term.kind]));
      args.push(term);
    }
    if (args.length === 1) return first;
    return addNode(args);
  }

  private negate(x: Node, pos: number): Node {
    return this.kinded(pos, () => negNode(x));
  }

  /** term := unary (('*'|'/') unary | implicit unary)* */
  term(): Node {
    let acc = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && (t.text === '*' || t.text === '/')) {
        this.next();
        const rhs = this.unary();
        acc = this.product(acc, rhs, t.text, t.pos);
      } else if (this.implicitProduct()) {
        const rhs = this.unary();
        acc = this.product(acc, rhs, '*', t.pos);
      } else return acc;
    }
  }

  // mathjs reads "2x", "2 sqrt(a)" and "2(a+b)" as products; so do we, only
  // after a number, where the reading is unambiguous.
  private implicitProduct(): boolean {
    const prev = this.tokens[this.i - 1];
    const t = this.peek();
    return prev?.type === 'num' && (t.type === 'ident' || (t.type === 'op' && t.text === '('));
  }

  private product(a: Node, b: Node, op: string, pos: number): Node {
    return this.kinded(pos, () => (op === '/' ? divNode(a, b) : a.op === 'mul' ? mulNode([...a.args, b]) : mulNode([a, b])));
  }

  /** unary := ('-'|'+') unary | power   (so -x^2 = -(x^2), as in mathjs) */
  unary(): Node {
    if (this.isOp('-')) {
      const op = this.next();
      const x = this.nested(() => this.unary());
      if (x.op === 'num') return numNode(-x.n, x.d);
      return this.negate(x, op.pos);
    }
    if (this.isOp('+')) {
      this.next();
      return this.nested(() => this.unary());
    }
    return this.power();
  }

  /** power := primary ('^' unary)?   (right-associative: a^b^c = a^(b^c)) */
  power(): Node {
    const base = this.primary();
    if (this.isOp('^')) {
      const op = this.next();
      const exponent = this.nested(() => this.unary());
      return this.kinded(op.pos, () => powNode(base, exponent));
    }
    return base;
  }

  primary(): Node {
    const t = this.next();
    if (t.type === 'num') {
      const r = parseDecimal(t.text);
      if (!r) throw new ParseError(`bad number '${t.text}'`, t.pos);
      return numNode(r.n, r.d);
    }
    if (t.type === 'op' && t.text === '(') {
      const inner = this.sum();
      this.expect(')', 'to close the parenthesis');
      return inner;
    }
    if (t.type === 'ident') return this.identifier(t);
    throw new ParseError(t.type === 'end' ? 'unexpected end of input' : `unexpected ${describe(t)}`, t.pos);
  }

  private identifier(t: Token): Node {
    const name = t.text;
    if (name === 'E' && this.isOp('[')) return this.expectation(t);
    if (this.isOp('(')) return this.call(t);
    if (name === 'pi' || name === 'e') return constNode(name);
    const rv = this.random.get(name);
    if (rv) {
      if (this.inExpectation === 0) {
        throw new ParseError(`'${name}' is a random variable: use it inside E[...]`, t.pos);
      }
      return symNode(name, kindOfBinding(rv));
    }
    if (isFunctionName(name) || isFamilyName(name)) {
      throw new ParseError(`'${name}' is a function: call it as ${name}(...)`, t.pos);
    }
    return symNode(name, this.ctx.vectors?.has(name) ? 'vector' : 'scalar');
  }

  private args(): { node: Node; pos: number }[] {
    this.expect('(', 'after the function name');
    const out: { node: Node; pos: number }[] = [];
    if (this.isOp(')')) {
      this.next();
      return out;
    }
    for (;;) {
      const pos = this.peek().pos;
      out.push({ node: this.sum(), pos });
      if (this.isOp(',')) {
        this.next();
        continue;
      }
      this.expect(')', 'to close the argument list');
      return out;
    }
  }

  private call(t: Token): Node {
    const name = t.text;
    if (isFamilyName(name)) return this.distribution(t);
    if (!isFunctionName(name)) throw new ParseError(`unknown function '${name}'`, t.pos);
    const args = this.args();
    return this.kinded(t.pos, () => callNode(name, args.map((a) => a.node)));
  }

  distribution(t: Token): DistNode {
    const family = t.text;
    const args = this.args();
    this.kinded(t.pos, () => checkDistArity(family, args.length));
    for (const a of args) this.kinded(a.pos, () => checkDistParam(family, a.node.kind));
    return distNode(family, args.map((a) => a.node));
  }

  private expectation(t: Token): Node {
    this.expect('[', 'after E');
    this.inExpectation++;
    const pos = this.peek().pos;
    const body = this.sum();
    this.inExpectation--;
    this.expect(']', 'to close E[');
    this.kinded(pos, () => kindOfExpectation(body.kind));
    if (this.random.size === 0) throw new ParseError('E[...] needs random variables: declare them with --random', t.pos);
    return expectNode(body, bindingsFor(body, [...this.random.values()]));
  }
}

/** The kind of the values a binding draws. */
export function kindOfBinding(b: Binding): 'scalar' | 'vector' {
  return kindOfDraw(b.dist.family, b.dist.args.length);
}

/**
 * The random variables an expectation integrates over: those free in its body
 * and, transitively, those their distributions depend on (x ~ N(z, 1) with
 * z ~ N(0, 1)), in declaration order.
 */
export function bindingsFor(body: Node, declared: readonly Binding[]): Binding[] {
  const byName = new Map(declared.map((b) => [b.name, b]));
  const needed = new Set<string>();
  const visit = (n: Node) => {
    for (const s of freeSymbols(n)) {
      const b = byName.get(s);
      if (b && !needed.has(s)) {
        needed.add(s);
        visit(b.dist);
      }
    }
  };
  visit(body);
  return declared.filter((b) => needed.has(b.name));
}

function describe(t: Token): string {
  if (t.type === 'end') return 'end of input';
  return `'${t.text}'`;
}

/** Parses an expression (or a relation) of the claim language. */
export function parse(text: string, ctx: ParseContext = {}): Node {
  const p = new Parser(text, ctx);
  const node = p.relation();
  p.end();
  return node;
}

/** Parses a claim `lhs REL rhs`. */
export function parseClaim(text: string, ctx: ParseContext = {}): RelNode {
  const node = parse(text, ctx);
  if (node.op !== 'rel') {
    throw new ParseError("a claim needs a relation: '=', '<=' or '>=' between two sides", text.length);
  }
  return node;
}

/** Parses a distribution such as `N(0.5, 2)`, `N(0, 1, 4)`, `U(0, 1)`, `LogitNormal(0, 1)`. */
export function parseDist(text: string, ctx: ParseContext = {}): DistNode {
  const node = parse(text, ctx);
  if (node.op !== 'dist') throw new ParseError('expected a distribution: N(mean, variance[, dim]), U(a, b) or LogitNormal(m, s)', 0);
  return node;
}

/**
 * Parses a declaration `name ~ Dist(...)`. Earlier declarations are in scope
 * (pass them in ctx.random), so `x ~ N(z, 1)` may follow `z ~ N(0, 1)`;
 * their names stay symbols here and the expectation binds them.
 */
export function parseRandom(text: string, ctx: ParseContext = {}): Binding {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*~/.exec(text);
  if (!m) throw new ParseError("expected 'name ~ distribution', e.g. 'x ~ N(0.5, 2)'", 0);
  const name = m[1];
  const reserved = reservedNameProblem(name);
  if (reserved) throw new ParseError(reserved, text.indexOf(name));
  const offset = m[0].length;
  const rest = text.slice(offset);
  // Inside a declaration, earlier random variables act as symbols.
  const vectors = new Set(ctx.vectors ?? []);
  for (const b of ctx.random ?? []) if (kindOfBinding(b) === 'vector') vectors.add(b.name);
  try {
    const dist = parseDist(rest, { vectors });
    return { name, dist };
  } catch (e) {
    if (e instanceof ParseError) throw new ParseError(e.message, e.position + offset);
    throw e;
  }
}
