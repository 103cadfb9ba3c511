/**
 * `{{ expr }}` inside `shell` commands without command injection (DESIGN.md "Security": a value
 * inserted into a shell command cannot inject commands). Values travel in environment variables and
 * the command only references them, so the shell never parses a value as code.
 */
import type { Json } from '../model/flow.js';
import { evaluateExpression, ExpressionError, quoteStepIds, type Bindings } from './evaluate.js';
import { isFiniteNumber, isNumericExpression } from './numeric.js';
import { findTemplates, interpolateString, valueToText, type TemplateMatch } from './templates.js';

/** Prefix of the environment variables that carry interpolated values: FLOWSMITH_ARG_0, _1 … */
export const SHELL_ARG_PREFIX = 'FLOWSMITH_ARG_';

/** Where a template sits in POSIX sh syntax, which decides how its reference is quoted. */
export type ShellContext = 'plain' | 'single' | 'double' | 'heredoc' | 'quotedHeredoc';

/**
 * Prepares a `shell` command for POSIX `sh -c`: the n-th `{{ expr }}` is evaluated, its value goes
 * into `env.FLOWSMITH_ARG_n` (strings as they are, other values as JSON), and the template becomes
 * a reference to that variable, quoted for where it stands:
 * - outside quotes: `"${FLOWSMITH_ARG_n}"`, so the value is one word (no splitting, no globbing);
 * - inside double quotes or an unquoted heredoc body: `${FLOWSMITH_ARG_n}`;
 * - inside single quotes: `'"${FLOWSMITH_ARG_n}"'` (closes the quote around the reference), so
 *   `--format '{{ "{{" }}.Names}}'` works;
 * - inside a quoted heredoc body (`<<'EOF'`): the reference is left literal and NOT expanded;
 *   put the value in an unquoted heredoc or an argument instead.
 * Whatever the context, the command only ever gains a parameter expansion: the shell never parses
 * an inserted value as code, so `"; rm -rf ~; echo "` or `$(id)` stay plain text.
 * Throws ExpressionError as evaluateExpression does. Merge `env` into the process environment.
 */
export async function interpolateShell(
  command: string,
  bindings: Bindings,
): Promise<{ command: string; env: Record<string, string> }> {
  const templates = findTemplates(command);
  const sites = shellSites(command, templates);
  // Refused before anything is evaluated: validate reports these as FS027 (issue #11 item 4). A
  // number is the one value bash may read as code harmlessly, so a numeric expression may stand
  // there; its value is checked again below.
  for (const [n, site] of sites.entries()) {
    const t = templates[n]!;
    if (site.evaluatedAs !== undefined && !isNumericExpression(quoteStepIds(t.expr))) {
      throw new ExpressionError(codeContextMessage(command.slice(t.start, t.end), site.evaluatedAs), t.expr, undefined, undefined);
    }
  }
  const contexts = sites.map((s) => s.context);
  const env: Record<string, string> = {};
  let out = '';
  let last = 0;
  for (const [n, t] of templates.entries()) {
    const value: Json = await evaluateExpression(t.expr, bindings);
    const where = sites[n]?.evaluatedAs;
    if (where !== undefined && !isFiniteNumber(value)) {
      throw new ExpressionError(`${command.slice(t.start, t.end)} stands inside ${where} and must give a number; it gave ${JSON.stringify(value)?.slice(0, 40)}`, t.expr, undefined, undefined);
    }
    const name = `${SHELL_ARG_PREFIX}${n}`;
    env[name] = valueToText(value);
    out += command.slice(last, t.start) + shellReference(name, contexts[n] ?? 'plain');
    last = t.end;
  }
  return { command: out + command.slice(last), env };
}

/**
 * A shell step's `env:` with `{{ }}` interpolated (issue #11 item 14): each value becomes the text
 * of interpolateString (non-strings as JSON). Values reach the process as environment values only,
 * never as command text, so no quoting is needed or applied. Throws ExpressionError.
 */
export async function interpolateEnv(env: Readonly<Record<string, string>>, bindings: Bindings): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) out[name] = typeof value === 'string' ? valueToText(await interpolateString(value, bindings)) : String(value);
  return out;
}

