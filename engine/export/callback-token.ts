/**
 * `$callback.token` for targets without a task token of their own (Serverless Workflow, Argo): the
 * exporters write it as a JSONata expression over bindings they can translate, such as
 * `($run.id & ":deploy")`, so the outside system gets a value that names the waiting run and step.
 */
import type { TaskStep } from '../model/flow.js';

/**
 * `step` with every `$callback.token` in its strings replaced by `expression` (JSONata, e.g.
 * `($run.id & ":build")`), except in `script` code. Pure; returns a copy.
 */
export function withCallbackToken(step: TaskStep, expression: string): TaskStep {
  // Replaced inside JSON text: the expression is escaped as the inside of a JSON string. Script
  // code is JavaScript, not a template: it keeps `$callback` (the exporters report it).
  const escaped = JSON.stringify(expression).slice(1, -1);
  const { script, ...rest } = step;
  const replaced = JSON.parse(JSON.stringify(rest).replace(/\$callback\.token\b/g, () => escaped)) as TaskStep;
  return script === undefined ? replaced : { ...replaced, script };
}

/** JSONata for a token made of the run id and the step id: `($run.id & ":<id>")`. */
export function runStepToken(id: string): string {
  return `($run.id & ${JSON.stringify(`:${id}`)})`;
}
