// LaTeX input: a formula pasted from a paper, read as the claim language.
//
// The subset: numbers, single letters and Greek letters with subscripts
// (\bar\alpha_t, \bar{\alpha}_{t-1}, \sigma_q, c_{\mathrm{skip}}: the names
// latexSymbol prints, read back), \mathrm{word}, juxtaposition, \cdot,
// \times, /, + and −, ^{…} (or one token: x^2), \frac{a}{b}, \sqrt{x},
// \sqrt[n]{x}, \exp, \log, \ln, \sin, \cos, \tan, \tanh, \min, \max,
// \operatorname{sech|sigmoid|logit}, ( ), [ ], { }, \left( \right),
// \left| \right| (abs), \left\lVert x \right\rVert^2 (norm2), \langle a, b
// \rangle (dot), \mathcal{N}(…) / \mathcal{U}(…), \log \mathcal{N}(x; m, v)
// (logpdf), \mathrm{KL}(p \| q), \mathbb{E}_{x \sim D}[…], and =, \le, \ge.
// Spacing (\, \; \quad ~) and sizing (\big, \displaystyle) are ignored.
//
// How: a recursive descent over the LaTeX tokens translates to the claim
// language's text (fully parenthesized), which `parse` then reads: one
// grammar of meaning (kinds, random variables, reserved names), whatever the
// notation. A piece of translated text remembers the LaTeX position it came
// from, so an error found by either stage points into the user's LaTeX.
//
// Readings that TeX itself leaves open are refused, not guessed: x_12 and
// x^23 (TeX: x_1·2, x^2·3), \log^2 x, two numbers side by side.
import type { Node, RelNode } from './ast.js';
import { MAX_NESTING, parse, parseClaim, parseDist, ParseError, type ParseContext } from './parse.js';
import { toMathjs } from './print-mathjs.js';
import { tokenizeLatex, type LatexToken } from './parse-latex-lexer.js';
import { accented, ACCENTS, greekName, subscriptPart } from './parse-latex-names.js';

/** A formula is LaTeX when it contains a backslash (the claim language has none). */
export const isLatex = (text: string): boolean => text.includes('\\');

/** Translated text in pieces, each with the LaTeX position it came from. */
type Out = { s: string; p: number }[];

const FUNCTIONS: Record<string, string> = {
  exp: 'exp', log: 'log', ln: 'log', sin: 'sin', cos: 'cos', tan: 'tan', tanh: 'tanh', min: 'min', max: 'max', sech: 'sech',
};
/** Functions written \operatorname{…} or \mathrm{…}. */
const NAMED_FUNCTIONS = new Set(['exp', 'log', 'ln', 'sin', 'cos', 'tan', 'tanh', 'sech', 'sigmoid', 'logit', 'min', 'max']);
const DISTRIBUTIONS: Record<string, string> = { N: 'N', U: 'U', LogitNormal: 'LogitNormal' };
const RELATIONS: Record<string, string> = { le: '<=', leq: '<=', leqslant: '<=', ge: '>=', geq: '>=', geqslant: '>=', lt: '<', gt: '>' };
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

class LatexParser {
  private i = 0;
  private depth = 0;
  /** Inside |…| or KL(…‖…): a bar ends the current argument instead of opening an absolute value. */
  private barEnds = 0;
  /** The last name read without a subscript, and the token index after it (for \sigma^2_q). */
  private bareSymbol: { name: string; end: number } | undefined;
  private readonly t: LatexToken[];

  constructor(private readonly src: string, private readonly ctx: ParseContext) {
    this.t = tokenizeLatex(src);
  }

