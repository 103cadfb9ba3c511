/**
 * The simple commands and words of a shell command, and the stretches of it that bash evaluates
 * as code because of the command word they belong to (`declare`, `printf -v`, `let` after
 * `builtin`, integer variables; issue #11 item 4). Used by shell-sites.ts.
 */
import type { CodeRange } from './shell-code-context.js';
import type { TemplateMatch } from './templates.js';

/** `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"` or `<<\\WORD` (a quoted word turns expansion off). */
export const HEREDOC = /^<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|(\\?)([A-Za-z0-9_]+))/;

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
export function wordCodeRanges(command: string, templates: readonly TemplateMatch[]): CodeRange[] {
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
