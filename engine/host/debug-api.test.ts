import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import type { HostApi } from './api.js';
import { createHostApi } from './host-api.js';
import { RunService } from '../service/run-service.js';

const FLOW = [
  'flowsmith: "1.0"',
  'name: dbg',
  'vars: {n: 1}',
  'start: one',
  'steps:',
  '  one: {type: task, shell: "echo one", output: $.stdout, next: two}',
  '  two: {type: task, shell: "echo {{ $vars.n }} {{ $steps.one.output }}", output: $.stdout}',
];

async function until(api: HostApi, run: string, status: string): Promise<Awaited<ReturnType<HostApi['getRun']>>['record']> {
  for (let i = 0; i < 200; i++) {
    const { record } = await api.getRun({ run });
    if (record.status === status) return record;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`run ${run} never became ${status}`);
}

describe('debugging over HostApi', () => {
  it('breakpoint, edit vars, continue, then run from a step of the finished run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fs-debug-api-'));
    writeFileSync(join(root, 'dbg.yaml'), FLOW.join('\n') + '\n');
    const service = new RunService({ journal: openJournal(join(root, 'store.db')), workRoot: join(root, 'runs') });
    const api = createHostApi(service, { root, openPath: null });

    const { run } = await api.startRun({ path: 'dbg.yaml', mode: 'run', breakpoints: ['two'] });
    let record = await until(api, run, 'paused');
    expect(record.path).toEqual(['one']);
    await api.editVars({ run, vars: { n: 42 }, as: 'dev' });
    await api.continueRun({ run });
    record = await until(api, run, 'succeeded');
    expect(record.steps.two?.output).toBe('42 one');

    const again = await api.runFrom({ run, step: 'two' });
    record = await until(api, again.run, 'succeeded');
    // The new run starts at `two` and sees the earlier run's vars and `$steps.one.output`.
    expect(record.path).toEqual(['two']);
    expect(record.steps.two?.output).toBe('42 one');
    await expect(api.runFrom({ run, step: 'nope' })).rejects.toThrow(/nope is not a step of dbg/);
  });
});
