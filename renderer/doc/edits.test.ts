import { describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { addStep, connect, deleteSteps, disconnect, moveStep, renameStep, withLayout } from './edits';
import { flowEdges } from './edges';
import { freshId, newStep } from './new-step';
import { freeSpot } from './placement';

/** A small deploy flow in the shape of DESIGN.md's example. */
function deployFlow(): Flow {
  return {
    flowsmith: '1.0',
    name: 'deploy',
    start: 'build',
    steps: {
      build: { type: 'task', shell: 'make build', next: 'gate' },
      gate: { type: 'branch', cases: [{ when: '$input.env = "prod"', next: 'approve' }], default: 'deploy' },
      approve: { type: 'approval', approvers: ['ops-manager'], next: 'deploy', onReject: 'rejected', onTimeout: 'rejected' },
      deploy: { type: 'task', shell: 'make deploy', catch: [{ errors: ['ShellExit'], next: 'rejected' }], next: 'done' },
      rejected: { type: 'fail', error: 'Rejected' },
      done: { type: 'succeed' },
    },
    layout: { build: { x: 0, y: 0 }, approve: { x: 200, y: 200 } },
  };
}

describe('document edits', () => {
  it('adds a step with a fresh id at a rounded position, without touching the input', () => {
    const flow = deployFlow();
    const id = freshId(flow, 'task');
    const next = addStep(flow, id, newStep('task-shell'), { x: 10.4, y: 20.6 });
    expect(id).toBe('task-1');
    expect(next.steps['task-1']).toEqual({ type: 'task', shell: 'echo hello' });
    expect(next.layout?.['task-1']).toEqual({ x: 10, y: 21 });
    expect(flow.steps['task-1']).toBeUndefined();
    expect(freshId(next, 'task')).toBe('task-2');
    expect(() => addStep(next, 'build', newStep('succeed'), { x: 0, y: 0 })).toThrow(/taken/);
  });

  it('makes the first step of an empty flow its start', () => {
    const empty: Flow = { flowsmith: '1.0', name: 'x', start: '', steps: {} };
    expect(addStep(empty, 'a', newStep('succeed'), { x: 0, y: 0 }).start).toBe('a');
  });

  it('deletes a step and every reference to it', () => {
    const next = deleteSteps(deployFlow(), ['rejected']);
    expect(next.steps.rejected).toBeUndefined();
    const approve = next.steps.approve;
    expect(approve?.type === 'approval' && approve.onReject).toBeUndefined();
    expect(approve && 'onTimeout' in approve).toBe(false);
    expect(next.steps.deploy?.catch).toBeUndefined();
    expect(next.steps.deploy?.next).toBe('done');
  });

  it('keeps a chain whole when its middle is deleted (walkthrough: deleting a step cut the flow in two)', () => {
    const next = deleteSteps(deployFlow(), ['deploy']);
    // approve went on to deploy, which went on to done: approve now goes on to done.
    expect(next.steps.approve?.next).toBe('done');
    // The branch's default to deploy is dropped, not re-routed: only `next` chains are kept.
    expect(next.steps.gate).toMatchObject({ type: 'branch' });
    expect(next.steps.gate && 'default' in next.steps.gate).toBe(false);
    // Deleting a chain's first steps moves start along it; a loop back to a referrer is no next.
    const loop: Flow = { ...deployFlow(), steps: { a: { type: 'task', shell: 'a', next: 'b' }, b: { type: 'task', shell: 'b', next: 'a' } }, start: 'a' };
    expect(deleteSteps(loop, ['b']).steps.a).toEqual({ type: 'task', shell: 'a' });
    expect(deleteSteps(deployFlow(), ['build']).start).toBe('gate');
  });

  it('drops branch cases that pointed at a deleted step and moves start', () => {
    const next = deleteSteps(deployFlow(), ['approve', 'build']);
    const gate = next.steps.gate;
    expect(gate?.type === 'branch' && gate.cases).toEqual([]);
    expect(next.start).toBe('gate');
    expect(next.layout).toEqual({});
  });

  it('connects with next, branch cases, parallel branches, onReject and catch', () => {
    let f = addStep(deployFlow(), 'notify', newStep('task-shell'), { x: 0, y: 0 });
    f = connect(f, 'done', 'notify'); // end steps have no outlet
    expect(f.steps.done).toEqual({ type: 'succeed' });
    f = connect(f, 'build', 'notify');
    expect(f.steps.build?.next).toBe('notify');
    f = connect(f, 'gate', 'notify', 'case');
    const gate = f.steps.gate;
    expect(gate?.type === 'branch' && gate.cases[1]).toEqual({ when: 'true', next: 'notify' });
    f = connect(f, 'approve', 'notify', 'reject');
    const approve = f.steps.approve;
    expect(approve?.type === 'approval' && approve.onReject).toBe('notify');
    f = connect(f, 'notify', 'rejected', 'catch');
    expect(f.steps.notify?.catch).toEqual([{ errors: ['*'], next: 'rejected' }]);
    f = addStep(f, 'par', { type: 'parallel', branches: [], join: 'done' }, { x: 0, y: 0 });
    f = connect(connect(f, 'par', 'build'), 'par', 'build');
    const par = f.steps.par;
    expect(par?.type === 'parallel' && par.branches).toEqual(['build']);
  });

  it('disconnects every reference of one edge and keeps a parallel join', () => {
    let f = disconnect(deployFlow(), 'approve', 'rejected');
    const approve = f.steps.approve;
    expect(approve?.type === 'approval' && [approve.onReject, approve.onTimeout]).toEqual([undefined, undefined]);
    expect(approve?.next).toBe('deploy');
    f = addStep(f, 'par', { type: 'parallel', branches: ['done'], join: 'done' }, { x: 0, y: 0 });
    const par = disconnect(f, 'par', 'done').steps.par;
    expect(par?.type === 'parallel' && [par.branches, par.join]).toEqual([[], 'done']);
  });

  it('renames a step in place and updates references, start and layout', () => {
    const next = renameStep(deployFlow(), 'approve', 'sign-off');
    expect(Object.keys(next.steps)).toEqual(['build', 'gate', 'sign-off', 'deploy', 'rejected', 'done']);
    const gate = next.steps.gate;
    expect(gate?.type === 'branch' && gate.cases[0]?.next).toBe('sign-off');
    expect(next.layout?.['sign-off']).toEqual({ x: 200, y: 200 });
    expect(renameStep(deployFlow(), 'build', 'compile').start).toBe('compile');
    expect(() => renameStep(deployFlow(), 'build', 'deploy')).toThrow(/taken/);
  });

  it('moves a step and returns the same flow when nothing moved', () => {
    const flow = deployFlow();
    expect(moveStep(flow, 'build', { x: 0.2, y: -0.3 })).toBe(flow);
    expect(moveStep(flow, 'gate', { x: 5, y: 6 }).layout?.gate).toEqual({ x: 5, y: 6 });
  });

  it('fills layout from computed positions for saving', () => {
    const out = withLayout(deployFlow(), { gate: { x: 1.6, y: 2 }, build: { x: 99, y: 99 } });
    expect(out.layout?.build).toEqual({ x: 0, y: 0 });
    expect(out.layout?.gate).toEqual({ x: 2, y: 2 });
    expect(Object.keys(out.layout ?? {})).toEqual(['build', 'gate', 'approve']);
  });
});

describe('canvas edges', () => {
  it('follows successors(): labelled cases, merged reject/timeout, dashed catch', () => {
    const edges = flowEdges(deployFlow());
    const byId = new Map(edges.map((e) => [e.id, e]));
    expect(byId.get('gate->approve')?.label).toBe('$input.env = "prod"');
    expect(byId.get('gate->deploy')?.sourceHandle).toBe('default');
    const reject = byId.get('approve->rejected');
    expect(reject?.refs.map((r) => r.kind)).toEqual(['onReject', 'onTimeout']);
    expect(reject?.label).toBe('rejected / timed out');
    expect(byId.get('deploy->rejected')?.style).toBe('catch');
    expect(edges).toHaveLength(7);
  });
});

describe('placement of new steps', () => {
  it('keeps the wanted spot when free and moves right of a step that is there', () => {
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 500, y: 500 }])).toEqual({ x: 0, y: 0 });
    const spot = freeSpot({ x: 0, y: 0 }, [{ x: 10, y: 10 }]);
    expect(spot.y).toBe(0);
    expect(spot.x).toBeGreaterThanOrEqual(232);
  });
});
