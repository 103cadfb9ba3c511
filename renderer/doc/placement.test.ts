/**
 * Room for growing map frames (placement.ts): a frame's estimated height follows its body, nested
 * maps included, and what sits below the outermost frame moves down by what that frame grew.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, MapStep } from '../../engine/model/flow';
import { FRAME } from './layout';
import { addBodyStep } from './nested';
import { NODE_HEIGHT } from './node-size';
import { BODY_ROW, makeRoomForBody, mapFrameHeight } from './placement';

const task = { type: 'task', shell: 'true' } as const;

function nested(): Flow {
  return {
    flowsmith: '1.0',
    name: 'nested',
    start: 'first',
    steps: {
      first: { ...task, next: 'outer' },
      outer: {
        type: 'map', items: '$input.hosts', start: 'prep', next: 'last',
        steps: {
          prep: { ...task, next: 'inner' },
          inner: { type: 'map', items: '$item.disks', start: 'disk', steps: { disk: { ...task } } },
        },
      },
      last: { type: 'succeed' },
      aside: { type: 'fail', error: 'X' },
    },
    layout: { first: { x: 0, y: 0 }, outer: { x: 0, y: 120 }, last: { x: 0, y: 700 }, aside: { x: 400, y: 60 } },
  };
}

describe('mapFrameHeight', () => {
  it('is header, body rows with layer gaps, padding; a nested map counts as its own frame', () => {
    const one: MapStep = { type: 'map', items: '[]', start: 'a', steps: { a: { ...task } } };
    expect(mapFrameHeight(one)).toBe(FRAME.mapHeader + NODE_HEIGHT + FRAME.pad);
    const two: MapStep = { ...one, steps: { a: { ...task, next: 'b' }, b: { ...task } } };
    expect(mapFrameHeight(two) - mapFrameHeight(one)).toBe(BODY_ROW);
    const outer = nested().steps.outer as MapStep;
    expect(mapFrameHeight(outer)).toBe(FRAME.mapHeader + NODE_HEIGHT + (BODY_ROW - NODE_HEIGHT) + mapFrameHeight(outer.steps.inner as MapStep) + FRAME.pad);
  });

  it('tolerates a map without a body (code view while typing)', () => {
    expect(mapFrameHeight({ type: 'map', items: '[]', start: 'a' } as unknown as MapStep)).toBe(FRAME.mapHeader + NODE_HEIGHT + FRAME.pad);
  });
});

describe('makeRoomForBody', () => {
  it('moves the steps below the outer frame when the inner map body grows', () => {
    const before = nested();
    const after = addBodyStep(before, 'inner', 'disk-2', { ...task });
    const moved = makeRoomForBody(before, after, 'inner');
    expect(moved.layout?.last).toEqual({ x: 0, y: 700 + BODY_ROW });
    // Above the outer frame, and the frame itself, stay.
    expect([moved.layout?.first, moved.layout?.outer, moved.layout?.aside]).toEqual([{ x: 0, y: 0 }, { x: 0, y: 120 }, { x: 400, y: 60 }]);
  });

  it('moves by the whole new frame when a map is added inside a body', () => {
    const before = nested();
    const added: MapStep = { type: 'map', items: '[]', start: 'x', steps: { x: { ...task } } };
    const after = addBodyStep(before, 'inner', 'deeper', added);
    expect(makeRoomForBody(before, after, 'inner').layout?.last?.y).toBe(700 + BODY_ROW - NODE_HEIGHT + mapFrameHeight(added));
  });

  it('leaves the flow as it is when the frame did not grow or the outer map has no saved position', () => {
    const before = nested();
    expect(makeRoomForBody(before, before, 'inner')).toBe(before);
    const unsaved = { ...before, layout: { last: { x: 0, y: 700 } } };
    const after = addBodyStep(unsaved, 'inner', 'disk-2', { ...task });
    expect(makeRoomForBody(unsaved, after, 'inner')).toBe(after);
  });
});
