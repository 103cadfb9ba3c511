import { describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { structuralErrors } from './test-helpers';
import { FRAME } from './layout';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';
import { addParallelBranch, insertPaletteStep, ROW } from './insert-step';
import { BODY_ROW, mapFrameHeight } from './placement';
import { allStepIds, freshId, newStep, paletteEntries, paletteKinds, toPaletteKind } from './new-step';

function chain(): Flow {
  return {
    flowsmith: '1.0',
    name: 'chain',
    start: 'build',
    steps: {
      build: { type: 'task', shell: 'make', next: 'gate' },
      gate: { type: 'approval', approvers: ['ops'], next: 'done', onReject: 'stop' },
      stop: { type: 'fail', error: 'Rejected' },
      done: { type: 'succeed' },
    },
    layout: { build: { x: 0, y: 0 }, gate: { x: 0, y: 200 }, stop: { x: 300, y: 400 }, done: { x: 0, y: 400 } },
  };
}

const errorsOf = structuralErrors;

describe('palette kinds', () => {
  it('has one entry per step type of DESIGN.md, and reads drops defensively', () => {
    expect(paletteEntries.map((e) => e.kind)).toEqual([...paletteKinds]);
    expect(toPaletteKind('map')).toBe('map');
    expect(toPaletteKind('task-shell')).toBe('task');
    expect(toPaletteKind('__proto__')).toBeUndefined();
  });

  it('gives every kind a default body that validates once it is the whole flow', () => {
    for (const kind of paletteKinds) {
      const flow: Flow = { flowsmith: '1.0', name: 'one', start: '', steps: {} };
      const { flow: out } = insertPaletteStep(flow, kind, { x: 0, y: 0 });
      expect([kind, errorsOf(out)]).toEqual([kind, []]);
    }
  });

  it('finds fresh ids across map bodies', () => {
    const flow: Flow = { flowsmith: '1.0', name: 'm', start: 'm', steps: { m: newStep('map', { bodyId: 'item-1' }) } };
    expect([...allStepIds(flow)]).toEqual(['m', 'item-1']);
    expect(freshId(flow, 'item')).toBe('item-2');
    expect(freshId(flow, 'item', ['item-2'])).toBe('item-3');
  });
});

describe('insertPaletteStep', () => {
  it('adds at the given spot, unconnected, when nothing is selected', () => {
    const { flow, id } = insertPaletteStep(chain(), 'wait', { x: 600, y: 50 });
    expect(id).toBe('wait-1');
    expect(flow.layout?.['wait-1']).toEqual({ x: 600, y: 50 });
    expect(flow.steps.build?.next).toBe('gate');
  });

  it('appends after the selected step: selected → new → old next, placed below it', () => {
    const { flow, id } = insertPaletteStep(chain(), 'http', { x: 900, y: 900 }, 'build');
    expect(flow.steps.build?.next).toBe(id);
    expect(flow.steps[id]).toMatchObject({ type: 'task', next: 'gate' });
    expect(flow.layout?.[id]?.y).toBe(ROW);
    expect(errorsOf(flow)).toEqual([]);
  });

  it('follows the approve route of an approval and keeps onReject', () => {
    const { flow, id } = insertPaletteStep(chain(), 'notify', { x: 0, y: 0 }, 'gate');
    expect(flow.steps.gate).toMatchObject({ next: id, onReject: 'stop' });
    expect(flow.steps[id]?.next).toBe('done');
  });

  it('puts a parallel in with two branch tasks and its join, which takes over the old next', () => {
    const { flow, id } = insertPaletteStep(chain(), 'parallel', { x: 0, y: 0 }, 'build');
    const par = flow.steps[id];
    expect(par).toEqual({ type: 'parallel', branches: ['task-1', 'task-2'], join: 'join-1' });
    expect(flow.steps.build?.next).toBe(id);
    expect(flow.steps['task-1']).toEqual({ type: 'task', shell: 'echo "branch 1"', next: 'join-1' });
    expect(flow.steps['task-2']).toEqual({ type: 'task', shell: 'echo "branch 2"', next: 'join-1' });
    expect(flow.steps['join-1']).toEqual({ type: 'join', mode: 'all', next: 'gate' });
    // Drawn as a block: the branches side by side between the parallel and its join.
    const y = (s: string) => flow.layout?.[s]?.y ?? NaN;
    expect(y('task-1')).toBe(y('task-2'));
    expect([y(id) < y('task-1'), y('task-1') < y('join-1')]).toEqual([true, true]);
    expect(flow.layout?.['task-1']?.x).toBeLessThan(flow.layout?.['task-2']?.x ?? -Infinity);
    expect(errorsOf(flow)).toEqual([]);
    // A third branch from the inspector joins the block.
    const withBranch = addParallelBranch(flow, id);
    expect(withBranch.flow.steps[withBranch.id!]).toMatchObject({ next: 'join-1' });
    expect(errorsOf(withBranch.flow)).toEqual([]);
  });

  it('appends after a parallel below its join, and after a branch on its default route', () => {
    const par = insertPaletteStep(chain(), 'parallel', { x: 0, y: 0 }, 'build');
    const after = insertPaletteStep(par.flow, 'script', { x: 0, y: 0 }, par.id);
    expect(after.flow.steps['join-1']?.next).toBe(after.id);
    expect(after.flow.steps[after.id]?.next).toBe('gate');

    const withBranch = insertPaletteStep(chain(), 'branch', { x: 0, y: 0 }, 'build');
    expect(withBranch.flow.steps[withBranch.id]).toEqual({ type: 'branch', cases: [{ when: 'true', next: 'task-1' }], default: 'gate' });
    expect(withBranch.flow.steps['task-1']).toEqual({ type: 'task', shell: 'echo "case 1"', next: 'gate' });
    const next = insertPaletteStep(withBranch.flow, 'task', { x: 0, y: 0 }, withBranch.id);
    expect(next.flow.steps[withBranch.id]).toMatchObject({ default: next.id });
    expect(next.flow.steps[next.id]?.next).toBe('gate');
  });

  it('adds a map with a nested start step whose id is fresh in the whole flow', () => {
    const { flow, id } = insertPaletteStep(chain(), 'map', { x: 0, y: 0 }, 'build');
    expect(flow.steps[id]).toMatchObject({ type: 'map', start: 'item-1', steps: { 'item-1': { type: 'task' } }, next: 'gate' });
    const second = insertPaletteStep(flow, 'map', { x: 0, y: 0 });
    expect(second.flow.steps[second.id]).toMatchObject({ start: 'item-2' });
    expect(errorsOf(second.flow)).toEqual([]);
  });

  it('appends after a map below its frame, not under its body (walkthrough: wait-1 hid behind map-1)', () => {
    const map = insertPaletteStep(chain(), 'map', { x: 0, y: 0 }, 'build');
    const after = insertPaletteStep(map.flow, 'wait', { x: 0, y: 0 }, map.id);
    const top = map.flow.layout?.[map.id]?.y ?? NaN;
    // The map's frame: its header, one body step, padding (renderer/canvas/build-graph.ts sizes it so).
    const bottom = top + FRAME.mapHeader + NODE_HEIGHT + FRAME.pad;
    expect(after.flow.layout?.[after.id]?.y).toBeGreaterThanOrEqual(bottom);
    expect(after.flow.steps[map.id]?.next).toBe(after.id);
  });

  it('in New’s skeleton, the first step added becomes the start and goes on to its end step', () => {
    const skeleton: Flow = { flowsmith: '1.0', name: 'new-flow', start: 'done', steps: { done: { type: 'succeed' } } };
    const task = insertPaletteStep(skeleton, 'task', { x: 0, y: 0 });
    expect(task.flow.start).toBe(task.id);
    expect(task.flow.steps[task.id]).toMatchObject({ type: 'task', next: 'done' });
    expect(errorsOf(task.flow)).toEqual([]);
    const par = insertPaletteStep(skeleton, 'parallel', { x: 0, y: 0 });
    expect(par.flow.start).toBe(par.id);
    expect(par.flow.steps['join-1']).toMatchObject({ next: 'done' });
    // An end step added there stays apart; the next one added is no longer in a skeleton.
    expect(insertPaletteStep(skeleton, 'fail', { x: 0, y: 0 }).flow.start).toBe('done');
    expect(insertPaletteStep(task.flow, 'wait', { x: 0, y: 0 }).flow.start).toBe(task.id);
  });

  it('in New’s skeleton, moves the end step below the new block, and later appends push it down again', () => {
    const skeleton: Flow = { flowsmith: '1.0', name: 'new-flow', start: 'done', steps: { done: { type: 'succeed' } } };
    // A task: the end step goes one row below it
    const task = insertPaletteStep(skeleton, 'task', { x: 300, y: 100 });
    expect(task.flow.layout).toEqual({ [task.id]: { x: 300, y: 100 }, done: { x: 300, y: 100 + ROW } });
    // A branch: below the branch and its case placeholder
    const branch = insertPaletteStep(skeleton, 'branch', { x: 300, y: 100 });
    expect(branch.flow.layout?.done).toEqual({ x: 300, y: 100 + 2 * ROW });
    expect(branch.flow.layout?.done?.y).toBeGreaterThan(branch.flow.layout?.['task-1']?.y ?? Infinity);
    // Then a step appended after the branch goes between it and done, and done moves down a row
    const next = insertPaletteStep(branch.flow, 'task', { x: 0, y: 0 }, branch.id);
    expect(next.flow.steps[branch.id]).toMatchObject({ default: next.id });
    expect(next.flow.layout?.[next.id]).toEqual({ x: 300, y: 100 + ROW });
    expect(next.flow.layout?.done?.y).toBe(100 + 3 * ROW);
  });

  it('moves the steps below a map down when its body grows (walkthrough: the frame grew over wait-1)', () => {
    const map = insertPaletteStep(chain(), 'map', { x: 0, y: 0 }, 'build');
    const gateY = map.flow.layout?.gate?.y ?? NaN;
    const grown = insertPaletteStep(map.flow, 'task', { x: 0, y: 0 }, 'item-1');
    expect(grown.flow.layout?.gate?.y).toBe(gateY + BODY_ROW);
    expect(grown.flow.layout?.build).toEqual(map.flow.layout?.build); // above the map: unmoved
    expect(grown.flow.layout?.[map.id]).toEqual(map.flow.layout?.[map.id]);
  });

  it('moves the steps below the outer map when a map inside its body grows (nested maps)', () => {
    // Given build → outer map (body: its item, then an inner map) → gate
    const outer = insertPaletteStep(chain(), 'map', { x: 0, y: 0 }, 'build');
    const inner = insertPaletteStep(outer.flow, 'map', { x: 0, y: 0 }, 'item-1');
    const outerBefore = outer.flow.steps[outer.id];
    const outerWithInner = inner.flow.steps[outer.id];
    if (outerBefore?.type !== 'map' || outerWithInner?.type !== 'map') throw new Error('no map');
    // Adding the inner map grew the outer frame by the inner frame and a gap: gate moved that far.
    const gate0 = outer.flow.layout!.gate!.y;
    expect(inner.flow.layout!.gate!.y).toBe(gate0 + mapFrameHeight(outerWithInner) - mapFrameHeight(outerBefore));
    expect(mapFrameHeight(outerWithInner) - mapFrameHeight(outerBefore)).toBeGreaterThan(ROW);
    // When a step is appended inside the inner map's body
    const innerItem = Object.keys((outerWithInner.steps[inner.id] as { steps: object }).steps)[0]!;
    const grown = insertPaletteStep(inner.flow, 'task', { x: 0, y: 0 }, innerItem);
    // Then the outer frame grew by a body row, and gate (below the outer frame) moved down by it
    expect(grown.flow.layout!.gate!.y).toBe(inner.flow.layout!.gate!.y + BODY_ROW);
    expect(grown.flow.layout![outer.id]).toEqual(outer.flow.layout![outer.id]);
    expect(grown.flow.layout!.build).toEqual(outer.flow.layout!.build);
  });

  it('inserted between two saved steps, moves the steps below down by the block and draws nothing over them', () => {
    // Given build → gate → done (saved positions), when a parallel block goes in after build
    const { flow, id } = insertPaletteStep(chain(), 'parallel', { x: 0, y: 0 }, 'build');
    const blockIds = [id, 'task-1', 'task-2', 'join-1'];
    // Then it sits straight below build, and gate, stop and done moved down below its join
    expect(flow.layout?.[id]).toEqual({ x: 0, y: ROW });
    const joinY = flow.layout?.['join-1']?.y ?? NaN;
    expect(flow.layout?.gate?.y).toBe(200 + 3 * ROW);
    expect(flow.layout?.gate?.y).toBeGreaterThan(joinY + NODE_HEIGHT);
    expect([flow.layout?.done?.y, flow.layout?.stop?.y]).toEqual([400 + 3 * ROW, 400 + 3 * ROW]);
    expect(flow.layout?.build).toEqual({ x: 0, y: 0 });
    // And no two steps overlap
    const boxes = Object.entries(flow.layout ?? {});
    for (const [a, p] of boxes) for (const [b, q] of boxes) {
      if (a >= b) continue;
      expect([a, b, Math.abs(p.x - q.x) < NODE_WIDTH && Math.abs(p.y - q.y) < NODE_HEIGHT]).toEqual([a, b, false]);
    }
    expect(blockIds.every((b) => flow.layout?.[b] !== undefined)).toBe(true);
  });

  it('appended after the last step, finds room for the whole block, not only its first step', () => {
    // Given a step to the lower left of done, where a parallel's left branch would land
    const flow = chain();
    flow.layout!.stop = { x: -150, y: 400 + 2 * ROW };
    const { flow: out, id } = insertPaletteStep(flow, 'parallel', { x: 0, y: 0 }, 'done');
    const taken = (n: string) => out.layout?.[n];
    // 'done' is an end: nothing is rewired, the block is placed where no step of it covers another
    expect(out.steps.done).toEqual({ type: 'succeed' });
    for (const b of [id, 'task-1', 'task-2', 'join-1']) {
      const p = taken(b)!;
      const q = taken('stop')!;
      expect([b, Math.abs(p.x - q.x) < NODE_WIDTH && Math.abs(p.y - q.y) < NODE_HEIGHT]).toEqual([b, false]);
    }
  });

  it('ends the path with an end step, and rewires nothing after one', () => {
    const ended = insertPaletteStep(chain(), 'fail', { x: 0, y: 0 }, 'build');
    expect(ended.flow.steps.build?.next).toBe(ended.id);
    expect(ended.flow.steps[ended.id]).not.toHaveProperty('next');
    const afterEnd = insertPaletteStep(chain(), 'task', { x: 0, y: 0 }, 'done');
    expect(afterEnd.flow.steps.done).toEqual({ type: 'succeed' });
    expect(afterEnd.flow.layout?.[afterEnd.id]).toEqual({ x: 0, y: 400 + ROW });
  });

  it('never leaves the input flow changed', () => {
    const flow = chain();
    const before = JSON.stringify(flow);
    insertPaletteStep(flow, 'parallel', { x: 0, y: 0 }, 'build');
    expect(JSON.stringify(flow)).toBe(before);
  });
});

describe('insertPaletteStep inside a map body', () => {
  it('appends into the body of the selected body step, with ids fresh in the whole flow', () => {
    const withMap = insertPaletteStep(chain(), 'map', { x: 0, y: 0 }, 'build');
    const { flow, id } = insertPaletteStep(withMap.flow, 'parallel', { x: 0, y: 0 }, 'item-1');
    const map = flow.steps[withMap.id];
    expect(map?.type === 'map' && map.steps).toEqual({
      'item-1': { type: 'task', shell: 'echo "{{ $item }}"', next: id },
      [id]: { type: 'parallel', branches: ['task-1', 'task-2'], join: 'join-1' },
      'task-1': { type: 'task', shell: 'echo "branch 1"', next: 'join-1' },
      'task-2': { type: 'task', shell: 'echo "branch 2"', next: 'join-1' },
      'join-1': { type: 'join', mode: 'all' },
    });
    expect(errorsOf(flow)).toEqual([]);
    expect(flow.steps[id]).toBeUndefined();
    expect(flow.layout?.[id]).toBeUndefined();
    const again = insertPaletteStep(flow, 'task', { x: 0, y: 0 }, id);
    const body = again.flow.steps[withMap.id];
    expect(body?.type === 'map' && body.steps['join-1']).toEqual({ type: 'join', mode: 'all', next: again.id });
  });
});
