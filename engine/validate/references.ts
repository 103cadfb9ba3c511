/**
 * References inside expressions (FS030, issue #8 point 3): `$input.x` where the flow's `inputs`
 * declares properties and `x` is not one of them (a warning: JSON Schema lets a run pass extra
 * properties unless `additionalProperties: false`, then an error), and `$steps.y` where no step of
 * the flow is called `y` (a warning: the value is always undefined, which an expression may test
 * for; importers translate references they cannot map this way, and a flow still runs).
 * Reads the same places as expressions.ts: bare JSONata in `when`, `items`, `until`, `output`,
 * `set` values, and `{{ expr }}` in every other string except `inputs`, `layout`, `script`, `mock`.
 * Expressions that do not parse are FS019's business and skipped here. A name bound inside the
 * expression (`$input := …`, a lambda parameter) shadows the binding and is not checked.
 */
import jsonata from 'jsonata';
import { quoteStepIds } from '../expr/evaluate.js';
import { findTemplates } from '../expr/templates.js';
import { MAX_EXPRESSION_CHARS } from '../model/limits.js';
import { Code } from '../model/finding.js';
import { didYouMean, dottedPath, type DocPath, type Issue } from './issue.js';
import { isObject, scopesOf, type Scope } from './scopes.js';

/** Keys whose strings are not templates: data, JSON Schema, JavaScript, canvas positions. */
const NOT_TEMPLATES = new Set(['inputs', 'layout', 'script', 'mock']);
/** Step keys holding bare JSONata. */
const BARE = new Set(['output', 'items', 'until']);

/** A `$input.<name>` or `$steps.<id>` mention found in one expression. */
interface Mention {
  binding: 'input' | 'steps';
  name: string;
}

/** What the flow declares, to check mentions against. */
interface Known {
  /** Declared input properties; undefined when `inputs` declares none (nothing to check). */
  inputs: Set<string> | undefined;
  /** True when `inputs` has `additionalProperties: false`: an undeclared input can never arrive. */
  isInputClosed: boolean;
  steps: Set<string>;
}

/** FS030 issues for `flow` (any JSON; mistyped parts are skipped). */
export function checkReferences(flow: unknown, scopes: readonly Scope[] = scopesOf(flow)): Issue[] {
  if (!isObject(flow)) return [];
  const known = knownNames(flow, scopes);
  const issues: Issue[] = [];
  for (const { text, path } of expressionSites(flow, scopes)) {
    for (const m of mentionsIn(text)) {
      const issue = m.binding === 'input' ? inputIssue(m.name, path, known) : stepIssue(m.name, path, known);
      if (issue) issues.push(issue);
    }
  }
  return issues;
}

function knownNames(flow: Record<string, unknown>, scopes: readonly Scope[]): Known {
  const inputs = isObject(flow['inputs']) ? flow['inputs'] : undefined;
  const props = inputs && isObject(inputs['properties']) ? Object.keys(inputs['properties']) : undefined;
  const steps = new Set<string>();
  for (const scope of scopes) for (const id of scope.steps.keys()) steps.add(id);
  return {
    inputs: props && props.length > 0 ? new Set(props) : undefined,
    isInputClosed: inputs?.['additionalProperties'] === false,
    steps,
  };
}

function inputIssue(name: string, path: DocPath, known: Known): Issue | undefined {
  if (!known.inputs || known.inputs.has(name)) return undefined;
  return {
    code: Code.unknownReference,
    severity: known.isInputClosed ? 'error' : 'warning',
    message:
      `${dottedPath(path)}: $input.${name} is not declared in inputs.properties` +
      `${didYouMean(name, known.inputs)}; declare it under inputs.properties or fix the name`,
    path,
  };
}

function stepIssue(name: string, path: DocPath, known: Known): Issue | undefined {
  if (known.steps.has(name)) return undefined;
  return {
    code: Code.unknownReference,
    severity: 'warning',
    message: `${dottedPath(path)}: $steps.${name} names no step of this flow${didYouMean(name, known.steps)}; use an existing step id`,
    path,
  };
}

/** Every expression of the flow with the path of the string holding it. */
function expressionSites(flow: Record<string, unknown>, scopes: readonly Scope[]): { text: string; path: DocPath }[] {
  const sites: { text: string; path: DocPath }[] = [];
  const bare = new Set<string>();
  const addBare = (value: unknown, path: DocPath) => {
    if (typeof value !== 'string') return;
    bare.add(JSON.stringify(path));
    sites.push({ text: value, path });
  };
  for (const scope of scopes) {
    for (const [id, step] of scope.steps) {
      const path = [...scope.path, id];
      for (const key of BARE) addBare(step[key], [...path, key]);
      if (isObject(step['set'])) for (const [k, v] of Object.entries(step['set'])) addBare(v, [...path, 'set', k]);
      if (Array.isArray(step['cases'])) {
        step['cases'].forEach((c: unknown, i) => isObject(c) && addBare(c['when'], [...path, 'cases', i, 'when']));
      }
    }
  }
  // Templates in every other string; iterative, like expressions.ts (validateFlow takes any JSON).
  const stack: [unknown, DocPath][] = [[flow, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (bare.has(JSON.stringify(path))) continue;
      for (const t of findTemplates(value)) sites.push({ text: t.expr, path });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, [...path, i]]));
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) if (!NOT_TEMPLATES.has(k)) stack.push([v, [...path, k]]);
    }
  }
  return sites;
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  [key: string]: unknown;
}

/**
 * `$input.<name>` and `$steps.<name>` paths in one JSONata expression, read from jsonata's AST
 * (`jsonata(text).ast()`), so string literals and comments never count. Empty when it does not parse.
 */
export function mentionsIn(text: string): Mention[] {
  if (text.length > MAX_EXPRESSION_CHARS) return [];
  let ast: AstNode;
  try {
    ast = jsonata(quoteStepIds(text)).ast() as AstNode;
  } catch {
    return [];
  }
  const mentions: Mention[] = [];
  const bound = new Set<string>();
  const stack: unknown[] = [ast];
  // First pass collects names the expression binds itself; they shadow $input and $steps.
  const nodes: AstNode[] = [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const n = node as AstNode;
    nodes.push(n);
    if (n.type === 'bind' && isVariable(n['lhs'])) bound.add(String((n['lhs'] as AstNode).value));
    if (n.type === 'lambda' && Array.isArray(n['arguments'])) {
      for (const a of n['arguments'] as AstNode[]) if (isVariable(a)) bound.add(String(a.value));
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'value' && v && typeof v === 'object') stack.push(v);
  }
  for (const n of nodes) {
    if (n.type !== 'path' || !Array.isArray(n.steps)) continue;
    const [head, field] = n.steps;
    if (!isVariable(head) || field?.type !== 'name' || typeof field.value !== 'string') continue;
    const binding = head.value;
    if ((binding === 'input' || binding === 'steps') && !bound.has(binding)) mentions.push({ binding, name: field.value });
  }
  return mentions;
}

function isVariable(node: unknown): node is AstNode & { value: string } {
  return isObject(node) && node['type'] === 'variable' && typeof node['value'] === 'string';
}
