import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployWorkspaceHost } from './test-helpers.js';

/** A build that fails once then succeeds (retried), an approval, done. */
const FLOW = [
  'flowsmith: "1.0"',
  'name: saved',
  'start: build',
  'steps:',
  '  build:',
  '    type: task',
  '    shell: "if [ -f marker ]; then echo built {{ $input.version }}; else touch marker; echo broken >&2; exit 1; fi"',
  '    retry: {maxAttempts: 2, delay: 1ms}',
  '    next: gate',
  '  gate: {type: approval, approvers: [ops], message: ship?, next: done}',
  '  done: {type: succeed}',
  '',
].join('\n');

describe('Save as scenario (HostApi saveScenario)', () => {
  it('writes a finished run as a scenario that passes when simulated', async () => {
    const { root, api } = deployWorkspaceHost('fs-save-scenario-');
    const path = join(root, 'saved.yaml');
    writeFileSync(path, FLOW);
    const { run } = await api.startRun({ path, mode: 'run', input: { version: '1.2.3' } });
    await expect.poll(async () => (await api.getRun({ run })).record.status, { timeout: 20_000 }).toBe('waiting');
    // Not finished yet: refused.
    await expect(api.saveScenario({ run, name: 'too early' })).rejects.toThrow(/only a run that succeeded or failed/);
    await api.answerApproval({ run, step: 'gate', verdict: 'approve', as: 'ops', comment: 'fine' });
    await expect.poll(async () => (await api.getRun({ run })).record.status, { timeout: 20_000 }).toBe('succeeded');

    const saved = await api.saveScenario({ run, name: 'built on the second try' });
    expect(saved.scenarioPath).toBe(join(root, 'saved.scenarios.yaml'));
    const text = readFileSync(saved.scenarioPath, 'utf8');
    expect(text).toContain('name: built on the second try');
    expect(text).toContain('ShellExit');

    const tested = await api.testScenarios({ path, name: 'built on the second try' });
    expect(tested.findings).toEqual([]);
    expect(tested.results.map((r) => [r.name, r.passed, r.record?.path])).toEqual([
      ['built on the second try', true, ['build', 'build', 'gate', 'done']],
    ]);
    await expect(api.saveScenario({ run, name: 'built on the second try' })).rejects.toThrow(/already has a scenario named/);
  });
});
