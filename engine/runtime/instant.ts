/**
 * Steps whose outcome is known the moment they start, without I/O or an expression to await:
 * the driver journals their StepStarted and outcome in one commit and goes on synchronously, with
 * no promise, timer or second transaction per step (issue #3 benchmarks W1/W2/W6).
 * Safe for durability: these steps have no side effect to repeat or lose. Pure.
 */
import type { Flow, Step, StepId, StepMock } from '../model/flow.js';
import { taskExecutor } from '../model/flow.js';
import { parseDurationMs } from '../model/duration.js';
import type { EpochMs, RunEvent } from './events.js';
import type { RunState } from './state.js';

/**
 * The event that ends (or, for an approval, parks) step `id` at once, or undefined when it must
 * run through step-exec.ts: parallel, `all` joins and succeed steps; simulated tasks whose mock
 * neither waits nor fails and that shape no output; approvals whose message has no `{{ }}`.
 */
export function instantOutcome(
  flow: Flow,
  run: RunState,
  id: StepId,
  step: Step,
  attempt: number,
  at: EpochMs,
  mockFor: ((step: StepId, attempt: number) => StepMock | undefined) | undefined,
): RunEvent | undefined {
  const next = step.next ? [step.next] : [];
  switch (step.type) {
    case 'parallel':
      return { type: 'StepSucceeded', at, step: id, output: null, next: step.branches };
    case 'succeed':
      return { type: 'StepSucceeded', at, step: id, output: null, next };
    case 'join':
      // `any`/`count` joins cancel the branches left behind, which the driver does.
      return step.mode === undefined || step.mode === 'all' ? { type: 'StepSucceeded', at, step: id, output: null, next } : undefined;
    case 'task': {
      if (run.mode !== 'simulate' || step.output !== undefined || step.set !== undefined) return undefined;
      const mock = mockFor?.(id, attempt) ?? step.mock;
      if (mock === undefined && taskExecutor(step) === 'call') return undefined; // simulates the called flow
      if (mock?.duration || mock?.error) return undefined;
      return { type: 'StepSucceeded', at, step: id, output: mock?.output ?? null, next };
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
