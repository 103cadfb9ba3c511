/**
 * Parses the jq that Serverless Workflow runtime expressions use (dsl-reference.md "Runtime
 * expressions"; jq manual https://jqlang.github.io/jq/manual/) into the translatable subset of
 * engine/expr/subset.ts: paths (`.a.b[0]`, `.["a-b"]`, `$context.x`), literals, comparisons,
 * and/or, `x | not`, arithmetic, unary minus, parentheses, and strings with interpolation
 * (`"a \(x)"` → `"a" & x`). Object construction `{k: v}` is parsed only where a caller asks for it
 * (export.as). `x | tostring` reads as `x` (the exporter's shell arguments use it). Anything else —
 * pipes, `//`, functions, iteration, optional `?` — is reported as outside the subset.
 */
import type { SubsetExpr, SubsetOp } from '../../expr/subset.js';

/** Maps a jq path root (`.` for the input, or a `$variable` name) plus segments to a subset path. */
export type RootMapper = (root: string, segments: (string | number)[]) => SubsetExpr;

/** A parsed expression: a subset tree, or an object construction (only when `allowObject`). */
export type JqNode = SubsetExpr | { kind: 'object'; entries: [string, JqNode][] };

/** The parse, or why the text is outside the subset (one sentence). */
export type JqParse = { ok: true; node: JqNode } | { ok: false; reason: string };

/** Thrown inside the parser and by RootMappers for bindings with no native equivalent. */
export class OutsideJqSubset extends Error {}

/**
 * Decides `left // right` (jq's alternative: left unless it is null or false), which the subset
 * has no operator for; returns the tree to use, or undefined to report it as untranslatable.
 */
export type AlternativeHook = (left: SubsetExpr, right: SubsetExpr) => SubsetExpr | undefined;

/** Parses `text` (no `${ }`). `allowObject` accepts a top-level `{…}` (and `$context + {…}`). Never throws. */
export function parseJq(text: string, mapRoot: RootMapper, allowObject = false, alternative?: AlternativeHook): JqParse {
  const p = new Parser(text, mapRoot, allowObject, alternative);
  try {
    const node = p.pipe();
    p.skip();
    if (p.pos < text.length) throw new OutsideJqSubset(`unexpected "${text.slice(p.pos, p.pos + 12)}"`);
    return { ok: true, node };
  } catch (err) {
    if (err instanceof OutsideJqSubset) return { ok: false, reason: err.message };
    throw err;
  }
}

const COMPARISONS = ['==', '!=', '<=', '>=', '<', '>'] as const;

class Parser {
  pos = 0;
  constructor(
    readonly text: string,
    readonly mapRoot: RootMapper,
    readonly allowObject: boolean,
    readonly alternative?: AlternativeHook,
  ) {}

  skip(): void {
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (/\s/.test(ch)) this.pos++;
      else if (ch === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else break;
    }
  }

  /** Consumes `token` when it comes next (a keyword only at a word boundary). */
  eat(token: string): boolean {
    this.skip();
    if (!this.text.startsWith(token, this.pos)) return false;
    if (/^[a-z]+$/.test(token) && /[A-Za-z0-9_]/.test(this.text[this.pos + token.length] ?? '')) return false;
    this.pos += token.length;
    return true;
  }

  pipe(): JqNode {
    let left = this.alt();
    while (this.peekPipe()) {
      this.pos++;
      if (this.eat('not')) left = { kind: 'not', operand: this.subset(left) };
      else if (this.eat('tostring')) continue;
      else throw new OutsideJqSubset('pipes other than `| not` are outside the translatable subset');
    }
    return left;
  }

  peekPipe(): boolean {
    this.skip();
    return this.text[this.pos] === '|' && this.text[this.pos + 1] !== '=';
  }

