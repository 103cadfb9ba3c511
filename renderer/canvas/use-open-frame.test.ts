import { describe, expect, it } from 'vitest';
import { READABLE_ZOOM, openingViewport } from './use-open-frame';

const pane = { width: 1000, height: 600 };

describe('openingViewport', () => {
  it('shows a flow that fits at a readable zoom whole and centred', () => {
    const all = { x: 0, y: 0, w: 600, h: 400 };
    const v = openingViewport(all, { x: 0, y: 0, w: 232, h: 68 }, pane);
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(v.x + (all.w / 2) * v.zoom).toBeCloseTo(pane.width / 2);
    expect(v.y + (all.h / 2) * v.zoom).toBeCloseTo(pane.height / 2);
  });

  it('opens a long flow at zoom 1 with its start step at the top centre, never below the readable zoom', () => {
    const start = { x: 3000, y: 500, w: 232, h: 68 };
    const v = openingViewport({ x: 0, y: 0, w: 8000, h: 60000 }, start, pane);
    expect(v.zoom).toBe(1);
    expect(v.x + (start.x + start.w / 2) * v.zoom).toBeCloseTo(pane.width / 2);
    const top = v.y + start.y * v.zoom;
    expect(top).toBeGreaterThan(0);
    expect(top + start.h).toBeLessThan(pane.height / 2);
  });
});
