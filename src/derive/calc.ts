// Steps and chains, like a Lean `calc` block:
//
//   calc(logp).eq(a, by.importanceSampling()).ge(b, by.jensen()).eq(elbo, by.algebra())
//
// Each step relates the previous expression to the next, with exactly one
// justification. Relations compose: '=' with '<=' gives '<=', '=' with '>='
// gives '>=', and a chain may not mix '<=' with '>=' (nothing follows).
import type { Node, Rel } from '../expr/ast.js';
import { lift, type NumericLike } from '../expr/build.js';
import type { Justification } from './justification.js';
import { callerLocation } from './location.js';

export interface StepOptions {
  /**
   * 'refuted' marks a documented wrong claim (the seed's, or a common
   * mistake): the step passes when the checker refutes it, and fails the
   * suite when it holds.
   */
  readonly expect?: 'refuted';
  /** A remark shown with the step (what the mistake is, where the seed says it). */
  readonly note?: string;
  /** The source's equation number for this step ('83', '45'), for the formula sheet. */
  readonly eq?: string;
}

export interface Step extends StepOptions {
  readonly lhs: Node;
  readonly rel: Rel;
  readonly rhs: Node;
  readonly justification: Justification;
  /** Where the step was written (`/abs/file.ts:line:col`), when that could be seen. */
  readonly location?: string;
}

/** The relation between the ends of two chained steps. */
export function compose(a: Rel, b: Rel): Rel {
  if (a === '=') return b;
  if (b === '=' || a === b) return a;
  throw new Error(`a chain cannot mix '${a}' and '${b}': nothing follows`);
}

export class Chain {
  constructor(
    readonly first: Node,
    readonly steps: readonly Step[] = [],
    /** The statement this chain establishes (or refutes), shared with its witness in the other scope: see `states`. */
    readonly statement?: string,
  ) {}

  /**
   * Names the statement the chain establishes, e.g. 'ELBO = eq. 44'. A chain in general and a
   * testbed chain that name the same statement must agree (both hold with the same relation, or
   * both are refuted); the checker compares them (issue 10 item 2).
   */
  states(statement: string): Chain {
    return new Chain(this.first, this.steps, statement);
  }

  /** The last expression of the chain. */
  get last(): Node {
    return this.steps.length ? this.steps[this.steps.length - 1].rhs : this.first;
  }

  /** The composed relation between `first` and `last` ('=' for an empty chain). */
  get relation(): Rel {
    return this.steps.reduce<Rel>((r, s) => compose(r, s.rel), '=');
  }

  // Not named `then`: an object with a then method is a thenable, so
  // `await chain` or returning a chain from an async function would call it.
  private extend(rel: Rel, next: NumericLike | Node, justification: Justification, opts: StepOptions): Chain {
    const rhs = typeof next === 'number' ? lift(next) : next;
    const lhs = this.last;
    if (lhs.kind !== rhs.kind) throw new Error(`a step cannot relate a ${lhs.kind} to a ${rhs.kind}`);
    const location = callerLocation();
    const step: Step = { lhs, rel, rhs, justification, ...opts, ...(location ? { location } : {}) };
    // A step expected to be refuted documents a mistake; it does not extend
    // the argument, so it must stand alone (see `wrong`).
    if (opts.expect === 'refuted' && this.steps.length > 0) {
      throw new Error('a step expected to be refuted must stand alone: use wrong(...)');
    }
    const chain = new Chain(this.first, [...this.steps, step], this.statement);
    void chain.relation; // throws now, at the faulty step, if ≤ and ≥ are mixed
    return chain;
  }

  eq(next: NumericLike | Node, justification: Justification, opts: StepOptions = {}): Chain {
    return this.extend('=', next, justification, opts);
  }
  le(next: NumericLike | Node, justification: Justification, opts: StepOptions = {}): Chain {
    return this.extend('<=', next, justification, opts);
  }
  ge(next: NumericLike | Node, justification: Justification, opts: StepOptions = {}): Chain {
    return this.extend('>=', next, justification, opts);
  }
}

/** Starts a chain at `first`. */
export function calc(first: NumericLike | Node): Chain {
  return new Chain(typeof first === 'number' ? lift(first) : first);
}

/** One step, stated on its own (a lemma used by the argument). */
export function claim(lhs: NumericLike | Node, rel: Rel, rhs: NumericLike | Node, justification: Justification): Chain {
  const c = calc(lhs);
  return rel === '=' ? c.eq(rhs, justification) : rel === '<=' ? c.le(rhs, justification) : c.ge(rhs, justification);
}

/** A documented wrong claim, expected to be refuted: `note` says whose mistake it is. */
export function wrong(lhs: NumericLike | Node, rel: Rel, rhs: NumericLike | Node, justification: Justification, note: string): Chain {
  const c = calc(lhs);
  const opts: StepOptions = { expect: 'refuted', note };
  return rel === '=' ? c.eq(rhs, justification, opts) : rel === '<=' ? c.le(rhs, justification, opts) : c.ge(rhs, justification, opts);
}
