// Printer to LaTeX (for the formula sheets, rendered by KaTeX). Symbol names
// follow one convention so that derivations read like the paper:
//   alpha → \alpha, abar → \bar{\alpha}, alpha_bar_t → \bar{\alpha}_{t},
//   x_tm1 → x_{t-1}, x_tp1 → x_{t+1}, eps_hat → \hat{\epsilon}, c_skip → c_{\mathrm{skip}}.
import type { Node } from './ast.js';
import { fnNamed } from './functions/index.js';
import { formatRational, negatedProduct } from './print-mathjs.js';
import { familyOf } from './families/registry.js';
import { numNode } from './node.js';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta',
  'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega',
]);
const SHORT: Record<string, string> = { eps: '\\epsilon', abar: '\\bar{\\alpha}', ell: '\\ell' };
const ACCENTS = new Set(['bar', 'hat', 'tilde']);

function base(word: string): string {
  if (SHORT[word]) return SHORT[word];
  if (GREEK.has(word)) return `\\${word}`;
  if (word.length === 1) return word;
  return `\\mathrm{${word}}`;
}

function subscript(word: string): string {
  // tm1 → t-1, tp1 → t+1: the step index conventions of discrete diffusion.
  const m = /^([A-Za-z])(m|p)(\d+)$/.exec(word);
  if (m) return `${m[1]}${m[2] === 'm' ? '-' : '+'}${m[3]}`;
  if (/^\d+$/.test(word) || word.length === 1) return word;
  return GREEK.has(word) || SHORT[word] ? base(word) : `\\mathrm{${word}}`;
}

export function latexSymbol(name: string): string {
  const parts = name.split('_').filter((p) => p !== '');
  if (parts.length === 0) return name;
  let head = base(parts[0]);
  const subs: string[] = [];
  for (const p of parts.slice(1)) {
    if (ACCENTS.has(p)) head = `\\${p}{${head}}`;
    else subs.push(subscript(p));
  }
  return subs.length ? `${head}_{${subs.join(',')}}` : head;
}

const PREC = { add: 1, mul: 2, neg: 3, pow: 4, atom: 5 } as const;

function prec(node: Node): number {
  switch (node.op) {
    case 'add':
      return PREC.add;
    case 'mul':
      return PREC.mul;
    case 'neg':
      return PREC.neg;
    case 'num':
      if (node.n < 0n) return PREC.neg;
      // 1e-4 prints as the product 1\times 10^{-4}: as a base it needs parentheses (no double superscript)
      return formatRational(node.n, node.d).includes('e-') ? PREC.mul : PREC.atom;
    case 'pow':
      return PREC.pow;
    default:
      // A fraction is a visual atom; so is a call with its own brackets.
      return PREC.atom;
  }
}

function wrap(node: Node, min: number): string {
  const s = toLatex(node);
  return prec(node) < min ? `\\left(${s}\\right)` : s;
}

/** A family's symbol: its own LaTeX (src/expr/families/). */
const distLatex = (name: string): string => familyOf(name)?.latex ?? `\\operatorname{${name}}`;

export function toLatex(node: Node): string {
  switch (node.op) {
    case 'num': {
      if (node.d === 1n) return `${node.n}`;
      const s = formatRational(node.n, node.d);
      if (!s.includes('/')) return s.replace(/e-(\d+)$/, '\\times 10^{-$1}');
      const sign = node.n < 0n ? '-' : '';
      const n = node.n < 0n ? -node.n : node.n;
      return `${sign}\\frac{${n}}{${node.d}}`;
    }
    case 'const':
      return node.name === 'pi' ? '\\pi' : 'e';
    case 'sym':
      return node.kind === 'vector' ? `\\mathbf{${latexSymbol(node.name)}}` : latexSymbol(node.name);
    case 'add':
      return node.args
        .map((a, i) => {
          if (i === 0) return toLatex(a);
          if (a.op === 'neg') return `- ${wrap(a.args[0], PREC.mul)}`;
          if (a.op === 'num' && a.n < 0n) return `- ${toLatex(numNode(-a.n, a.d))}`;
          const negated = negatedProduct(a);
          if (negated) return `- ${wrap(negated, PREC.mul)}`;
          return `+ ${wrap(a, PREC.add + 1)}`;
        })
        .join(' ');
    case 'mul': {
      const parts = node.args.map((a, i) => wrap(a, i === 0 ? PREC.mul : PREC.pow));
      // Juxtapose, except where two numbers would run together.
      return parts.reduce((acc, p) => (/^[\d-]/.test(p) ? `${acc} \\cdot ${p}` : `${acc} ${p}`));
    }
    case 'div':
      return `\\frac{${toLatex(node.args[0])}}{${toLatex(node.args[1])}}`;
    case 'neg':
      return `-${wrap(node.args[0], PREC.neg)}`;
    case 'pow': {
      const [b, x] = node.args;
      if (b.op === 'const' && b.name === 'e') return `e^{${toLatex(x)}}`;
      const baseTex = b.op === 'call' && b.fn !== 'abs' ? `\\left(${toLatex(b)}\\right)` : wrap(b, PREC.atom);
      return `${baseTex}^{${toLatex(x)}}`;
    }
    case 'call': {
      const args = node.args.map(toLatex);
      switch (node.fn) {
        case 'dot':
          return `\\langle ${args[0]}, ${args[1]} \\rangle`;
        case 'norm2':
          return `\\left\\lVert ${args[0]} \\right\\rVert^2`;
        case 'sum':
          return `\\textstyle\\sum_i \\left(${args[0]}\\right)_i`;
        case 'KL':
          return `\\mathrm{KL}\\left(${args[0]} \\,\\middle\\|\\, ${args[1]}\\right)`;
        case 'logpdf': {
          const d = node.args[0];
          if (d.op === 'dist') return `\\log ${distLatex(d.family)}\\left(${args[1]}; ${d.args.map(toLatex).join(', ')}\\right)`;
          return `\\log p\\left(${args[1]}\\right)`;
        }
        default:
          return fnNamed(node.fn).latex(args);
      }
    }
    case 'dist':
      return `${distLatex(node.family)}\\left(${node.args.map(toLatex).join(', ')}\\right)`;
    case 'E': {
      const sub = node.over.map((b) => `${latexSymbol(b.name)} \\sim ${toLatex(b.dist)}`).join(',\\, ');
      return `\\mathbb{E}_{${sub}}\\left[${toLatex(node.args[0])}\\right]`;
    }
    case 'rel':
      return `${toLatex(node.args[0])} ${node.rel === '=' ? '=' : node.rel === '<=' ? '\\le' : '\\ge'} ${toLatex(node.args[1])}`;
  }
}
