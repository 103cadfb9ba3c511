/**
 * Expressions that do not parse (FS019): bare JSONata in `when`, `items`, `until`, `output` and
 * `set` values, and every `{{ expr }}` inside any other string of the flow (DESIGN.md
 * "Expressions"). Parsing only: a parse is the same in every run, evaluation is not.
 */
import { compileExpression, ExpressionError } from '../expr/evaluate.js';
import { findTemplates, findUnclosedTemplate } from '../expr/templates.js';
import { Code } from './codes.js';
import { dottedPath, type DocPath, type Issue } from './issue.js';
import { isObject, scopesOf } from './scopes.js';

/** Keys whose strings are not templates: data, JSON Schema, JavaScript, canvas positions. */
const NOT_TEMPLATES = new Set(['inputs', 'layout', 'script', 'mock']);
/** Keys holding bare JSONata on a step (`set` values are handled apart: they are a map). */
const BARE = new Set(['output', 'items', 'until']);

/** FS019 issues for `flow` (any JSON; mistyped parts are skipped). */
export function checkExpressions(flow: unknown): Issue[] {
  const issues: Issue[] = [];
  const bare = new Set<string>();
  for (const scope of scopesOf(flow)) {
    for (const [id, step] of scope.steps) {
      const path = [...scope.path, id];
      for (const key of BARE) checkBare(step[key], [...path, key], bare, issues);
      if (isObject(step['set'])) {
        for (const [name, value] of Object.entries(step['set'])) checkBare(value, [...path, 'set', name], bare, issues);
      }
      if (Array.isArray(step['cases'])) {
        step['cases'].forEach((c: unknown, i) => {
          if (isObject(c)) checkBare(c['when'], [...path, 'cases', i, 'when'], bare, issues);
        });
      }
    }
  }
  walkStrings(flow, [], bare, issues);
  return issues;
}

function checkBare(value: unknown, path: DocPath, bare: Set<string>, issues: Issue[]): void {
  if (typeof value !== 'string') return;
  bare.add(key(path));
  const problem = parseProblem(value);
  if (problem === undefined) return;
  issues.push({ code: Code.badExpression, message: `${dottedPath(path)}: ${JSON.stringify(value)} ${problem}`, path });
}

/** Every string outside bare-expression fields and NOT_TEMPLATES keys, checked for `{{ }}`. */
function walkStrings(value: unknown, path: DocPath, bare: Set<string>, issues: Issue[]): void {
  if (typeof value === 'string') {
    if (!bare.has(key(path))) checkTemplates(value, path, issues);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walkStrings(item, [...path, i], bare, issues));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) if (!NOT_TEMPLATES.has(k)) walkStrings(v, [...path, k], bare, issues);
  }
}

function checkTemplates(text: string, path: DocPath, issues: Issue[]): void {
  const where = dottedPath(path);
  for (const template of findTemplates(text)) {
    const problem = parseProblem(template.expr);
    if (problem === undefined) continue;
    const hint = template.expr.startsWith('.') ? `; to write a literal {{, use {{ "{{" }}` : '';
    const message = `${where}: ${text.slice(template.start, template.end)} ${problem}${hint}`;
    issues.push({ code: Code.badExpression, message, path });
  }
  const unclosed = findUnclosedTemplate(text);
  if (unclosed !== undefined) {
    issues.push({
      code: Code.badExpression,
      message: `${where}: the {{ at character ${unclosed + 1} is never closed; add }} after the expression, or write a literal {{ as {{ "{{" }}`,
      path,
    });
  }
}

/** What is wrong when `text` does not parse (`does not parse: … (at character n)`), else undefined. */
function parseProblem(text: string): string | undefined {
  try {
    compileExpression(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return error.message.replace(`expression "${error.expression}" `, '');
  }
}

function key(path: DocPath): string {
  return path.join('\u0000');
}
