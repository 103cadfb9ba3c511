/**
 * Test fixture: a plausible journal of `steps` steps (retries, an approval, a pause with edited
 * vars, a loop back to an earlier step) ending in RunSucceeded. Deterministic: times count up.
 */
import type { JournalEntry, RunEvent } from '../../engine/runtime/events';

/** A journal of at least `steps` * 2 events for run `run`, as entries with seq from 1. */
export function fakeJournal(run: string, steps: number): JournalEntry[] {
  let at = 1_000;
  const ev: RunEvent[] = [
    {
      type: 'RunStarted', at, run, flow: 'big', flowPath: '/w/big.yaml', input: { n: steps }, vars: { count: 0 },
      mode: 'simulate', semantics: 1, workdir: '/tmp/w', start: 's0',
    },
  ];
  const push = (e: Record<string, unknown>) => ev.push({ ...e, at: (at += 10) } as RunEvent);
  for (let i = 0; i < steps; i++) {
    const step = `s${i}`;
    const next = i + 1 < steps ? [`s${i + 1}`] : [];
    push({ type: 'StepStarted', step, attempt: 1 });
    if (i % 7 === 3) {
      push({ type: 'StepRetryScheduled', step, attempt: 1, error: { name: 'Flaky', message: 'try again' }, dueAt: at + 5 });
      push({ type: 'StepStarted', step, attempt: 2 });
    }
    if (i % 11 === 5) {
      push({ type: 'ApprovalRequested', step, approvers: ['ops'], quorum: 1, message: 'ok?', dueAt: null });
      push({ type: 'ApprovalGiven', step, by: 'ops', verdict: 'approve' });
    }
    if (i % 13 === 6) {
      push({ type: 'RunPaused', reason: 'breakpoint', step });
      push({ type: 'VarsEdited', vars: { count: i, note: `at ${step}` } });
      push({ type: 'RunResumed', stepping: false });
    }
    push({ type: 'StepSucceeded', step, output: { i, lines: [`out ${i}`] }, next, vars: { count: i } });
  }
  push({ type: 'RunSucceeded' });
  return ev.map((event, i) => ({ seq: i + 1, event }));
}
