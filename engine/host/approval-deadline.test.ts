/**
 * An approval is decided by its deadline (#11 item 8): an answer that arrives after it, when no
 * process drove the run at the deadline, is refused with a clear error, and the run goes on as
 * the deadline decided (onTimeout), not as the late answer says (approve, or onReject).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../runtime/clock.js';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

const FLOW = [
  'flowsmith: "1.0"',
  'name: gate',
  'start: gate',
  'steps:',
  '  gate: {type: approval, approvers: [ops], timeout: 1h, next: go, onReject: rejected, onTimeout: expired}',
  '  go: {type: succeed}',
  '  rejected: {type: succeed}',
  '  expired: {type: succeed}',
];

/** A clock the test moves by hand; nothing sleeps on it here (the CLI returns at the approval). */
function handClock(start: number): Clock & { set(ms: number): void } {
  let now = start;
  return { now: () => now, set: (ms) => void (now = ms), sleepUntil: () => new Promise(() => undefined) };
}

describe('approval deadline', () => {
  it.each(['approve', 'reject'] as const)('a late %s is refused and the run takes onTimeout', async (verdict) => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-deadline-'));
    writeFileSync(join(dir, 'gate.yaml'), FLOW.join('\n') + '\n');
    const clock = handClock(Date.UTC(2026, 0, 1));
    const service = new RunService({ journal: openJournal(join(dir, 'store.db')), workRoot: join(dir, 'runs'), clock });
    const started = service.startRun({ path: join(dir, 'gate.yaml') });
    expect((await service.drive(started, { stopWhenWaiting: true })).steps.gate?.status).toBe('waiting');

    clock.set(Date.UTC(2026, 0, 1, 1, 0, 1)); // one second past the 1 h deadline; nobody drove the run
    expect(() => service.answerApproval({ run: started.id, step: 'gate', verdict, as: 'ops' })).toThrow(/deadline passed at 2026-01-01T01:00:00.000Z; the answer of ops was not counted/);
    expect(() => service.answerApproval({ run: started.id, step: 'gate', verdict, as: 'ops' })).toThrow(/not waiting for approval/);
    const state = await service.drive(service.open(started.id), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.path).toEqual(['gate', 'expired']);
    expect(state.steps.gate?.error?.name).toBe('Timeout');
    expect(state.steps.gate?.approval?.decisions).toEqual([]);
    service.close();
  });
});
