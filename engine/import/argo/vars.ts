/**
 * Argo variables (https://argo-workflows.readthedocs.io/en/latest/variables/) as Flowsmith
 * bindings: `workflow.parameters.x` → `$input.x`; `inputs.parameters.x` → whatever the caller
 * passed (parameters are substituted as text when a template is inlined); `steps.<n>` /
 * `tasks.<n>` outputs → `$steps.<id>.output…` by the step's executor; `.status` → `$steps.<id>.status`;
 * `item` → `$item`; `workflow.name` → `$run.id`. Others have no binding and say why.
 */
import { parseJsonataSubset } from '../../expr/subset.js';
import { findTemplates } from '../../expr/templates.js';
import type { StepId } from '../../model/flow.js';
import { fromSubset, wordLiteral, type JExpr } from './jexpr.js';

/** What an Argo step or task name stands for in the imported flow. */
export interface NamedStep {
  id: StepId;
  /** What its output looks like: a shell step's `{stdout…}`, an http step's `{body…}`, else unknown. */
  output: 'shell' | 'http' | 'other';
}

/** What a template's variables can refer to while it is being imported. */
export interface VarScope {
  /** Native text for `inputs.parameters.<name>`, when the caller passed or defaulted it. */
  param(name: string): string | undefined;
  /** Steps (in a steps template) or tasks (in a dag) of the template, by Argo name. */
  step(name: string): NamedStep | undefined;
  /** Inside a copy of the exit handler: the `workflow.status` it runs with (workflow.ts), else false. */
  exitHandler: ExitStatus | false;
}

/**
 * Argo's `workflow.status` as an exit handler sees it. The import appends the handler twice: after
 * the main steps succeed (`Succeeded`) and on the path their failures are caught into (`Failed`;
 * Argo's `Error` is a failure too), so each copy knows its status at import time.
 */
export type ExitStatus = 'Succeeded' | 'Failed';

/** A variable's meaning: an expression, text to insert as it is (a parameter), or why it has none. */
export type Resolved = { kind: 'expr'; expr: JExpr; note?: string } | { kind: 'text'; text: string } | { kind: 'error'; reason: string };

/**
 * Resolves the variable `tag` (without braces, e.g. `steps.flip.outputs.result`). `list`: the value
 * feeds withParam, where a step's JSON stdout is wanted as parsed data rather than as text.
 */
export function resolveVar(tag: string, scope: VarScope, list = false): Resolved {
  const parts = splitTag(tag);
  const [head, second, third, ...rest] = parts;
  const expr = (e: JExpr, note?: string): Resolved => (note === undefined ? { kind: 'expr', expr: e } : { kind: 'expr', expr: e, note });
  if (head === 'inputs' && second === 'parameters' && third !== undefined && rest.length === 0) {
    const text = scope.param(third);
    return text === undefined ? { kind: 'error', reason: `no value was passed for input parameter ${third}` } : { kind: 'text', text };
  }
  if (head === 'workflow' && second === 'parameters' && third !== undefined && third !== 'json' && rest.length === 0) {
    return expr({ kind: 'path', root: 'input', segments: [third], text: true });
  }
  if (head === 'workflow' && second === 'name' && parts.length === 2) return expr({ kind: 'path', root: 'run', segments: ['id'], text: true });
  if (head === 'workflow' && second === 'status' && parts.length === 2 && scope.exitHandler) return expr({ kind: 'literal', value: scope.exitHandler });
  if (head === 'item') return expr({ kind: 'path', root: 'item', segments: parts.slice(1) });
  if ((head === 'steps' || head === 'tasks') && second !== undefined && third !== undefined) {
    const step = scope.step(second);
    if (!step) return { kind: 'error', reason: `${head}.${second} is not a step of this template` };
    return stepVar(step, [third, ...rest], list);
  }
  return { kind: 'error', reason: `{{${tag}}} has no Flowsmith binding` };
}

function stepVar(step: NamedStep, field: string[], list: boolean): Resolved {
  const path = (segments: (string | number)[], text = false): Resolved => ({
    kind: 'expr',
    expr: { kind: 'path', root: 'steps', segments: [step.id, ...segments], text },
  });
  const key = field.join('.');
  if (key === 'status') return { kind: 'expr', expr: { kind: 'path', root: 'steps', segments: [step.id, 'status'], status: true } };
  if (key === 'outputs.result') {
    if (step.output === 'http') return path(['output', 'body']);
    if (step.output === 'shell') return list ? path(['output']) : path(['output', 'stdout'], true);
    return { kind: 'error', reason: `the result of ${step.id} (a nested template) has no Flowsmith binding` };
  }
  if (key === 'exitCode' && step.output === 'shell') return path(['output', 'exitCode']);
  if (field[0] === 'outputs' && field[1] === 'parameters' && field.length === 3) {
    const note = `output parameter ${field[2]} of ${step.id} is read as $steps.${step.id}.output.${field[2]}: Argo takes it from a file, which Flowsmith does not; print it as JSON on stdout`;
    return { kind: 'expr', expr: { kind: 'path', root: 'steps', segments: [step.id, 'output', field[2]!], text: true }, note };
  }
  return { kind: 'error', reason: `${key} of step ${step.id} has no Flowsmith binding` };
}

/** `steps.a-b.outputs.result` → parts; `steps['a-b']` brackets are read too. */
function splitTag(tag: string): string[] {
  return tag
    .trim()
    .replace(/\[\s*['"]([^'"]*)['"]\s*\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
}

/**
 * Native text (a parameter value) as an expression: one `{{ expr }}` becomes that expression, plain
 * text a literal as Argo's govaluate would read it after substitution (number, boolean or word).
 */
export function textAsExpr(text: string): JExpr | undefined {
  const templates = findTemplates(text);
  const only = templates[0];
  if (templates.length === 0) return wordLiteral(text);
  if (templates.length === 1 && only && only.start === 0 && only.end === text.length) {
    const parsed = parseJsonataSubset(only.expr);
    if (parsed.ok) return fromSubset(parsed.expr);
  }
  return undefined;
}
