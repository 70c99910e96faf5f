// The expression utilities of src/expr typed for scalar expressions, which is
// all this module handles (its inputs are kind-checked where they are parsed).
import type { Node, Scalar } from '../expr/ast.js';
import { substitute } from '../expr/ast.js';
import { derivative } from '../expr/derivative.js';
import { fold } from '../expr/fold.js';
import { parse } from '../expr/parse.js';

export const subst = (n: Node, map: ReadonlyMap<string, Node>): Scalar => substitute(n, map) as Scalar;
export const foldS = (n: Node): Scalar => fold(n) as Scalar;
export const diff = (n: Node, v: string): Scalar => derivative(n, v) as Scalar;
export const parseScalar = (text: string): Scalar => parse(text) as Scalar;
