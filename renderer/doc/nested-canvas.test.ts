import { describe, expect, it } from 'vitest';
import type { MapStep } from '../../engine/model/flow';
import { groupedFlow } from './group-fixtures';
import { connectDeep, deleteStepsDeep, disconnectDeep, locateStep, placeSteps, updateStepDeep } from './nested-canvas';

const body = (f: ReturnType<typeof groupedFlow>) => (f.steps.scan as MapStep).steps;

describe('nested steps (map bodies)', () => {
  it('finds a step at the top level or in a map body', () => {
    const flow = groupedFlow();
    expect(locateStep(flow, 'stop')?.maps).toEqual([]);
    expect(locateStep(flow, 'patch')?.maps).toEqual(['scan']);
    expect(locateStep(flow, 'nope')).toBeUndefined();
  });

  it('deletes top-level and nested steps in one edit, clearing references in each map', () => {
    const flow = groupedFlow();
    const next = deleteStepsDeep(flow, ['stop', 'patch']);
    expect(next.steps.stop).toBeUndefined();
    expect(body(next).patch).toBeUndefined();
    expect(body(next).drain?.next).toBeUndefined();
    expect(next.steps.prepare).toMatchObject({ branches: ['backup'] });
    expect(body(flow).patch).toBeDefined(); // the input is untouched
  });

  it("moves a map's start when its start step is deleted", () => {
    const next = deleteStepsDeep(groupedFlow(), ['drain']);
    expect((next.steps.scan as MapStep).start).toBe('patch');
  });

  it('connects and disconnects steps inside a map body, and never across bodies', () => {
    const flow = groupedFlow();
    const linked = connectDeep(flow, 'restore', 'drain', 'next');
    expect(body(linked).restore?.next).toBe('drain');
    expect(connectDeep(flow, 'restore', 'done', 'next')).toBe(flow);
    expect(body(disconnectDeep(linked, 'drain', 'patch')).drain?.next).toBeUndefined();
  });

  it('updates a nested step in place', () => {
    const next = updateStepDeep(groupedFlow(), 'patch', { type: 'task', shell: 'echo patched', next: 'restore' });
    expect(body(next).patch).toMatchObject({ shell: 'echo patched' });
    expect(Object.keys(body(next))).toEqual(['drain', 'patch', 'restore']);
  });

  it('places several top-level steps in one edit, rounded, ignoring nested ids; no change returns the same flow', () => {
    const flow = groupedFlow();
    const next = placeSteps(flow, { stop: { x: 10.4, y: 20.6 }, backup: { x: 1, y: 2 }, drain: { x: 5, y: 5 } });
    expect(next.layout).toEqual({ stop: { x: 10, y: 21 }, backup: { x: 1, y: 2 } });
    expect(placeSteps(next, { stop: { x: 10, y: 21 } })).toBe(next);
  });
});
