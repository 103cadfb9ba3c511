/**
 * A script past its memory limit fails its step only (issue #11 item 2): before the QuickJS
 * isolate, `'x'.repeat(2 ** 27)` aborted the engine process, and every restart resumed the run and
 * aborted again. Here the run is left unfinished as by a crash, resumed by a new service, and goes
 * on past the failed step; a further restart finds nothing to resume.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

describe('script limits on resume', () => {
  it('fails the hungry step, continues the run, and leaves nothing for the next restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-script-limits-'));
    const flow = join(dir, 'hog.yaml');
    writeFileSync(
      flow,
      [
        'flowsmith: "1.0"',
        'name: hog',
        'start: hog',
        'steps:',
        `  hog: {type: task, script: "'x'.repeat(2 ** 27).length", continueOnError: true, next: after}`,
        '  after: {type: task, script: "({ ok: true })"}',
        '',
      ].join('\n'),
    );
    const db = join(dir, 'store.db');
    const crashed = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    const id = crashed.startRun({ path: flow }).id; // journaled RunStarted, then "the process died"
    const next = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    expect(next.resumeUnfinished()).toEqual([id]);
    await expect.poll(() => next.state(id).status, { timeout: 30_000 }).toBe('succeeded');
    const hog = next.state(id).steps.hog;
    expect(hog?.status).toBe('failed');
    expect(hog?.error).toMatchObject({ name: 'ScriptError', details: { reason: 'memory', memoryMb: 64 } });
    expect(next.state(id).steps.after?.output).toEqual({ ok: true });
    const again = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    expect(again.resumeUnfinished()).toEqual([]);
  });
});
