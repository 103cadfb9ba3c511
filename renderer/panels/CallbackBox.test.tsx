// @vitest-environment jsdom
/** The callback answer form: a pasted token answers with JSON output or fails with an error name (HostApi answerCallback). */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setup } from '../test-support';
import { CallbackBox } from './CallbackBox';

afterEach(cleanup);

describe('CallbackBox', () => {
  it('answers with the JSON output, fails with an error name, and refuses output that is not JSON', async () => {
    const { calls, wrapper } = setup(undefined, { answerCallback: () => undefined });
    render(<CallbackBox step="build" callback={{ attempt: 1, dueAt: null, answer: null }} />, { wrapper });
    const box = screen.getByRole('group', { name: 'Callback build' });
    const answer = within(box).getByRole('button', { name: 'Answer callback' });
    expect(answer).toHaveProperty('disabled', true);
    fireEvent.change(within(box).getByLabelText('Callback token'), { target: { value: ' fscb_abc ' } });
    fireEvent.change(within(box).getByLabelText('Callback output (JSON)'), { target: { value: '{"ticket": 42}' } });
    await act(async () => fireEvent.click(answer));
    fireEvent.change(within(box).getByLabelText('Error name'), { target: { value: 'BuildFailed' } });
    await act(async () => fireEvent.click(within(box).getByRole('button', { name: 'Fail callback' })));
    expect(calls.filter((c) => c.method === 'answerCallback').map((c) => c.params)).toEqual([
      { token: 'fscb_abc', output: { ticket: 42 } },
      { token: 'fscb_abc', error: 'BuildFailed' },
    ]);
    fireEvent.change(within(box).getByLabelText('Callback output (JSON)'), { target: { value: '{oops' } });
    await act(async () => fireEvent.click(answer));
    expect(within(box).getByRole('alert').textContent).toMatch(/not JSON/);
    expect(calls.filter((c) => c.method === 'answerCallback')).toHaveLength(2);
  });
});