  /** `a // b`, which binds looser than `or` (jq's grammar: `%right "//"` below `%left OR`). */
  alt(): JqNode {
    const left = this.or();
    this.skip();
    if (!this.text.startsWith('//', this.pos)) return left;
    this.pos += 2;
    const right = this.alt();
    const chosen = this.alternative?.(this.subset(left), this.subset(right));
    if (chosen === undefined) throw new OutsideJqSubset('the alternative operator `//` is outside the translatable subset');
    return chosen;
  }

  or(): JqNode {
    let left = this.and();
    while (this.eat('or')) left = this.binary('or', left, this.and());
    return left;
  }

  and(): JqNode {
    let left = this.comparison();
    while (this.eat('and')) left = this.binary('and', left, this.comparison());
    return left;
  }

  comparison(): JqNode {
    const left = this.additive();
    for (const op of COMPARISONS) {
      if (this.eat(op)) return this.binary(op === '==' ? '=' : op, left, this.additive());
    }
    return left;
  }

  additive(): JqNode {
    let left = this.multiplicative();
    for (;;) {
      if (this.eat('+')) {
        const right = this.multiplicative();
        // `$context + {…}` (export.as) stays an object merge; `+` with a string is concatenation.
        if (right.kind === 'object' || left.kind === 'object') left = this.merge(left, right);
        else left = this.binary(isText(left) || isText(right) ? '&' : '+', left, right);
      } else if (this.eat('-')) left = this.binary('-', left, this.multiplicative());
      else return left;
    }
  }

  multiplicative(): JqNode {
    let left = this.unary();
    for (;;) {
      this.skip();
      const ch = this.text[this.pos];
      if ((ch === '*' || ch === '/' || ch === '%') && this.text[this.pos + 1] !== '/' && this.text[this.pos + 1] !== '=') {
        this.pos++;
        left = this.binary(ch as SubsetOp, left, this.unary());
      } else return left;
    }
  }

  unary(): JqNode {
    if (this.eat('-')) return { kind: 'negate', operand: this.subset(this.unary()) };
    return this.postfix(this.primary());
  }

