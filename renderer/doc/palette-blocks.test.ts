/// <reference types="node" />
/**
 * Adding from the palette never leaves the flow invalid (session 6): every palette kind, added in
 * every place a click can add it, gives a flow the engine's own validateFlow finds no error in
 * (unreached steps placed freely are warnings). Each block is also checked for what it holds.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, Step } from '../../engine/model/flow';
import { validateFlow } from '../../engine/validate/index';
import { insertPaletteStep } from './insert-step';
import { paletteKinds, type PaletteKind } from './new-step';
import { paletteBlock } from './palette-blocks';

/** build → gate (approval; rejected → stop) → done; a map `each` (body: one, two) off to the side. */
function base(): Flow {
  return {
    flowsmith: '1.0',
    name: 'base',
    start: 'build',
    steps: {
      build: { type: 'task', shell: 'make', next: 'gate' },
      gate: { type: 'approval', approvers: ['ops'], next: 'pick', onReject: 'stop' },
      pick: { type: 'branch', cases: [{ when: '$vars.fast = true', next: 'each' }], default: 'done' },
      each: {
        type: 'map', items: '[1, 2]', start: 'one', next: 'done',
        steps: {
          one: { type: 'task', shell: 'echo one', next: 'inner' },
          inner: { type: 'map', items: '[3]', start: 'deep', steps: { deep: { type: 'task', shell: 'echo deep' } } },
        },
      },
      stop: { type: 'fail', error: 'Rejected' },
      done: { type: 'succeed' },
    },
    layout: { build: { x: 0, y: 0 }, gate: { x: 0, y: 120 }, pick: { x: 0, y: 240 }, each: { x: 0, y: 360 }, stop: { x: 400, y: 240 }, done: { x: 0, y: 900 } },
  };
}

const skeleton = (): Flow => ({ flowsmith: '1.0', name: 'new', start: 'done', steps: { done: { type: 'succeed' } } });
const empty = (): Flow => ({ flowsmith: '1.0', name: 'empty', start: '', steps: {} });

/** Every place a palette click can add a step: [what, flow, selected step]. */
const places: [string, () => Flow, string | null][] = [
  ['after a task', base, 'build'],
  ['after an approval', base, 'gate'],
  ['after a branch (its default route)', base, 'pick'],
  ['after an end step', base, 'done'],
  ['after a map', base, 'each'],
  ['inside a map body', base, 'one'],
  ['inside a nested map body', base, 'deep'],
  ['with nothing selected', base, null],
  ["into New's skeleton", skeleton, null],
  ['into an empty flow', empty, null],
];

const errors = (flow: Flow) => validateFlow(flow).filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message}`);

describe('palette blocks are valid wherever they are added', () => {
  for (const [where, make, after] of places) {
    it(`adds every kind ${where} without an error finding`, () => {
      for (const kind of paletteKinds) {
        const { flow } = insertPaletteStep(make(), kind, { x: 600, y: 40 }, after);
        expect([kind, errors(flow)]).toEqual([kind, []]);
      }
    });
  }

  it('also adds after steps of a freshly added block (a parallel branch, its join, a branch case)', () => {
    for (const first of ['parallel', 'branch'] as PaletteKind[]) {
      const added = insertPaletteStep(base(), first, { x: 0, y: 0 }, 'build');
      const blockIds = Object.keys(added.flow.steps).filter((id) => !(id in base().steps));
      for (const id of blockIds) for (const kind of paletteKinds) {
        const { flow } = insertPaletteStep(added.flow, kind, { x: 0, y: 0 }, id);
        expect([first, id, kind, errors(flow)]).toEqual([first, id, kind, []]);
      }
    }
  });
});

describe('what each block holds', () => {
  it('a parallel: two placeholder branch tasks meeting at its join, the parallel selected', () => {
    const { flow, id } = insertPaletteStep(base(), 'parallel', { x: 0, y: 0 }, 'build');
    expect(flow.steps[id]).toEqual({ type: 'parallel', branches: ['task-1', 'task-2'], join: 'join-1' });
    expect(flow.steps['join-1']).toMatchObject({ type: 'join', next: 'gate' });
  });

  it('a join: the same block with the join selected (a join only closes a parallel)', () => {
    const { flow, id } = insertPaletteStep(base(), 'join', { x: 0, y: 0 }, 'build');
    expect(id).toBe('join-1');
    expect(flow.steps.build?.next).toBe('parallel-1');
    expect(flow.steps['parallel-1']).toEqual({ type: 'parallel', branches: ['task-1', 'task-2'], join: 'join-1' });
    expect(flow.steps['join-1']).toMatchObject({ type: 'join', next: 'gate' });
  });

  it('a branch going on: one case through a placeholder task to where it goes on, which is also its default', () => {
    const { flow, id } = insertPaletteStep(base(), 'branch', { x: 0, y: 0 }, 'build');
    expect(flow.steps[id]).toEqual({ type: 'branch', cases: [{ when: 'true', next: 'task-1' }], default: 'gate' });
    expect(flow.steps['task-1']).toEqual({ type: 'task', shell: 'echo "case 1"', next: 'gate' });
    expect(flow.layout?.['task-1']?.y).toBeGreaterThan(flow.layout?.[id]?.y ?? Infinity);
  });

  it('a branch going nowhere: case and default each to a placeholder task', () => {
    for (const after of [null, 'done']) {
      const { flow, id } = insertPaletteStep(base(), 'branch', { x: 600, y: 40 }, after);
      expect(flow.steps[id]).toEqual({ type: 'branch', cases: [{ when: 'true', next: 'task-1' }], default: 'task-2' });
      expect([flow.steps['task-1'], flow.steps['task-2']]).toEqual([
        { type: 'task', shell: 'echo "case 1"' },
        { type: 'task', shell: 'echo "default"' },
      ]);
      expect(Object.keys(flow.layout ?? {})).toEqual(expect.arrayContaining([id, 'task-1', 'task-2']));
    }
  });

  it("a branch into New's skeleton: the new start, its paths ending at the skeleton's end step", () => {
    const { flow, id } = insertPaletteStep(skeleton(), 'branch', { x: 0, y: 0 });
    expect(flow.start).toBe(id);
    expect(flow.steps[id]).toEqual({ type: 'branch', cases: [{ when: 'true', next: 'task-1' }], default: 'done' });
  });

  it('keeps an end step added after a parallel branch apart: the branch must still reach its join', () => {
    const par = insertPaletteStep(base(), 'parallel', { x: 0, y: 0 }, 'build');
    const { flow, id } = insertPaletteStep(par.flow, 'fail', { x: 0, y: 0 }, 'task-1');
    expect(flow.steps['task-1']?.next).toBe('join-1');
    expect(flow.steps[id]).toMatchObject({ type: 'fail' });
    // After the join, outside the block, an end step is wired in as usual.
    expect(insertPaletteStep(par.flow, 'succeed', { x: 0, y: 0 }, 'join-1').flow.steps['join-1']?.next).toBe('succeed-1');
  });

  it('takes ids free in the whole flow, map bodies included', () => {
    const flow = base();
    (flow.steps.each as { steps: Record<string, Step> }).steps['task-1'] = { type: 'task', shell: 'true' };
    const block = paletteBlock(flow, 'parallel');
    expect(block.steps.map((s) => s.id)).toEqual(['parallel-1', 'task-2', 'task-3', 'join-1']);
    expect(block.spare).toEqual(['task-4', 'task-5']);
  });
});
