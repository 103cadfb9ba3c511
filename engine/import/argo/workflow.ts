/**
 * A whole Argo workflow spec as native flow parts: the entrypoint template inlined with its
 * templates (expand.ts, nested.ts), the exit handler appended after it and again on the path that
 * catches a failure of the main steps (exit-handler.ts, FS229), spec.arguments.parameters as the
 * input schema, a CronWorkflow's schedules as cron triggers. Source: https://argo-workflows.readthedocs.io/en/latest/workflow-concepts/,
 * …/walk-through/exit-handlers/ and …/cron-workflows/.
 */
import type { JsonObject, Step, StepId, Trigger } from '../../model/flow.js';
import { emit, ordered, seq, type Block } from './blocks.js';
import { ArgoImportCode } from './codes.js';
import type { Frame, ImportContext } from './context.js';
import { printJExpr } from './jexpr.js';
import { leafStep } from './leaf.js';
import { templateBlock } from './nested.js';
import { arr, obj, str, type Obj } from './source.js';
import { catchIntoExitHandler } from './exit-handler.js';
import type { ExitStatus } from './vars.js';

/** Spec fields read here; the others are reported once as ignored. */
const READ = new Set(['entrypoint', 'templates', 'arguments', 'onExit', 'hooks', 'workflowTemplateRef']);

/** The steps, start and inputs of the flow for the context's document. */
export function importSpec(ctx: ImportContext): { start: StepId; steps: Record<StepId, Step>; inputs?: JsonObject; entry?: string } {
  const spec = ctx.source.spec;
  reportSpecFields(ctx);
  const blocks: Block[] = [];
  const ref = obj(spec['workflowTemplateRef']);
  // With a workflowTemplateRef, the entrypoint usually names a template of the referenced one.
  const named = str(spec['entrypoint']);
  const entry = ref ? (named !== undefined && ctx.templates.has(named) ? named : undefined) : (named ?? defaultEntry(ctx));
  // The entrypoint's own input parameters are set from workflow arguments: they are flow inputs too.
  const { inputs, params } = inputsOf(ctx, arr(obj(ctx.templates.get(entry ?? '')?.['inputs'])?.['parameters']));
  if (ref) {
    const target = str(ref['name']) ?? 'workflow-template';
    ctx.report(ArgoImportCode.templateRef, undefined, `the workflow runs WorkflowTemplate ${target}; it became a call of ${target}.yaml: import that WorkflowTemplate too`);
    const input = Object.fromEntries(params);
    blocks.push({ kind: 'step', id: ctx.ids.take(target), step: { type: 'task', title: target, call: params.size ? { flow: `${target}.yaml`, input } : `${target}.yaml` } });
  }
  if (entry !== undefined) blocks.push(templateCall(ctx, entry, params, false));
  const exit = str(spec['onExit']) ?? str(obj(obj(spec['hooks'])?.['exit'])?.['template']);
  const steps: Record<StepId, Step> = {};
  let start: StepId | undefined;
  if (exit !== undefined) {
    // After success: the handler with workflow.status "Succeeded", then the flow ends.
    const afterSuccess = emit(templateCall(ctx, exit, params, 'Succeeded'), undefined, steps, ctx.ids);
    const before = new Set(Object.keys(steps));
    start = emit(seq(blocks), afterSuccess, steps, ctx.ids);
    const main = Object.keys(steps).filter((id) => !before.has(id));
    // After a failure: the same handler with "Failed" (its findings were reported for the first
    // copy), then the run fails again. Failures of the main steps are caught into it.
    const reported = ctx.findings.length;
    const handler = templateCall(ctx, exit, params, 'Failed');
    ctx.findings.length = reported;
    catchIntoExitHandler(ctx, { exit, main, handler, steps });
  } else {
    start = emit(seq(blocks), undefined, steps, ctx.ids);
  }
  for (const [hook] of Object.entries(obj(spec['hooks']) ?? {}).filter(([k]) => k !== 'exit')) {
    ctx.report(ArgoImportCode.exitHandler, undefined, `the lifecycle hook ${hook} was not imported: Flowsmith has no hooks`);
  }
  for (const name of ctx.templates.keys()) {
    if (!ctx.used.has(name)) ctx.report(ArgoImportCode.unusedTemplate, undefined, `template ${name} is not reached from the entrypoint and was not imported`, { severity: 'info', at: name });
  }
  if (start === undefined) {
    start = ctx.ids.take('done');
    steps[start] = { type: 'succeed', title: 'Nothing to do' };
  }
  return { start, steps: ordered(steps, start), ...(inputs ? { inputs } : {}), ...(entry === undefined ? {} : { entry }) };
}