  private peek(k = 0): LatexToken {
    return this.t[Math.min(this.i + k, this.t.length - 1)];
  }
  private next(): LatexToken {
    return this.t[this.i++] ?? this.t[this.t.length - 1];
  }
  private isChar(c: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'char' && t.text === c;
  }
  private isCmd(name: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'cmd' && t.text === name;
  }
  private fail(message: string, t: LatexToken = this.peek()): never {
    throw new ParseError(message, t.pos);
  }
  private expectChar(c: string, what: string): LatexToken {
    if (!this.isChar(c)) this.fail(`expected '${c}' ${what}, found ${describe(this.peek())}`);
    return this.next();
  }
  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_NESTING) this.fail(`nesting deeper than ${MAX_NESTING}`);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  end(): void {
    // a displayed equation often ends with its sentence's period or comma
    if ((this.isChar('.') || this.isChar(',')) && this.peek(1).type === 'end') this.next();
    const t = this.peek();
    if (t.type !== 'end') this.fail(t.type === 'cmd' && t.text === 'right' ? '\\right without a matching \\left' : `unexpected ${describe(t)}`);
  }

  /** relation := sum (rel sum)? */
  relation(): Out {
    const lhs = this.sum();
    const t = this.peek();
    let rel: string | undefined;
    if (t.type === 'char' && (t.text === '=' || t.text === '<' || t.text === '>')) {
      this.next();
      rel = t.text;
      if (rel !== '=' && this.isChar('=') && !this.peek().spaced) {
        this.next();
        rel += '=';
      }
    } else if (t.type === 'cmd' && RELATIONS[t.text]) {
      this.next();
      rel = RELATIONS[t.text];
    } else if (t.type === 'cmd' && (t.text === 'ne' || t.text === 'neq')) {
      this.fail('≠ is not a relation derivcheck decides: claim =, \\le or \\ge');
    }
    if (rel === undefined) return lhs;
    const rhs = this.sum();
    return [...lhs, { s: ` ${rel} `, p: t.pos }, ...rhs];
  }

  /** sum := term (('+'|'-') term)* */
  sum(): Out {
    return this.nested(() => {
      const out = this.term();
      while (this.isChar('+') || this.isChar('-')) {
        const op = this.next();
        append(out, [{ s: ` ${op.text} `, p: op.pos }], paren(this.term(), op.pos));
      }
      return out;
    });
  }

  /** term := unary ((\cdot | \times | * | / | juxtaposition) unary)* */
  term(): Out {
    const first = this.peek();
    const out = paren(this.unary(), first.pos);
    for (;;) {
      const t = this.peek();
      let op = ' * ';
      if ((t.type === 'cmd' && (t.text === 'cdot' || t.text === 'times')) || (t.type === 'char' && t.text === '*')) this.next();
      else if (t.type === 'char' && t.text === '/') {
        this.next();
        op = ' / ';
      } else if (!this.startsFactor(t)) return out;
      // x_1 2, 2 3: TeX shows a number after a factor as if it were part of it; the printer writes \cdot there
      else if (t.type === 'num') this.fail('a number after a factor: write \\cdot before it', t);
      const f = this.peek();
      append(out, [{ s: op, p: t.pos }], paren(this.unary(), f.pos));
    }
  }

  /** Can t begin a factor that multiplies the previous one (juxtaposition)? */
  private startsFactor(t: LatexToken): boolean {
    if (t.type === 'num' || t.type === 'letter') return true;
    if (t.type === 'char') return t.text === '(' || t.text === '[' || t.text === '{' || (t.text === '|' && this.barEnds === 0);
    if (t.type !== 'cmd') return false;
    if (t.text === '|') return this.barEnds === 0;
    return !['right', 'middle', 'cdot', 'times', 'rangle', 'rVert', 'rvert', 'vert', 'Vert', 'parallel', 'sim', 'le', 'leq', 'leqslant', 'ge', 'geq', 'geqslant', 'lt', 'gt', 'ne', 'neq', '}', ']', 'quad'].includes(t.text);
  }

  /** unary := ('-'|'+') unary | power */
  unary(): Out {
    if (this.isChar('-')) {
      const op = this.next();
      return this.nested(() => [{ s: '-', p: op.pos }, ...paren(this.unary(), op.pos)]);
    }
    if (this.isChar('+')) {
      this.next();
      return this.nested(() => this.unary());
    }
    return this.power();
  }

  /** power := primary ('^' arg)?   (a second '^' is TeX's "double superscript") */
  power(): Out {
    const start = this.peek();
    const base = this.primary();
    if (!this.isChar('^')) {
      if (this.isChar('_')) this.fail('a subscript belongs to a name (x_t, \\alpha_{t-1}), not to this expression');
      return base;
    }
    // a name without a subscript may take it after the exponent: \sigma^2_q is \sigma_q^2
    const bare = this.bareSymbol?.end === this.i ? this.bareSymbol : undefined;
    const hat = this.next();
    const exponent = this.nested(() => this.argument('the exponent'));
    if (this.isChar('^')) this.fail('double superscript: write x^{a b} or {x^a}^b');
    let b = base;
    if (this.isChar('_')) {
      if (!bare) this.fail('a subscript belongs to a name (x_t, \\alpha_{t-1}), not to this expression');
      this.next();
      b = [{ s: `${bare.name}_${this.subscript()}`, p: start.pos }];
    }
    return [...paren(b, start.pos), { s: '^', p: hat.pos }, ...paren(exponent, hat.pos)];
  }

  /** Does the group starting at token index k begin with the letter d (d, {d, \mathrm{d}, \partial)? */
  private startsWithD(k: number): boolean {
    if (this.t[k]?.type === 'char' && this.t[k].text === '{') k++;
    const t = this.t[k];
    if (t?.type === 'letter') return t.text === 'd';
    if (t?.type === 'cmd' && t.text === 'partial') return true;
    if (t?.type === 'cmd' && (t.text === 'mathrm' || t.text === 'text')) {
      const u = this.t[k + 2];
      return this.t[k + 1]?.text === '{' && u?.type === 'letter' && u.text === 'd' && this.t[k + 3]?.text === '}';
    }
    return false;
  }

  /** A number token of several digits becomes its first digit and the rest (TeX's reading of a macro argument). */
  private splitDigit(): void {
    const t = this.peek();
    if (t.type !== 'num' || t.text.length < 2) return;
    if (!/^\d\d/.test(t.text)) return;
    this.t.splice(this.i, 1, { ...t, text: t.text[0] }, { type: 'num', text: t.text.slice(1), pos: t.pos + 1, spaced: false });
  }

  /**
   * A macro's argument: a braced group, or one token. One digit only: TeX reads
   * x^23 as x^2·3, which no one means, so it is refused.
   */
  private argument(what: string): Out {
    const t = this.peek();
    if (t.type === 'char' && t.text === '{') {
      this.next();
      const inner = this.sum();
      this.expectChar('}', `to close ${what}`);
      return inner;
    }
    if (t.type === 'num') {
      this.next();
      if (t.text.length > 1) this.fail(`${what} '${t.text}' is ambiguous: TeX reads only its first digit; write {${t.text}}`, t);
      return [{ s: t.text, p: t.pos }];
    }
    if (t.type === 'letter' || t.type === 'cmd') return this.primary();
    if (t.type === 'char' && t.text === '-') this.fail(`a negative ${what} needs braces: {-…}`, t);
    return this.fail(`expected ${what}, found ${describe(t)}`, t);
  }

  primary(): Out {
    return this.nested(() => this.primaryAt());
  }

  private primaryAt(): Out {
    const t = this.peek();
    switch (t.type) {
      case 'num':
        this.next();
        return [{ s: t.text, p: t.pos }];
      case 'letter':
        this.next();
        return this.symbol(t.text, t);
      case 'char':
        if (t.text in CLOSERS) {
          this.next();
          return this.group(t, CLOSERS[t.text], false);
        }
        if (t.text === '|') {
          this.next();
          return this.bars(t, 'abs', () => this.expectChar('|', 'to close |…|'));
        }
        return this.fail(t.text === '}' ? "unmatched '}'" : `unexpected ${describe(t)}`, t);
      case 'cmd':
        this.next();
        return this.command(t);
      default:
        return this.fail('unexpected end of input', t);
    }
  }

  /** ( … ), [ … ], { … } as grouping; after \left, the closer must be \right's. */
  private group(open: LatexToken, close: string, left: boolean): Out {
    const inner = this.sum();
    if (left) this.expectRight(close, open);
    else if (!this.isChar(close)) this.fail(`expected '${close}' to close '${open.text}' at position ${open.pos + 1}, found ${describe(this.peek())}`);
    else this.next();
    return [{ s: '(', p: open.pos }, ...inner, { s: ')', p: open.pos }];
  }

  private expectRight(close: string, open: LatexToken): void {
    if (!this.isCmd('right')) this.fail(`expected \\right${close} to close the \\left at position ${open.pos + 1}, found ${describe(this.peek())}`);
    this.next();
    const d = this.next();
    const text = d.type === 'cmd' ? (d.text === '}' ? '}' : d.text === 'rvert' || d.text === 'vert' ? '|' : d.text === 'rVert' || d.text === 'Vert' || d.text === '|' ? '‖' : `\\${d.text}`) : d.text;
    if (text !== close) this.fail(`\\right${d.type === 'cmd' ? '\\' : ''}${d.text} does not match the \\left at position ${open.pos + 1}`, d);
  }

  /** |x| (abs) or ‖x‖² (norm2): the argument ends at the closing bar. */
  private bars(open: LatexToken, fn: 'abs' | 'norm2', close: () => void): Out {
    this.barEnds++;
    let inner: Out;
    try {
      inner = this.sum();
    } finally {
      this.barEnds--;
    }
    close();
    if (fn === 'norm2') {
      // derivcheck's norm2 is the SQUARED norm: only ‖x‖^2 has a meaning here
      if (!this.isChar('^')) this.fail('a norm is supported squared only: \\lVert x \\rVert^2 (norm2)');
      this.next();
      const e = this.argument('the exponent');
      if (e.map((x) => x.s).join('') !== '2') this.fail('a norm is supported squared only: \\lVert x \\rVert^2 (norm2)', open);
    }
    return [{ s: `${fn}(`, p: open.pos }, ...inner, { s: ')', p: open.pos }];
  }

  /** A symbol: its base name, then an optional subscript (single token or braced items). */
  private symbol(base: string, at: LatexToken): Out {
    if (this.isChar('_')) {
      this.next();
      return [{ s: `${base}_${this.subscript()}`, p: at.pos }];
    }
    this.bareSymbol = { name: base, end: this.i };
    return [{ s: base, p: at.pos }];
  }

  /** x_t, x_0, x_{t-1}, x_{t,1}, c_{\mathrm{skip}}, \sigma_{\theta} → t, 0, tm1, t_1, skip, theta. */
  private subscript(): string {
    const t = this.next();
    const item = (tok: LatexToken): string => {
      if (tok.type === 'letter') return tok.text;
      if (tok.type === 'num') {
        if (!/^\d+$/.test(tok.text)) this.fail(`a subscript is a name or an index, not '${tok.text}'`, tok);
        return tok.text;
      }
      if (tok.type === 'cmd') {
        const g = greekName(tok.text);
        if (g) return g;
        if (tok.text === 'mathrm' || tok.text === 'text' || tok.text === 'mathit' || tok.text === 'textrm' || tok.text === 'operatorname') return this.word();
      }
      return this.fail(`a subscript is a name or an index (x_t, x_{t-1}, c_{\\mathrm{skip}}), not ${describe(tok)}`, tok);
    };
    if (t.type === 'num' && t.text.length > 1) this.fail(`ambiguous subscript '${t.text}': TeX reads only its first digit; write _{${t.text}}`, t);
    if (!(t.type === 'char' && t.text === '{')) return item(t);
    const parts: string[] = [];
    let cur = '';
    for (;;) {
      const u = this.next();
      if (u.type === 'char' && (u.text === '}' || u.text === ',')) {
        const p = subscriptPart(cur);
        if (p === undefined) this.fail(`a subscript is a name or an index (x_t, x_{t-1}, x_{t+1}), not '${cur}'`, u);
        parts.push(p);
        cur = '';
        if (u.text === '}') return parts.join('_');
        continue;
      }
      if (u.type === 'end') this.fail("expected '}' to close the subscript", u);
      if (u.type === 'char' && (u.text === '-' || u.text === '+')) cur += u.text;
      else cur += item(u);
    }
  }

  /** The letters and digits of \mathrm{…} / \operatorname{…}. */
  private word(): string {
    const open = this.expectChar('{', 'after the command');
    let w = '';
    while (this.peek().type === 'letter' || this.peek().type === 'num' || (this.peek().type === 'cmd' && this.peek().text === '_')) {
      const u = this.next();
      w += u.type === 'cmd' ? '_' : u.text;
    }
    if (!this.isChar('}')) this.fail(`expected a word in braces, found ${describe(this.peek())}`);
    this.next();
    if (w === '') this.fail('an empty name', open);
    if (!/^[A-Za-z]/.test(w)) this.fail(`a name starts with a letter, not '${w}'`, open);
    return w;
  }

  private command(t: LatexToken): Out {
    const name = t.text;
    const greek = greekName(name);
    if (greek) return this.symbol(greek, t);
    if (name in ACCENTS) return this.accent(ACCENTS[name], t);
    switch (name) {
      case 'left':
        return this.left(t);
      case 'right':
        return this.fail('\\right without a matching \\left', t);
      case '{': {
        // \{ … \}: grouping, like ( … )
        const inner = this.sum();
        if (!this.isCmd('}')) this.fail(`expected \\} to close \\{ at position ${t.pos + 1}, found ${describe(this.peek())}`);
        this.next();
        return [{ s: '(', p: t.pos }, ...inner, { s: ')', p: t.pos }];
      }
      case '|':
      case 'lVert':
      case 'Vert':
        return this.bars(t, 'norm2', () => {
          if (!(this.isCmd('|') || this.isCmd('rVert') || this.isCmd('Vert'))) this.fail('expected \\| or \\rVert to close the norm');
          this.next();
        });
      case 'lvert':
      case 'vert':
        return this.bars(t, 'abs', () => {
          if (!(this.isCmd('rvert') || this.isCmd('vert'))) this.fail('expected \\rvert to close \\lvert');
          this.next();
        });
      case 'frac':
      case 'dfrac':
      case 'tfrac': {
        // \frac12 is \frac{1}{2}, as TeX reads it (one digit per argument)
        this.splitDigit();
        const numStart = this.i;
        const num = this.argument('the numerator');
        this.splitDigit();
        const denStart = this.i;
        const den = this.argument('the denominator');
        // \frac{dx}{dt} would read as the quotient (d x)/(d t) = x/t: refused, not misread
        if (this.startsWithD(numStart) && this.startsWithD(denStart)) this.fail('a derivative \\frac{d…}{d…} is not supported: derivcheck reads formulas, not derivatives', t);
        return [{ s: '(', p: t.pos }, ...paren(num, t.pos), { s: ' / ', p: t.pos }, ...paren(den, t.pos), { s: ')', p: t.pos }];
      }
      case 'sqrt': {
        let index: Out | undefined;
        if (this.isChar('[')) {
          this.next();
          index = this.sum();
          this.expectChar(']', 'to close the root index');
        }
        const x = this.argument('the radicand');
        if (!index) return [{ s: 'sqrt(', p: t.pos }, ...x, { s: ')', p: t.pos }];
        return [{ s: '(', p: t.pos }, ...paren(x, t.pos), { s: ')^(1 / ', p: t.pos }, ...paren(index, t.pos), { s: ')', p: t.pos }];
      }
      case 'mathrm':
      case 'text':
      case 'textrm':
      case 'mathit':
      case 'operatorname': {
        const w = this.word();
        if (w === 'KL') return this.kl(t);
        if (DISTRIBUTIONS[w]) return this.distribution(w, t);
        if (NAMED_FUNCTIONS.has(w)) return this.call(w === 'ln' ? 'log' : w, t);
        return this.symbol(w, t);
      }
      case 'mathbf':
      case 'boldsymbol':
      case 'bm':
      case 'vec': {
        // the kind (vector) comes from the declarations, as in the claim language
        const inner = this.argument('the vector');
        return inner;
      }
      case 'mathcal': {
        const w = this.word();
        if (!DISTRIBUTIONS[w]) this.fail(`\\mathcal{${w}} is not a distribution derivcheck knows (\\mathcal{N}, \\mathcal{U})`, t);
        return this.distribution(w, t);
      }
      case 'mathbb': {
        const w = this.word();
        if (w !== 'E') this.fail(`\\mathbb{${w}} has no meaning here (\\mathbb{E}[…] is an expectation)`, t);
        return this.expectation(t);
      }
      case 'langle': {
        const a = this.sum();
        this.expectChar(',', 'between the two vectors of \\langle a, b \\rangle');
        const b = this.sum();
        if (this.isCmd('right')) this.next();
        if (!this.isCmd('rangle')) this.fail('expected \\rangle to close \\langle');
        this.next();
        return [{ s: 'dot(', p: t.pos }, ...a, { s: ', ', p: t.pos }, ...b, { s: ')', p: t.pos }];
      }
      case 'sum':
        return this.componentSum(t);
      case 'pi':
        return this.symbol('pi', t);
      case 'cdot':
      case 'times':
        return this.fail(`\\${name} needs a factor before it`, t);
      default:
        if (FUNCTIONS[name]) return this.call(FUNCTIONS[name], t);
        return this.fail(`unknown LaTeX command \\${name}`, t);
    }
  }

  /** \bar{\alpha}_t, \bar\alpha_t, \hat{\epsilon}, \bar{x}_0 → abar_t, abar_t, eps_hat, x_bar_0. */
  private accent(accent: string, t: LatexToken): Out {
    const braced = this.isChar('{');
    if (braced) this.next();
    const u = this.next();
    let base: string | undefined;
    if (u.type === 'letter') base = u.text;
    else if (u.type === 'cmd') {
      base = greekName(u.text);
      if (!base && u.text in ACCENTS) {
        // nested accents: \hat{\bar{x}} → x_bar_hat
        const inner = this.accent(ACCENTS[u.text], u);
        if (inner.length !== 1 || /[^A-Za-z0-9_]/.test(inner[0].s)) this.fail('an accent takes a name', u);
        base = inner[0].s;
      } else if (!base && (u.text === 'mathrm' || u.text === 'text')) base = this.word();
    }
    if (!base) this.fail(`\\${t.text} takes a letter or a Greek letter, not ${describe(u)}`, u);
    if (braced) this.expectChar('}', `to close \\${t.text}{…}`);
    return this.symbol(accented(base, accent), t);
  }

  /** \left( … \right), \left[ … \right], \left| … \right|, \left\lVert … \right\rVert^2. */
  private left(t: LatexToken): Out {
    const d = this.next();
    if (d.type === 'char' && (d.text === '(' || d.text === '[')) return this.group(t, CLOSERS[d.text], true);
    if (d.type === 'cmd' && d.text === '{') return this.group(t, '}', true);
    if ((d.type === 'char' && d.text === '|') || (d.type === 'cmd' && (d.text === 'lvert' || d.text === 'vert'))) {
      return this.bars(t, 'abs', () => this.expectRight('|', t));
    }
    if (d.type === 'cmd' && (d.text === '|' || d.text === 'lVert' || d.text === 'Vert')) {
      return this.bars(t, 'norm2', () => this.expectRight('‖', t));
    }
    if (d.type === 'cmd' && d.text === 'langle') return this.command(d);
    return this.fail(`\\left${d.type === 'cmd' ? '\\' : ''}${d.text} is not a delimiter derivcheck reads`, d);
  }

  /** Opening and closing of an argument list: ( ) or \left( \right). */
  private open(what: string): { close: () => void } {
    const t = this.peek();
    if (this.isChar('(')) {
      this.next();
      return { close: () => this.expectChar(')', `to close ${what}`) };
    }
    if (this.isCmd('left') && this.peek(1).type === 'char' && this.peek(1).text === '(') {
      this.next();
      this.next();
      return { close: () => this.expectRight(')', t) };
    }
    return this.fail(`expected '(' after ${what}`);
  }

  /** f(a, b) or, for one-argument functions, f x (the next factor). */
  private call(fn: string, t: LatexToken): Out {
    if (this.isChar('^')) this.fail(`write (\\${t.text} x)^n, not \\${t.text}^n x: the power of a function is ambiguous`);
    if (fn === 'log' && this.startsDistribution()) return this.logpdf(t);
    const parens = this.isChar('(') || (this.isCmd('left') && this.peek(1).type === 'char' && this.peek(1).text === '(');
    if (!parens) {
      if (fn === 'min' || fn === 'max') this.fail(`\\${fn} needs its arguments in parentheses`);
      if (this.peek().type === 'end' || !this.startsFactor(this.peek())) this.fail(`\\${t.text} needs an argument`);
      const arg = this.power();
      // \log 2\pi e: log(2)·π·e or log(2πe)? Papers mean both; refused. Another function may follow (\sin\theta\cos\theta).
      const after = this.peek();
      if (this.startsFactor(after) && !this.startsFunction(after)) {
        this.fail(`\\${t.text} without parentheses followed by another factor is ambiguous: write \\${t.text}\\left(…\\right) or \\cdot`, after);
      }
      return [{ s: `${fn}(`, p: t.pos }, ...arg, { s: ')', p: t.pos }];
    }
    const { close } = this.open(`\\${t.text}(…`);
    const args = this.list();
    close();
    return [{ s: `${fn}(`, p: t.pos }, ...args, { s: ')', p: t.pos }];
  }

  /** Does t begin a function application (\cos, \operatorname{sech}, …)? */
  private startsFunction(t: LatexToken): boolean {
    if (t.type !== 'cmd') return false;
    if (FUNCTIONS[t.text]) return true;
    return (t.text === 'operatorname' || t.text === 'mathrm') && NAMED_FUNCTIONS.has(this.peekWord(1));
  }

  /** Comma-separated sums. */
  private list(): Out {
    const out = this.sum();
    while (this.isChar(',')) {
      const c = this.next();
      append(out, [{ s: ', ', p: c.pos }], this.sum());
    }
    return out;
  }

  private startsDistribution(): boolean {
    const t = this.peek();
    if (t.type !== 'cmd') return false;
    const w = this.peekWord(1);
    return (t.text === 'mathcal' && (w === 'N' || w === 'U')) || ((t.text === 'operatorname' || t.text === 'mathrm') && w === 'LogitNormal');
  }

  /** The word of a \cmd{word} starting k tokens ahead, without consuming it. */
  private peekWord(k: number): string {
    if (!this.isChar('{', k)) return '';
    let w = '';
    for (let j = k + 1; this.peek(j).type === 'letter'; j++) w += this.peek(j).text;
    return this.isChar('}', k + 1 + w.length) ? w : '';
  }

  /** \log \mathcal{N}(x; m, v) → logpdf(N(m, v), x). */
  private logpdf(t: LatexToken): Out {
    const cmd = this.next();
    const family = DISTRIBUTIONS[this.word()];
    const { close } = this.open('the density');
    const x = this.sum();
    this.expectChar(';', `between the point and the parameters of \\log ${cmd.text === 'mathcal' ? `\\mathcal{${family}}` : family}(x; …)`);
    const params = this.list();
    close();
    return [{ s: `logpdf(${family}(`, p: t.pos }, ...params, { s: '), ', p: t.pos }, ...x, { s: ')', p: t.pos }];
  }

  private distribution(w: string, t: LatexToken): Out {
    const { close } = this.open(w);
    const params = this.list();
    close();
    return [{ s: `${DISTRIBUTIONS[w]}(`, p: t.pos }, ...params, { s: ')', p: t.pos }];
  }

  /** \mathrm{KL}(p \| q), with \middle\|, \parallel, || or a comma between. */
  private kl(t: LatexToken): Out {
    const { close } = this.open('KL');
    this.barEnds++;
    let p: Out;
    let q: Out;
    try {
      p = this.sum();
      if (this.isCmd('middle')) this.next();
      if (this.isCmd('|') || this.isCmd('parallel') || this.isCmd('Vert') || this.isChar(',')) this.next();
      else if (this.isChar('|') && this.isChar('|', 1)) {
        this.next();
        this.next();
      } else this.fail('expected \\| between the two distributions of KL(p \\| q)');
      q = this.sum();
    } finally {
      this.barEnds--;
    }
    close();
    return [{ s: 'KL(', p: t.pos }, ...p, { s: ', ', p: t.pos }, ...q, { s: ')', p: t.pos }];
  }

  /**
   * \mathbb{E}_{x \sim D, …}[…]. The claim language binds random variables by
   * declaration (--random); a subscript must agree with the declarations.
   */
  private expectation(t: LatexToken): Out {
    if (this.isChar('_')) {
      this.next();
      this.expectChar('{', 'after \\mathbb{E}_ (the subscript: {x \\sim \\mathcal{N}(0, 1)})');
      for (;;) {
        const v = this.peek();
        const nameOut = this.primary();
        const name = nameOut.map((x) => x.s).join('');
        const declared = this.ctx.random?.find((b) => b.name === name);
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) this.fail('the subscript of \\mathbb{E} names random variables: x \\sim D', v);
        if (this.isCmd('sim')) {
          this.next();
          const d = this.peek();
          const dist = this.sum();
          const text = dist.map((x) => x.s).join('');
          if (!declared) this.fail(`'${name}' is not declared: add --random "${name} ~ ${safeDist(text, this.ctx)}"`, v);
          if (safeDist(text, this.ctx) !== toMathjs(declared.dist)) {
            this.fail(`the subscript says ${name} ~ ${safeDist(text, this.ctx)}, but --random declares ${name} ~ ${toMathjs(declared.dist)}`, d);
          }
        } else if (!declared) this.fail(`'${name}' is not declared as a random variable (--random "${name} ~ …")`, v);
        if (this.isChar(',')) {
          this.next();
          continue;
        }
        this.expectChar('}', 'to close the subscript of \\mathbb{E}');
        break;
      }
    }
    let close: () => void;
    const o = this.peek();
    if (this.isChar('[')) {
      this.next();
      close = () => this.expectChar(']', 'to close \\mathbb{E}[…');
    } else if (this.isCmd('left') && this.isChar('[', 1)) {
      this.next();
      this.next();
      close = () => this.expectRight(']', o);
    } else return this.fail("expected '[' after \\mathbb{E}");
    const body = this.sum();
    close();
    return [{ s: 'E[', p: t.pos }, ...body, { s: ']', p: t.pos }];
  }

  /** \sum_i \left(x\right)_i (what the printer writes for sum(x)): the sum of the components. */
  private componentSum(t: LatexToken): Out {
    this.expectChar('_', 'after \\sum (only \\sum_i (x)_i, the sum of components, is supported)');
    const i = this.next();
    if (i.type !== 'letter') this.fail('expected an index letter after \\sum_', i);
    const body = this.primary();
    this.expectChar('_', `after the summand (\\sum_${i.text} (x)_${i.text})`);
    const j = this.next();
    if (j.type !== 'letter' || j.text !== i.text) this.fail(`expected the index ${i.text}`, j);
    return [{ s: 'sum(', p: t.pos }, ...body, { s: ')', p: t.pos }];
  }
}

