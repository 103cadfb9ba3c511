// @vitest-environment jsdom
import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunState } from '../../engine/runtime/state';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { NodeShell } from './NodeShell';

afterEach(cleanup);

const flow: Flow = { flowsmith: '1.0', name: 'f', start: 'smoke', steps: { smoke: { type: 'task', shell: 'echo' } } };

describe('NodeShell during a version diff', () => {
  it('shows no run status or badge (a ghost showed how the last run went through it)', () => {
    const { store, wrapper: Provide } = setup(flow);
    const run = { id: 'r1', steps: { smoke: { status: 'succeeded', attempts: 1 } }, endedAt: 1 } as unknown as RunState;
    store.getState().showRun('r1', run, []);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <Provide>
        <ReactFlowProvider>{children}</ReactFlowProvider>
      </Provide>
    );
    const { container } = render(<NodeShell id="smoke" step={flow.steps.smoke!} selected={false} />, { wrapper });
    const node = () => container.querySelector('[data-step-id="smoke"]') as HTMLElement;
    expect(node().getAttribute('data-status')).toBe('succeeded');
    expect(container.querySelector('.step-badge')).not.toBeNull();

    act(() => store.getState().showVersionDiff({
      flow: 'f', from: 1, to: 2, workingPath: null, isSameText: false, isSame: false, fields: [],
      steps: [{ id: 'smoke', change: 'removed', scope: null, paths: [] }],
    }));
    expect(node().getAttribute('data-diff')).toBe('removed');
    expect(node().getAttribute('data-status')).toBe('pending');
    expect(container.querySelector('.step-badge')).toBeNull();
    // Nor faded as a step the run never reached (the whole diff looked dimmed in dark).
    expect(node().classList.contains('is-untaken')).toBe(false);
  });
});
