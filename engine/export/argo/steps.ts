/**
 * The Argo template each step runs (DESIGN.md step types): task bodies via bodies.ts, approvals and
 * waits as `suspend` templates, fail steps as a script that exits 1, and branch, parallel, join and
 * succeed steps as shared no-op templates (a suspend that resumes at once, which needs no pod).
 * Map steps are built by map.ts. Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/suspending/
 * and …/intermediate-inputs/ (a suspend node whose output parameter a person supplies on resume).
 */
import type { ApprovalStep, FailStep, Step, StepId, WaitStep } from '../../model/flow.js';
import { bodyTarget, SHELL_IMAGE } from './bodies.js';
import { ArgoExportCode } from './codes.js';
import { Annotation, SharedTemplate } from '../../interop/argo/conventions.js';
import type { ArgoParameter, ArgoTemplate, ExportContext } from './context.js';
import { toGoDuration } from '../../interop/argo/duration.js';
import { applyLimits } from './retry.js';
import { callbackTemplates } from './callback.js';
import { runStepToken, withCallbackToken } from '../callback-token.js';
import type { TextRewriter } from './text.js';

/** What a DAG task names to run: a template, or a templateRef with its arguments. */
export interface TaskTarget {
  template?: string;
  templateRef?: { name: string; template: string };
  arguments?: { parameters: ArgoParameter[] };
}

/** Output parameter of an approval's suspend node: `approve`, `reject`, or `timeout` when its duration ran out. */
export const DECISION = 'decision';

/** The target for step `id` (any type but map); adds the step's template to `ctx`. */
export function stepTarget(ctx: ExportContext, text: TextRewriter, id: StepId, step: Exclude<Step, { type: 'map' }>): TaskTarget {
  reportRunData(ctx, id, step);
  switch (step.type) {
    case 'task': {
      if (step.callback) {
        // The step's template is a DAG of the executor and a suspend (callback.ts).
        const name = ctx.templateNames.take(id);
        const target = bodyTarget(ctx, text, ctx.templateNames.take(`${id}-call`), withCallbackToken(step, runStepToken(id)), id);
        if (target.kind === 'template') {
          applyLimits(ctx, target.template, { timeout: step.timeout ?? ctx.flow.defaults?.timeout, retry: step.retry ?? ctx.flow.defaults?.retry }, id);
          return { template: callbackTemplates(ctx, id, { ...step, callback: step.callback }, name, target.template) };
        }
      }
      const target = bodyTarget(ctx, text, ctx.templateNames.take(id), step, id);
      const limits = { timeout: step.timeout ?? ctx.flow.defaults?.timeout, retry: step.retry ?? ctx.flow.defaults?.retry };
      if (target.kind === 'ref') {
        if (limits.timeout !== undefined || limits.retry !== undefined) {
          ctx.report(ArgoExportCode.subflow, id, 'timeout and retry of a subflow call are not applied; set them in the called WorkflowTemplate');
        }
        return { templateRef: target.templateRef, ...(target.parameters.length ? { arguments: { parameters: target.parameters } } : {}) };
      }
      applyLimits(ctx, target.template, limits, id);
      return { template: ctx.addTemplate(annotate(target.template, id, step)) };
    }
    case 'approval':
      return { template: ctx.addTemplate(annotate(approvalTemplate(ctx, text, id, step), id, step)) };
    case 'wait':
      return { template: ctx.addTemplate(annotate(waitTemplate(ctx, id, step), id, step)) };
    case 'fail':
      return { template: ctx.addTemplate(annotate(failTemplate(ctx, text, ctx.templateNames.take(id), step, id), id, step)) };
    case 'branch':
    case 'parallel':
    case 'join':
    case 'succeed':
      return { template: noopTemplate(ctx, id, step) };
  }
}

/**
 * The no-op template of a branch, parallel, join or succeed step: the shared one, or — when the
 * step has a title or description to keep — one of its own (a suspend that resumes at once).
 */
function noopTemplate(ctx: ExportContext, id: StepId, step: Step & { type: 'branch' | 'parallel' | 'join' | 'succeed' }): string {
  if (step.title === undefined && step.description === undefined) return ctx.noop(SharedTemplate[step.type], step.type);
  return ctx.addTemplate(annotate({ name: ctx.templateNames.take(id), suspend: { duration: '0' } }, id, step));
}