/** A distribution's text in the claim language's canonical print, or the text itself when it does not parse. */
function safeDist(text: string, ctx: ParseContext): string {
  try {
    return toMathjs(parseDist(text, { vectors: ctx.vectors }));
  } catch {
    return text;
  }
}

/** out += each of parts (a loop: push(...big) overflows the argument limit). */
function append(out: Out, ...parts: Out[]): void {
  for (const part of parts) for (const x of part) out.push(x);
}

/** Parenthesized unless already one token or one bracketed group. */
function paren(out: Out, p: number): Out {
  const s = out.map((x) => x.s).join('');
  if (/^[A-Za-z0-9_.]+$/.test(s)) return out;
  return [{ s: '(', p: out[0]?.p ?? p }, ...out, { s: ')', p: out[out.length - 1]?.p ?? p }];
}

function describe(t: LatexToken): string {
  if (t.type === 'end') return 'end of input';
  if (t.type === 'cmd') return `\\${t.text}`;
  return `'${t.text}'`;
}

/** The claim-language text of a LaTeX formula, and for each of its characters the LaTeX position it came from. */
export function translateLatex(latex: string, ctx: ParseContext = {}): { text: string; positions: number[] } {
  const p = new LatexParser(latex, ctx);
  const out = p.relation();
  p.end();
  let text = '';
  const positions: number[] = [];
  for (const piece of out) {
    text += piece.s;
    for (let k = 0; k < piece.s.length; k++) positions.push(piece.p);
  }
  return { text, positions };
}

/** Parses LaTeX to the claim language's AST; every error is a ParseError at a position of the LaTeX. */
export function parseLatex(latex: string, ctx: ParseContext = {}): Node {
  const { text, positions } = translateLatex(latex, ctx);
  try {
    return parse(text, ctx);
  } catch (e) {
    if (e instanceof ParseError) throw new ParseError(e.message, positions[e.position] ?? latex.length);
    throw e;
  }
}

/** A claim in either notation: LaTeX when it has a backslash, else the claim language (for claim, and reparam later). */
export function parseClaimText(text: string, ctx: ParseContext = {}): RelNode {
  return isLatex(text) ? parseLatexClaim(text, ctx) : parseClaim(text, ctx);
}

/** A claim `lhs REL rhs` in LaTeX. */
export function parseLatexClaim(latex: string, ctx: ParseContext = {}): RelNode {
  const node = parseLatex(latex, ctx);
  if (node.op !== 'rel') throw new ParseError("a claim needs a relation: '=', '\\le' or '\\ge' between two sides", latex.length);
  return node;
}
