// Paper notation in derivations: a tagged template that reads like the paper,
//
//   const m = notation({ symbols: [alpha_t, abar_tm1, x_t, x_0] });
//   m`sqrt(alpha_t)*(1 - abar_tm1)*x_t / (1 - abar_t)`
//
// The template is the claim language (src/expr/parse.ts) parsed once, when the
// derivation file loads, so a derivation body says −½[(x² − 2μx)/σ² + C]
// instead of nesting add(mul(div(...))). Three things make it safer than a
// string: kinds are checked by the parser's own rules; with `symbols` every
// free name must be declared, so a typo (`alpah_t`) fails at load time with the
// file, line and character instead of becoming a fresh symbol that the
// algebra happily treats as independent; and `${node}` embeds an expression
// built elsewhere (a testbed's posterior mean) as a whole, never as text, so
// precedence cannot change its meaning.
import type { Binding, Node, Scalar, Vector } from '../expr/ast.js';
import { freeSymbols, substitute } from '../expr/ast.js';
import { lift } from '../expr/build.js';
import { kindOfBinding, parse, ParseError } from '../expr/parse.js';
import { callerLocation } from './location.js';

export interface NotationOptions {
  /**
   * The names a template may use (symbols or their nodes). Omitted: any name
   * is a scalar symbol. Given: an undeclared name is an error at load time.
   */
  readonly symbols?: Iterable<string | Node>;
  /** Names of vector symbols (the rest are scalars). */
  readonly vectors?: Iterable<string>;
  /** Random variables that `E[...]` in a template integrates over. */
  readonly random?: readonly Binding[];
}

/** A template's value: an expression node, or a number (lifted exactly where it is a short decimal). */
export type Embedded = Node | number;

/** The error of a template, pointing at the file, line and character where it was written. */
export class NotationError extends ParseError {}

// Placeholders for `${…}`: identifiers no user symbol may spell (checked below).
const PLACEHOLDER = '__tpl';

function namesOf(items: Iterable<string | Node> | undefined): Set<string> | undefined {
  if (!items) return undefined;
  const out = new Set<string>();
  for (const it of items) {
    if (typeof it === 'string') out.add(it);
    else if (it.op === 'sym') out.add(it.name);
    else throw new Error(`notation: 'symbols' takes names or symbol nodes, not a '${it.op}'`);
  }
  return out;
}

/** A caret line under the character `pos` of `text` (the template as written, with ${…} shown). */
function pointAt(text: string, pos: number): string {
  const start = Math.max(0, pos - 30);
  const excerpt = text.slice(start, pos + 30).replace(/\s/g, ' ');
  return `  ${excerpt}\n  ${' '.repeat(pos - start)}^`;
}

/** A template tag: scalar expressions by default, `.vector` for vector ones. */
export interface Notation {
  (strings: TemplateStringsArray, ...values: Embedded[]): Scalar;
  vector(strings: TemplateStringsArray, ...values: Embedded[]): Vector;
}

/** Builds a tagged template for paper notation with the given declarations. */
export function notation(opts: NotationOptions = {}): Notation {
  const declared = namesOf(opts.symbols);
  const random = opts.random ?? [];
  const vectors = new Set(opts.vectors ?? []);
  for (const b of random) if (kindOfBinding(b) === 'vector') vectors.add(b.name);
  const randomNames = new Set(random.map((b) => b.name));

  function build(kind: 'scalar' | 'vector', strings: TemplateStringsArray, values: Embedded[]): Node {
    const where = callerLocation();
    // The text the parser sees, and the text the user wrote (for messages).
    let text = strings[0];
    let shown = strings[0];
    // Offsets in `text` → offsets in `shown`, so a position maps back.
    const shifts: { at: number; delta: number }[] = [];
    const embedded = new Map<string, Node>();
    values.forEach((v, i) => {
      const name = `${PLACEHOLDER}${i}`;
      const node = typeof v === 'number' ? lift(v) : v;
      if (node.kind === 'vector') vectors.add(name);
      else if (node.kind !== 'scalar') {
        throw new Error(`notation: \${…} #${i + 1} is a ${node.kind}; embed scalar or vector expressions`);
      }
      embedded.set(name, node);
      const shownValue = `\${…}`;
      shifts.push({ at: text.length, delta: shown.length - text.length });
      // Parenthesised: an embedded sum stays a sum under a product or a power.
      text += `(${name})` + strings[i + 1];
      shown += shownValue + strings[i + 1];
    });
    const toShown = (pos: number) => {
      let delta = 0;
      for (const s of shifts) if (s.at <= pos) delta = s.delta;
      return Math.max(0, Math.min(shown.length, pos + delta));
    };
    const fail = (message: string, pos: number): never => {
      const p = toShown(pos);
      throw new NotationError(
        `${where ? `${where}: ` : ''}in m\`…\` at character ${p + 1}: ${message}\n${pointAt(shown, p)}`,
        p,
      );
    };
    for (const s of strings) {
      const at = s.indexOf(PLACEHOLDER);
      if (at >= 0) fail(`names starting with '${PLACEHOLDER}' are reserved for \${…}`, text.indexOf(PLACEHOLDER));
    }

    let parsed: Node;
    try {
      parsed = parse(text, { random, vectors });
    } catch (e) {
      if (e instanceof ParseError) return fail(e.message, e.position);
      throw e;
    }
    if (declared) {
      for (const name of freeSymbols(parsed)) {
        if (name.startsWith(PLACEHOLDER) || declared.has(name) || randomNames.has(name)) continue;
        const at = new RegExp(`\\b${name}\\b`).exec(text)?.index ?? 0;
        fail(`'${name}' is not declared (declared: ${[...declared].sort().join(', ') || 'none'})`, at);
      }
    }
    if (parsed.kind !== kind) fail(`this is a ${parsed.kind} expression; use ${kind === 'scalar' ? 'm.vector`…`' : 'm`…`'} for it`, 0);
    return substitute(parsed, embedded);
  }
  const tag = (strings: TemplateStringsArray, ...values: Embedded[]) => build('scalar', strings, values) as Scalar;
  return Object.assign(tag, {
    vector: (strings: TemplateStringsArray, ...values: Embedded[]) => build('vector', strings, values) as Vector,
  });
}

/** Paper notation without declarations: every free name is a scalar symbol. */
export const m = notation();
