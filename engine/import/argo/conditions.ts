/**
 * Argo conditions as JSONata (jexpr.ts). Two languages (https://argo-workflows.readthedocs.io/en/latest/walk-through/conditionals/):
 * - govaluate `when`: `{{variables}}` are substituted as text, then `&& || ! == != < <= > >= + - * / %`
 *   with bare words read as strings (`{{steps.flip.outputs.result}} == heads`);
 * - expr-lang `{{= … }}` (https://expr-lang.org): variable paths (`inputs.parameters['x']`), the
 *   same operators plus `and or not`, and the functions asInt, asFloat, string and jsonpath.
 * Anything else (`=~`, ternaries, other functions) is reported as outside the common subset.
 */
import type { SubsetOp } from '../../expr/subset.js';
import { typedBinary, wordLiteral, type JExpr } from './jexpr.js';
import { resolveVar, textAsExpr, type VarScope } from './vars.js';

/** A translated condition, with notes about approximations, or why it has none. */
export type ParseResult = { ok: true; expr: JExpr; notes: string[] } | { ok: false; reason: string };

class Unsupported extends Error {}

type Token =
  | { t: 'op'; v: string }
  | { t: 'tag'; v: string; quoted?: boolean }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'word'; v: string };

/** A `when` (govaluate, or one whole `{{= … }}`) as JSONata. Never throws. */
export function parseWhen(text: string, scope: VarScope): ParseResult {
  const trimmed = text.trim();
  const whole = /^\{\{=([\s\S]*)\}\}$/.exec(trimmed);
  if (whole && !whole[1]!.includes('}}')) return parseArgoExpression(whole[1]!, scope);
  return run(() => new Parser(tokenize(trimmed, false), scope, false));
}

/** An expr-lang expression (the body of `{{= … }}`) as JSONata. Never throws. */
export function parseArgoExpression(text: string, scope: VarScope): ParseResult {
  return run(() => new Parser(tokenize(text, true), scope, true));
}

function run(make: () => Parser): ParseResult {
  try {
    const parser = make();
    const expr = parser.parse();
    return { ok: true, expr, notes: parser.notes };
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, reason: err.message };
    throw err;
  }
}

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '=~', '!~', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', '.', ',', '?', ':'];

function tokenize(text: string, exprLang: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (!exprLang && text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i);
      if (end === -1) throw new Unsupported('a {{ is never closed');
      if (text[i + 2] === '=') throw new Unsupported('an expression template inside a govaluate condition');
      tokens.push({ t: 'tag', v: text.slice(i + 2, end).trim() });
      i = end + 2;
      if (i < text.length && /[\w{]/.test(text[i]!)) throw new Unsupported('a variable glued to other text');
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\\') j++;
        value += text[j] ?? '';
        j++;
      }
      if (j >= text.length) throw new Unsupported('a string is never closed');
      // '{{variable}}' is the variable's value as text (quoted so spaces and dots stay one token).
      const tag = !exprLang ? /^\{\{([^=}][^}]*)\}\}$/.exec(value) : null;
      tokens.push(tag ? { t: 'tag', v: tag[1]!.trim(), quoted: true } : { t: 'str', v: value });
      i = j + 1;
    } else if (/\d/.test(ch)) {
      const m = /^\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = (exprLang ? /^[A-Za-z_][A-Za-z0-9_]*/ : /^[A-Za-z_][\w.\-:/]*/).exec(text.slice(i))!;
      tokens.push({ t: 'word', v: m[0] });
      i += m[0].length;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new Unsupported(`the character "${ch}"`);
      tokens.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  return tokens;
}

const BINARY: [string[], SubsetOp[]][] = [
  [['||', 'or'], ['or']],
  [['&&', 'and'], ['and']],
  [['==', '!=', '<', '<=', '>', '>='], ['=', '!=', '<', '<=', '>', '>=']],
  [['+', '-'], ['+', '-']],
  [['*', '/', '%'], ['*', '/', '%']],
];

class Parser {
  private i = 0;
  readonly notes: string[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly scope: VarScope,
    private readonly exprLang: boolean,
  ) {}

  parse(): JExpr {
    if (this.tokens.length === 0) throw new Unsupported('the condition is empty');
    const e = this.level(0);
    const rest = this.tokens[this.i];
    if (rest) throw new Unsupported(`unexpected "${String(rest.v)}"`);
    return e;
  }

  private isOp(token: Token | undefined, names: string[]): token is Token {
    return token !== undefined && (token.t === 'op' || (this.exprLang && token.t === 'word')) && names.includes(String(token.v));
  }

