/**
 * A native `shell` command with `{{ expr }}` templates as an SW `run.shell` (dsl-reference.md "Shell
 * process"): each value travels in an environment variable (`environment: {FLOWSMITH_ARG_0: '${ … }'}`)
 * and the command only references it, quoted for where it stands, so the shell never parses a value
 * as code (DESIGN.md "Security"; the same rule as engine/expr/shell.ts at run time).
 *
 * The quoting contexts come from the runtime's own lexer (engine/expr/shell.ts).
 */
import { shellContexts, shellReference } from '../../expr/shell.js';
import { findTemplates } from '../../expr/templates.js';
import { SHELL_ARG_PREFIX } from '../../interop/serverless-workflow/conventions.js';
import { expressionToJq, type ValueContext } from './values.js';

/** The command with references in place of templates, and the environment that carries their values. */
export interface SwShell {
  command: string;
  environment: Record<string, string>;
}

/**
 * Rewrites `command` for SW. The n-th template's value goes into `FLOWSMITH_ARG_n` as
 * `${ <jq> | tostring }` (strings as they are, other values as JSON, like valueToText).
 */
export function shellToSw(command: string, ctx: ValueContext): SwShell {
  const templates = findTemplates(command);
  const contexts = shellContexts(command, templates);
  const environment: Record<string, string> = {};
  let out = '';
  let last = 0;
  for (const [n, t] of templates.entries()) {
    const name = `${SHELL_ARG_PREFIX}${n}`;
    environment[name] = `\${ ${expressionToJq(t.expr, ctx)} | tostring }`;
    out += command.slice(last, t.start) + shellReference(name, contexts[n] ?? 'plain');
    last = t.end;
  }
  return { command: out + command.slice(last), environment };
}

/** Single-quotes `text` for POSIX sh (used for `cd` into a step's cwd). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}