/** Adds the step's id, type, title and description as annotations (read back by the importer). */
export function annotate(template: ArgoTemplate, id: StepId, step: Step): ArgoTemplate {
  const annotations: Record<string, string> = { [Annotation.step]: id, [Annotation.type]: step.type };
  if (step.title !== undefined) annotations[Annotation.title] = step.title;
  if (step.description !== undefined) annotations[Annotation.description] = step.description;
  const { name, metadata, ...rest } = template;
  Object.assign(annotations, metadata?.annotations ?? {});
  return { name, metadata: { annotations }, ...rest };
}

function approvalTemplate(ctx: ExportContext, text: TextRewriter, id: StepId, step: ApprovalStep): ArgoTemplate {
  const timeout = step.timeout ?? ctx.flow.defaults?.timeout;
  const quorum = step.quorum ?? 1;
  const annotations: Record<string, string> = { [Annotation.approvers]: step.approvers.join(', '), [Annotation.quorum]: String(quorum) };
  if (step.message !== undefined) annotations[Annotation.message] = step.message;
  ctx.report(
    ArgoExportCode.approvalIdentity,
    id,
    `Argo's suspend does not check who resumes it: approvers ${step.approvers.join(', ')} (quorum ${quorum}) and the message are kept as annotations only; restrict who may resume with RBAC`,
  );
  const timeoutNote = timeout === undefined ? '' : `; when ${timeout} pass without a decision, Argo resumes the node itself and the decision is "timeout"`;
  ctx.report(
    ArgoExportCode.approvalDecision,
    id,
    `approve or reject by resuming the workflow with the output parameter ${DECISION} set to approve or reject (Argo UI form, or argo node set --output-parameter ${DECISION}=approve); a plain argo resume leaves it unset${timeoutNote}`,
  );
  const valueFrom: ArgoParameter['valueFrom'] = { supplied: {} };
  if (timeout !== undefined) valueFrom.default = 'timeout';
  return {
    name: ctx.templateNames.take(id),
    metadata: { annotations },
    suspend: timeout === undefined ? {} : { duration: toGoDuration(timeout) },
    inputs: {
      parameters: [
        { name: DECISION, default: 'approve', enum: ['approve', 'reject'], description: text.text(step.message ?? `Approve step ${id}?`) },
      ],
    },
    outputs: { parameters: [{ name: DECISION, valueFrom }] },
  };
}

function waitTemplate(ctx: ExportContext, id: StepId, step: WaitStep): ArgoTemplate {
  const name = ctx.templateNames.take(id);
  if (step.duration !== undefined) return { name, suspend: { duration: toGoDuration(step.duration) } };
  ctx.report(
    ArgoExportCode.waitUntil,
    id,
    `wait until "${step.until ?? ''}" cannot be computed by Argo, whose suspend only takes a fixed duration; the workflow suspends here until someone resumes it`,
  );
  return { name, metadata: { annotations: { [Annotation.until]: step.until ?? '' } }, suspend: {} };
}

/** A script that prints the message to stderr and exits 1, failing the workflow (or its handler path). */
export function failTemplate(ctx: ExportContext, text: TextRewriter, name: string, step: Pick<FailStep, 'error' | 'message'>, id: StepId): ArgoTemplate {
  const error = step.error ?? 'Failed';
  ctx.report(ArgoExportCode.failStep, id, `Argo only sees a failed pod: the error name ${error} is kept as an annotation`, { severity: 'info' });
  return {
    name,
    metadata: { annotations: { [Annotation.error]: error } },
    script: {
      image: SHELL_IMAGE,
      command: ['sh'],
      source: `printf '%s: %s\\n' "$FLOWSMITH_ERROR" "$FLOWSMITH_MESSAGE" >&2\nexit 1`,
      env: [
        { name: 'FLOWSMITH_ERROR', value: error },
        { name: 'FLOWSMITH_MESSAGE', value: text.text(step.message ?? `${id} failed the run`) },
      ],
    },
  };
}

function reportRunData(ctx: ExportContext, id: StepId, step: Step): void {
  if (step.set !== undefined) {
    ctx.report(ArgoExportCode.runData, id, `set: ${Object.keys(step.set).join(', ')} was left out: Argo has no run variables`);
  }
  if (step.output !== undefined) {
    ctx.report(ArgoExportCode.runData, id, `output: ${step.output} was left out: Argo keeps a task's stdout as its result, unshaped`);
  }
}
