/**
 * Expressions that do not parse (FS019): bare JSONata in `when`, `items`, `until`, `output` and
 * `set` values, and every `{{ expr }}` inside any other string of the flow (DESIGN.md
 * "Expressions"). Parsing only: a parse is the same in every run, evaluation is not.
 * Limits (issue #3 item 9): an expression over MAX_EXPRESSION_CHARS is FS023 and not parsed; once
 * parsing has taken EXPRESSION_CHECK_BUDGET_MS, the rest are left unchecked with one FS026.
 */
import { compileExpression, ExpressionError, quoteStepIds } from '../expr/evaluate.js';
import { isNumericExpression } from '../expr/numeric.js';
import { codeContextMessage, shellSites } from '../expr/shell.js';
import { findTemplates, findUnclosedTemplate } from '../expr/templates.js';
import { varsProblems } from '../expr/vars.js';
import { EXPRESSION_CHECK_BUDGET_MS, MAX_EXPRESSION_CHARS } from '../model/limits.js';
import { Code } from '../model/finding.js';
import { dottedPath, type DocPath, type Issue } from './issue.js';
import { isObject, scopesOf, type Scope } from './scopes.js';

/** State of one checkExpressions call: what it found, which paths hold bare JSONata, time spent. */
interface Check {
  issues: Issue[];
  bare: Set<string>;
  spentMs: number;
  /** Set once the budget is spent: no more parsing. */
  isOverBudget: boolean;
}

/** Keys whose strings are not templates: data, JSON Schema, JavaScript, canvas positions. */
const NOT_TEMPLATES = new Set(['inputs', 'layout', 'script', 'mock']);
/** Keys holding bare JSONata on a step (`set` values are handled apart: they are a map). */
const BARE = new Set(['output', 'items', 'until']);

/**
 * FS019, FS023, FS026, FS027 and FS028 issues for `flow` (any JSON; mistyped parts are skipped). Walks without
 * recursion: the loader bounds nesting, but validateFlow also takes flows that did not come from it.
 */
export function checkExpressions(flow: unknown, scopes: readonly Scope[] = scopesOf(flow)): Issue[] {
  const check: Check = { issues: [], bare: new Set(), spentMs: 0, isOverBudget: false };
  for (const scope of scopes) {
    for (const [id, step] of scope.steps) {
      const path = [...scope.path, id];
      for (const key of BARE) checkBare(step[key], [...path, key], check);
      if (isObject(step['set'])) {
        for (const [name, value] of Object.entries(step['set'])) checkBare(value, [...path, 'set', name], check);
      }
      if (Array.isArray(step['cases'])) {
        step['cases'].forEach((c: unknown, i) => {
          if (isObject(c)) checkBare(c['when'], [...path, 'cases', i, 'when'], check);
        });
      }
    }
  }
  walkStrings(flow, check);
  if (isObject(flow)) {
    for (const p of varsProblems(flow['vars'])) check.issues.push({ code: Code.varsNotAtStart, message: `${dottedPath(['vars', ...p.path])}: ${p.message}`, path: ['vars', ...p.path] });
  }
  return check.issues;
}

function checkBare(value: unknown, path: DocPath, check: Check): void {
  if (typeof value !== 'string') return;
  check.bare.add(key(path));
  const problem = parseProblem(value, path, check);
  if (problem === undefined) return;
  check.issues.push({ code: Code.badExpression, message: `${dottedPath(path)}: ${JSON.stringify(cut(value))} ${problem}`, path });
}

/** Every string outside bare-expression fields and NOT_TEMPLATES keys, checked for `{{ }}`. */
function walkStrings(root: unknown, check: Check): void {
  const stack: [unknown, DocPath][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!check.bare.has(key(path))) checkTemplates(value, path, check);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]]);
    } else if (isObject(value)) {
      const entries = Object.entries(value).filter(([k]) => !NOT_TEMPLATES.has(k));
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], [...path, entries[i]![0]]]);
    }
  }
}

function checkTemplates(text: string, path: DocPath, check: Check): void {
  const where = dottedPath(path);
  for (const template of findTemplates(text)) {
    const problem = parseProblem(template.expr, path, check);
    if (problem === undefined) continue;
    const hint = template.expr.startsWith('.') ? `; to write a literal {{, use {{ "{{" }}` : '';
    const message = `${where}: ${cut(text.slice(template.start, template.end))} ${problem}${hint}`;
    check.issues.push({ code: Code.badExpression, message, path });
  }
  if (isShellCommand(path)) checkShellCode(text, path, check);
  const unclosed = findUnclosedTemplate(text);
  if (unclosed !== undefined) {
    check.issues.push({
      code: Code.badExpression,
      message: `${where}: the {{ at character ${unclosed + 1} is never closed; add }} after the expression, or write a literal {{ as {{ "{{" }}`,
      path,
    });
  }
}

/** `….shell` (a command string) or `….shell.command`, not `….shell.shell` (the shell program). */
function isShellCommand(path: DocPath): boolean {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  return (last === 'shell' && parent !== 'shell') || (last === 'command' && parent === 'shell');
}

/** FS027: templates where bash evaluates a value as code (issue #11 item 4; expr/shell.ts shellSites). */
function checkShellCode(command: string, path: DocPath, check: Check): void {
  const templates = findTemplates(command);
  if (templates.length === 0) return;
  for (const [n, site] of shellSites(command, templates).entries()) {
    const t = templates[n]!;
    // A numeric expression gives digits only, which bash reads as a number (expr/numeric.ts).
    if (site.evaluatedAs === undefined || isNumericExpression(quoteStepIds(t.expr))) continue;
    const line = command.slice(0, t.start).split('\n').length;
    const at = line > 1 ? ` (line ${line} of the command)` : '';
    check.issues.push({ code: Code.templateInShellCode, message: `${dottedPath(path)}${at}: ${codeContextMessage(cut(command.slice(t.start, t.end)), site.evaluatedAs)}`, path });
  }
}

/**
 * What is wrong when `text` does not parse (`does not parse: … (at character n)`), else undefined.
 * Over MAX_EXPRESSION_CHARS it is reported (FS023) instead of parsed; past the time budget, nothing
 * is parsed any more and the first skipped expression gets FS026.
 */
function parseProblem(text: string, path: DocPath, check: Check): string | undefined {
  if (text.length > MAX_EXPRESSION_CHARS) {
    check.issues.push({
      code: Code.expressionTooLong,
      message: `${dottedPath(path)}: the expression is ${text.length.toLocaleString('en')} characters long, over the limit of ${MAX_EXPRESSION_CHARS.toLocaleString('en')}; move the logic into a script step, or split it over set: variables`,
      path,
    });
    return undefined;
  }
  if (check.isOverBudget) return undefined;
  if (check.spentMs > EXPRESSION_CHECK_BUDGET_MS) {
    check.isOverBudget = true;
    check.issues.push({
      code: Code.expressionsUnchecked,
      message: `${dottedPath(path)}: parsing the expressions took over ${EXPRESSION_CHECK_BUDGET_MS / 1000} s, so the ones from here on were not checked; the flow has too many or too complex expressions, split it into subflows (call:)`,
      path,
    });
    return undefined;
  }
  const startedMs = performance.now();
  try {
    compileExpression(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    // The message starts with `expression "<text>" `; keep what follows.
    const at = error.message.indexOf(' does not parse');
    return at === -1 ? error.message : error.message.slice(at + 1);
  } finally {
    check.spentMs += performance.now() - startedMs;
  }
}

/** `text` cut to 80 characters, so a long expression does not swamp the message. */
function cut(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function key(path: DocPath): string {
  return path.join('\u0000');
}
