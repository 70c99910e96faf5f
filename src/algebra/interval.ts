// Enclosures of scalar expressions over a box of parameters (naive interval
// evaluation of the tree, outward rounded). Sound: the value at every point of
// the box where the expression is defined (every subexpression has a finite
// real value there: log 0 and x/0 are undefined) lies in the enclosure. Not tight:
// x − x over [0, 1] is [−1, 1]; sign.ts bisects where that matters.
import type { Node, NumNode } from '../expr/ast.js';
import { domainOf, type Domain, type Interval } from '../expr/domain.js';
import { isInteger } from '../expr/rational.js';
import { fnOf } from '../expr/functions/index.js';
import * as IV from './iv.js';
import { ENTIRE, iv, ivAdd, ivDiv, ivExp, ivMul, ivNeg, ivPowInt, ivPowReal, ivSqrt, point, type Iv } from './iv.js';
import { nextUp, ratDown, ratUp } from './round.js';
import { Unsupported } from './unsupported.js';
import { freeSymbols } from '../expr/ast.js';

export type Box = ReadonlyMap<string, Iv>;

/** A domain interval as a float interval (outward rounded). */
export function ivOfInterval(i: Interval): Iv {
  return iv(i.lo ? ratDown(i.lo) : -Infinity, i.hi ? ratUp(i.hi) : Infinity, i.loOpen, i.hiOpen);
}

/** The box of a domain for the given symbols (undeclared symbols are real). */
export function boxOf(domain: Domain, names: Iterable<string>): Map<string, Iv> {
  const box = new Map<string, Iv>();
  for (const n of names) box.set(n, ivOfInterval(domainOf(domain, n)));
  return box;
}

const numCache = new WeakMap<NumNode, Iv>();

/** [ratDown, ratUp] of a literal, cached: bisection evaluates the same tree thousands of times. */
function numInterval(node: NumNode): Iv {
  let x = numCache.get(node);
  if (!x) {
    const small = node.d === 1n && node.n < 2n ** 53n && node.n > -(2n ** 53n);
    x = small ? point(Number(node.n)) : iv(ratDown(node), ratUp(node));
    numCache.set(node, x);
  }
  return x;
}

const PI = iv(Math.PI, nextUp(Math.PI));
const E = iv(Math.E, nextUp(Math.E));

/** Does the tree share a subtree between two parents (a DAG)? Cached per root. */
const sharing = new WeakMap<Node, boolean>();

function hasSharedSubtree(root: Node): boolean {
  let known = sharing.get(root);
  if (known === undefined) {
    const seen = new Set<Node>();
    const visit = (n: Node): boolean => {
      if (!('args' in n) || n.args.length === 0) return false;
      if (seen.has(n)) return true;
      seen.add(n);
      return n.args.some(visit);
    };
    known = visit(root);
    sharing.set(root, known);
  }
  return known;
}

/**
 * The enclosure of node over the box (symbols missing from the box range over all reals).
 * A tree that shares subtrees (nested sigmoids fold into a DAG whose tree is
 * exponential in the depth) is evaluated once per distinct subtree.
 */
export function intervalIn(node: Node, box: Box): Iv {
  if (!hasSharedSubtree(node)) return enclose(node, box, undefined);
  return enclose(node, box, new Map());
}

function enclose(node: Node, box: Box, memo: Map<Node, Iv> | undefined): Iv {
  if (!memo || !('args' in node)) return encloseOnce(node, box, memo);
  let x = memo.get(node);
  if (!x) memo.set(node, (x = encloseOnce(node, box, memo)));
  return x;
}

function encloseOnce(node: Node, box: Box, memo: Map<Node, Iv> | undefined): Iv {
  const intervalIn = (n: Node, b: Box): Iv => enclose(n, b, memo);
  switch (node.op) {
    case 'num':
      return numInterval(node);
    case 'const':
      return node.name === 'pi' ? PI : E;
    case 'sym':
      if (node.kind !== 'scalar') throw new Unsupported('contains a vector');
      return box.get(node.name) ?? ENTIRE;
    case 'add':
      return node.args.map((a) => intervalIn(a, box)).reduce(ivAdd);
    case 'mul':
      return node.args.map((a) => intervalIn(a, box)).reduce(ivMul);
    case 'neg':
      return ivNeg(intervalIn(node.args[0], box));
    case 'div':
      return ivDiv(intervalIn(node.args[0], box), intervalIn(node.args[1], box));
    case 'pow': {
      const [b, e] = node.args;
      const x = intervalIn(b, box);
      if (e.op === 'num' && isInteger(e)) return ivPowInt(x, Number(e.n));
      if (e.op === 'num' && e.n === 1n && e.d === 2n) return ivSqrt(x);
      if (b.op === 'const' && b.name === 'e') return ivExp(intervalIn(e, box));
      return ivPowReal(x, intervalIn(e, box));
    }
    case 'call':
      return callInterval(node.fn, node.args.map((a) => intervalIn(a, box)));
    case 'E':
      throw new Unsupported('contains an expectation');
    case 'dist':
    case 'rel':
      throw new Unsupported(`contains a ${node.op === 'dist' ? 'distribution' : 'relation'}`);
  }
}

/**
 * The interval arithmetic the table's facets use, as a plain object: a module
 * namespace object is an exotic object whose property loads V8 does not make
 * cheap, and bisection evaluates the same calls thousands of times.
 */
const IV_KIT: typeof IV = { ...IV };

function callInterval(fn: string, a: Iv[]): Iv {
  const f = fnOf(fn);
  if (!f) throw new Unsupported(`contains ${fn}`);
  return f.interval(a, IV_KIT);
}

/** A sound outward-rounded enclosure of node over the domain box. Throws Unsupported on E, KL, vectors. */
export function intervalOf(node: Node, domain: Domain): Iv {
  const names = new Set<string>();
  collectSymbols(node, names);
  return intervalIn(node, boxOf(domain, names));
}

/** The symbols of an E-free tree, each distinct subtree walked once (a shared subtree would be walked once per path otherwise). */
export const collectSymbols = (node: Node, out: Set<string>, seen = new Set<Node>()): Set<string> => freeSymbols(node, out, undefined, seen);
