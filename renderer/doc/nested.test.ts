import { describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { addBodyStep, deleteBodyStep, findStep, updateAnyStep } from './nested';

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
    const out = updateAnyStep(flow, 'deep', { type: 'fail', error: 'X' });
    expect(findStep(out, 'deep')?.step).toEqual({ type: 'fail', error: 'X' });
    expect(out.steps.done).toBe(flow.steps.done);
    expect(findStep(flow, 'deep')?.step).toEqual({ type: 'succeed' });
  });

  it('adds to and deletes from a body, moving the body start and dropping references', () => {
    const added = addBodyStep(flow, 'each', 'log', { type: 'task', shell: 'echo' });
    expect(Object.keys(findStep(added, 'each')?.step.type === 'map' ? (findStep(added, 'each')!.step as { steps: object }).steps : {})).toEqual(['ping', 'inner', 'log']);
    expect(() => addBodyStep(added, 'each', 'done', { type: 'succeed' })).toThrow(/taken/);
    const gone = deleteBodyStep(added, 'ping');
    const each = gone.steps.each;
    expect(each?.type === 'map' && each.start).toBe('inner');
    expect(each?.type === 'map' && Object.keys(each.steps)).toEqual(['inner', 'log']);
    const noInner = deleteBodyStep(added, 'inner');
    expect(findStep(noInner, 'ping')?.step).toEqual({ type: 'task', shell: 'ping' });
  });
});
