/**
 * Steps whose outcome is known the moment they start, without I/O or an expression to await:
 * the transition journals their StepStarted and outcome in one commit and the driver goes on
 * synchronously, with no promise, timer or second transaction per step (issue #3 benchmarks
 * W1/W2/W6). Safe for durability: these steps have no side effect to repeat or lose. Pure.
 */
import type { Flow, Json, Step, StepId, TaskStep } from '../model/flow.js';
import { parseDurationMs } from '../model/duration.js';
import type { EpochMs, RunEvent } from './events.js';

/**
 * An executor that can answer a task attempt at once (the simulated one: a mock that neither
 * waits nor fails): returns the raw output, or undefined when the attempt must be executed.
 */
export type AnswerAtOnce = (id: StepId, step: TaskStep, attempt: number) => { output: Json } | undefined;

/**
 * The event that ends (or, for an approval, parks) step `id` at once, or undefined when it must
 * run through step-exec.ts: parallel, `all` joins and succeed steps; tasks that shape no output
 * and that `answerAtOnce` answers; approvals whose message has no `{{ }}`.
 */
export function instantOutcome(
  flow: Flow,
  id: StepId,
  step: Step,
  attempt: number,
  at: EpochMs,
  answerAtOnce: AnswerAtOnce | undefined,
): RunEvent | undefined {
  const next = step.next ? [step.next] : [];
  switch (step.type) {
    case 'parallel':
      return { type: 'StepSucceeded', at, step: id, output: null, next: step.branches };
    case 'succeed':
      return { type: 'StepSucceeded', at, step: id, output: null, next };
    case 'join':
      // `any`/`count` joins cancel the branches left behind: transition.ts handles them.
      return step.mode === undefined || step.mode === 'all' ? { type: 'StepSucceeded', at, step: id, output: null, next } : undefined;
    case 'task': {
      // A callback waits for its answer after the executor: never instant.
      if (!answerAtOnce || step.output !== undefined || step.set !== undefined || step.callback) return undefined;
      const answer = answerAtOnce(id, step, attempt);
      return answer && { type: 'StepSucceeded', at, step: id, output: answer.output, next };
    }
    case 'approval': {
      if (step.message?.includes('{{')) return undefined;
      const due = step.timeout ?? flow.defaults?.timeout;
      return {
        type: 'ApprovalRequested', at, step: id, approvers: step.approvers, quorum: step.quorum ?? 1,
        message: step.message ?? '', dueAt: due === undefined ? null : at + parseDurationMs(due),
      };
    }
    default:
      return undefined;
  }
}
