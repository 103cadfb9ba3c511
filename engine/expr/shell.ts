/**
 * `{{ expr }}` inside `shell` commands without command injection (DESIGN.md "Security": a value
 * inserted into a shell command cannot inject commands). Values travel in environment variables and
 * the command only references them, so the shell never parses a value as code.
 */
import type { Json } from '../model/flow.js';
import { evaluateExpression, ExpressionError, quoteStepIds, type Bindings } from './evaluate.js';
import { isFiniteNumber, isNumericExpression } from './numeric.js';
import { findTemplates, interpolateString, valueToText } from './templates.js';
import { codeContextMessage, type ShellContext } from './shell-code-context.js';
import { shellSites } from './shell-sites.js';

// The lexer and its types live beside this file; importers keep reading them from here.
export { codeContextMessage } from './shell-code-context.js';
export type { CodeContext, ShellContext, ShellSite } from './shell-code-context.js';
export { shellContexts, shellSites } from './shell-sites.js';

/** Prefix of the environment variables that carry interpolated values: FLOWSMITH_ARG_0, _1 … */
export const SHELL_ARG_PREFIX = 'FLOWSMITH_ARG_';


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
