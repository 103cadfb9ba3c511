// @vitest-environment jsdom
import { ReactFlowProvider } from '@xyflow/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { PALETTE_DRAG_TYPE, paletteKinds } from '../doc/new-step';
import { setup } from '../test-support';
import { Palette } from './Palette';

afterEach(cleanup);

const flow: Flow = {
  flowsmith: '1.0',
  name: 'p',
  start: 'a',
  steps: { a: { type: 'task', shell: 'echo', next: 'b' }, b: { type: 'succeed' } },
  layout: { a: { x: 0, y: 0 }, b: { x: 0, y: 300 } },
};

function mount(f?: Flow) {
  const ctx = setup(f);
  render(
    <ReactFlowProvider>
      <Palette />
    </ReactFlowProvider>,
    { wrapper: ctx.wrapper },
  );
  return ctx;
}

describe('Palette', () => {
  it('has an "Add <type>" button per step type, disabled without a document', () => {
    mount();
    for (const kind of paletteKinds) expect(screen.getByRole('button', { name: `Add ${kind}` })).toHaveProperty('disabled', true);
  });

  it('drags the kind as application/x-flowsmith-step', () => {
    mount(flow);
    const data: Record<string, string> = {};
    fireEvent.dragStart(screen.getByRole('button', { name: 'Add map' }), {
      dataTransfer: { setData: (t: string, v: string) => (data[t] = v), effectAllowed: '' },
    });
    expect(data).toEqual({ [PALETTE_DRAG_TYPE]: 'map' });
  });

  it('appends after the selected step, and adds unconnected with nothing selected', () => {
    const { store } = mount(flow);
    store.getState().selectStep('a');
    fireEvent.click(screen.getByRole('button', { name: 'Add approval' }));
    const s = store.getState();
    expect(s.selectedStep).toBe('approval-1');
    expect(s.flow?.steps.a?.next).toBe('approval-1');
    expect(s.flow?.steps['approval-1']?.next).toBe('b');
    s.selectStep(null);
    fireEvent.click(screen.getByRole('button', { name: 'Add wait' }));
    expect(store.getState().flow?.steps['wait-1']).toEqual({ type: 'wait', duration: '1s' });
    expect(Object.values(store.getState().flow?.steps ?? {}).filter((x) => x.next === 'wait-1')).toEqual([]);
  });
});
