import { describe, expect, it } from 'vitest';
import type { Flow, MapStep } from '../../engine/model/flow';
import { renameStepEverywhere, renameStepInExpression } from './rename-step';

const flow: Flow = {
  flowsmith: '1.0',
  name: 'hosts',
  start: 'check',
  steps: {
    check: { type: 'task', shell: 'echo {{ $steps.check.output }}', next: 'each' },
    each: {
      type: 'map',
      items: '$input.hosts',
      start: 'fan',
      steps: {
        fan: { type: 'parallel', branches: ['ping', 'scan'], join: 'met' },
        ping: { type: 'task', shell: 'ping {{ $item }}', next: 'met' },
        scan: { type: 'task', shell: 'nmap', next: 'met', catch: [{ errors: ['*'], next: 'ping' }] },
        met: { type: 'join', mode: 'all', next: 'pick' },
        pick: {
          type: 'branch',
          cases: [{ when: '$steps.ping.status = "succeeded" and $steps.`ping`.output.ms < 10', next: 'ping' }],
          default: 'scan',
        },
      },
      output: '{"fastest": $steps.ping.output, "other": $steps.`ping-two`.output}',
      next: 'done',
    },
    done: { type: 'succeed' },
  },
};

const body = (f: Flow) => (f.steps.each as MapStep).steps;

describe('renameStepInExpression', () => {
  it('renames plain, dashed and backticked mentions, not longer ids', () => {
    expect(renameStepInExpression('$steps.ping.output + $steps.`ping`.x', 'ping', 'probe')).toBe('$steps.probe.output + $steps.probe.x');
    expect(renameStepInExpression('$steps.pinger.output & $steps.ping-two & $steps.ping - 1', 'ping', 'probe')).toBe('$steps.pinger.output & $steps.ping-two & $steps.probe - 1');
    expect(renameStepInExpression('$steps.stop-db.output', 'stop-db', 'halt-db')).toBe('$steps.`halt-db`.output');
    expect(renameStepInExpression('$steps.a.output', 'a', 'v1.0')).toBe('$steps.`v1.0`.output');
  });
});

describe('renameStepEverywhere', () => {
  it('renames a step in a map body: next, branches, join, catch, cases, default and $steps in the body follow', () => {
    const out = renameStepEverywhere(flow, 'ping', 'probe');
    const steps = body(out);
    expect(Object.keys(steps)).toEqual(['fan', 'probe', 'scan', 'met', 'pick']);
    expect(steps.fan).toEqual({ type: 'parallel', branches: ['probe', 'scan'], join: 'met' });
    expect(steps.scan).toMatchObject({ catch: [{ errors: ['*'], next: 'probe' }] });
    expect(steps.pick).toEqual({
      type: 'branch',
      cases: [{ when: '$steps.probe.status = "succeeded" and $steps.probe.output.ms < 10', next: 'probe' }],
      default: 'scan',
    });
    // The map itself is outside its body: its output names the body's step, not renamed; other steps are shared.
    expect(out.steps.check).toBe(flow.steps.check);
    expect(out.steps.done).toBe(flow.steps.done);
    expect(steps.met).toEqual(body(flow).met);
  });

  it("renames a body's start step and its join", () => {
    expect((renameStepEverywhere(flow, 'fan', 'split').steps.each as MapStep).start).toBe('split');
    expect(body(renameStepEverywhere(flow, 'met', 'all-done')).fan).toMatchObject({ join: 'all-done' });
  });

  it('renames a top-level step the same way: start, next and $steps.<id> everywhere', () => {
    const out = renameStepEverywhere(flow, 'check', 'probe-first');
    expect(out.start).toBe('probe-first');
    expect(Object.keys(out.steps)).toEqual(['probe-first', 'each', 'done']);
    expect(out.steps['probe-first']).toEqual({ type: 'task', shell: 'echo {{ $steps.`probe-first`.output }}', next: 'each' });
  });

  it('refuses ids taken anywhere and leaves unknown ids alone', () => {
    expect(() => renameStepEverywhere(flow, 'ping', 'done')).toThrow(/taken/);
    expect(() => renameStepEverywhere(flow, 'check', 'scan')).toThrow(/taken/);
    expect(renameStepEverywhere(flow, 'nope', 'x')).toBe(flow);
  });
});
