/**
 * Executes map steps and `call` tasks through child runs (children.ts): evaluates the items, keeps
 * at most `concurrency` item runs going, collects their outputs in item order, and fails the step
 * with the first item's failure (cancelling the items still running).
 */
import { evaluateExpression, interpolateJson } from '../expr/index.js';
import { StepFailure } from '../model/execution.js';
import type { Flow, Json, JsonObject, MapStep, StepId, StepMock, TaskBody } from '../model/flow.js';
import { mapBody } from '../model/subflow.js';
import { bindingsOf } from './bindings.js';
import type { ChildRuns } from './children.js';
import { childError, childRunId, runOutput } from './children.js';
import type { Clock } from './clock.js';
import type { RunId } from './events.js';
import type { RunState } from './state.js';

/** What map and call need from the driver that runs the parent. */
export interface ChildContext {
  flow: Flow;
  state: RunState;
  children: ChildRuns | undefined;
  clock: Clock;
  signal: AbortSignal;
  mockFor?: (step: StepId, attempt: number) => StepMock | undefined;
  /** Journals ChildRunStarted in the parent's journal. */
  childRunStarted(step: StepId, index: number, child: RunId): void;
}

function need(ctx: ChildContext, what: string): ChildRuns {
  if (!ctx.children) throw new StepFailure('Unsupported', `${what} needs child runs, which this host does not provide`);
  return ctx.children;
}

/** Runs a map step's items; resolves with their outputs in item order. Throws StepFailure. */
export async function runMap(ctx: ChildContext, id: StepId, step: MapStep, attempt: number): Promise<Json[]> {
  const children = need(ctx, `map step ${id}`);
  const value = await evaluateExpression(step.items, bindingsOf(ctx.state));
  // JSONata returns a lone value for a one-item sequence and undefined for none.
  const items: Json[] = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  const body = mapBody(ctx.flow, step);
  const subflow = ctx.state.subflowChain ? `${ctx.state.subflowChain}/${id}` : id;
  const outputs: Json[] = new Array<Json>(items.length).fill(null);
  // One failing item cancels its siblings; the step's own abort (cancel, timeout) does too.
  const stop = new AbortController();
  const onAbort = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let next = 0;
  let firstFailure: StepFailure | null = null;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop.signal.aborted) {
      const index = next++;
      const childId = childRunId(ctx.state, id, attempt, index);
      const vars: JsonObject = { ...ctx.state.vars, ...(step.as ? { [step.as]: items[index]! } : {}) };
      children.ensure(ctx.state, {
        id: childId, at: ctx.clock.now(), step: id, index, flow: body, flowPath: ctx.state.flowPath, subflow,
        input: ctx.state.input, vars, item: items[index]!,
      });
      if (ctx.state.children[id]?.[index] !== childId) {
        ctx.childRunStarted(id, index, childId);
      }
      const final = await children.drive(childId, { clock: ctx.clock, signal: stop.signal, ...(ctx.mockFor ? { mockFor: ctx.mockFor } : {}) });
      if (final.status !== 'succeeded') {
        if (firstFailure) return; // a sibling failed first and cancelled this item
        const e = childError(final, `item ${index} (run ${childId})`);
        firstFailure = new StepFailure(e.name, e.message);
        stop.abort(firstFailure);
        return;
      }
      outputs[index] = runOutput(final);
    }
  };
  const limit = Math.max(1, Math.min(step.concurrency ?? items.length, items.length));
  try {
    const guarded = () =>
      worker().catch((err: unknown) => {
        // An item that could not even start (e.g. its journal write failed) stops the others too.
        firstFailure ??= err instanceof StepFailure ? err : new StepFailure('Error', (err as Error).message);
        stop.abort(firstFailure);
      });
    await Promise.all(Array.from({ length: limit }, guarded));
    if (ctx.signal.aborted) throw ctx.signal.reason instanceof StepFailure ? ctx.signal.reason : new StepFailure('Cancelled', `${id} was cancelled`);
    if (firstFailure) throw firstFailure;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
  return outputs;
}

/** Runs a `call` task's flow as a child run; resolves with its output. Throws StepFailure. */
export async function runCall(ctx: ChildContext, id: StepId, body: TaskBody, attempt: number): Promise<Json> {
  const children = need(ctx, `call step ${id}`);
  const spec = typeof body.call === 'string' ? { flow: body.call } : body.call!;
  const input = spec.input === undefined ? {} : await interpolateJson(spec.input, bindingsOf(ctx.state));
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new StepFailure('CallError', `${id}: call input must be an object`);
  }
  const target = children.resolveCall(spec.flow, ctx.state);
  const childId = childRunId(ctx.state, id, attempt, 0);
  children.ensure(ctx.state, {
    id: childId, at: ctx.clock.now(), step: id, index: 0, flow: target.flow, flowPath: target.flowPath, flowText: target.flowText,
    input: input as JsonObject, vars: (target.flow.vars ?? {}) as JsonObject,
  });
  if (ctx.state.children[id]?.[0] !== childId) {
    ctx.childRunStarted(id, 0, childId);
  }
  const final = await children.drive(childId, { clock: ctx.clock, signal: ctx.signal, ...(ctx.mockFor ? { mockFor: ctx.mockFor } : {}) });
  if (final.status !== 'succeeded') {
    const e = childError(final, `called flow ${target.flow.name} (run ${childId})`);
    throw new StepFailure(e.name, e.message);
  }
  return runOutput(final);
}
