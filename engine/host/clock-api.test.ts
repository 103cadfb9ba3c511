import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';
import type { ClockPace } from '../runtime/virtual-clock.js';
import { runStatusOf } from '../runtime/fold.js';
import { createHostApi } from './host-api.js';

/** A flow that waits an hour, then asks ops for an approval with a 2 h deadline. */
const FLOW = [
  'flowsmith: "1.0"',
  'name: gate',
  'start: settle',
  'steps:',
  '  settle: {type: wait, duration: 1h, next: check}',
  '  check: {type: approval, approvers: [ops], timeout: 2h, message: "Go?", next: done}',
  '  done: {type: succeed}',
  '',
].join('\n');

function host(pace?: ClockPace) {
  const root = mkdtempSync(join(tmpdir(), 'fs-clock-'));
  const path = join(root, 'gate.yaml');
  writeFileSync(path, FLOW);
  const service = new RunService({ journal: openJournal(':memory:'), workRoot: join(root, 'runs'), ...(pace ? { simulationPace: pace } : {}) });
  return { path, service, api: createHostApi(service, { root, openPath: null }) };
}

const HOUR = 3_600_000;

describe('virtual time of designer simulations (issue #9 point 7)', () => {
  it('holds the clock at a simulated approval so a person answers it before its deadline', async () => {
    const { path, service, api } = host({ kind: 'held' });
    const { run } = await api.startRun({ path, mode: 'simulate' });
    const startedAt = service.state(run).startedAt;
    await expect.poll(() => service.state(run).steps.check?.status).toBe('waiting');
    // The hour's wait jumped by itself; the approval holds the clock with its deadline next.
    const time = await api.getClock({ run });
    expect(time).toMatchObject({ pace: { kind: 'held' }, isHeld: true });
    expect(Date.parse(time.now) - startedAt).toBe(HOUR);
    expect(Date.parse(time.nextTimerAt!) - startedAt).toBe(3 * HOUR);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runStatusOf(service.state(run))).toBe('waiting');

    await api.answerApproval({ run, step: 'check', verdict: 'approve', as: 'ops' });
    await expect.poll(() => service.state(run).status).toBe('succeeded');
    const decision = service.state(run).steps.check!.approval!.decisions[0]!;
    expect(decision.at - startedAt).toBe(HOUR);
    service.close();
  });

  it('Next timer moves a held clock to the approval deadline, and the approval times out', async () => {
    const { path, service, api } = host({ kind: 'held' });
    const { run } = await api.startRun({ path, mode: 'simulate' });
    await expect.poll(() => service.state(run).steps.check?.status).toBe('waiting');
    const startedAt = service.state(run).startedAt;
    const moved = await api.advanceClock({ run, to: 'next-timer' });
    expect(Date.parse(moved.now) - startedAt).toBe(3 * HOUR);
    await expect.poll(() => service.state(run).status).toBe('failed');
    expect(service.state(run).steps.check!.error!.name).toBe('Timeout');
    expect(await api.getClock({ run })).toMatchObject({ now: moved.now, isHeld: false, nextTimerAt: null });
    await expect(api.advanceClock({ run, byMs: 1000 })).rejects.toThrow(/has ended/);
    service.close();
  });

  it('a speed pace can be chosen; a real run has no virtual clock; the CLI pace jumps past the deadline', async () => {
    const held = host({ kind: 'held' });
    const { run } = await held.api.startRun({ path: held.path, mode: 'simulate' });
    await expect.poll(() => held.service.state(run).steps.check?.status).toBe('waiting');
    expect((await held.api.setClockPace({ run, pace: { kind: 'speed', factor: 60 } })).pace).toEqual({ kind: 'speed', factor: 60 });
    await expect(held.api.setClockPace({ run, pace: { kind: 'speed', factor: 1e9 } })).rejects.toThrow(RangeError);
    await expect(held.api.advanceClock({ run })).rejects.toThrow(/next-timer/);
    await held.api.cancelRun({ run });
    const real = await held.api.startRun({ path: held.path, mode: 'run' });
    await expect(held.api.getClock({ run: real.run })).rejects.toThrow(/real run/);
    await held.api.cancelRun({ run: real.run });
    held.service.close();

    const cli = host();
    const driver = cli.service.startRun({ path: cli.path, mode: 'simulate' });
    const state = await cli.service.drive(driver, { stopWhenWaiting: false });
    expect(state.steps.check!.error!.name).toBe('Timeout');
    cli.service.close();
  });

  it('stays held while any of two parallel approvals waits, and answers keep their virtual time', async () => {
    const first = host();
    first.service.close();
    const root = dirname(first.path);
    const path = join(root, 'two-gates.yaml');
    writeFileSync(path, [
      'flowsmith: "1.0"',
      'name: two-gates',
      'start: fan',
      'steps:',
      '  fan: {type: parallel, branches: [a, b], join: both}',
      '  a: {type: approval, approvers: [ops], timeout: 1h, next: both}',
      '  b: {type: approval, approvers: [ops], timeout: 2h, next: both}',
      '  both: {type: join, mode: all, next: done}',
      '  done: {type: succeed}',
      '',
    ].join('\n'));
    const service = new RunService({ journal: openJournal(':memory:'), workRoot: join(root, 'runs'), simulationPace: { kind: 'held' } });
    const api = createHostApi(service, { root, openPath: null });
    const { run } = await api.startRun({ path, mode: 'simulate' });
    const startedAt = service.state(run).startedAt;
    await expect.poll(() => service.state(run).steps.b?.status).toBe('waiting');
    await api.answerApproval({ run, step: 'b', verdict: 'approve', as: 'ops' });
    await expect.poll(() => service.state(run).steps.b?.status).toBe('succeeded');
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    // a still waits: the clock did not jump to its 1 h deadline.
    expect(service.state(run).steps.a?.status).toBe('waiting');
    expect(await api.getClock({ run })).toMatchObject({ isHeld: true, now: new Date(startedAt).toISOString() });
    await api.answerApproval({ run, step: 'a', verdict: 'approve', as: 'ops' });
    await expect.poll(() => service.state(run).status).toBe('succeeded');
    service.close();
  });
});