/** The entrypoint (or exit handler) template inlined with the workflow's parameters. */
function templateCall(ctx: ImportContext, name: string, params: Map<string, string>, exitHandler: ExitStatus | false): Block {
  const tmpl = ctx.templates.get(name);
  if (!tmpl) {
    ctx.report(ArgoImportCode.unreadable, undefined, `template ${name} is named as ${exitHandler ? 'exit handler' : 'entrypoint'} but is not in the document`, { severity: 'error' });
    return seq([]);
  }
  ctx.used.add(name);
  const frame: Frame = { template: name, params: new Map(params), stack: [name], names: new Map(), exitHandler, via: [] };
  // The entry template's own inputs take the workflow's parameters of the same name, else their defaults.
  for (const p of arr(obj(tmpl['inputs'])?.['parameters'])) {
    const pname = str(obj(p)?.['name']);
    const fallback = str(obj(p)?.['value']) ?? str(obj(p)?.['default']);
    if (pname !== undefined && !frame.params.has(pname) && fallback !== undefined) frame.params.set(pname, fallback);
  }
  if (tmpl['steps'] !== undefined || tmpl['dag'] !== undefined) return templateBlock(ctx, tmpl, frame, '');
  const id = ctx.ids.take(name);
  return { kind: 'step', id, step: leafStep(ctx, tmpl, frame, id, name).step };
}

/** A WorkflowTemplate without entrypoint is a library: the first template no other one calls. */
function defaultEntry(ctx: ImportContext): string | undefined {
  const called = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    const o = obj(value);
    if (!o) return;
    const t = str(o['template']);
    if (t !== undefined) called.add(t);
    Object.values(o).forEach(visit);
  };
  for (const tmpl of ctx.templates.values()) visit(tmpl['steps'] ?? obj(tmpl['dag'])?.['tasks']);
  const names = [...ctx.templates.keys()];
  const entry = names.find((n) => !called.has(n) && (ctx.templates.get(n)!['steps'] || ctx.templates.get(n)!['dag'])) ?? names.find((n) => !called.has(n)) ?? names[0];
  if (entry !== undefined) ctx.report(ArgoImportCode.unusedTemplate, undefined, `the document has no entrypoint; template ${entry} was imported as the flow`, { severity: 'info', at: entry });
  return entry;
}

/**
 * spec.arguments.parameters (and `extra` parameters not among them) as the input schema, and the
 * native text each parameter stands for (`{{ $input.<name> }}`).
 */
export function inputsOf(ctx: ImportContext, extra: unknown[] = []): { inputs?: JsonObject; params: Map<string, string> } {
  const args = obj(ctx.source.spec['arguments']);
  const params = new Map<string, string>();
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const p of [...arr(args?.['parameters']), ...extra]) {
    const o = obj(p);
    const name = str(o?.['name']);
    if (!o || name === undefined || params.has(name)) continue;
    const prop: JsonObject = { type: 'string' };
    const value = str(o['value']) ?? str(o['default']);
    if (value !== undefined) prop['default'] = value;
    else required.push(name);
    const choices = arr(o['enum']).map(str).filter((e): e is string => e !== undefined);
    if (choices.length) prop['enum'] = choices;
    const description = str(o['description']);
    if (description !== undefined) prop['description'] = description;
    if (o['valueFrom'] !== undefined) ctx.report(ArgoImportCode.variable, undefined, `workflow parameter ${name} takes its value from elsewhere (valueFrom); it became a plain input`);
    properties[name] = prop;
    params.set(name, `{{ ${printJExpr({ kind: 'path', root: 'input', segments: [name] })} }}`);
  }
  if (arr(args?.['artifacts']).length) ctx.report(ArgoImportCode.artifacts, undefined, 'workflow artifacts (spec.arguments.artifacts) are not imported');
  if (params.size === 0) return { params };
  return { inputs: { type: 'object', properties, ...(required.length ? { required } : {}) }, params };
}

function reportSpecFields(ctx: ImportContext): void {
  const ignored = Object.keys(ctx.source.spec).filter((k) => !READ.has(k));
  if (ignored.length) ctx.report(ArgoImportCode.ignoredField, undefined, `workflow spec fields ${ignored.join(', ')} have no Flowsmith meaning and were ignored`, { severity: 'info' });
}

/** A CronWorkflow's schedules as cron triggers; its other options are reported (FS233). */
export function cronTriggers(ctx: ImportContext): Trigger[] {
  const cron = ctx.source.cron;
  if (!cron) return [];
  const schedules = [str(cron['schedule']), ...arr(cron['schedules']).map(str)].filter((s): s is string => s !== undefined);
  const timezone = str(cron['timezone']);
  const other = Object.keys(cron).filter((k) => !['schedule', 'schedules', 'timezone', 'workflowSpec', 'workflowMetadata'].includes(k));
  if (other.length) ctx.report(ArgoImportCode.cron, undefined, `CronWorkflow options ${other.join(', ')} are not imported: Flowsmith triggers have a schedule and a timezone`, { severity: 'info' });
  return schedules.map((schedule) => (timezone === undefined ? { cron: schedule } : { cron: schedule, timezone }));
}

/** Flow title, description and name from the metadata (name, else generateName without its dash). */
export function flowIdentity(source: Obj): { name: string; title: string; description?: string } {
  const annotations = obj(source['annotations']) ?? {};
  const raw = str(source['name']) ?? str(source['generateName'])?.replace(/-+$/, '') ?? 'imported-workflow';
  const title = str(annotations['workflows.argoproj.io/title']) ?? raw;
  const description = str(annotations['workflows.argoproj.io/description'])?.trim();
  return description ? { name: raw, title, description } : { name: raw, title };
}
