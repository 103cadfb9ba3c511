import { describe, expect, it } from 'vitest';
import type { Flow, MapStep } from '../../engine/model/flow';
import { groupedFlow } from './group-fixtures';
import { addBodyStep, connectDeep, deleteStepsDeep, disconnectDeep, findStep, placeSteps, renameStepDeep, updateStepDeep } from './nested';

const flow: Flow = {
  flowsmith: '1.0',
  name: 'hosts',
  start: 'each',
  steps: {
    each: {
      type: 'map',
      items: '$input.hosts',
      start: 'ping',
      steps: {
        ping: { type: 'task', shell: 'ping', next: 'inner' },
        inner: { type: 'map', items: '[1]', start: 'deep', steps: { deep: { type: 'succeed' } } },
      },
      next: 'done',
    },
    done: { type: 'succeed' },
  },
};

describe('steps inside map bodies', () => {
  it('finds a step at any depth with the maps around it', () => {
    expect(findStep(flow, 'done')?.maps).toEqual([]);
    expect(findStep(flow, 'ping')?.maps).toEqual(['each']);
    expect(findStep(flow, 'deep')).toMatchObject({ step: { type: 'succeed' }, maps: ['each', 'inner'] });
    expect(findStep(flow, 'toString')).toBeUndefined();
  });

  it('updates a nested step and leaves everything else shared', () => {
    const out = updateStepDeep(flow, 'deep', { type: 'fail', error: 'X' });
    expect(findStep(out, 'deep')?.step).toEqual({ type: 'fail', error: 'X' });
    expect(out.steps.done).toBe(flow.steps.done);
    expect(findStep(flow, 'deep')?.step).toEqual({ type: 'succeed' });
  });

  it('adds to and deletes from a body, moving the body start and dropping references', () => {
    const added = addBodyStep(flow, 'each', 'log', { type: 'task', shell: 'echo' });
    expect(Object.keys(findStep(added, 'each')?.step.type === 'map' ? (findStep(added, 'each')!.step as { steps: object }).steps : {})).toEqual(['ping', 'inner', 'log']);
    expect(() => addBodyStep(added, 'each', 'done', { type: 'succeed' })).toThrow(/taken/);
    const gone = deleteStepsDeep(added, ['ping']);
    const each = gone.steps.each;
    expect(each?.type === 'map' && each.start).toBe('inner');
    expect(each?.type === 'map' && Object.keys(each.steps)).toEqual(['inner', 'log']);
    const noInner = deleteStepsDeep(added, ['inner']);
    expect(findStep(noInner, 'ping')?.step).toEqual({ type: 'task', shell: 'ping' });
  });
});

const body = (f: ReturnType<typeof groupedFlow>) => (f.steps.scan as MapStep).steps;

describe('nested steps (map bodies)', () => {
  it('finds a step at the top level or in a map body', () => {
    const flow = groupedFlow();
    expect(findStep(flow, 'stop')?.maps).toEqual([]);
    expect(findStep(flow, 'patch')?.maps).toEqual(['scan']);
    expect(findStep(flow, 'nope')).toBeUndefined();
  });

  it('deletes top-level and nested steps in one edit, clearing references in each map', () => {
    const flow = groupedFlow();
    const next = deleteStepsDeep(flow, ['stop', 'patch']);
    expect(next.steps.stop).toBeUndefined();
    expect(body(next).patch).toBeUndefined();
    expect(body(next).drain?.next).toBe('restore'); // the chain drain → patch → restore stays whole
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

describe('renaming a step wherever it sits', () => {
  it('renames a body step in place: its body start, next and catch references follow, nothing outside changes', () => {
    const out = renameStepDeep(flow, 'ping', 'probe');
    const each = out.steps.each as MapStep;
    expect(Object.keys(each.steps)).toEqual(['probe', 'inner']);
    expect(each.start).toBe('probe');
    expect(each.steps.probe).toEqual({ type: 'task', shell: 'ping', next: 'inner' });
    expect(out.steps.done).toBe(flow.steps.done);
    expect(out.start).toBe('each');
  });

  it('refuses an id taken anywhere in the flow, and an empty one', () => {
    expect(() => renameStepDeep(flow, 'ping', 'done')).toThrow(/taken/);
    expect(() => renameStepDeep(flow, 'deep', 'ping')).toThrow(/taken/);
    expect(() => renameStepDeep(flow, 'ping', '')).toThrow(/empty/);
    expect(renameStepDeep(flow, 'nope', 'x')).toBe(flow);
  });
});
