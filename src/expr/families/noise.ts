// The standard noise the kernels draw and every reparameterization starts
// from: ε ~ N(0, 1) (N(0, 1, d) for a vector draw) or u ~ U(0, 1).
import type { DistNode, Node } from '../ast.js';
import { distNode, numNode } from '../node.js';
import type { Noise } from './family.js';
import { normalFamily } from './normal.js';
import { uniformFamily } from './uniform.js';

export function standardNoise(noise: Noise, dim?: Node): DistNode {
  if (noise === 'uniform') return distNode(uniformFamily.name, [numNode(0n), numNode(1n)]);
  return distNode(normalFamily.name, dim ? [numNode(0n), numNode(1n), dim] : [numNode(0n), numNode(1n)]);
}
