/**
 * Flow-level parts of the ASL export: the first states that assign `$input` and the run variables
 * (ASL variables exist only once a state's Assign ran: AWS "Passing data between states with
 * variables"), the variables that stand for `$steps.<id>.output` and `$error`, and findings for
 * flow settings ASL has no place for (triggers, the input schema) and steps it never reaches.
 */
import type { Flow, Json, JsonObject, Step, StepId } from '../../model/flow.js';
import { isCronTrigger } from '../../model/flow.js';
import { findTemplates } from '../../expr/templates.js';
import { AslExportCode } from './codes.js';
import type { ExportContext } from './context.js';
import { braced, payloadToAsl } from './expressions.js';
import type { AslMachine } from './machine.js';
import { INIT_COMMENT } from '../../interop/asl/conventions.js';

/**
 * Puts the init states in front of `root` when the flow has vars or reads `$input`: a Pass that
 * assigns `input` (the execution input with the input schema's top-level defaults merged in) and
 * the literal vars, then, for vars written with `{{ }}`, a second Pass (so they can read `$input`).
 * Returns the machine's new StartAt.
 */
export function addInitStates(flow: Flow, ctx: ExportContext, root: AslMachine): string {
  const site = { step: '', machine: ctx.plan.root, field: 'vars' };
  const literal: Record<string, Json> = {};
  const computed: Record<string, Json> = {};
  for (const [name, value] of Object.entries(flow.vars ?? {})) {
    const target = hasTemplates(value) ? computed : literal;
    target[ctx.varName(name)] = payloadToAsl(value, site, ctx);
  }
  if (!ctx.usesInput && Object.keys(flow.vars ?? {}).length === 0) return root.StartAt;
  const defaults = inputDefaults(flow.inputs);
  const input = defaults ? braced(`$merge([${JSON.stringify(defaults)}, $states.input])`) : braced('$states.input');
  const states: AslMachine['States'] = {};
  const first = ctx.stateName('Initialize run');
  const second = Object.keys(computed).length > 0 ? ctx.stateName('Initialize variables') : undefined;
  states[first] = { Type: 'Pass', Comment: INIT_COMMENT, Assign: { ...(ctx.usesInput ? { input } : {}), ...literal }, Next: second ?? root.StartAt };
  if (second) states[second] = { Type: 'Pass', Comment: INIT_COMMENT, Assign: computed, Next: root.StartAt };
  root.States = { ...states, ...root.States };
  return first;
}

/** Adds to each state the Assign of the output variables that expressions elsewhere read (see expressions.ts). */
export function assignOutputVariables(ctx: ExportContext): void {
  const assign = (state: Record<string, unknown>, name: string, expr: string) => {
    if (state['Type'] === 'Succeed' || state['Type'] === 'Fail') return;
    state['Assign'] = { ...((state['Assign'] as object | undefined) ?? {}), [name]: braced(expr) };
  };
  for (const [id, name] of ctx.outputVars) {
    for (const state of ctx.statesOf.get(id) ?? []) assign(state, name, ctx.keptOutputs.get(id) ?? 'null');
  }
  for (const { parallel, branch, name } of ctx.branchResultVars.values()) {
    for (const state of ctx.statesOf.get(parallel) ?? []) assign(state, name, `$states.result[${branch}]`);
  }
  if (!ctx.usesError) return;
  // Native $error is {name, message}; a Catcher's $states.errorOutput is {Error, Cause}.
  for (const catcher of ctx.catchers) {
    catcher.Assign = { error: braced('{"name": $states.errorOutput.Error, "message": $states.errorOutput.Cause}') };
  }
}

/** Findings for flow settings without an ASL place, and for steps no machine holds (unreachable). */
export function reportFlowLevel(flow: Flow, ctx: ExportContext): void {
  for (const trigger of flow.triggers ?? []) {
    if (!isCronTrigger(trigger)) {
      // Issue #12: webhooks are served by `flowsmith serve`.
      ctx.report(
        AslExportCode.flowSettings,
        undefined,
        `webhook trigger "${trigger.webhook.name}" is not part of ASL; an API Gateway route or EventBridge rule can start the state machine with the request body as input`,
      );
      continue;
    }
    ctx.report(
      AslExportCode.flowSettings,
      undefined,
      `trigger cron "${trigger.cron}"${trigger.timezone ? ` (${trigger.timezone})` : ''} is not part of ASL; create an EventBridge Scheduler schedule that starts the state machine${trigger.input ? ' with the same input' : ''}`,
    );
  }
  if (flow.inputs !== undefined) {
    ctx.report(AslExportCode.flowSettings, undefined, 'the input schema is not checked by Step Functions; its top-level defaults are merged into $input by the first state', { severity: 'info' });
  }
  const owned = new Set(ctx.plan.home.keys());
  const joins = new Set<StepId>();
  const visit = (steps: Record<StepId, Step>) => {
    for (const step of Object.values(steps)) {
      if (step.type === 'parallel') joins.add(step.join);
      if (step.type === 'map') visit(step.steps);
    }
  };
  visit(flow.steps);
  const report = (steps: Record<StepId, Step>) => {
    for (const [id, step] of Object.entries(steps)) {
      if (!owned.has(id) && !joins.has(id)) {
        ctx.report(AslExportCode.approximated, id, 'step is never reached from start; not exported');
      }
      if (step.type === 'map' && owned.has(id)) report(step.steps);
    }
  };
  report(flow.steps);
}

function hasTemplates(value: Json): boolean {
  if (typeof value === 'string') return findTemplates(value).length > 0;
  if (Array.isArray(value)) return value.some(hasTemplates);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasTemplates);
  return false;
}

/** `{name: default}` for the top-level properties of an input JSON Schema that have a default. */
function inputDefaults(schema: JsonObject | undefined): JsonObject | undefined {
  const properties = schema?.['properties'];
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return undefined;
  const defaults: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) {
    if (typeof property === 'object' && property !== null && !Array.isArray(property) && 'default' in property) {
      defaults[name] = property['default'] as Json;
    }
  }
  return Object.keys(defaults).length > 0 ? defaults : undefined;
}
