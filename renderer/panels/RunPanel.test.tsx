// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import type { RunEvent } from '../../engine/runtime/events';
import { setup } from '../test-support';
import { RunPanel } from './RunPanel';

afterEach(cleanup);

const flow: Flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'approve',
  steps: { approve: { type: 'approval', approvers: ['ops-manager'], next: 'done' }, done: { type: 'succeed' } },
};

const events: RunEvent[] = [
  { type: 'RunStarted', at: 0, run: 'r1', flow: 'deploy', flowPath: '/w/flow.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp', start: 'approve' },
  { type: 'StepStarted', at: 1, step: 'approve', attempt: 1 },
  { type: 'ApprovalRequested', at: 2, step: 'approve', approvers: ['ops-manager'], quorum: 1, message: 'Ship it?', dueAt: null },
];

describe('RunPanel', () => {
  it('folds events that arrive before startRun answers and answers an approval', async () => {
    let emitEarly: () => void = () => undefined;
    const { actions, calls, emit, store, wrapper } = setup(flow, {
      startRun: () => {
        emitEarly(); // the engine is fast: events stream before the call returns
        return { run: 'r1' };
      },
      getRun: () => ({ record: {}, events: events.map((event, i) => ({ seq: i + 1, event })) }),
    });
    store.getState().markSaved('/w/flow.yaml', store.getState().text);
    emitEarly = () => events.forEach((event, i) => emit({ kind: 'runEvent', run: 'r1', seq: i + 1, event }));
    actions.start();
    render(<RunPanel />, { wrapper });
    await act(() => actions.startRun({}));

    const panel = document.querySelector('[data-run-status]');
    expect(panel?.getAttribute('data-run-status')).toBe('waiting');
    expect(screen.getByText('Ship it?')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'looks fine' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Approve' })));
    expect(calls.find((c) => c.method === 'answerApproval')?.params).toEqual({
      run: 'r1', step: 'approve', verdict: 'approve', as: 'ops-manager', comment: 'looks fine',
    });

    act(() => {
      emit({ kind: 'runEvent', run: 'r1', seq: 4, event: { type: 'ApprovalGiven', at: 3, step: 'approve', by: 'ops-manager', verdict: 'approve' } });
      emit({ kind: 'runEvent', run: 'r1', seq: 5, event: { type: 'StepSucceeded', at: 4, step: 'approve', output: null, next: ['done'] } });
    });
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(store.getState().run?.steps.approve?.status).toBe('succeeded');
  });

  it('saves first when the document has unsaved edits', async () => {
    const { actions, calls, store } = setup(flow, {
      saveFlowText: ({ path, text }) => ({ path, text, findings: [] }),
      startRun: () => ({ run: 'r2' }),
      getRun: () => ({ record: {}, events: [] }),
    });
    store.getState().edit((f) => ({ ...f, title: 'Deploy' }));
    await actions.startRun({ version: '1' });
    // The text is saved (listFiles refreshes the Files panel after it), then the run starts.
    expect(calls.map((c) => c.method).filter((m) => m !== 'listFiles')).toEqual(['saveFlowText', 'startRun', 'getRun']);
    expect(store.getState().isDirty()).toBe(false);
  });
});