/** The reference to environment variable `name` that reads as one word in `context` (exporters reuse it). */
export function shellReference(name: string, context: ShellContext): string {
  switch (context) {
    case 'plain':
      return `"\${${name}}"`;
    case 'single':
      return `'"\${${name}}"'`;
    case 'double':
    case 'heredoc':
    case 'quotedHeredoc':
      return `\${${name}}`;
  }
}

interface Heredoc {
  word: string;
  quoted: boolean;
  stripTabs: boolean;
}

/** `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"` or `<<\\WORD` (a quoted word turns expansion off). */
const HEREDOC = /^<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|(\\?)([A-Za-z0-9_]+))/;

/**
 * A bash construct that evaluates the text of a value as code: arithmetic (`$(( ))`, `(( ))`,
 * `$[ ]`, `let`, array subscripts, `${name:offset:length}`, the value of a `declare -i`/`typeset -i`
 * variable, then and later) evaluates `a[$(cmd)]` by running cmd, and `[[ ]]` evaluates the
 * operands of `-eq`, `-lt`… the same way (issue #11 item 4); a variable name that `declare`,
 * `typeset`, `local`, `readonly`, `export` or `printf -v` assigns evaluates its subscript
 * (`printf -v 'a[$(cmd)]'`). dash refuses these values, bash (and /bin/sh on macOS) runs them, so a
 * template there is refused whatever the shell: no quoting can make a value inert once bash reads
 * it as an arithmetic expression.
 */
export type CodeContext =
  | '$(( ))'
  | '(( ))'
  | '$[ ]'
  | 'let'
  | '[[ ]]'
  | 'an array subscript'
  | '${name:offset:length}'
  | 'declare -i'
  | 'an integer variable'
  | 'printf -v'
  | 'a declared name';

/** Where one template stands: its quoting context, and the code context that evaluates it, if any. */
export interface ShellSite {
  context: ShellContext;
  evaluatedAs?: CodeContext;
}

/**
 * Why a template may not stand in a code context: one sentence for the finding (FS027) and the
 * runtime error, with what to do instead. Numeric expressions (expr/numeric.ts) may stand there.
 */
export function codeContextMessage(template: string, where: CodeContext): string {
  const instead =
    where === '[[ ]]'
      ? 'compare in the expression ({{ $input.n > 3 }} gives true/false) or with [ ] or case, which read values as text'
      : where === 'printf -v' || where === 'a declared name'
        ? 'assign to a fixed variable name and insert the value as an argument'
        : where === 'declare -i' || where === 'an integer variable'
          ? 'declare the variable without -i, or do the arithmetic in the expression ({{ $number($input.n) + 1 }})'
          : 'do the arithmetic in the expression ({{ $number($input.n) + 1 }}) and insert its result outside the arithmetic';
  return `${template} stands inside ${where}, where bash evaluates a value as code (a[$(cmd)] runs cmd); only a numeric expression such as {{ $number($input.n) }} may stand there; or ${instead}`;
}

/** The quoting context at the start of each template (see shellSites). */
export function shellContexts(command: string, templates: readonly TemplateMatch[]): ShellContext[] {
  return shellSites(command, templates).map((s) => s.context);
}

/** An open code context: closed by its bracket count reaching 0, a word, or the command's end. */
interface CodeRegion {
  kind: CodeContext;
  open?: string;
  close?: string;
  depth: number;
}

