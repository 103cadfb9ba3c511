// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { Inspector } from './Inspector';

afterEach(cleanup);

const flow: Flow = {
  flowsmith: '1.0',
  name: 'ci',
  start: 'build',
  steps: {
    build: { type: 'task', shell: 'curl -d {{ $callback.token }} ci.invalid', next: 'sub' },
    sub: { type: 'task', call: 'other.yaml' },
  },
};

describe('Inspector: Callback', () => {
  it('sets and removes the callback timeout of a task', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('build');
    render(<Inspector />, { wrapper });
    fireEvent.change(screen.getByLabelText('Callback timeout'), { target: { value: '1h' } });
    expect(store.getState().flow!.steps.build).toEqual({ type: 'task', shell: 'curl -d {{ $callback.token }} ci.invalid', callback: { timeout: '1h' }, next: 'sub' });
    fireEvent.change(screen.getByLabelText('Callback timeout'), { target: { value: '' } });
    expect(store.getState().flow!.steps.build).not.toHaveProperty('callback');
  });

  it('offers no callback on a call task', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('sub');
    render(<Inspector />, { wrapper });
    expect(screen.queryByLabelText('Callback timeout')).toBeNull();
  });
});
