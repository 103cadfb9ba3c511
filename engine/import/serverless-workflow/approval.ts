/**
 * Serverless Workflow `listen` (dsl-reference.md "Listen", "Event Consumption Strategy") as a native
 * approval, the only native step that waits for someone outside the run (DESIGN.md "Step types").
 * A generic listen gets a placeholder approver and a message naming the awaited events, both
 * reported. Flowsmith's own approval export (conventions.ts: a do/try with role `approval`, then a
 * route switch, then maybe a raise of Rejected) is folded back into the original approval.
 */
import type { ApprovalStep, StepId } from '../../model/flow.js';
import { TaskRole } from '../../interop/serverless-workflow/conventions.js';
import { SwImportCode } from './codes.js';
import { addSimpleStep, durationOf, flowsmithMeta, report, type TaskEnv, type TaskResult } from './common.js';
import type { Target } from './context.js';
import type { ImportList } from './branching.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Approver written into imported approvals, which SW does not name; the finding says to replace it. */
export const PLACEHOLDER_APPROVER = 'fill-in-approver';

/** A generic listen task as an approval. */
export function importListen(env: TaskEnv, importList: ImportList): TaskResult {
  const to = obj(obj(env.task['listen'])['to']);
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const filters = [...list(to['all']), ...list(to['any']), ...(to['one'] ? [to['one']] : [])];
  const types = filters.map((f) => String(obj(obj(f)['with'])['type'] ?? 'an event'));
  const strategy = to['all'] !== undefined ? 'all of' : to['any'] !== undefined ? 'any of' : '';
  const what = types.length === 0 ? 'any event' : `${strategy ? `${strategy} ` : ''}${types.join(', ')}`;
  const step: ApprovalStep = { type: 'approval', approvers: [PLACEHOLDER_APPROVER], message: `Waiting for ${what}` };
  report(
    env,
    SwImportCode.listenAsApproval,
    `listen for ${what} became an approval: replace approver ${PLACEHOLDER_APPROVER} with the people who answer ` +
      '(event filters and correlation are kept in the message only)',
  );
  if (to['until'] !== undefined) report(env, SwImportCode.listenAsApproval, 'listen.until has no native equivalent: one answer ends the wait', 'info');
  const result = addSimpleStep(env, step, { linkNext: false });
  const foreach = obj(env.task['foreach']);
  let next = env.after;
  if (Array.isArray(foreach['do'])) {
    // The events' processing loop runs once, after the answer, as plain steps.
    next = importList(foreach['do'], { ...env.list, exit: env.after, at: [...env.at, 'foreach', 'do'] });
    report(env, SwImportCode.listenAsApproval, 'listen.foreach runs once after the approval instead of once per event');
  }
  env.ctx.link(next, (id) => { if (id !== undefined) step.next = id; });
  return result;
}

/** True when the task is the do/try of a Flowsmith approval export. */
export function isFlowsmithApproval(task: Obj): boolean {
  return flowsmithMeta(task)['role'] === TaskRole.approval;
}

/**
 * Folds a Flowsmith approval back: approvers, quorum and message from metadata, the timeout from
 * the listen, onTimeout from the catch (a raised fail step, or the route's timed-out case), onReject
 * and next from the route switch placed right after it.
 */
export function importFlowsmithApproval(env: TaskEnv, importList: ImportList): TaskResult {
  const meta = flowsmithMeta(env.task);
  const sequence = (Array.isArray(env.task['try']) ? env.task['try'] : env.task['do']) as Obj[] | undefined;
  const listen = (sequence ?? []).map((i) => obj(Object.values(i)[0])).find((t) => t['listen'] !== undefined);
  const step: ApprovalStep = {
    type: 'approval',
    approvers: Array.isArray(meta['approvers']) && meta['approvers'].length > 0 ? (meta['approvers'] as string[]) : [PLACEHOLDER_APPROVER],
  };
  if (typeof meta['quorum'] === 'number' && meta['quorum'] !== 1) step.quorum = meta['quorum'];
  if (typeof meta['message'] === 'string') step.message = meta['message'];
  const timeout = durationOf(obj(listen?.['timeout'])['after']);
  if (timeout !== undefined) step.timeout = timeout;
  const result = addSimpleStep({ ...env, task: { metadata: env.task['metadata'] } }, step, { linkNext: false });
  const id = result.last!;

  let next: Target = env.after;
  let onReject: Target | undefined;
  let onTimeout: Target | undefined;
  const route = env.peek(1);
  if (route !== undefined && flowsmithMeta(route[1])['role'] === TaskRole.approvalRoute) {
    env.consume(1);
    const rejected = env.peek(2);
    const generated = rejected !== undefined && flowsmithMeta(rejected[1])['role'] === TaskRole.rejected ? rejected[0] : undefined;
    if (generated !== undefined) env.consume(2);
    for (const entry of Array.isArray(route[1]['switch']) ? (route[1]['switch'] as Obj[]) : []) {
      const [name, body] = Object.entries(entry)[0] ?? [];
      const then = obj(body)['then'];
      if (name === 'default') next = env.thenOf(then);
      else if (name === 'rejected' && then !== generated) onReject = env.thenOf(then);
      else if (name === 'timed-out') onTimeout = env.thenOf(then);
    }
  }
  const handlers = obj(env.task['catch'])['do'];
  if (onTimeout === undefined && Array.isArray(handlers)) {
    const raises = handlers.some((h) => obj(Object.values(obj(h))[0])['raise'] !== undefined);
    if (raises) onTimeout = importList(handlers, { ...env.list, exit: () => undefined, at: [...env.at, 'catch', 'do'] });
  }
  link(env, next, (v) => (step.next = v));
  if (onReject !== undefined) link(env, onReject, (v) => (step.onReject = v));
  if (onTimeout !== undefined) link(env, onTimeout, (v) => (step.onTimeout = v));
  return { entry: () => id, last: id };
}

function link(env: TaskEnv, target: Target, set: (id: StepId) => void): void {
  env.ctx.link(target, (id) => { if (id !== undefined) set(id); });
}
