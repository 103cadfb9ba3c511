import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { Flow, Step } from '../../engine/model/flow';
import { groupedFlow } from './group-fixtures';
import { groupFlow } from './groups';
import { FRAME, autoLayout, elkGraph, missingPositions, positionsToKeep } from './layout';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';
import { quickLayout } from './quick-layout';

const elk = new ELK();

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const box = (p: { x: number; y: number }): Box => ({ x: p.x, y: p.y, w: NODE_WIDTH, h: NODE_HEIGHT });

describe('group layout (elk, bottom up)', () => {
  it('keeps a parallel frame together: its steps lie between the steps before and after it, without overlaps', async () => {
    const flow = groupedFlow();
    const pos = await autoLayout(flow, elk);
    const g = groupFlow(flow);
    const top = Object.keys(flow.steps);
    expect(Object.keys(pos).sort()).toEqual([...top, 'drain', 'patch', 'restore'].sort());
    const inPrepare = top.filter((s) => s === 'prepare' || g.parentOf.get(s) === 'par:prepare' || g.parentOf.get(s) === 'par:fan');
    const ys = inPrepare.map((s) => pos[s]!.y);
    expect(Math.min(...ys)).toBeGreaterThan(pos.checkout!.y);
    expect(Math.max(...ys)).toBeLessThan(pos.scan!.y);
    // No two top-level steps overlap (the map is bigger than a step: its frame holds its body).
    const boxes = top.filter((s) => s !== 'scan').map((s) => box(pos[s]!));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
  });

  it("places a map's body relative to the map, below its header, in flow order", async () => {
    const pos = await autoLayout(groupedFlow(), elk);
    expect(pos.drain!.y).toBeGreaterThanOrEqual(FRAME.mapHeader);
    expect(pos.drain!.x).toBeGreaterThanOrEqual(FRAME.pad);
    expect(pos.patch!.y).toBeGreaterThan(pos.drain!.y);
    expect(pos.restore!.y).toBeGreaterThan(pos.patch!.y);
  });

  it('lifts edges into a frame to the frame, so each container is a flat graph', () => {
    const graph = elkGraph(groupedFlow());
    const rootIds = new Set(graph.children!.map((c) => c.id));
    for (const e of graph.edges ?? []) {
      expect(rootIds.has(e.sources[0]!)).toBe(true);
      expect(rootIds.has(e.targets[0]!)).toBe(true);
    }
    expect(graph.edges!.map((e) => e.id)).toContain('checkout->par:prepare');
  });

  it('lays out a shared fail step entered from many approvals next to its first caller (hub edges left out)', async () => {
    const steps: Record<string, Step> = {};
    for (let i = 0; i < 8; i++) steps[`a${i}`] = { type: 'approval', approvers: ['ops'], next: i < 7 ? `a${i + 1}` : 'done', onReject: 'rejected' };
    steps.done = { type: 'succeed' };
    steps.rejected = { type: 'fail' };
    const pos = await autoLayout({ flowsmith: '1.0', name: 'hub', start: 'a0', steps } as Flow, elk);
    expect(pos.rejected!.y).toBeLessThan(pos.a3!.y);
  });

  it('lists steps without a position: top-level ones without layout or computed place, nested ones without a computed place', () => {
    const flow = { ...groupedFlow(), layout: { checkout: { x: 0, y: 0 } } };
    const missing = missingPositions(flow, { prepare: { x: 1, y: 1 }, drain: { x: 1, y: 1 } });
    expect(missing).not.toContain('checkout');
    expect(missing).not.toContain('prepare');
    expect(missing).not.toContain('drain');
    expect(missing).toContain('patch');
    expect(missing).toContain('stop');
  });

  it('gives every step, nested ones included, a provisional place at once', () => {
    const flow = groupedFlow();
    const quick = quickLayout(flow.steps, flow.start);
    expect(Object.keys(quick).length).toBe(Object.keys(flow.steps).length + 3);
    expect(quick.prepare!.y).toBeGreaterThan(quick.checkout!.y);
  });

  it('puts a step shared by many below all of them, and lays out loops', () => {
    const steps: Flow['steps'] = {
      a1: { type: 'approval', approvers: ['x'], next: 'a2', onReject: 'rejected' },
      a2: { type: 'approval', approvers: ['x'], next: 'a3', onReject: 'rejected' },
      a3: { type: 'approval', approvers: ['x'], next: 'again', onReject: 'rejected' },
      again: { type: 'task', shell: 'true', next: 'a1' },
      rejected: { type: 'fail', error: 'Rejected' },
      lost: { type: 'succeed' },
    };
    const quick = quickLayout(steps, 'a1');
    expect(quick.rejected!.y).toBeGreaterThan(quick.a3!.y);
    expect(quick.again!.y).toBeGreaterThan(quick.a3!.y);
    expect(quick.a1!.y).toBeLessThan(quick.a2!.y);
    expect(quick.lost).toBeDefined();
  });
});

describe('positionsToKeep (a grown nested map body)', () => {
  /** first → outer map (prep → inner map (disk…)) → last; `disks` body steps in the inner map. */
  const nestedFlow = (disks: number, layout?: Flow['layout']): Flow => {
    const steps: Record<string, Step> = {};
    for (let i = 1; i <= disks; i++) steps[`disk-${i}`] = { type: 'task', shell: 'true', ...(i < disks ? { next: `disk-${i + 1}` } : {}) } as Step;
    return {
      flowsmith: '1.0', name: 'n', start: 'first',
      steps: {
        first: { type: 'task', shell: 'true', next: 'outer' },
        outer: { type: 'map', items: '[]', start: 'prep', next: 'last', steps: {
          prep: { type: 'task', shell: 'true', next: 'inner' },
          inner: { type: 'map', items: '[]', start: 'disk-1', steps },
        } },
        last: { type: 'succeed' },
      },
      ...(layout ? { layout } : {}),
    };
  };

  it('moves an unsaved step below the outer frame when the inner body grows, and keeps saved ones', async () => {
    // Given the flow laid out with one disk, then a second disk added to the inner map
    const small = nestedFlow(1);
    const before = await autoLayout(small, elk);
    const grown = nestedFlow(2);
    const groups = groupFlow(grown);
    const missing = missingPositions(grown, before, groups);
    expect(missing).toEqual(['disk-2']);
    const laid = await autoLayout(grown, elk);
    // When the canvas takes elk's new layout
    const kept = { ...before, ...positionsToKeep(grown, groups, missing, laid) };
    // Then `last` moved down with the outer frame, which grew by a body row
    expect(kept.last!.y).toBeGreaterThan(before.last!.y);
    // (nested positions are relative to their map: outer → inner → disk-2, then both frames' padding)
    const outerBottom = kept.outer!.y + kept.inner!.y + kept['disk-2']!.y + NODE_HEIGHT + 2 * FRAME.pad;
    expect(kept.last!.y).toBeGreaterThan(outerBottom);
    expect(before.last!.y).toBeLessThan(outerBottom); // the old place is under the grown frame
    // And a step with a saved position keeps it (placement.ts moves those)
    const saved = nestedFlow(2, { last: { x: 5, y: 9 } });
    expect(positionsToKeep(saved, groupFlow(saved), missing, laid)).not.toHaveProperty('last');
  });
});
