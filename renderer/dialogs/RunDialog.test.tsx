// @vitest-environment jsdom
/**
 * The Run dialog says why a run did not start beside the input (session 6 walkthrough: the host's
 * "run input is not valid" came only as a notice, behind the dialog), and forgets it on an edit.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import '../i18n';
import { setup } from '../test-support';
import { RunDialog } from './RunDialog';

const flow: Flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'build',
  inputs: { type: 'object', required: ['version'], properties: { version: { type: 'string', pattern: '^[0-9]' } } },
  steps: { build: { type: 'task', shell: 'make' } },
};

describe('RunDialog', () => {
  it('shows why the host refused to start the run under the input, until the input is edited', async () => {
    const { wrapper, store, calls } = setup(flow, {
      startRun: () => {
        throw new Error('the run input of deploy is not valid: /version must match pattern "^[0-9]"');
      },
    });
    store.getState().openDialog('run');
    render(<RunDialog />, { wrapper });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    });
    expect(calls.some((c) => c.method === 'startRun')).toBe(true);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Not started: the run input of deploy is not valid: /version must match pattern "^[0-9]"');
    const input = screen.getByLabelText('Run input');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    // The dialog stays open for the fix; an edit clears the old reason
    expect(store.getState().dialog).toBe('run');
    fireEvent.change(input, { target: { value: '{"version": "1.0.0"}' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });
});
