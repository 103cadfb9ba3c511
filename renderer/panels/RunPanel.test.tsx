// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualTime } from '../../engine/host/api';
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
  it('catches up on events that streamed before it watched the run, and answers an approval', async () => {
    let emitEarly: () => void = () => undefined;
    const { actions, calls, emit, store, wrapper } = setup(flow, {
      startRun: () => {
        emitEarly(); // the engine is fast: events stream before the call returns
        return { run: 'r1' };
      },
      getRun: () => ({ record: {}, events: events.map((event, i) => ({ seq: i + 1, event })) }),
      extendApproval: () => ({ dueAt: '2026-12-05T13:00:00.000Z' }),
    });
    store.getState().markSaved('/w/flow.yaml', store.getState().text);
    emitEarly = () => events.forEach((event, i) => emit({ kind: 'runEvent', run: 'r1', seq: i + 1, event }));
    actions.start();
    render(<RunPanel />, { wrapper });
    await act(() => actions.startRun({}));

    const panel = document.querySelector('[data-run-status]');
    expect(panel?.getAttribute('data-run-status')).toBe('waiting');
    expect(screen.getByText('Ship it?')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Extend' })));
    expect(calls.find((c) => c.method === 'extendApproval')?.params).toEqual({ run: 'r1', step: 'approve', by: '1h', as: 'ops-manager' });
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'looks fine' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Approve' })));
    expect(calls.find((c) => c.method === 'answerApproval')?.params).toEqual({
      run: 'r1', step: 'approve', verdict: 'approve', as: 'ops-manager', comment: 'looks fine',
    });

    // Events are published once per task: the async act lets the queued publish run.
    await act(async () => {
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
    expect(calls.map((c) => c.method).filter((m) => m !== 'listFiles' && m !== 'listRuns')).toEqual(['saveFlowText', 'startRun', 'watchRun', 'getRun']);
    expect(store.getState().isDirty()).toBe(false);
  });

  it('shows each attempt on the path, the simulation mark, and drives a paused run', async () => {
    const paused: RunEvent[] = [
      { ...events[0]!, mode: 'simulate', vars: { count: 1 }, start: 'approve' } as RunEvent,
      { type: 'StepStarted', at: 1, step: 'approve', attempt: 1 },
      { type: 'StepRetryScheduled', at: 2, step: 'approve', attempt: 1, error: { name: 'Boom', message: 'first try' }, dueAt: 3 },
      { type: 'StepStarted', at: 3, step: 'approve', attempt: 2 },
      { type: 'StepSucceeded', at: 4, step: 'approve', output: null, next: ['done'] },
      { type: 'RunPaused', at: 5, reason: 'breakpoint', step: 'done' },
    ];
    const { actions, calls, store, wrapper } = setup(flow, {
      getRun: () => ({ record: { flowPath: '/w/flow.yaml' }, events: paused.map((event, i) => ({ seq: i + 1, event })) }),
    });
    render(<RunPanel />, { wrapper });
    await act(() => actions.runs.show('r3'));
    const chips = [...document.querySelectorAll('[data-path-step]')].map((e) => e.getAttribute('data-status'));
    expect(chips).toEqual(['failed', 'succeeded']);
    expect(screen.getByText('Simulation')).toBeTruthy();
    expect(document.querySelector('[data-run-status]')?.getAttribute('data-run-status')).toBe('paused');

    // Variables: Enter applies the JSON value.
    const field = screen.getByRole('textbox', { name: 'count' });
    fireEvent.change(field, { target: { value: '5' } });
    await act(async () => fireEvent.keyDown(field, { key: 'Enter' }));
    expect(calls.find((c) => c.method === 'editVars')?.params).toMatchObject({ run: 'r3', vars: { count: 5 } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Step' })));
    expect(calls.find((c) => c.method === 'continueRun')?.params).toMatchObject({ run: 'r3', step: true });

    // Time travel back to the first attempt's failure: the step backs off before its retry (not
    // `running`, issue #10), the run is running there, the variables read-only.
    const slider = screen.getByRole('slider', { name: 'Time travel' });
    await act(async () => fireEvent.change(slider, { target: { value: '3' } }));
    expect(store.getState().run?.steps.approve?.status).toBe('backing-off');
    expect(document.querySelector('[data-run-status]')?.getAttribute('data-run-status')).toBe('running');
    expect((screen.getByRole('textbox', { name: 'count' }) as HTMLInputElement).readOnly).toBe(true);
    await act(async () => fireEvent.change(slider, { target: { value: String(paused.length) } }));
    expect(store.getState().runCursor).toBeNull();
  });

  it('shows a simulation’s virtual time held at its approval, moves it to the next timer and changes its speed', async () => {
    const sim = events.map((e) => (e.type === 'RunStarted' ? { ...e, mode: 'simulate' as const } : e.type === 'ApprovalRequested' ? { ...e, dueAt: 7_200_000 } : e));
    const held: VirtualTime = { now: '1970-01-01T00:00:00.002Z', pace: { kind: 'held' }, isHeld: true, nextTimerAt: '1970-01-01T02:00:00.000Z' };
    const { actions, calls, emit, store, wrapper } = setup(flow, {
      startRun: () => ({ run: 'r1' }),
      getRun: () => ({ record: {}, events: sim.map((event, i) => ({ seq: i + 1, event })) }),
      getClock: () => held,
      advanceClock: () => ({ ...held, now: '1970-01-01T02:00:00.000Z', isHeld: false, nextTimerAt: null }),
      setClockPace: (p: { pace: unknown }) => ({ ...held, pace: p.pace }),
    });
    store.getState().markSaved('/w/flow.yaml', store.getState().text);
    actions.start();
    render(<RunPanel />, { wrapper });
    await act(() => actions.startRun({}, 'simulate'));

    const clock = screen.getByRole('group', { name: 'Virtual time' });
    expect(clock.getAttribute('data-held')).toBe('true');
    expect(clock.getAttribute('data-virtual-now')).toBe(held.now);
    expect(clock.textContent).toContain('held until someone answers');
    await act(async () => fireEvent.change(screen.getByRole('combobox', { name: 'Virtual time speed' }), { target: { value: 'speed:60' } }));
    expect(calls.find((c) => c.method === 'setClockPace')?.params).toEqual({ run: 'r1', pace: { kind: 'speed', factor: 60 } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Next timer' })));
    expect(calls.find((c) => c.method === 'advanceClock')?.params).toEqual({ run: 'r1', to: 'next-timer' });
    expect(screen.getByRole('group', { name: 'Virtual time' }).getAttribute('data-virtual-now')).toBe('1970-01-01T02:00:00.000Z');
    // A clock event of the shown run replaces what is shown; one of another run is ignored.
    await act(async () => {
      emit({ kind: 'clock', run: 'other', ...held, now: '1999-01-01T00:00:00.000Z' });
      emit({ kind: 'clock', run: 'r1', ...held, pace: { kind: 'held' }, now: '1970-01-01T03:00:00.000Z' });
    });
    expect(screen.getByRole('group', { name: 'Virtual time' }).getAttribute('data-virtual-now')).toBe('1970-01-01T03:00:00.000Z');
  });
});
