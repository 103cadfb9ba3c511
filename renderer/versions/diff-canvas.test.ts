import { describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { diffFlows } from '../../engine/versions/diff';
import { groupFlow } from '../doc/groups';
import { quickLayout } from '../doc/quick-layout';
import { buildGraph, newGraphCache } from '../canvas/build-graph';
import { diffCanvas } from './diff-canvas';

const v1: Flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'build',
  steps: {
    build: { type: 'task', shell: 'make', next: 'fan' },
    fan: { type: 'parallel', branches: ['a', 'b'], join: 'j' },
    a: { type: 'task', shell: 'a', next: 'j' },
    b: { type: 'task', shell: 'b', next: 'j' },
    j: { type: 'join', next: 'smoke' },
    smoke: { type: 'task', http: { url: 'http://x' }, next: 'each' },
    each: { type: 'map', items: '$input.xs', start: 'one', steps: { one: { type: 'task', shell: 'one', next: 'two' }, two: { type: 'succeed' } }, next: 'done' },
    done: { type: 'succeed' },
  },
  layout: { build: { x: 0, y: 0 }, smoke: { x: 40, y: 400 }, each: { x: 0, y: 500 }, done: { x: 0, y: 900 } },
};

// v2 drops `smoke` (the parallel's join now goes straight to the map) and `two` in the map body.
const v2: Flow = {
  ...v1,
  steps: {
    ...v1.steps,
    j: { type: 'join', next: 'each' },
    each: { type: 'map', items: '$input.xs', start: 'one', steps: { one: { type: 'task', shell: 'one' } }, next: 'done' },
  },
  layout: { build: { x: 0, y: 0 }, each: { x: 0, y: 500 }, done: { x: 0, y: 900 } },
};
delete (v2.steps as Record<string, unknown>).smoke;

describe('diffCanvas', () => {
  it('adds removed steps as ghosts at their old place, in the map body they sat in', () => {
    const shown = diffCanvas(v2, v1, diffFlows(v1, v2));
    expect([...shown.ghosts].sort()).toEqual(['smoke', 'two']);
    expect(shown.flow.steps.smoke).toMatchObject({ type: 'task', http: { url: 'http://x' } });
    expect(shown.flow.layout?.smoke).toEqual({ x: 40, y: 400 });
    const each = shown.flow.steps.each;
    expect(each?.type === 'map' && Object.keys(each.steps).sort()).toEqual(['one', 'two']);
    // The newer flow itself is untouched, and its steps keep their identity (the graph cache reuses them).
    expect(v2.steps.smoke).toBeUndefined();
    expect(shown.flow.steps.build).toBe(v2.steps.build);
  });

  it('cuts a ghost’s references, so it draws no edge and pulls no live step into a frame', () => {
    // v3 removes the parallel itself: as a ghost it must not frame a and b again.
    const v3: Flow = { ...v2, start: 'build', steps: { ...v2.steps, build: { type: 'task', shell: 'make', next: 'a' } } };
    delete (v3.steps as Record<string, unknown>).fan;
    const shown = diffCanvas(v3, v2, diffFlows(v2, v3));
    expect(shown.ghosts.has('fan')).toBe(true);
    expect(shown.flow.steps.fan).toMatchObject({ type: 'parallel', branches: [] });
    const groups = groupFlow(shown.flow);
    expect([groups.parentOf.get('a'), groups.parentOf.get('b'), groups.parentOf.get('j')]).toEqual([undefined, undefined, undefined]);
    const graph = buildGraph(
      { flow: shown.flow, positions: quickLayout(shown.flow.steps, shown.flow.start), selected: new Set(['fan']), selectedEdge: null, ghosts: shown.ghosts },
      newGraphCache(),
    );
    expect(graph.edges.some((e) => e.source === 'fan' || e.target === 'fan')).toBe(false);
    const ghost = graph.nodes.find((n) => n.id === 'fan');
    expect(ghost).toMatchObject({ selectable: false, draggable: false, deletable: false, connectable: false, selected: false, className: 'is-ghost' });
    expect(ghost?.data).toMatchObject({ isGhost: true });
    expect(graph.nodes.find((n) => n.id === 'build')).not.toHaveProperty('selectable');
  });

  it('draws no ghosts when the older side did not parse', () => {
    const shown = diffCanvas(v2, null, diffFlows(v1, v2));
    expect(shown.flow).toBe(v2);
    expect(shown.ghosts.size).toBe(0);
  });
});
