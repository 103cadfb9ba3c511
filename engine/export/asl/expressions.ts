/**
 * Native JSONata (DESIGN.md "Expressions": `$input`, `$vars`, `$steps.<id>.output`, `$item`,
 * `$index`, `$error`, `$run`) to the JSONata of ASL states (https://states-language.net/spec.html
 * "JSONata", AWS "Transforming data with JSONata in Step Functions"): `{% expr %}` strings that read
 * `$states.*` and workflow variables set with `Assign`. The binding map:
 * - `$input` → `$input`, a variable the first state assigns from the execution input;
 * - `$vars.x` → `$x` (ExportContext.varName);
 * - `$steps.<id>.output` → a variable the state of `<id>` assigns from its kept output;
 * - `$item`/`$index`, and `$vars.<as>` of a map with `as` → variables the map body's first state assigns;
 * - `$error` → `$error`, assigned by every Catch from `$states.errorOutput`;
 * - `$run.id`/`flow`/`startedAt` → `$states.context.Execution.Id`/`StateMachine.Name`/`Execution.StartTime`.
 * The rest of an expression is kept as written (jsonata-refs.ts edits the text). A binding with no
 * ASL equivalent becomes `null` with an FS151 finding.
 */
import type { Json, Step, StepId } from '../../model/flow.js';
import { quoteStepIds } from '../../expr/evaluate.js';
import { findTemplates } from '../../expr/templates.js';
import { AslExportCode } from './codes.js';
import type { ExportContext } from './context.js';
import { applyEdits, scanJsonata, type TextEdit, type VariableRef } from '../../interop/asl/jsonata-refs.js';
import { enclosingMaps, encloses, type MachinePlan } from './plan.js';

/** Where an expression is written: the step, the machine its state is in, the field (for findings). */
export interface ExprSite {
  step: StepId;
  machine: MachinePlan;
  field: string;
}

/** Name of the block variable that holds `$` (the raw output) in `output`/`set` expressions. */
const CONTEXT_VAR = '$fs_value';

/**
 * Translates one bare native expression to ASL JSONata (without `{% %}`). `context` is the JSONata
 * text of what `$` means in the native field (the raw output for `output`, the kept output for `set`);
 * when the expression reads `$`, the result binds it first: `($fs_value := <context>; …)`.
 */
export function toAslExpression(expr: string, site: ExprSite, ctx: ExportContext, context?: string): string {
  const text = quoteStepIds(expr);
  const scan = scanJsonata(text);
  if (!scan.ok) {
    ctx.report(AslExportCode.approximated, site.step, `${site.field}: ${JSON.stringify(expr)} does not parse (${scan.reason}); exported as null`);
    return 'null';
  }
  const edits: TextEdit[] = [];
  let readsContext = false;
  for (const ref of scan.refs) {
    if (ref.isCall || scan.bound.has(ref.name)) continue;
    if ((ref.name === '' || ref.name === '$') && ref.isTop) {
      if (context === undefined) continue;
      readsContext = true;
      edits.push({ start: ref.start, end: ref.end, text: CONTEXT_VAR });
      continue;
    }
    const edit = bindingEdit(ref, site, ctx);
    if (edit) edits.push(edit);
  }
  if (context !== undefined) {
    for (const at of scan.contextFields) {
      readsContext = true;
      edits.push({ start: at, end: at, text: `${CONTEXT_VAR}.` });
    }
  }
  const body = oneLine(applyEdits(text, edits));
  return readsContext ? `(${CONTEXT_VAR} := ${context}; ${body})` : body;
}

/** `{% expr %}`: an ASL JSONata string. */
export function braced(expr: string): string {
  return `{% ${oneLine(expr)} %}`;
}

/**
 * A native string that may hold `{{ expr }}` templates, as an ASL value: the string itself when it
 * has none (as a JSONata string literal when ASL's validator would not take it plainly), the
 * expression's value when it is exactly one template, else a `&` concatenation (strings as they are,
 * other values as JSON text: DESIGN.md's interpolation rule, which JSONata's `$string` follows).
 */
export function templateToAsl(text: string, site: ExprSite, ctx: ExportContext): string {
  const templates = findTemplates(text);
  if (templates.length === 0) return plainString(text);
  const [only] = templates;
  if (templates.length === 1 && only && only.start === 0 && only.end === text.length) {
    return braced(toAslExpression(only.expr, site, ctx));
  }
  const parts: string[] = [];
  let last = 0;
  for (const t of templates) {
    if (t.start > last) parts.push(JSON.stringify(text.slice(last, t.start)));
    parts.push(`(${toAslExpression(t.expr, site, ctx)})`);
    last = t.end;
  }
  if (last < text.length) parts.push(JSON.stringify(text.slice(last)));
  // `&` casts with $string(), which leaves strings alone and writes other values as JSON, like
  // Flowsmith's valueToText (JSONata "String operators").
  return braced(parts.join(' & '));
}

/** A JSON payload (http body, notify, call input) whose strings may hold templates, as an ASL value. */
export function payloadToAsl(value: Json, site: ExprSite, ctx: ExportContext): Json {
  if (typeof value === 'string') return templateToAsl(value, site, ctx);
  if (Array.isArray(value)) return value.map((v) => payloadToAsl(v, site, ctx));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = payloadToAsl(v, site, ctx);
    return out;
  }
  return value;
}

/**
 * A literal string as ASL accepts it in a JSONata state: asl-validator 4's patterns reject empty
 * strings, line breaks and text that looks like `{% … %}`, so those become JSONata string literals.
 */
export function plainString(text: string): string {
  if (text === '' || /[\r\n\u2028\u2029]/.test(text) || text.startsWith('{%') || text.endsWith('%}')) {
    return braced(JSON.stringify(text));
  }
  return text;
}

