import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

describe('join mode any', () => {
  it('cancels the branches still running when the first one arrives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-join-any-'));
    writeFileSync(
      join(dir, 'race.yaml'),
      [
        'flowsmith: "1.0"',
        'name: race',
        'start: fan',
        'steps:',
        '  fan: {type: parallel, branches: [fast, slow], join: first}',
        '  fast: {type: task, shell: "echo fast", next: first}',
        '  slow: {type: task, shell: "sleep 5; touch slow-done", next: slow-2}',
        '  slow-2: {type: task, shell: "touch slow-2-done", next: first}',
        '  first: {type: join, mode: any, next: done}',
        '  done: {type: succeed}',
        '',
      ].join('\n'),
    );
    const service = new RunService({ journal: openJournal(join(dir, 'store.db')), workRoot: join(dir, 'runs') });
    const state = await service.drive(service.startRun({ path: join(dir, 'race.yaml') }), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.steps.slow?.status).toBe('cancelled');
    expect(state.path.filter((s) => s === 'first')).toHaveLength(1);
    expect(state.path).not.toContain('slow-2');
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(join(state.workdir, 'slow-done'))).toBe(false);
  });
});
