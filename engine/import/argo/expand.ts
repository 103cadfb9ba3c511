/**
 * Inlines one template call (a step of a steps template, or a task of a dag) as a block: the
 * called template's parameters become the caller's values (Argo substitutes them as text), steps
 * and dag templates are expanded in place with their step ids prefixed by the caller's, leaf
 * templates become one step (leaf.ts). Then the call's loop (withItems, withParam, withSequence →
 * a map step) and `when` (→ a branch around it) wrap the result. Recursion and templateRef become
 * subflow call placeholders (FS230, FS236). Source: https://argo-workflows.readthedocs.io/en/latest/fields/#workflowstep
 * and …/walk-through/loops/.
 */
import type { Step, StepId } from '../../model/flow.js';
import { seq, type Block } from './blocks.js';
import { ArgoImportCode } from './codes.js';
import { parseWhen } from './conditions.js';
import { scopeOf, type Frame, type ImportContext } from './context.js';
import { printJExpr, type JExpr } from './jexpr.js';
import { leafStep, textTranslator } from './leaf.js';
import { loopItems } from './loops.js';
import { arr, obj, str, type Obj } from './source.js';
import { literalText } from './text.js';
import { failingCommand } from '../shell-text.js';
import type { NamedStep } from './vars.js';

/** One call: the Argo step or task (`raw`), its name, and the step id handed out for it. */
export interface Call {
  name: string;
  id: StepId;
  raw: Obj;
  /** A JSONata condition from the task's `depends` (dag.ts), added to its `when`. */
  condition?: string;
}

/** Builds the block of a steps or dag template; given to expandCall to avoid an import cycle. */
export type TemplateBlock = (ctx: ImportContext, tmpl: Obj, frame: Frame, prefix: string) => Block;

/** What a template call's output looks like before it is expanded (for `steps.<name>` references). */
export function outputKind(ctx: ImportContext, raw: Obj): NamedStep['output'] {
  if (raw['withItems'] !== undefined || raw['withParam'] !== undefined || raw['withSequence'] !== undefined) return 'other';
  const tmpl = obj(raw['inline']) ?? ctx.templates.get(str(raw['template']) ?? '');
  if (!tmpl) return 'other';
  if (tmpl['container'] || tmpl['script'] || tmpl['resource']) return 'shell';
  return tmpl['http'] ? 'http' : 'other';
}

/** The block for `call` made in `frame`; `nested` builds steps and dag templates. */
export function expandCall(ctx: ImportContext, call: Call, frame: Frame, nested: TemplateBlock): Block {
  const { raw, id } = call;
  const text = textTranslator(ctx, frame, frame.template, id);
  const passed = new Map<string, string>();
  const args = obj(raw['arguments']);
  for (const p of arr(args?.['parameters'])) {
    const name = str(obj(p)?.['name']);
    const value = str(obj(p)?.['value']);
    if (name !== undefined && value !== undefined) passed.set(name, text(value));
  }
  if (arr(args?.['artifacts']).length) {
    ctx.report(ArgoImportCode.artifacts, id, `${call.name}: artifacts passed to it are not imported`, { at: frame.template });
  }
  for (const hook of ['hooks', 'onExit'] as const) {
    if (raw[hook] !== undefined) ctx.report(ArgoImportCode.exitHandler, id, `${call.name}: its ${hook} (lifecycle hooks) were not imported`, { at: frame.template });
  }
  const looped = raw['withItems'] !== undefined || raw['withParam'] !== undefined || raw['withSequence'] !== undefined;
  const innerId = looped ? ctx.ids.take(`${id}-each`) : id;
  let body = inner(ctx, call, innerId, frame, passed, nested);
  const gate = conditionOf(ctx, call, frame);
  if (gate) body = { kind: 'gate', id: ctx.ids.take(`${id}-when`), ...gate, body };
  if (!looped) return body;
  const items = loopItems(ctx, raw, frame, call.name, id);
  return { kind: 'map', id, step: { type: 'map', items, title: call.name, description: `Argo loop over ${literalText(describeLoop(raw))}` }, body };
}