/** JSONata allows line breaks between tokens; ASL's `{% … %}` must be one line, so they become spaces. */
function oneLine(expr: string): string {
  return expr.replace(/\r?\n/g, ' ');
}

function bindingEdit(ref: VariableRef, site: ExprSite, ctx: ExportContext): TextEdit | undefined {
  const [first, second] = ref.fields;
  const maps = enclosingMaps(site.machine);
  const replace = (end: number, text: string): TextEdit => ({ start: ref.start, end, text });
  /** The item or index variable of the map `nearest` levels out (0 = the innermost). */
  const itemEdit = (end: number, what: 'item' | 'index', nearest: number): TextEdit => {
    const map = maps[nearest]!;
    ctx.itemUses.add(map.body.key);
    const names = ctx.itemVarNames(map.body.mapDepth);
    return replace(end, `$${what === 'index' ? names.index : names.item}`);
  };
  const unmapped = (end: number, what: string, instead = 'null'): TextEdit => {
    ctx.report(AslExportCode.unmappedBinding, site.step, `${site.field}: ${what} has no equivalent in ASL; exported as ${instead}`);
    return replace(end, instead);
  };
  // A map's `as` names a run variable that holds the item (runtime/map-call.ts): `$vars.<as>`.
  const asIndex = first ? maps.findIndex((m) => asNameOf(m.step, ctx) === first.name) : -1;
  switch (true) {
    case ref.name === 'input':
      ctx.usesInput = true;
      return undefined;
    case ref.name === 'vars' && asIndex >= 0:
      return itemEdit(first!.end, 'item', asIndex);
    case ref.name === 'vars':
      if (first) return replace(first.end, `$${ctx.varName(first.name)}`);
      return replace(ref.end, `{${knownVars(ctx).map((v) => `${JSON.stringify(v)}: $${ctx.varName(v)}`).join(', ')}}`);
    case ref.name === 'steps': {
      if (!first || !second) return unmapped(first?.end ?? ref.end, `$steps${first ? `.${first.name}` : ''}`);
      if (second.name === 'status') return unmapped(second.end, `$steps.${first.name}.status`, '"succeeded"');
      if (second.name !== 'output') return unmapped(second.end, `$steps.${first.name}.${second.name}`);
      const variable = outputVariable(first.name, site.machine, ctx);
      if (variable) return replace(second.end, `$${variable}`);
      return unmapped(second.end, `$steps.${first.name}.output (the step's state is in another branch or map iteration, whose variables ASL does not share)`);
    }
    case ref.name === 'item' || ref.name === 'index':
      return maps.length === 0 ? unmapped(ref.end, `$${ref.name} outside a map`) : itemEdit(ref.end, ref.name, 0);
    case ref.name === 'error':
      ctx.usesError = true;
      return undefined;
    case ref.name === 'callback':
      // The task token of a `.waitForTaskToken` state (callback.ts); `$$.Task.Token` in JSONPath.
      if (first?.name === 'token') return replace(first.end, '$states.context.Task.Token');
      return unmapped(first?.end ?? ref.end, `$callback${first ? `.${first.name}` : ''}`);
    case ref.name === 'run': {
      const field = { id: 'Execution.Id', flow: 'StateMachine.Name', startedAt: 'Execution.StartTime' }[first?.name ?? ''];
      if (first && field) return replace(first.end, `$states.context.${field}`);
      return unmapped(first?.end ?? ref.end, `$run${first ? `.${first.name}` : ''}`);
    }
    default:
      return undefined;
  }
}

/** The variable holding `<id>`'s kept output as seen from `machine`, registering its assignment; or undefined. */
function outputVariable(id: StepId, machine: MachinePlan, ctx: ExportContext): string | undefined {
  const home = ctx.machineOf(id);
  if (!home) return undefined;
  if (encloses(home, machine)) {
    const name = ctx.outputVarName(id);
    ctx.outputVars.set(id, name);
    return name;
  }
  // A branch's last step: its output is the branch's output, one item of the Parallel's result.
  const owner = home.owner;
  if (owner?.kind !== 'parallel' || !isBranchEnd(home, id)) return undefined;
  const parallelHome = ctx.machineOf(owner.step);
  if (!parallelHome || !encloses(parallelHome, machine)) return undefined;
  const name = ctx.branchResultVarName(id);
  ctx.branchResultVars.set(id, { parallel: owner.step, branch: owner.branch, name });
  return name;
}

function asNameOf(mapStep: StepId, ctx: ExportContext): string | undefined {
  const step = ctx.plan.home.get(mapStep)?.scope[mapStep];
  return step?.type === 'map' ? step.as : undefined;
}

/** True when `id` is the only step of the branch machine that leads to the branch's join. */
function isBranchEnd(machine: MachinePlan, id: StepId): boolean {
  const leadsToJoin = machine.members.filter((m) => {
    const step = machine.scope[m];
    return step !== undefined && [step.next, ...(step.catch ?? []).map((c) => c.next)].includes(machine.stopAt);
  });
  return leadsToJoin.length === 1 && leadsToJoin[0] === id && machine.scope[id]?.next === machine.stopAt;
}

/** Names of all native run variables: declared in `vars` or set by some step. */
function knownVars(ctx: ExportContext): string[] {
  const names = new Set(Object.keys(ctx.flow.vars ?? {}));
  const visit = (steps: Record<StepId, Step>) => {
    for (const step of Object.values(steps)) {
      for (const name of Object.keys(step.set ?? {})) names.add(name);
      if (step.type === 'map') visit(step.steps);
    }
  };
  visit(ctx.flow.steps);
  return [...names];
}
