// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { Inspector } from './Inspector';

afterEach(cleanup);

const flow: Flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'build',
  steps: {
    build: { type: 'task', shell: 'make build', next: 'approve' },
    approve: { type: 'approval', approvers: ['ops-manager'], next: 'done' },
    done: { type: 'succeed' },
  },
};

describe('Inspector', () => {
  it('edits the selected step through labelled fields; typing in one field is one undo step', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('build');
    render(<Inspector />, { wrapper });
    const title = screen.getByLabelText('Title');
    fireEvent.change(title, { target: { value: 'B' } });
    fireEvent.change(title, { target: { value: 'Build it' } });
    fireEvent.change(screen.getByLabelText('Shell command'), { target: { value: 'make all' } });
    expect(store.getState().flow?.steps.build).toMatchObject({ title: 'Build it', shell: 'make all' });
    expect(store.getState().isDirty()).toBe(true);
    store.getState().undo();
    expect(store.getState().flow?.steps.build).toMatchObject({ title: 'Build it', shell: 'make build' });
    store.getState().undo();
    expect(store.getState().flow?.steps.build?.title).toBeUndefined();
    expect(store.getState().isDirty()).toBe(false); // undo back to the saved document
  });

  it('keeps a typed comma in the approvers list and stores the parsed list', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('approve');
    render(<Inspector />, { wrapper });
    const approvers = screen.getByLabelText('Approvers') as HTMLInputElement;
    fireEvent.change(approvers, { target: { value: 'ops-manager, ' } });
    expect(approvers.value).toBe('ops-manager, ');
    fireEvent.change(approvers, { target: { value: 'ops-manager, tech-lead' } });
    const step = store.getState().flow?.steps.approve;
    expect(step?.type === 'approval' && step.approvers).toEqual(['ops-manager', 'tech-lead']);
  });

  it('renames a step on Enter and rewrites references to it', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('approve');
    render(<Inspector />, { wrapper });
    const id = screen.getByLabelText('Step id');
    fireEvent.change(id, { target: { value: 'sign-off' } });
    fireEvent.keyDown(id, { key: 'Enter' });
    const s = store.getState();
    expect(Object.keys(s.flow?.steps ?? {})).toEqual(['build', 'sign-off', 'done']);
    expect(s.flow?.steps.build?.next).toBe('sign-off');
    expect(s.selectedStep).toBe('sign-off');
  });

  it('sets next from the select and clears it with "(end of path)"', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('build');
    render(<Inspector />, { wrapper });
    fireEvent.change(screen.getByLabelText('Next'), { target: { value: 'done' } });
    expect(store.getState().flow?.steps.build?.next).toBe('done');
    fireEvent.change(screen.getByLabelText('Next'), { target: { value: '' } });
    expect(store.getState().flow?.steps.build).not.toHaveProperty('next');
  });
});
