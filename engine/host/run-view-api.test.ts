/**
 * HostApi for the designer's run views (issue #9): cancelRun rolls back completed steps; watchRun /
 * unwatchRun go to the host's RunWatches; getWorkspace names the OS user.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { createHostApi } from './host-api.js';
import { RunService } from '../service/run-service.js';
import { RunWatches } from './run-watches.js';

const FLOW = [
  'flowsmith: "1.0"',
  'name: gate',
  'start: setup',
  'steps:',
  '  setup: {type: task, shell: "echo up", compensate: {shell: "echo down"}, next: ask}',
  '  ask: {type: approval, approvers: [ops], next: done}',
  '  done: {type: succeed}',
];

describe('run views over HostApi', () => {
  it('cancels a waiting run with rollback, counts watches, names the OS user', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fs-run-view-'));
    writeFileSync(join(root, 'gate.yaml'), FLOW.join('\n') + '\n');
    const service = new RunService({ journal: openJournal(join(root, 'store.db')), workRoot: join(root, 'runs') });
    const watches = new RunWatches();
    const api = createHostApi(service, { root, openPath: null }, { watches });

    expect((await api.getWorkspace({})).user).toBe(userInfo().username);

    const { run } = await api.startRun({ path: 'gate.yaml', mode: 'run' });
    await api.watchRun({ run });
    expect(watches.streams(run)).toBe(true);
    expect(watches.streams('another')).toBe(false);
    await expect.poll(async () => (await api.getRun({ run })).record.status).toBe('waiting');

    await api.cancelRun({ run });
    await expect.poll(async () => (await api.getRun({ run })).record.status).toBe('cancelled');
    const { record, events } = await api.getRun({ run });
    expect(record.steps.setup?.status).toBe('compensated');
    expect(events.map((e) => e.event.type)).toContain('StepCompensated');
    await api.unwatchRun({ run });
    expect(watches.streams(run)).toBe(false);
  });
});
