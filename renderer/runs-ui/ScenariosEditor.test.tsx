// @vitest-environment jsdom
/**
 * The Scenarios editor over a fake host (Monaco replaced by a textarea): New scenario appends one to
 * the file's text, the engine's findings are listed as file:line:col with their scenario and field,
 * Save writes the flow's sibling with the text as read, and closing with unsaved edits asks first.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { ScenariosEditor } from './ScenariosEditor';
import type { ScenariosCodeProps } from './ScenariosCode';

vi.mock('./ScenariosCode', () => ({
  default: (p: ScenariosCodeProps) => <textarea aria-label="Scenarios YAML" value={p.text} onChange={(e) => p.onChange(e.target.value)} />,
}));

afterEach(cleanup);

const flow: Flow = { flowsmith: '1.0', name: 'deploy', start: 'done', steps: { done: { type: 'succeed' } } };
const ON_DISK = 'scenarios:\n  - name: ends\n    expect: {status: succeeded}\n';

describe('ScenariosEditor', () => {
  it('appends a new scenario, shows the engine findings, saves beside the flow and refreshes the list', async () => {
    const { calls, wrapper } = setup(flow, {
      readScenarios: () => ({ scenarioPath: '/w/flow.scenarios.yaml', text: ON_DISK, findings: [], readOnly: false }),
      checkScenarios: ({ text }) =>
        text.includes('buidl') ? [{ severity: 'error', code: 'FS102', message: 'scenario "x", mocks.buidl: no step "buidl" in deploy', file: '/w/flow.scenarios.yaml', line: 7, col: 7 }] : [],
      saveScenarios: () => ({ scenarioPath: '/w/flow.scenarios.yaml', findings: [] }),
    });
    const onSaved = vi.fn();
    const onClose = vi.fn();
    render(<ScenariosEditor flowPath="/w/flow.yaml" mode="new" onClose={onClose} onSaved={onSaved} />, { wrapper });
    const dialog = await screen.findByRole('dialog', { name: 'Edit scenarios' });
    const code = (await within(dialog).findByLabelText('Scenarios YAML')) as HTMLTextAreaElement;
    expect(code.value).toBe(`${ON_DISK}  - name: new scenario\n    input: {}\n    expect:\n      status: succeeded\n`);

    fireEvent.change(code, { target: { value: `${code.value}    mocks:\n      buidl: {output: 1}\n` } });
    const problems = await within(dialog).findByRole('list', { name: 'Scenario problems' }, { timeout: 3000 });
    expect(problems.textContent).toContain('flow.scenarios.yaml:7:7');
    expect(problems.textContent).toContain('scenario "x", mocks.buidl: no step "buidl"');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save scenarios' }));
    await act(async () => undefined);
    expect(calls.find((c) => c.method === 'saveScenarios')?.params).toEqual({ path: '/w/flow.yaml', scenarioPath: '/w/flow.scenarios.yaml', text: code.value, expectedText: ON_DISK });
    expect(onSaved).toHaveBeenCalledTimes(1);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('asks before closing over unsaved edits, and says when the file is not written yet', async () => {
    const { wrapper } = setup(flow, { readScenarios: () => ({ scenarioPath: '/w/flow.scenarios.yaml', text: null, findings: [], readOnly: false }), checkScenarios: () => [] });
    const onClose = vi.fn();
    render(<ScenariosEditor flowPath="/w/flow.yaml" mode="edit" onClose={onClose} onSaved={() => undefined} />, { wrapper });
    const dialog = await screen.findByRole('dialog', { name: 'Edit scenarios' });
    // The file line fills in once readScenarios answers (after the dialog itself is drawn).
    expect(await within(dialog).findByText('flow.scenarios.yaml (new file)')).toBeTruthy();
    fireEvent.change(await within(dialog).findByLabelText('Scenarios YAML'), { target: { value: 'scenarios: []\n' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Discard the unsaved changes/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
