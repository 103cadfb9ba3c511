/**
 * Suspend and http templates as native steps. A suspend with a duration is a timer (`wait`); one
 * without is a person resuming the workflow, i.e. an approval whose approvers Argo never names
 * (FS223: placeholders to fill in). Templates written by Flowsmith's exporter carry annotations
 * (engine/interop/argo/conventions.ts Annotation) that restore approvers, quorum, message and `until`.
 * Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/suspending/ and …/http-template/.
 */
import { fromArgoDuration } from '../../interop/argo/duration.js';
import type { Json, Step, StepId } from '../../model/flow.js';
import { ArgoImportCode } from './codes.js';
import type { ImportContext } from './context.js';
import { arr, obj, str, type Obj } from './source.js';

/** Approver written for imported approvals: Argo suspends do not say who may resume them. */
export const PLACEHOLDER_APPROVER = 'fill-in-approver';

/** A suspend template as a wait (with a duration) or an approval (without, or annotated as one). */
export function suspendStep(ctx: ImportContext, tmpl: Obj, id: StepId, text: (s: string) => string): Step {
  const name = str(tmpl['name']) ?? '?';
  const annotations = obj(obj(tmpl['metadata'])?.['annotations']) ?? {};
  const type = str(annotations['flowsmith.io/step-type']);
  const rawDuration = obj(tmpl['suspend'])?.['duration'];
  const duration = fromArgoDuration(rawDuration);
  if (rawDuration !== undefined && duration === undefined) {
    ctx.report(ArgoImportCode.timeout, id, `template ${name}: suspend duration ${JSON.stringify(rawDuration)} is not a fixed duration and was left out`, { at: name });
  }
  if (type === 'wait' || (type === undefined && duration !== undefined)) {
    const until = str(annotations['flowsmith.io/until']);
    if (until !== undefined && duration === undefined) return { type: 'wait', until };
    return { type: 'wait', duration: duration ?? '0s' };
  }
  const listed = (str(annotations['flowsmith.io/approvers']) ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const approvers = listed.length ? listed : [PLACEHOLDER_APPROVER];
  if (!listed.length) {
    ctx.report(
      ArgoImportCode.approval,
      id,
      `template ${name} suspends the workflow until someone resumes it; it became an approval with the placeholder approver ${PLACEHOLDER_APPROVER}: fill in who may approve`,
      { at: name },
    );
  }
  const supplied = arr(obj(tmpl['outputs'])?.['parameters']).filter((p) => obj(obj(p)?.['valueFrom'])?.['supplied'] !== undefined);
  if (supplied.length && type !== 'approval') {
    const names = supplied.map((p) => str(obj(p)?.['name'])).join(', ');
    ctx.report(
      ArgoImportCode.artifacts,
      id,
      `template ${name}: the values supplied on resume (${names}) are not collected; a Flowsmith approval records approve or reject, its approvers and comments`,
      { at: name },
    );
  }
  const step: Step = { type: 'approval', approvers };
  const quorum = Number(str(annotations['flowsmith.io/quorum']));
  if (Number.isInteger(quorum) && quorum > 1) step.quorum = quorum;
  const described = arr(obj(tmpl['inputs'])?.['parameters']).map((p) => str(obj(p)?.['description'])).find((d) => d !== undefined);
  const message = str(annotations['flowsmith.io/message']) ?? (described === undefined ? undefined : text(described));
  if (message !== undefined) step.message = message;
  if (duration !== undefined) step.timeout = duration;
  return step;
}

/** An http template as an http task; `response.statusCode == N || …` becomes expectStatus. */
export function httpStep(ctx: ImportContext, tmpl: Obj, id: StepId, text: (s: string) => string): Step {
  const name = str(tmpl['name']) ?? '?';
  const http = obj(tmpl['http'])!;
  const spec: NonNullable<Extract<Step, { type: 'task' }>['http']> = { url: text(str(http['url']) ?? '') };
  const method = str(http['method']);
  if (method !== undefined) spec.method = method.toUpperCase();
  const headers = arr(http['headers'])
    .map((h) => [str(obj(h)?.['name']), str(obj(h)?.['value'])] as const)
    .filter((h): h is [string, string] => h[0] !== undefined && h[1] !== undefined);
  if (headers.length) spec.headers = Object.fromEntries(headers.map(([k, v]) => [k, text(v)]));
  const body = str(http['body']);
  if (body !== undefined) spec.body = parseBody(text(body));
  const condition = str(http['successCondition']);
  if (condition !== undefined) {
    const codes = condition.split('||').map((part) => /^\s*response\.statusCode\s*==\s*(\d{3})\s*$/.exec(part)?.[1]);
    if (codes.every((c) => c !== undefined)) spec.expectStatus = codes.map(Number);
    else ctx.report(ArgoImportCode.condition, id, `template ${name}: successCondition "${condition}" has no Flowsmith equivalent; any 2xx status counts as success`, { at: name });
  }
  const step: Step = { type: 'task', http: spec };
  const timeout = fromArgoDuration(http['timeoutSeconds']);
  if (timeout !== undefined) step.timeout = timeout;
  if (http['bodyFrom'] !== undefined || http['insecureSkipVerify'] !== undefined) {
    ctx.report(ArgoImportCode.ignoredField, id, `template ${name}: http bodyFrom/insecureSkipVerify were ignored`, { severity: 'info', at: name });
  }
  return step;
}

function parseBody(body: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch {
    return body;
  }
}