/** `${name[` or `${name:` not followed by `-=?+` (those are defaults, not offsets), `${#name[`, `${!name[`. */
const PARAM_CODE = /^\$\{[#!]?[A-Za-z_][A-Za-z0-9_]*(\[|:(?![-=?+]))/;
/** At a word start: `((`, `[[ `, `let `, or `name[` (an array element assignment). */
const WORD_CODE = /^(?:(\(\()|(\[\[)(?=[ \t\n])|(let)(?=[ \t])|[A-Za-z_][A-Za-z0-9_]*(\[))/;

/** Text before a command word: nothing, a separator, or a reserved word that a command follows. */
const COMMAND_START = /(?:^|[;&|(\n]|(?:^|[\s;&|(])(?:if|then|do|else|elif|while|until|!|time))[ \t]*$/;

/**
 * The quoting context at the start of each template, and the bash code context around it. A small
 * sh lexer (quotes, backslashes, comments, heredocs, the arithmetic and `[[ ]]` constructs); it does
 * not follow `$( )` nesting, where a miss costs word splitting, never safety. A template inside a
 * `$( )` inside arithmetic still counts as in arithmetic (the substitution's output is evaluated).
 * Template bodies are skipped whole, so quotes inside `{{ "x" }}` do not count.
 */
export function shellSites(command: string, templates: readonly TemplateMatch[]): ShellSite[] {
  const startAt = new Map(templates.map((t, n) => [t.start, n]));
  const byWord = wordCodeRanges(command, templates).sort((a, b) => a.start - b.start);
  /** The code range of the command word around offset `i` (ranges do not overlap; `i` only grows). */
  let next = 0;
  const wordRangeAt = (i: number): CodeRange | undefined => {
    while (next < byWord.length && byWord[next]!.end <= i) next++;
    const r = byWord[next];
    return r && r.start <= i ? r : undefined;
  };
  const sites: ShellSite[] = templates.map(() => ({ context: 'plain' }));
  const regions: CodeRegion[] = [];
  const pending: Heredoc[] = [];
  let state = 'plain' as ShellContext | 'comment';
  let heredoc: Heredoc | undefined;
  let atWordStart = true;

  /** At a newline: start pending heredoc bodies, or end the current one when its word follows. */
  const atNewline = (i: number): number => {
    for (;;) {
      if (!heredoc) {
        heredoc = pending.shift();
        if (!heredoc) {
          state = 'plain';
          return i;
        }
        state = heredoc.quoted ? 'quotedHeredoc' : 'heredoc';
      }
      const lineEnd = command.indexOf('\n', i + 1) === -1 ? command.length : command.indexOf('\n', i + 1);
      const line = command.slice(i + 1, lineEnd);
      if ((heredoc.stripTabs ? line.replace(/^\t+/, '') : line) !== heredoc.word) return i;
      heredoc = undefined;
      i = lineEnd;
    }
  };

  for (let i = 0; i < command.length; i++) {
    const n = startAt.get(i);
    if (n !== undefined) {
      const site: ShellSite = { context: state === 'comment' ? 'plain' : state };
      const region = state === 'comment' ? undefined : regions[0];
      if (region) site.evaluatedAs = region.kind;
      else if (state !== 'comment') {
        const word = wordRangeAt(i);
        if (word) site.evaluatedAs = word.kind;
      }
      sites[n] = site;
      i = (templates[n]?.end ?? i + 1) - 1;
      atWordStart = false;
      continue;
    }
    const ch = command[i];
    if (state === 'plain' || state === 'double' || state === 'heredoc') {
      const skip = codeRegionAt(command, i, state === 'plain' && atWordStart, regions);
      if (skip > 0) {
        i += skip - 1;
        atWordStart = false;
        continue;
      }
    }
    // A backslash escapes the next character, unless that character opens a template.
    const escapes = ch === '\\' && !startAt.has(i + 1);
    if (state === 'single') {
      if (ch === "'") state = 'plain';
    } else if (state === 'double') {
      if (escapes) i++;
      else if (ch === '"') state = 'plain';
    } else if (state === 'comment' || state === 'heredoc' || state === 'quotedHeredoc') {
      if (ch === '\n' && (state !== 'comment' || pending.length > 0)) i = atNewline(i);
      else if (ch === '\n') state = 'plain';
    } else if (escapes) {
      i++;
    } else if (ch === "'") {
      state = 'single';
    } else if (ch === '"') {
      state = 'double';
    } else if (ch === '#' && atWordStart) {
      state = 'comment';
    } else if (ch === '<' && command.startsWith('<<', i) && command[i + 2] !== '<') {
      const match = HEREDOC.exec(command.slice(i));
      if (match) {
        const word = match[2] ?? match[3] ?? match[5] ?? '';
        pending.push({ word, quoted: match[5] === undefined || match[4] === '\\', stripTabs: match[1] === '-' });
        i += match[0].length - 1;
      }
    } else if (ch === '\n' && pending.length > 0) {
      i = atNewline(i);
    }
    atWordStart = ch === undefined || /[\s;&|()]/.test(ch);
  }
  return sites;
}

/**
 * Opens or closes code regions at `i` (unquoted text, double quotes or an unquoted heredoc body).
 * Returns how many characters it consumed when it opened one (0 otherwise; a closing character is
 * still lexed normally by the caller).
 */
function codeRegionAt(command: string, i: number, isWordStart: boolean, regions: CodeRegion[]): number {
  const ch = command[i];
  const top = regions[regions.length - 1];
  if (top?.kind === 'let' && ch !== undefined && /[;&|\n)]/.test(ch)) regions.pop();
  else if (top?.kind === '[[ ]]' && isWordStart && command.startsWith(']]', i) && /^(?:[\s;&|)]|$)/.test(command.slice(i + 2, i + 3))) regions.pop();
  else if (top?.open !== undefined && ch === top.open) top.depth++;
  else if (top?.close !== undefined && ch === top.close && --top.depth === 0) regions.pop();

  if (command.startsWith('$((', i)) {
    regions.push({ kind: '$(( ))', open: '(', close: ')', depth: 2 });
    return 3;
  }
  if (command.startsWith('$[', i)) {
    regions.push({ kind: '$[ ]', open: '[', close: ']', depth: 1 });
    return 2;
  }
  const head = command.slice(i, i + 200);
  const param = PARAM_CODE.exec(head);
  if (param) {
    regions.push(param[1] === '[' ? { kind: 'an array subscript', open: '[', close: ']', depth: 1 } : { kind: '${name:offset:length}', open: '{', close: '}', depth: 1 });
    return param[0].length;
  }
  if (!isWordStart) return 0;
  const word = WORD_CODE.exec(head);
  if (!word || !COMMAND_START.test(command.slice(0, i))) return 0;
  if (word[1]) regions.push({ kind: '(( ))', open: '(', close: ')', depth: 2 });
  else if (word[2]) regions.push({ kind: '[[ ]]', depth: 1 });
  else if (word[3]) regions.push({ kind: 'let', depth: 1 });
  else regions.push({ kind: 'an array subscript', open: '[', close: ']', depth: 1 });
  return word[0].length;
}

/** A stretch of a command that bash evaluates as code because of the command word it belongs to. */
interface CodeRange {
  start: number;
  end: number;
  kind: CodeContext;
}

/** A word of a simple command: its place in the command and its text without quotes. */
interface Word {
  start: number;
  end: number;
  text: string;
}

/** Builtins whose arguments `name=value` or `name` declare variables (and evaluate `name[…]`). */
const DECLARERS = new Set(['declare', 'typeset', 'local', 'readonly', 'export']);
/** Words that may come before a command word without being one. */
const PREFIXES = new Set(['if', 'then', 'do', 'else', 'elif', 'while', 'until', '!', 'time', '{', 'builtin', 'command']);
/** `name=`, `name+=`, `name[…]=` at the start of an (unquoted) word. */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^]*?\])?\+?=/;

/**
 * Code stretches that depend on the command word (issue #11 item 4): the names `declare`,
 * `typeset`, `local`, `readonly` and `export` assign; the values of variables declared with `-i`
 * (in that command and in later assignments `x=…` of the same command text); the name after
 * `printf -v`; the arguments of `let` after `builtin`/`command`. Splits the command into simple
 * commands and words (quotes, backslashes, comments and heredoc bodies respected; templates masked
 * so their text does not count).
 */
function wordCodeRanges(command: string, templates: readonly TemplateMatch[]): CodeRange[] {
  // One pass (templates are in order and do not overlap): linear in the command's length.
  const parts: string[] = [];
  let last = 0;
  for (const t of templates) {
    parts.push(command.slice(last, t.start), 'X'.repeat(t.end - t.start));
    last = t.end;
  }
  parts.push(command.slice(last));
  const masked = parts.join('');
  const ranges: CodeRange[] = [];
  const integers = new Set<string>();
  for (const words of simpleCommands(masked)) {
    let k = 0;
    const text = (n: number) => words[n]?.text ?? '';
    // Leading assignments (`x=1 cmd`, or alone): a value of an integer variable is arithmetic.
    for (;;) {
      while (k < words.length && PREFIXES.has(text(k))) k++;
      const assigned = ASSIGNMENT.exec(text(k));
      if (!assigned) break;
      if (integers.has(assigned[1]!)) ranges.push({ start: words[k]!.start + valueOffset(masked, words[k]!), end: words[k]!.end, kind: 'an integer variable' });
      k++;
    }
    const name = text(k);
    if (DECLARERS.has(name)) {
      let isInteger = false;
      for (const w of words.slice(k + 1)) {
        if (/^[-+][A-Za-z]+$/.test(w.text)) {
          if (w.text.startsWith('-') && w.text.includes('i')) isInteger = true;
          continue;
        }
        const eq = valueOffset(masked, w);
        const declared = /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.text)?.[0];
        ranges.push({ start: w.start, end: eq > 0 ? w.start + eq - 1 : w.end, kind: 'a declared name' });
        if (declared !== undefined && isInteger) integers.add(declared);
        if (eq > 0 && (isInteger || (declared !== undefined && integers.has(declared)))) ranges.push({ start: w.start + eq, end: w.end, kind: 'declare -i' });
      }
    } else if (name === 'printf') {
      // Options come before the format: `printf -v NAME FORMAT …`; a later `-v` is an argument.
      for (let n = k + 1; n < words.length && text(n).startsWith('-') && text(n) !== '--'; n++) {
        if (text(n) !== '-v' || !words[n + 1]) continue;
        ranges.push({ start: words[n + 1]!.start, end: words[n + 1]!.end, kind: 'printf -v' });
        n++;
      }
    } else if (name === 'let' && k > 0) {
      // `let` at a command start is the lexer's; after builtin/command it is not at one.
      const last = words[words.length - 1]!;
      ranges.push({ start: words[k]!.end, end: last.end, kind: 'let' });
    }
  }
  return ranges;
}

/**
 * Offset within word `w` just after the `=` of an assignment (`x=…`, `"x=…"`, `x+=…`), or 0 when
 * the word is not one. Templates are masked, so the first `=` of the word is the assignment's.
 */
function valueOffset(masked: string, w: Word): number {
  if (!ASSIGNMENT.test(w.text)) return 0;
  return masked.slice(w.start, w.end).indexOf('=') + 1;
}

/**
 * The simple commands of `text` as lists of words, split at unquoted `;`, `&`, `|`, `(`, `)` and
 * newlines. Quoted parts stay inside their word; comments and heredoc bodies are skipped.
 */
function simpleCommands(text: string): Word[][] {
  const commands: Word[][] = [[]];
  let word: { start: number; text: string } | undefined;
  const pending: { word: string; stripTabs: boolean }[] = [];
  const end = (i: number) => {
    if (word) commands[commands.length - 1]!.push({ start: word.start, end: i, text: word.text });
    word = undefined;
  };
  const add = (i: number, ch: string) => {
    word ??= { start: i, text: '' };
    word.text += ch;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") {
      word ??= { start: i, text: '' };
      const close = text.indexOf("'", i + 1);
      const to = close === -1 ? text.length : close;
      word.text += text.slice(i + 1, to);
      i = to;
    } else if (ch === '"') {
      word ??= { start: i, text: '' };
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\') j++;
        word.text += text[j] ?? '';
      }
      i = j;
    } else if (ch === '\\') {
      add(i, text[i + 1] ?? '');
      i++;
    } else if (ch === '#' && !word) {
      const nl = text.indexOf('\n', i);
      i = (nl === -1 ? text.length : nl) - 1;
    } else if (ch === '<' && text.startsWith('<<', i) && text[i + 2] !== '<') {
      end(i);
      const m = HEREDOC.exec(text.slice(i));
      if (m) {
        pending.push({ word: m[2] ?? m[3] ?? m[5] ?? '', stripTabs: m[1] === '-' });
        i += m[0].length - 1;
      }
    } else if (ch === '(' && word?.text.endsWith('=')) {
      // A compound assignment `a=(1 2)` is one word of its command (`declare -ai a=(…)`).
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
        word.text += text[j];
      }
      word.text += ')';
      i = j;
    } else if (ch === ' ' || ch === '\t') {
      end(i);
    } else if (/[;&|()\n]/.test(ch)) {
      end(i);
      commands.push([]);
      if (ch === '\n' && pending.length > 0) i = afterHeredocs(text, i, pending.splice(0));
    } else {
      add(i, ch);
    }
  }
  end(text.length);
  return commands.filter((c) => c.length > 0);
}

/** Index of the last newline of the heredoc bodies that start after the newline at `i`. */
function afterHeredocs(text: string, i: number, docs: { word: string; stripTabs: boolean }[]): number {
  for (const doc of docs) {
    for (;;) {
      const lineEnd = text.indexOf('\n', i + 1) === -1 ? text.length : text.indexOf('\n', i + 1);
      const line = text.slice(i + 1, lineEnd);
      i = lineEnd;
      if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.word || lineEnd >= text.length) break;
    }
  }
  return i;
}
