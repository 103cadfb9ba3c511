// @vitest-environment jsdom
import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { useShortcuts } from '../use-shortcuts';
import { FindBox } from './FindBox';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const flow: Flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'build',
  steps: {
    build: { type: 'task', shell: 'make', next: 'approve' },
    approve: { type: 'approval', title: 'Sign off', approvers: ['ops'], next: 'done' },
    done: { type: 'succeed' },
  },
  layout: { build: { x: 0, y: 0 } },
};

function Shortcuts() {
  useShortcuts();
  return null;
}

function mount() {
  const ctx = setup(flow);
  render(
    <ReactFlowProvider>
      <Shortcuts />
      <FindBox />
      <input aria-label="Somewhere to type" />
    </ReactFlowProvider>,
    { wrapper: ctx.wrapper },
  );
  return ctx;
}

describe('copy, paste, duplicate and find shortcuts', () => {
  it('copies the selected step and pastes it with a fresh id from memory when no paste event comes', () => {
    vi.useFakeTimers();
    const { store } = mount();
    store.getState().selectStep('build');
    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    act(() => vi.runAllTimers());
    const s = store.getState();
    expect(s.flow?.steps['build-2']).toEqual({ type: 'task', shell: 'make' });
    expect(s.flow?.layout?.['build-2']).toEqual({ x: 40, y: 40 });
    expect(s.selectedStep).toBe('build-2');
    store.getState().undo();
    expect(store.getState().flow?.steps['build-2']).toBeUndefined();
  });

  it('copies every selected step as one snippet and pastes them with fresh ids, edges among them kept, all selected', () => {
    vi.useFakeTimers();
    const { store } = mount();
    store.getState().selectSteps(['build', 'approve']);
    expect(store.getState().selectedStep).toBeNull();
    // Ctrl+C, then the copy event the browser fires for it: the steps go on the system clipboard
    // synchronously (an old clipboard text can never be pasted in their place).
    const written: string[] = [];
    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    const copy = new Event('copy', { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    copy.clipboardData = { setData: (_type: string, text: string) => void written.push(text) };
    window.dispatchEvent(copy);
    expect(copy.defaultPrevented).toBe(true);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^steps:\n {2}build:[\s\S]*\n {2}approve:/);
    // The paste event carries what the copy event wrote.
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    paste.clipboardData = { getData: () => written[0] };
    window.dispatchEvent(paste);
    act(() => vi.runAllTimers());
    const s = store.getState();
    expect(s.flow?.steps['build-2']).toEqual({ type: 'task', shell: 'make', next: 'approve-2' });
    expect(s.flow?.steps['approve-2']).toEqual({ type: 'approval', title: 'Sign off', approvers: ['ops'] });
    expect(s.selectedSteps).toEqual(['build-2', 'approve-2']);
    // One paste, one undo step.
    store.getState().undo();
    expect(Object.keys(store.getState().flow?.steps ?? {})).toEqual(['build', 'approve', 'done']);
  });

  it('pastes steps from the system clipboard and leaves text fields alone', () => {
    const { store } = mount();
    const paste = (target: EventTarget, text: string) => {
      const e = new Event('paste', { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
      e.clipboardData = { getData: () => text };
      target.dispatchEvent(e);
    };
    paste(screen.getByLabelText('Somewhere to type'), 'steps: {other: {type: succeed}}');
    expect(store.getState().flow?.steps.other).toBeUndefined();
    paste(document.body, 'steps: {other: {type: succeed}}');
    expect(store.getState().flow?.steps.other).toEqual({ type: 'succeed' });
  });

  it('duplicates with Ctrl+D', () => {
    const { store } = mount();
    store.getState().selectStep('approve');
    fireEvent.keyDown(window, { key: 'd', ctrlKey: true });
    expect(store.getState().flow?.steps['approve-2']).toEqual({ type: 'approval', title: 'Sign off', approvers: ['ops'] });
    expect(store.getState().selectedStep).toBe('approve-2');
  });

  it('finds a step by title with Ctrl+F and selects it', () => {
    const { store } = mount();
    expect(screen.queryByLabelText('Find step')).toBeNull();
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    const box = screen.getByLabelText('Find step');
    fireEvent.change(box, { target: { value: 'sign' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['approve Sign off']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(store.getState().selectedStep).toBe('approve');
    expect(screen.queryByLabelText('Find step')).toBeNull();
  });
});
