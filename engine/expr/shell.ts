/**
 * `{{ expr }}` inside `shell` commands without command injection (DESIGN.md "Security": a value
 * inserted into a shell command cannot inject commands). Values travel in environment variables and
 * the command only references them, so the shell never parses a value as code.
 */
import type { Json } from '../model/flow.js';
import { evaluateExpression, type Bindings } from './evaluate.js';
import { findTemplates, valueToText, type TemplateMatch } from './templates.js';

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
  const contexts = shellContexts(command, templates);
  const env: Record<string, string> = {};
  let out = '';
  let last = 0;
  for (const [n, t] of templates.entries()) {
    const value: Json = await evaluateExpression(t.expr, bindings);
    const name = `${SHELL_ARG_PREFIX}${n}`;
    env[name] = valueToText(value);
    out += command.slice(last, t.start) + shellReference(name, contexts[n] ?? 'plain');
    last = t.end;
  }
  return { command: out + command.slice(last), env };
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
 * The quoting context at the start of each template. A small sh lexer (quotes, backslashes,
 * comments, heredocs); it does not follow `$( )` nesting, where a miss costs word splitting, never
 * safety. Template bodies are skipped whole, so quotes inside `{{ "x" }}` do not count.
 */
export function shellContexts(command: string, templates: readonly TemplateMatch[]): ShellContext[] {
  const startAt = new Map(templates.map((t, n) => [t.start, n]));
  const contexts: ShellContext[] = templates.map(() => 'plain');
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
      contexts[n] = state === 'comment' ? 'plain' : state;
      i = (templates[n]?.end ?? i + 1) - 1;
      atWordStart = false;
      continue;
    }
    const ch = command[i];
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
  return contexts;
}
