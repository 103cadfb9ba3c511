/**
 * ASL intrinsic functions (https://states-language.net/spec.html "Intrinsic Functions"; AWS
 * "Intrinsic functions for JSONPath states") as native JSONata. Parses the call syntax
 * `States.Format('Hello {}', $.name)` (arguments: '…' strings with \' \{ \} \\ escapes, numbers,
 * true/false/null, paths and nested calls) and maps each function; the few without a JSONata
 * equivalent (Hash, UUID, partition of odd inputs) are approximated with a finding.
 */
import { AslImportCode } from './codes.js';
import { pathToJsonata, type ExprEnv } from './jsonpath.js';

type Arg = { kind: 'string'; value: string } | { kind: 'raw'; text: string } | { kind: 'path'; text: string } | { kind: 'call'; name: string; args: Arg[] };

/** True when `text` is an intrinsic function call (`States.Name(…)`). */
export function isIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

/** The intrinsic call in `text` as JSONata; `null` with a finding when it does not parse. */
export function intrinsicToJsonata(text: string, env: ExprEnv): string {
  const parser = new Parser(text.trim());
  try {
    const call = parser.arg();
    parser.end();
    return toJsonata(call, env);
  } catch (error) {
    env.note(AslImportCode.intrinsic, `${text} does not parse as an intrinsic function (${(error as Error).message}); read as null`);
    return 'null';
  }
}

function toJsonata(arg: Arg, env: ExprEnv): string {
  if (arg.kind === 'string') return JSON.stringify(arg.value);
  if (arg.kind === 'raw') return arg.text;
  if (arg.kind === 'path') return pathToJsonata(arg.text, env);
  const a = arg.args.map((x) => toJsonata(x, env));
  const approx = (native: string, why: string) => {
    env.note(AslImportCode.intrinsic, `States.${arg.name} ${why}; read as ${native}`);
    return native;
  };
  switch (arg.name) {
    case 'Format':
      return formatOf(arg.args, env);
    case 'StringToJson':
      return `$eval(${a[0]})`;
    case 'JsonToString':
      return `$string(${a[0]})`;
    case 'Array':
      return `[${a.join(', ')}]`;
    case 'ArrayGetItem':
      return `($fs_a := ${a[0]}; $fs_i := ${a[1]}; $fs_a[$fs_i])`;
    case 'ArrayLength':
      return `$count(${a[0]})`;
    case 'ArrayContains':
      return `(${a[1]} in ${a[0]})`;
    case 'ArrayUnique':
      return `$distinct(${a[0]})`;
    case 'ArrayRange':
      return a[2] === '1'
        ? `[${a[0]}..${a[1]}]`
        : `($fs_s := ${a[0]}; $fs_d := ${a[2]}; $filter([$fs_s..${a[1]}], function($v) { ($v - $fs_s) % $fs_d = 0 }))`;
    case 'ArrayPartition':
      return `($fs_a := ${a[0]}; $fs_n := ${a[1]}; $map([0..$ceil($count($fs_a) / $fs_n) - 1], function($i) { [$fs_a[[$i * $fs_n..$i * $fs_n + $fs_n - 1]]] }))`;
    case 'JsonMerge':
      if (a[2] !== 'false') return approx(`$merge([${a[0]}, ${a[1]}])`, 'with deep merge has no JSONata equivalent (merged shallowly)');
      return `$merge([${a[0]}, ${a[1]}])`;
    case 'Base64Encode':
      return `$base64encode(${a[0]})`;
    case 'Base64Decode':
      return `$base64decode(${a[0]})`;
    case 'MathAdd':
      return `(${a[0]} + ${a[1]})`;
    case 'MathRandom':
      return `($floor($random() * (${a[1]} - ${a[0]})) + ${a[0]})`;
    case 'StringSplit':
      return `$split(${a[0]}, ${a[1]})`;
    case 'UUID':
      return approx('$string($millis()) & "-" & $substring($string($random()), 2)', 'has no JSONata equivalent: it makes a unique-enough text');
    case 'Hash':
      return approx(`$string(${a[0]})`, 'has no JSONata equivalent: the data is not hashed');
    default:
      return approx('null', 'is not known');
  }
}

/** `States.Format('a {} b', x)`: literal parts joined with the arguments (`&` writes values as text). */
function formatOf(args: Arg[], env: ExprEnv): string {
  const [template, ...values] = args;
  if (template?.kind !== 'string') return 'null';
  const parts = template.value.split('\u0000');
  const out: string[] = [];
  parts.forEach((part, i) => {
    if (part !== '') out.push(JSON.stringify(part));
    const value = values[i];
    if (i < parts.length - 1) out.push(value ? `(${toJsonata(value, env)})` : '""');
  });
  return out.length === 0 ? '""' : `(${out.join(' & ')})`;
}

/** Recursive descent over the intrinsic call syntax. `{}` in strings is kept as U+0000 for Format. */
class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  arg(): Arg {
    this.space();
    const rest = this.text.slice(this.i);
    if (rest.startsWith("'")) return { kind: 'string', value: this.string() };
    const call = /^States\.([A-Za-z0-9]+)\s*\(/.exec(rest);
    if (call) {
      this.i += call[0].length;
      const args: Arg[] = [];
      this.space();
      if (this.text[this.i] === ')') this.i++;
      else {
        for (;;) {
          args.push(this.arg());
          this.space();
          const ch = this.text[this.i++];
          if (ch === ')') break;
          if (ch !== ',') throw new Error(`expected , or ) at ${this.i}`);
        }
      }
      return { kind: 'call', name: call[1]!, args };
    }
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (literal) {
      this.i += literal[0].length;
      return { kind: 'raw', text: literal[0] };
    }
    if (rest.startsWith('$')) return { kind: 'path', text: this.path() };
    throw new Error(`unexpected "${rest.slice(0, 10)}"`);
  }

  end(): void {
    this.space();
    if (this.i < this.text.length) throw new Error(`unexpected "${this.text.slice(this.i, this.i + 10)}"`);
  }

  private string(): string {
    let out = '';
    for (this.i++; this.i < this.text.length; this.i++) {
      const ch = this.text[this.i]!;
      if (ch === '\\') {
        out += this.text[++this.i] ?? '';
      } else if (ch === "'") {
        this.i++;
        return out;
      } else if (ch === '{' && this.text[this.i + 1] === '}') {
        out += '\u0000';
        this.i++;
      } else out += ch;
    }
    throw new Error('a string is not closed');
  }

  /** A path runs to the next top-level `,` or `)` (brackets and quotes may hold them). */
  private path(): string {
    const start = this.i;
    let depth = 0;
    for (; this.i < this.text.length; this.i++) {
      const ch = this.text[this.i];
      if (ch === "'" || ch === '"') this.i = this.text.indexOf(ch, this.i + 1);
      else if (ch === '[' || ch === '(') depth++;
      else if ((ch === ']' || ch === ')') && depth > 0) depth--;
      else if ((ch === ',' || ch === ')') && depth === 0) break;
      if (this.i < 0) throw new Error('a quote is not closed');
    }
    return this.text.slice(start, this.i).trim();
  }

  private space(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }
}
