/**
 * The quoting context and the bash code context of each `{{ }}` template in a shell command: a
 * small sh lexer (quotes, backslashes, comments, heredocs, arithmetic and `[[ ]]`), plus the
 * command-word contexts of shell-words.ts. interpolateShell, validate (FS027) and the exporters
 * read it.
 */
import type { CodeContext, CodeRange, ShellContext, ShellSite } from './shell-code-context.js';
import { HEREDOC, wordCodeRanges } from './shell-words.js';
import type { TemplateMatch } from './templates.js';

/** A heredoc whose body starts after the next newline: its end word, and whether its body expands. */
interface Heredoc {
  word: string;
  quoted: boolean;
  stripTabs: boolean;
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
