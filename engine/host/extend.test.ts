import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunRequestError } from '../runtime/driver.js';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

describe('extending an approval deadline', () => {
  it('moves the deadline, journals who and why, and only for listed approvers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-extend-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      [
        'flowsmith: "1.0"',
        'name: a',
        'start: ask',
        'steps:',
        '  ask: {type: approval, approvers: [ops], timeout: 1h, onTimeout: late, next: done}',
        '  late: {type: fail, error: Late}',
        '  done: {type: succeed}',
        '',
      ].join('\n'),
    );
    const journal = openJournal(join(dir, 'store.db'));
    const service = new RunService({ journal, workRoot: join(dir, 'runs') });
    const driver = service.startRun({ path: join(dir, 'a.yaml'), mode: 'simulate' });
    await driver.drive({ stopWhenWaiting: true });
    const started = driver.state.startedAt;
    expect(() => service.extendApproval({ run: driver.id, step: 'ask', by: '2h', as: 'mallory' })).toThrow(RunRequestError);
    const { dueAt } = service.extendApproval({ run: driver.id, step: 'ask', by: '2h', as: 'ops', comment: 'waiting for the vendor' });
    expect(dueAt).toBe(started + 3 * 3_600_000);
    expect(driver.state.steps.ask?.approval?.extensions).toEqual([
      { by: 'ops', at: started, dueAt, comment: 'waiting for the vendor' },
    ]);
    // Nobody answers: the approval times out at the extended deadline, in virtual time.
    const state = await driver.drive({ stopWhenWaiting: false });
    expect(state.error?.name).toBe('Late');
    expect(state.steps.ask?.endedAt).toBe(started + 3 * 3_600_000);
    expect(journal.events(driver.id).some((e) => e.event.type === 'ApprovalExtended')).toBe(true);
  });
});
