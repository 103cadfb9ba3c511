import { describe, expect, it } from 'vitest';
import { groupedFlow } from './group-fixtures';
import { frameId, groupFlow } from './groups';

describe('groups', () => {
  it('puts a parallel, its branches up to the join and the join in one frame, and nests inner parallels', () => {
    const g = groupFlow(groupedFlow());
    expect(g.frames.map((f) => f.id)).toEqual([frameId('fan'), frameId('prepare')]);
    for (const s of ['prepare', 'stop', 'backup', 'joined']) expect(g.parentOf.get(s)).toBe('par:prepare');
    for (const s of ['fan', 'a', 'b', 'inner-join']) expect(g.parentOf.get(s)).toBe('par:fan');
    expect(g.parentOf.get('par:fan')).toBe('par:prepare');
    expect(g.parentOf.has('par:prepare')).toBe(false);
  });

  it('leaves a step that is also entered from outside the parallel (a shared rollback) outside its frame', () => {
    const g = groupFlow(groupedFlow());
    expect(g.parentOf.has('rollback')).toBe(false);
    expect(g.parentOf.has('checkout')).toBe(false);
    expect(g.parentOf.has('scan')).toBe(false);
  });

  it('draws a map body inside its map: nested steps have the map as parent and their own scope', () => {
    const g = groupFlow(groupedFlow());
    for (const s of ['drain', 'patch', 'restore']) {
      expect(g.parentOf.get(s)).toBe('scan');
      expect(g.scopeOf.get(s)).toBe('scan');
    }
    expect(g.scopes.map((s) => s.map)).toEqual([undefined, 'scan']);
  });

  it('frames a parallel alone while its join names no step (just added from the palette)', () => {
    const g = groupFlow({
      flowsmith: '1.0',
      name: 'draft',
      start: 'fan',
      steps: { fan: { type: 'parallel', branches: ['a'], join: '' }, a: { type: 'task', shell: 'true' } },
    });
    expect(g.frames.map((f) => f.id)).toEqual([frameId('fan')]);
    expect(g.parentOf.get('fan')).toBe('par:fan');
    expect(g.parentOf.has('a')).toBe(false);
  });
});