  primary(): JqNode {
    this.skip();
    const ch = this.text[this.pos];
    if (ch === '(') {
      this.pos++;
      const inner = this.pipe();
      if (!this.eat(')')) throw new OutsideJqSubset('a "(" is not closed');
      return inner;
    }
    if (ch === '"') return this.string();
    if (ch === '{') return this.object();
    if (ch === '.' && !/[0-9]/.test(this.text[this.pos + 1] ?? '')) {
      this.pos++;
      return this.path('.', this.segments(true));
    }
    if (ch === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(this.text.slice(this.pos));
      if (!m) throw new OutsideJqSubset('`$` must be followed by a variable name');
      this.pos += m[0].length;
      return this.path(m[1]!, this.segments(false));
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return { kind: 'literal', value: Number(num[0]) };
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.eat(word)) return { kind: 'literal', value };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos))?.[0];
    if (word !== undefined) throw new OutsideJqSubset(`the jq function ${word} is outside the translatable subset`);
    throw new OutsideJqSubset(`unexpected "${this.text.slice(this.pos, this.pos + 12)}"`);
  }

  /** Path segments after `.`/`$x`: `.name`, `."name"`, `["name"]`, `[0]`; `first` allows `.name` right after `.`. */
  segments(first: boolean): (string | number)[] {
    const out: (string | number)[] = [];
    let atDot = first;
    for (;;) {
      const rest = this.text.slice(this.pos);
      const name = atDot ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest) : /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
      const quoted = atDot ? /^"((?:[^"\\]|\\.)*)"/.exec(rest) : /^\."((?:[^"\\]|\\.)*)"/.exec(rest);
      const index = /^\.?\[\s*(-?\d+)\s*\]/.exec(rest);
      const key = /^\.?\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest);
      if (name) out.push(atDot ? name[0] : name[1]!);
      else if (quoted) out.push(JSON.parse(`"${quoted[1]}"`) as string);
      else if (index) out.push(Number(index[1]));
      else if (key) out.push(JSON.parse(`"${key[1]}"`) as string);
      else if (/^\.?\[/.test(rest)) throw new OutsideJqSubset('only constant indexes [n] and keys ["k"] are translatable inside a path');
      else if (rest.startsWith('?')) throw new OutsideJqSubset('the optional operator `?` is outside the translatable subset');
      else return out;
      this.pos += (name ?? quoted ?? index ?? key)![0].length;
      atDot = false;
    }
  }

  postfix(node: JqNode): JqNode {
    this.skip();
    if (/^\.?\[|^\.[A-Za-z_"]/.test(this.text.slice(this.pos)) && node.kind !== 'path') {
      throw new OutsideJqSubset('indexing a computed value is outside the translatable subset');
    }
    return node;
  }

  path(root: string, segments: (string | number)[]): SubsetExpr {
    return this.mapRoot(root, segments);
  }

  /** `"text \(expr) text"` → literal, or a `&` chain of literals and expressions. */
  string(): SubsetExpr {
    const parts: SubsetExpr[] = [];
    let text = '';
    this.pos++; // opening quote
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) throw new OutsideJqSubset('a string is not closed');
      this.pos++;
      if (ch === '"') break;
      if (ch !== '\\') {
        text += ch;
        continue;
      }
      const esc = this.text[this.pos++];
      if (esc === '(') {
        if (text !== '') parts.push({ kind: 'literal', value: text });
        text = '';
        parts.push(this.subset(this.pipe()));
        if (!this.eat(')')) throw new OutsideJqSubset('a string interpolation \\( is not closed');
      } else if (esc === 'u') {
        text += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else text += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[esc ?? ''] ?? esc ?? '';
    }
    if (text !== '' || parts.length === 0) parts.push({ kind: 'literal', value: text });
    return parts.slice(1).reduce<SubsetExpr>((acc, p) => ({ kind: 'binary', op: '&', left: acc, right: p }), parts[0]!);
  }

  object(): JqNode {
    if (!this.allowObject) throw new OutsideJqSubset('array and object constructors are outside the translatable subset');
    this.pos++;
    const entries: [string, JqNode][] = [];
    while (!this.eat('}')) {
      this.skip();
      const key = /^(?:([A-Za-z_][A-Za-z0-9_]*)|"((?:[^"\\]|\\.)*)")/.exec(this.text.slice(this.pos));
      if (!key) throw new OutsideJqSubset('only plain keys are translatable in an object');
      this.pos += key[0].length;
      const name = key[1] ?? (JSON.parse(`"${key[2]}"`) as string);
      // `{name}` is jq shorthand for `{name: .name}`.
      entries.push([name, this.eat(':') ? this.or() : this.path('.', [name])]);
      if (!this.eat(',') && !this.text.slice(this.pos).trimStart().startsWith('}')) throw new OutsideJqSubset('an object is not closed');
    }
    return { kind: 'object', entries };
  }

  merge(left: JqNode, right: JqNode): JqNode {
    // Only `$context + {…}` is meaningful here (export.as adds keys to the context).
    if (right.kind === 'object' && left.kind === 'path' && left.root === 'vars' && left.segments.length === 0) return right;
    throw new OutsideJqSubset('adding objects is translatable only as `$context + {…}`');
  }

  binary(op: SubsetOp, left: JqNode, right: JqNode): SubsetExpr {
    return { kind: 'binary', op, left: this.subset(left), right: this.subset(right) };
  }

  subset(node: JqNode): SubsetExpr {
    if (node.kind === 'object') throw new OutsideJqSubset('array and object constructors are outside the translatable subset');
    return node;
  }
}

function isText(node: JqNode): boolean {
  return (node.kind === 'literal' && typeof node.value === 'string') || (node.kind === 'binary' && node.op === '&');
}
