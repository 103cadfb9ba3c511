import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { MemoryRunLog } from '../store/memory-log.js';
import { RunDriver } from './driver.js';
import type { RunEvent } from './events.js';
import { VirtualClock } from './virtual-clock.js';

function approvals(n: number): Flow {
  const steps: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) steps[`a${i}`] = { type: 'approval', approvers: ['ops'], ...(i < n - 1 ? { next: `a${i + 1}` } : {}) };
  steps.a0 = { ...(steps.a0 as object), message: 'plain text, no template' };
  return { flowsmith: '1.0', name: 'chain', start: 'a0', steps } as unknown as Flow;
}

describe('instant steps', () => {
  it('journal start and outcome in one commit, and a simulation waits for answers already queued', async () => {
    const log = new MemoryRunLog();
    const appends: number[] = [];
    const journal = { ...log, append: (run: string, seq: number, events: readonly RunEvent[]) => (appends.push(events.length), log.append(run, seq, events)), appendLog: () => {} };
    const started: RunEvent = {
      type: 'RunStarted', at: 0, run: 'r', flow: 'chain', flowPath: '/chain.yaml', input: {}, vars: {},
      mode: 'simulate', semantics: 1, workdir: '/tmp/none', start: 'a0',
    };
    log.createRun(started);
    const driver: RunDriver = new RunDriver(approvals(5), [started], {
      journal,
      clock: new VirtualClock(0),
      random: () => 0,
      // Answered "as soon as asked", from the event report, one microtask later.
      onEvent: (_run, _seq, e) => {
        if (e.type === 'ApprovalRequested') queueMicrotask(() => driver.answerApproval(e.step, 'ops', 'approve'));
      },
    });
    const state = await driver.drive({ stopWhenWaiting: false });
    expect(state.status).toBe('succeeded');
    expect(state.path).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    // StepStarted and ApprovalRequested travel together: one commit, not two.
    expect(appends.filter((n) => n === 2)).toHaveLength(5);
    expect(state.steps.a0?.approval?.message).toBe('plain text, no template');
  });
});