  private level(n: number): JExpr {
    const entry = BINARY[n];
    if (!entry) return this.unary();
    const [names, ops] = entry;
    let left = this.level(n + 1);
    for (let tok = this.tokens[this.i]; this.isOp(tok, names); tok = this.tokens[this.i]) {
      this.i++;
      const op = ops[names.indexOf(String(tok.v)) % ops.length]!;
      left = typedBinary(op, left, this.level(n + 1));
    }
    return left;
  }

  private unary(): JExpr {
    const tok = this.tokens[this.i];
    if (this.isOp(tok, ['!', 'not'])) {
      this.i++;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.isOp(tok, ['-'])) {
      this.i++;
      return { kind: 'negate', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): JExpr {
    const tok = this.tokens[this.i++];
    if (!tok) throw new Unsupported('the condition ends too early');
    if (tok.t === 'op' && tok.v === '(') {
      const e = this.level(0);
      this.expect(')');
      return e;
    }
    if (tok.t === 'str') return { kind: 'literal', value: tok.v };
    if (tok.t === 'num') return { kind: 'literal', value: tok.v };
    if (tok.t === 'tag') {
      const e = this.variable(tok.v);
      return tok.quoted && e.kind === 'literal' && e.value !== null ? { kind: 'literal', value: String(e.value) } : e;
    }
    if (tok.t === 'word') return this.exprLang ? this.exprWord(tok.v) : wordLiteral(tok.v);
    throw new Unsupported(`the operator "${tok.v}"`);
  }

  private expect(op: string): void {
    const tok = this.tokens[this.i++];
    if (!tok || tok.t !== 'op' || tok.v !== op) throw new Unsupported(`expected "${op}"`);
  }

  /** An Argo variable: a parameter's text read as govaluate would, or a binding path. */
  private variable(tag: string): JExpr {
    const resolved = resolveVar(tag, this.scope);
    if (resolved.kind === 'error') throw new Unsupported(resolved.reason);
    if (resolved.kind === 'expr') {
      if (resolved.note) this.notes.push(resolved.note);
      return resolved.expr;
    }
    const expr = textAsExpr(resolved.text);
    if (!expr) throw new Unsupported(`the value of {{${tag}}} mixes text and expressions`);
    return expr;
  }

  /** expr-lang: literals, a function call, or a variable path with `.name` and `['name']` steps. */
  private exprWord(word: string): JExpr {
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
    if (word === 'nil') return { kind: 'literal', value: null };
    if (this.isOp(this.tokens[this.i], ['('])) return this.call(word);
    const parts = [word];
    for (;;) {
      const tok = this.tokens[this.i];
      if (tok?.t === 'op' && tok.v === '.' && this.tokens[this.i + 1]?.t === 'word') {
        parts.push(String(this.tokens[this.i + 1]!.v));
        this.i += 2;
      } else if (tok?.t === 'op' && tok.v === '[' && this.tokens[this.i + 1]?.t !== 'op') {
        parts.push(String(this.tokens[this.i + 1]!.v));
        this.i += 2;
        this.expect(']');
      } else break;
    }
    if (this.isOp(this.tokens[this.i], ['('])) throw new Unsupported(`the function ${parts.join('.')}()`);
    return this.variable(parts.join('.'));
  }

  private call(fn: string): JExpr {
    this.expect('(');
    const args: JExpr[] = [];
    let pathText: string | undefined;
    while (!this.isOp(this.tokens[this.i], [')'])) {
      const tok = this.tokens[this.i];
      if (fn === 'jsonpath' && args.length === 1 && tok?.t === 'str') {
        pathText = tok.v;
        this.i++;
      } else args.push(this.level(0));
      if (this.isOp(this.tokens[this.i], [','])) this.i++;
    }
    this.expect(')');
    const [arg] = args;
    if ((fn === 'asInt' || fn === 'asFloat') && arg && args.length === 1) return { kind: 'call', fn: 'number', operand: arg };
    if (fn === 'string' && arg && args.length === 1) return { kind: 'call', fn: 'string', operand: arg };
    if (fn === 'jsonpath' && arg?.kind === 'path' && pathText !== undefined) {
      return { kind: 'path', root: arg.root, segments: [...arg.segments.filter((s) => s !== 'stdout'), ...jsonPathSegments(pathText)] };
    }
    throw new Unsupported(`the function ${fn}()`);
  }
}

/** `$.a.b[0]`, `$['a-b']` → segments; anything fancier is unsupported. */
function jsonPathSegments(path: string): (string | number)[] {
  if (!path.startsWith('$')) throw new Unsupported(`the JSONPath ${path}`);
  const out: (string | number)[] = [];
  const step = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[\s*['"]([^'"]+)['"]\s*\]/y;
  let i = 1;
  while (i < path.length) {
    step.lastIndex = i;
    const m = step.exec(path);
    if (!m) throw new Unsupported(`the JSONPath ${path}`);
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!));
    i = step.lastIndex;
  }
  return out;
}