function inner(ctx: ImportContext, call: Call, id: StepId, frame: Frame, passed: Map<string, string>, nested: TemplateBlock): Block {
  const ref = obj(call.raw['templateRef']);
  const name = str(call.raw['template']);
  if (ref) {
    const target = `${str(ref['name']) ?? '?'}/${str(ref['template']) ?? '?'}`;
    ctx.report(
      ArgoImportCode.templateRef,
      id,
      `${call.name} runs template ${target} of another WorkflowTemplate; it became a call of ${str(ref['name']) ?? 'subflow'}.yaml: import that WorkflowTemplate too`,
      { at: frame.template },
    );
    return callStep(id, call.name, `${str(ref['name']) ?? 'subflow'}.yaml`, passed, `Argo templateRef ${target}`);
  }
  const inline = obj(call.raw['inline']);
  // An inline template has no name of its own: it is named after the task for messages.
  const tmpl = inline ? { ...inline, name: str(inline['name']) ?? `${call.name}-inline` } : ctx.templates.get(name ?? '');
  if (!tmpl) {
    ctx.report(ArgoImportCode.unsupportedTemplate, id, `${call.name} runs template ${name ?? '(none)'}, which is not in this document; the step is a placeholder that fails`, { at: frame.template });
    return { kind: 'step', id, step: { type: 'task', title: call.name, shell: failingCommand(`template ${name ?? '(none)'} is missing`) } };
  }
  const tmplName = str(tmpl['name']) ?? name ?? call.name;
  if (frame.stack.includes(tmplName)) {
    const file = frame.stack[0] === tmplName ? `${ctx.flowName}.yaml` : `${ctx.flowName}-${tmplName}.yaml`;
    ctx.report(ArgoImportCode.recursion, id, `${call.name} calls template ${tmplName} again (recursion); it became a call of ${file}, which runs the flow from that template`, { at: tmplName });
    return callStep(id, call.name, file, passed, `Argo recursive call of template ${tmplName}`);
  }
  ctx.used.add(tmplName);
  const params = new Map<string, string>();
  const nestedCall = tmpl['steps'] !== undefined || tmpl['dag'] !== undefined;
  const via = nestedCall ? [...frame.via, `${call.name} (template ${tmplName})`] : frame.via;
  const calleeFrame: Frame = { template: tmplName, params, stack: [...frame.stack, tmplName], names: new Map(), exitHandler: frame.exitHandler, via };
  const defaults = textTranslator(ctx, calleeFrame, tmplName, id);
  for (const p of arr(obj(tmpl['inputs'])?.['parameters'])) {
    const pname = str(obj(p)?.['name']);
    const fallback = str(obj(p)?.['value']) ?? str(obj(p)?.['default']);
    if (pname === undefined) continue;
    const value = passed.get(pname) ?? (fallback === undefined ? undefined : defaults(fallback));
    if (value !== undefined) params.set(pname, value);
  }
  if (nestedCall) {
    for (const field of ['retryStrategy', 'activeDeadlineSeconds', 'timeout'] as const) {
      if (tmpl[field] !== undefined) ctx.report(ArgoImportCode.retry, id, `template ${tmplName}: ${field} on a steps/dag template was left out; set it on the steps inside`, { at: tmplName });
    }
    if (call.raw['continueOn'] !== undefined) ctx.report(ArgoImportCode.depends, id, `${call.name}: continueOn on a nested template was left out`, { at: frame.template });
    return nested(ctx, tmpl, calleeFrame, id);
  }
  const { step } = leafStep(ctx, tmpl, calleeFrame, id, call.name);
  const continueOn = obj(call.raw['continueOn']);
  if (continueOn?.['failed'] === true || continueOn?.['error'] === true) step.continueOnError = true;
  return { kind: 'step', id, step };
}

function callStep(id: StepId, title: string, flow: string, passed: Map<string, string>, description: string): Block {
  const step: Step = { type: 'task', title, description, call: passed.size ? { flow, input: Object.fromEntries(passed) } : flow };
  return { kind: 'step', id, step };
}

/** The call's `when` and depends condition as one JSONata condition, or undefined when it has none. */
function conditionOf(ctx: ImportContext, call: Call, frame: Frame): { when: string; title: string; description?: string } | undefined {
  const parts: string[] = call.condition === undefined ? [] : [call.condition];
  const when = str(call.raw['when']);
  let description: string | undefined;
  if (when !== undefined) {
    const parsed = parseWhen(when, scopeOf(frame));
    const where = { template: frame.template, step: call.id };
    if (parsed.ok) {
      parts.unshift(printJExpr(parsed.expr));
      for (const note of parsed.notes) ctx.report(ArgoImportCode.condition, where.step, `${call.name}: when "${when}": ${note}`, { at: where.template });
      // Each copy of the exit handler knows workflow.status (workflow.ts: one after success, one
      // on the failure path): a branch on it is decided per copy, and said so (issue #11 item 17).
      if (frame.exitHandler && /workflow\.status/.test(when) && isConstant(parsed.expr)) {
        description = `Argo exit-handler branch on the workflow status (${literalText(when)}); in this copy of the exit handler the status is ${frame.exitHandler}`;
        ctx.report(
          ArgoImportCode.exitHandler,
          where.step,
          `${call.name}: when "${when}" reads workflow.status, which the import maps to the run's outcome: the exit handler is appended after success (status "Succeeded", here ${printJExpr(parsed.expr)}) and again on the path that catches a failure of the main steps (status "Failed"), so this branch runs in whichever copy its condition holds`,
          { at: where.template },
        );
      }
    } else {
      description = `Argo condition, not translated: ${literalText(when)}`;
      ctx.report(
        ArgoImportCode.condition,
        where.step,
        `${call.name}: when "${when}" could not be translated (${parsed.reason}); the branch always runs it: rewrite the case by hand`,
        { at: where.template },
      );
      parts.unshift('true');
    }
  }
  if (parts.length === 0) return undefined;
  const text = parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' and ');
  return { when: text, title: `${call.name}?`, ...(description === undefined ? {} : { description }) };
}

/** True when `e` reads nothing (no path): its value is fixed at import time. */
function isConstant(e: JExpr): boolean {
  switch (e.kind) {
    case 'path':
      return false;
    case 'literal':
      return true;
    case 'binary':
      return isConstant(e.left) && isConstant(e.right);
    default:
      return isConstant(e.operand);
  }
}

function describeLoop(raw: Obj): string {
  if (raw['withItems'] !== undefined) return 'withItems';
  if (raw['withParam'] !== undefined) return `withParam ${str(raw['withParam']) ?? ''}`;
  return 'withSequence';
}

/** A block for a group of calls that Argo runs at once. */
export function parallelOf(id: string, blocks: Block[]): Block {
  return blocks.length === 1 ? blocks[0]! : { kind: 'par', id, branches: blocks.map((b) => seq([b])) };
}
