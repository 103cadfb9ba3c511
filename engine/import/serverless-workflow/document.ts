/**
 * The top of a Serverless Workflow document (dsl-reference.md "Workflow", "Document", "Use",
 * "Input", "Schedule"): the version check (DSL 1.0.x only; 0.8-style `states` documents are refused
 * with a finding), the flow's name, title, description, inputs and triggers, and what `use` offers.
 */
import type { Flow, JsonObject, Trigger } from '../../model/flow.js';
import { SW_NAMESPACE } from '../../interop/serverless-workflow/conventions.js';
import { SwImportCode } from './codes.js';
import type { ImportContext } from './context.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Why the document is not DSL 1.0.x, or undefined when it is. */
export function unsupportedVersion(doc: Obj): string | undefined {
  const dsl = obj(doc['document'])['dsl'];
  if (dsl !== undefined) {
    return /^1\.0(\.|$)/.test(String(dsl)) ? undefined : `document.dsl is ${String(dsl)}`;
  }
  const spec = doc['specVersion'] ?? doc['version'];
  if (doc['states'] !== undefined || doc['specVersion'] !== undefined) {
    return `this is a ${spec === undefined ? 'pre-1.0' : `specVersion ${String(spec)}`} document (states/functions), the 0.x format`;
  }
  return 'it has no document.dsl';
}

/** A native flow name from the SW name: lowercase letters, digits and dashes. */
export function flowNameOf(name: unknown): string {
  const out = String(name ?? 'imported')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(out) ? out : `flow-${out || 'imported'}`;
}

/** Name, title, description, inputs and triggers of the flow; reports what has no native home. */
export function flowHead(doc: Obj, ctx: ImportContext): Omit<Flow, 'start' | 'steps'> {
  const d = obj(doc['document']);
  const flow: Omit<Flow, 'start' | 'steps'> = { flowsmith: '1.0', name: flowNameOf(d['name']) };
  ctx.isFlowsmithExport = d['namespace'] === SW_NAMESPACE;
  if (typeof d['title'] === 'string') flow.title = d['title'];
  if (typeof d['summary'] === 'string') flow.description = d['summary'];
  const input = obj(doc['input']);
  const schema = obj(input['schema']);
  if (schema['document'] !== undefined && typeof schema['document'] === 'object') {
    flow.inputs = schema['document'] as JsonObject;
    for (const [k, v] of Object.entries(obj(obj(flow.inputs)['properties']))) {
      if ('default' in obj(v)) ctx.inputDefaults[k] = obj(v)['default'];
    }
  }
  else if (schema['resource'] !== undefined) {
    ctx.report(SwImportCode.documentField, undefined, 'the input schema is an external resource: copy it into inputs', { at: ['input'] });
  }
  if (input['from'] !== undefined) ctx.report(SwImportCode.dataFlow, undefined, 'input.from has no native equivalent; dropped', { at: ['input', 'from'] });
  const schedule = obj(doc['schedule']);
  if (typeof schedule['cron'] === 'string') flow.triggers = [{ cron: schedule['cron'] } as Trigger];
  for (const k of ['every', 'after', 'on'] as const) {
    if (schedule[k] !== undefined) {
      ctx.report(SwImportCode.documentField, undefined, `schedule.${k} has no native trigger (only cron); dropped`, { at: ['schedule', k] });
    }
  }
  for (const k of ['timeout', 'output', 'evaluate'] as const) {
    if (doc[k] !== undefined) ctx.report(SwImportCode.documentField, undefined, `the workflow's ${k} has no native equivalent; dropped`, { at: [k] });
  }
  const use = obj(doc['use']);
  ctx.use.functions = obj(use['functions']);
  ctx.use.errors = obj(use['errors']);
  ctx.use.retries = obj(use['retries']);
  for (const k of Object.keys(use)) {
    if (['functions', 'errors', 'retries'].includes(k)) continue;
    const message = `use.${k} has no native equivalent; dropped (tasks that refer to it are reported too)`;
    ctx.report(SwImportCode.documentField, undefined, message, { at: ['use', k], severity: 'info' });
  }
  return flow;
}
